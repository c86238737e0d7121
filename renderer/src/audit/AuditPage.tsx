import { Button, Code, Group, Pagination, Paper, Select, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconHistory, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { auditActionLabels, auditEntityLabels, type AuditFilter, type AuditRow } from '../../../shared/api/audit';
import { saveFile } from '../api/files';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { DataTable, type DataColumn } from '../components/DataTable';
import { DateField } from '../common/DateField';
import { EmptyState } from '../common/EmptyState';
import { PageHeader } from '../common/PageHeader';
import { waktu } from '../common/format';

const PAGE_SIZE = 50;

function show(v: unknown): string {
  if (v == null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Only the fields an update changed, "field: before → after"; for a create or delete, the values themselves. */
function changeLines(row: AuditRow): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  const { before, after } = row;
  if (isObj(before) && isObj(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((k) => show(before[k]) !== show(after[k]))
      .map((k) => `${k}: ${show(before[k]) || '—'} → ${show(after[k]) || '—'}`);
  }
  const one = after ?? before;
  if (isObj(one)) return Object.entries(one).map(([k, v]) => `${k}: ${show(v)}`);
  return one == null ? [] : [show(one)];
}

/** The log's columns; it comes newest first from the core, a page at a time, so only the page is sorted here. */
const auditColumns: DataColumn<AuditRow>[] = [
  { id: 'at', header: 'Waktu', width: 150, sortValue: (r) => r.at, cell: (r) => <Text size="sm">{waktu(r.at, { detik: true })}</Text> },
  { id: 'username', header: 'Pengguna', width: 110, sortValue: (r) => r.username, cell: (r) => <Text size="sm">{r.username ?? <Text span c="dimmed" size="sm">(sistem)</Text>}</Text> },
  { id: 'action', header: 'Tindakan', width: 130, sortValue: (r) => auditActionLabels[r.action] ?? r.action, cell: (r) => <Text size="sm">{auditActionLabels[r.action] ?? r.action}</Text> },
  { id: 'entity', header: 'Data', width: 150, sortValue: (r) => auditEntityLabels[r.entity] ?? r.entity, cell: (r) => <Text size="sm">{auditEntityLabels[r.entity] ?? r.entity}{r.entityId ? ` #${r.entityId}` : ''}</Text> },
  {
    id: 'change',
    header: 'Perubahan',
    cell: (r) => {
      const lines = changeLines(r);
      return (
        <>
          {r.note && <Text size="sm">{r.note}</Text>}
          {lines.length > 0 && (
            <Tooltip label={<Code block>{lines.join('\n')}</Code>} multiline maw={600} disabled={lines.length <= 3} withinPortal>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} lineClamp={3}>{lines.join('\n')}</Text>
            </Tooltip>
          )}
        </>
      );
    },
  },
];

/** Pengaturan › Log Audit: the app's whole history, read-only (admin and pimpinan). */
export function AuditPage() {
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [username, setUsername] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [entity, setEntity] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const filter: AuditFilter = {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(username ? { username } : {}),
    ...(action ? { action } : {}),
    ...(entity ? { entity } : {}),
    ...(debouncedQ.trim() ? { q: debouncedQ.trim() } : {}),
  };
  const badRange = !!from && !!to && from > to;
  const facets = useApiQuery('audit.facets', undefined);
  const list = useApiQuery('audit.list', { filter, page: page - 1, pageSize: PAGE_SIZE }, { enabled: !badRange, placeholderData: (prev) => prev });
  const exportLog = useApiMutation('audit.export', { invalidate: ['audit'] });
  const total = list.data?.total ?? 0;
  const filtered = Object.keys(filter).length > 0;
  const resetPage = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title="Log audit"
        description="Siapa mengubah apa dan kapan: setiap penambahan, perubahan, impor, pembatalan, ekspor, cetak dan masuk. Log tidak dapat diubah atau dihapus."
        actions={
          <Button variant="default" leftSection={<IconDownload size={16} />} loading={exportLog.isPending} disabled={total === 0 || badRange}
            onClick={() => exportLog.mutate(filter, { onSuccess: (file) => void saveFile(file) })}>
            Ekspor Excel
          </Button>
        }
      />
      <Group mb="sm" align="flex-end" gap="sm">
        <DateField label="Dari tanggal" value={from} onChange={resetPage(setFrom)} clearable w={150} />
        <DateField label="Sampai tanggal" value={to} onChange={resetPage(setTo)} clearable w={150} error={badRange ? 'Sebelum tanggal awal' : undefined} />
        <Select label="Pengguna" placeholder="Semua" data={facets.data?.usernames ?? []} value={username} onChange={resetPage(setUsername)} clearable searchable w={150} />
        <Select label="Tindakan" placeholder="Semua" data={(facets.data?.actions ?? []).map((a) => ({ value: a, label: auditActionLabels[a] ?? a }))} value={action} onChange={resetPage(setAction)} clearable w={170} />
        <Select label="Data" placeholder="Semua" data={(facets.data?.entities ?? []).map((e) => ({ value: e, label: auditEntityLabels[e] ?? e }))} value={entity} onChange={resetPage(setEntity)} clearable searchable w={160} />
        <TextInput label="Cari" placeholder="NIK, nama, nomor…" leftSection={<IconSearch size={16} />} value={q} onChange={(e) => { setQ(e.currentTarget.value); setPage(1); }} w={200} />
      </Group>
      {!list.isLoading && total === 0 && !filtered ? (
        <EmptyState icon={<IconHistory size={30} />} title="Belum ada catatan">Catatan muncul di sini begitu ada yang masuk, menambah atau mengubah data.</EmptyState>
      ) : (
        <Paper withBorder>
          <DataTable query={{ data: list.data?.rows, isLoading: list.isLoading }} columns={auditColumns} maxHeight="calc(100vh - 330px)" verticalSpacing={6} data-testid="audit-table"
            empty={badRange ? 'Tanggal akhir harus setelah tanggal awal.' : 'Tidak ada catatan yang cocok dengan penyaringan ini.'} />
        </Paper>
      )}
      {total > PAGE_SIZE && (
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed">{total.toLocaleString('id-ID')} catatan</Text>
          <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} size="sm" />
        </Group>
      )}
    </>
  );
}
