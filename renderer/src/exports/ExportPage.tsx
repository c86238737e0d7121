import { Alert, Badge, Button, Card, Group, Loader, NavLink, Paper, Progress, ScrollArea, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconDownload, IconEdit, IconFileSpreadsheet, IconFileImport, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { exportFilterSchema, exportSourceDefs, type ExportFiltersInput, type ExportResult, type ExportTemplate } from '../../../shared/api/exports';
import type { JobStatus } from '../../../shared/api/jobs';
import { formatAngka } from '../../../shared/domain/rupiah';
import { api, type ApiError } from '../api/client';
import { saveFile } from '../api/files';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { EmptyState } from '../common/EmptyState';
import { PageHeader } from '../common/PageHeader';
import { DataTable, type DataColumn } from '../components/DataTable';
import { useMay } from '../common/useMay';
import { useJob } from '../jobs';
import { ExportFilters } from './ExportFilters';
import { ERROR_INLINE } from '../api/queryErrors';

const filterLabels: Record<string, string> = {
  periode: 'periode',
  wilayah: 'wilayah',
  program: 'program',
  sumberDana: 'sumber dana',
  status: 'status',
  penyerahan: 'serah terima',
  opd: 'OPD',
};

function TemplateList({ templates, selected }: { templates: ExportTemplate[]; selected: number | null }) {
  const [q, setQ] = useState('');
  const shown = templates.filter((t) => t.nama.toLowerCase().includes(q.trim().toLowerCase()));
  const group = (builtin: boolean) => shown.filter((t) => t.builtin === builtin);
  return (
    <Paper withBorder radius="md" p="xs" w={300} style={{ flexShrink: 0 }}>
      <TextInput placeholder="Cari templat…" value={q} onChange={(e) => setQ(e.currentTarget.value)} mb="xs" aria-label="Cari templat" />
      <ScrollArea.Autosize mah="calc(100vh - 230px)">
        {[true, false].map((builtin) =>
          group(builtin).length === 0 ? null : (
            <Stack key={String(builtin)} gap={0} mb="sm">
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="xs" mb={4}>
                {builtin ? 'Templat bawaan' : 'Salinan kantor'}
              </Text>
              {group(builtin).map((t) => (
                <NavLink
                  key={t.id}
                  label={t.nama}
                  description={exportSourceDefs[t.def.source].label}
                  active={t.id === selected}
                  component={Link}
                  to={`/ekspor?templat=${t.id}`}
                  leftSection={<IconFileSpreadsheet size={18} />}
                  data-testid={`template-${t.key ?? t.id}`}
                />
              ))}
            </Stack>
          ),
        )}
      </ScrollArea.Autosize>
    </Paper>
  );
}

function ExportRunner({ template }: { template: ExportTemplate }) {
  const may = useMay();
  const navigate = useNavigate();
  const source = exportSourceDefs[template.def.source];
  const [filters, setFilters] = useState<ExportFiltersInput>({});
  const [debounced] = useDebouncedValue(filters, 300);
  const parsed = exportFilterSchema.safeParse(debounced);
  const filterErrors = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
  const needsPenyerahan = source.filters.includes('penyerahan') && !debounced.penyerahanId;
  const options = useApiQuery('exports.options', undefined);
  const preview = useApiQuery('exports.preview', { templateId: template.id, filters: debounced }, { enabled: parsed.success && !needsPenyerahan, retry: false, meta: ERROR_INLINE });
  const job = useJob<ExportResult>();
  const [starting, setStarting] = useState(false);
  const result = job.status?.state === 'done' ? job.status.result : null;

  useEffect(() => {
    if (result) void saveFile(result.file).catch((e: Error) => notifications.show({ color: 'red', message: e.message }));
  }, [result]);

  const duplicate = useApiMutation('exports.duplicateTemplate', { invalidate: ['exports'], success: (t) => `Salinan "${t.nama}" dibuat. Silakan ubah kolomnya.` });
  const remove = useApiMutation('exports.deleteTemplate', { invalidate: ['exports'] });
  const restore = useApiMutation('exports.restoreTemplate', { invalidate: ['exports'], success: 'Templat dikembalikan.' });

  const askCopy = () => {
    let nama = `${template.nama} (salinan)`;
    modals.openConfirmModal({
      title: 'Salin templat',
      children: (
        <Stack gap="xs">
          <Text size="sm">Salinan dapat diubah: judul kolom, urutan, kolom yang dipakai, judul laporan. Templat bawaan tetap seperti aslinya.</Text>
          <TextInput label="Nama salinan" defaultValue={nama} onChange={(e) => (nama = e.currentTarget.value)} data-autofocus data-testid="copy-name" />
        </Stack>
      ),
      labels: { confirm: 'Buat salinan', cancel: 'Batal' },
      onConfirm: () => duplicate.mutate({ id: template.id, nama }, { onSuccess: (t) => navigate(`/ekspor/templat/${t.id}`) }),
    });
  };

  const askDelete = () =>
    modals.openConfirmModal({
      title: 'Hapus salinan templat?',
      children: <Text size="sm">Templat "{template.nama}" tidak akan tampil lagi. Berkas yang sudah diekspor tidak terpengaruh.</Text>,
      labels: { confirm: 'Hapus', cancel: 'Batal' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(
          { id: template.id },
          {
            onSuccess: () => {
              navigate('/ekspor');
              notifications.show({
                color: 'gray',
                message: (
                  <Group gap="xs">
                    <Text size="sm">Templat "{template.nama}" dihapus.</Text>
                    <Button size="compact-xs" variant="light" onClick={() => restore.mutate({ id: template.id }, { onSuccess: () => navigate(`/ekspor?templat=${template.id}`) })}>
                      Batalkan
                    </Button>
                  </Group>
                ),
                autoClose: 10_000,
              });
            },
          },
        ),
    });

  const run = async () => {
    if (!parsed.success) return;
    setStarting(true);
    try {
      job.follow((await api.exports.run({ templateId: template.id, filters })) as JobStatus<ExportResult>);
    } catch (e) {
      notifications.show({ color: 'red', title: 'Ekspor tidak dapat dimulai', message: (e as ApiError).message, autoClose: 8000 });
    } finally {
      setStarting(false);
    }
  };

  const rows = preview.data?.rows;
  const pct = job.status?.total ? Math.min(100, (job.status.done / job.status.total) * 100) : 0;
  return (
    <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={3}>{template.nama}</Title>
            {template.builtin ? <Badge variant="light">Bawaan</Badge> : <Badge variant="light" color="teal">Salinan</Badge>}
          </Group>
          <Text size="sm" c="dimmed">
            {template.deskripsi || exportSourceDefs[template.def.source].label} Sheet "{template.def.sheetName}", {template.def.columns.length} kolom, {source.row}.
          </Text>
        </Stack>
        {may('templates.manage') && (
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" leftSection={<IconCopy size={16} />} onClick={askCopy}>
              Salin
            </Button>
            {!template.builtin && (
              <>
                <Button variant="default" leftSection={<IconEdit size={16} />} component={Link} to={`/ekspor/templat/${template.id}`}>
                  Ubah
                </Button>
                <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={askDelete} aria-label="Hapus salinan">
                  Hapus
                </Button>
              </>
            )}
          </Group>
        )}
      </Group>

      <Card withBorder radius="md">
        <Text fw={600} mb="xs">
          Filter
        </Text>
        <ExportFilters filters={filters} onChange={setFilters} use={source.filters} source={template.def.source} options={options.data} errors={filterErrors} />
        {preview.data && preview.data.ignoredFilters.length > 0 && (
          <Text size="xs" c="dimmed" mt="xs">
            Filter {preview.data.ignoredFilters.map((k) => filterLabels[k]).join(', ')} tidak berlaku untuk templat ini.
          </Text>
        )}
      </Card>

      {job.status?.state === 'running' && (
        <Paper withBorder p="md" radius="md" aria-live="polite">
          <Stack gap="xs">
            <Text fw={600}>Menulis berkas Excel…</Text>
            <Progress value={pct} animated size="lg" aria-label="Kemajuan ekspor" />
            <Group justify="space-between">
              <Text size="sm" c="dimmed" data-testid="export-progress">
                {job.status.label}
                {job.status.ratePerSecond ? ` — ${formatAngka(job.status.ratePerSecond)} baris/detik` : ''}
              </Text>
              <Button variant="default" color="red" onClick={() => void job.cancel()}>
                Batalkan
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {job.status?.state === 'failed' && (
        <Alert color="red" title="Ekspor gagal">
          {job.status.error?.message}
        </Alert>
      )}
      {job.status?.state === 'cancelled' && <Alert color="gray">Ekspor dibatalkan. Tidak ada berkas yang dibuat.</Alert>}
      {result && (
        <Alert color="green" title="Ekspor selesai" data-testid="export-done">
          <Group justify="space-between">
            <Text size="sm">
              {formatAngka(result.rows)} baris ditulis ke "{result.file.name}".
            </Text>
            <Button size="xs" variant="light" leftSection={<IconDownload size={14} />} onClick={() => void saveFile(result.file)}>
              Simpan lagi
            </Button>
          </Group>
        </Alert>
      )}
      <Card withBorder radius="md">
        <Group justify="space-between" mb="sm">
          <Text data-testid="export-count" fw={600}>
            {needsPenyerahan
              ? 'Pilih kegiatan serah terima untuk melihat penerimanya.'
              : preview.isFetching && rows === undefined
                ? 'Menghitung baris…'
                : preview.isError
                  ? preview.error.message
                  : rows !== undefined
                    ? rows === 0
                      ? 'Tidak ada baris yang cocok dengan filter ini.'
                      : `Ekspor ini akan berisi ${formatAngka(rows)} baris.`
                    : ''}
          </Text>
          <Button leftSection={<IconDownload size={16} />} onClick={() => void run()} loading={starting} disabled={!rows || job.running} data-testid="export-run">
            Ekspor ke Excel
          </Button>
        </Group>
        {preview.isFetching && rows !== undefined && <Loader size="xs" />}
        {preview.data && preview.data.sample.length > 0 && (
          <ScrollArea type="auto">
            {/* The export's first rows, in its own order and columns: the headers do not sort. */}
            <DataTable
              query={{ data: preview.data.sample, isLoading: false }}
              columns={preview.data.headers.map((h, i): DataColumn<(typeof preview.data.sample)[number]> => ({
                id: String(i),
                header: <span style={{ whiteSpace: 'pre-line' }}>{h}</span>,
                cell: (r) => <span style={{ whiteSpace: 'nowrap' }}>{r[i]}</span>,
              }))}
              rowKey={(_r, i) => i}
              withTableBorder
              withColumnBorders
              fz="xs"
              verticalSpacing={7}
              aria-label="Contoh baris pertama"
            />
          </ScrollArea>
        )}
        {preview.data && preview.data.sample.length > 0 && (
          <Text size="xs" c="dimmed" mt={6}>
            {Math.min(5, rows ?? 0)} baris pertama sebagai contoh.
          </Text>
        )}
      </Card>

    </Stack>
  );
}

export function ExportPage() {
  const templates = useApiQuery('exports.templates', {}, { meta: ERROR_INLINE });
  const [params] = useSearchParams();
  const selectedId = Number(params.get('templat')) || null;
  const list = useMemo(() => templates.data ?? [], [templates.data]);
  const selected = list.find((t) => t.id === selectedId) ?? list[0] ?? null;
  return (
    <>
      <PageHeader
        title="Ekspor & laporan"
        description="Pilih templat, atur filter, lihat jumlah barisnya, lalu ekspor ke Excel. NIK dan No KK selalu ditulis sebagai teks."
        actions={
          <Button variant="default" leftSection={<IconFileImport size={16} />} component={Link} to="/ekspor/hasil-siks">
            Impor hasil SIKS-NG
          </Button>
        }
      />
      {templates.isLoading ? (
        <Loader />
      ) : templates.isError ? (
        <Alert color="red">{templates.error.message}</Alert>
      ) : !selected ? (
        <EmptyState icon={<IconFileSpreadsheet size={30} />} title="Belum ada templat">
          Templat bawaan dibuat otomatis; muat ulang halaman ini.
        </EmptyState>
      ) : (
        <Group align="flex-start" gap="md" wrap="nowrap">
          <TemplateList templates={list} selected={selected.id} />
          <ExportRunner key={selected.id} template={selected} />
        </Group>
      )}
    </>
  );
}
