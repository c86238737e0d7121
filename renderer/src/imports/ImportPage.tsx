import { Alert, Button, Card, Checkbox, FileButton, Group, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconDownload, IconFileSpreadsheet, IconHistory, IconMapPin, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { DuplicateMode, ImportCounts, ImportPreviewSample, ImportReport, RegionValueMapping as RegionMapping, StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import { formatAngka } from '../../../shared/domain/rupiah';
import { api, type ApiError } from '../api/client';
import { saveFile, uploadPickedFile } from '../api/files';
import { PageHeader } from '../common/PageHeader';
import { ManualMapping } from './ManualMapping';
import { MappingEditor } from './MappingEditor';
import { ProblemRows } from './ProblemRows';
import { RegionValueMapping, type MappedLabels } from './RegionValueMapping';
import { JobProgress, useJob } from '../jobs';

const MAX_MB = 200;

function CountCard({ label, value, color, testId }: { label: string; value: number; color?: string; testId: string }) {
  return (
    <Card withBorder padding="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={testId}>
        {formatAngka(value)}
      </Text>
    </Card>
  );
}

function CountGrid({ counts, testIdPrefix = '' }: { counts: ImportCounts; testIdPrefix?: string }) {
  return (
    <SimpleGrid cols={{ base: 3, md: 6 }}>
      <CountCard label="Baris data" value={counts.dataRows} testId={`${testIdPrefix}count-data`} />
      <CountCard label="Baru" value={counts.imported} color="green" testId={`${testIdPrefix}count-new`} />
      <CountCard label="Diperbarui" value={counts.updated} color="blue" testId={`${testIdPrefix}count-updated`} />
      <CountCard label="Ganda" value={counts.duplicateInFile + counts.duplicateRegistry} color="orange" testId={`${testIdPrefix}count-duplicate`} />
      <CountCard label="Ditolak" value={counts.rejected} color="red" testId={`${testIdPrefix}count-rejected`} />
      <CountCard label="Dengan peringatan" value={counts.withWarnings} color="yellow.8" testId={`${testIdPrefix}count-warnings`} />
    </SimpleGrid>
  );
}

/** A running preview's first rows and its counts so far (issue 20), until the full report replaces them. */
function PreviewSample({ sample }: { sample: ImportPreviewSample }) {
  return (
    <Stack data-testid="preview-sample">
      <Text size="sm" fw={600} data-testid="preview-sample-progress">
        Memeriksa… {formatAngka(sample.counts.dataRows)}
        {sample.totalRows ? ` dari ±${formatAngka(Math.max(sample.totalRows, sample.counts.dataRows))}` : ''} baris
      </Text>
      <CountGrid counts={sample.counts} testIdPrefix="sample-" />
      <ProblemRows
        rows={sample.rows}
        truncated={false}
        skipped={[]}
        title={`${formatAngka(sample.rows.length)} baris pertama (hasil sementara; laporan lengkap menyusul)`}
        filterable={false}
        testId="preview-sample-rows"
      />
    </Stack>
  );
}

export function ImportPage() {
  const [staged, setStaged] = useState<StagedFile | null>(null);
  const [uploading, setUploading] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [mapping, setMapping] = useState<Record<string, string> | undefined>(undefined);
  const [duplicateMode, setDuplicateMode] = useState<DuplicateMode>('merge');
  // The value-mapping step: unmatched region names mapped once for the whole sheet.
  const [regionMapping, setRegionMapping] = useState<RegionMapping[]>([]);
  const [regionLabels, setRegionLabels] = useState<MappedLabels>({});
  const [saveMapping, setSaveMapping] = useState(false);
  const [mappingName, setMappingName] = useState('');
  const preview = useJob<ImportReport>();
  const commit = useJob<ImportReport>();

  const report = preview.status?.state === 'done' ? preview.status.result : null;
  // While the preview runs, its first rows (issue 20); the full report replaces them when it ends.
  const sample = preview.status?.state === 'running' ? (preview.status.partial as ImportPreviewSample | undefined) : undefined;
  const committed = commit.status?.state === 'done' ? commit.status.result : null;

  const runPreview = async (
    file: StagedFile,
    opts: { sheet?: string | undefined; mapping?: Record<string, string> | undefined; duplicateMode: DuplicateMode; regionMapping?: RegionMapping[] },
  ) => {
    commit.reset();
    try {
      const { regionMapping: values = regionMapping, ...rest } = opts;
      const job = await api.imports.preview({ stagingId: file.stagingId, ...rest, ...(values.length ? { regionMapping: values } : {}) });
      preview.follow(job as JobStatus<ImportReport>);
    } catch (e) {
      notifications.show({ color: 'red', title: 'Gagal memeriksa', message: (e as ApiError).message });
    }
  };

  const pick = async (file: File | null) => {
    if (!file) return;
    setPickError(null);
    if (!/\.(xlsx|xls|ods|csv)$/i.test(file.name)) {
      setPickError(`Berkas "${file.name}" bukan .xlsx, .xls, .ods atau .csv. Simpan ulang dari Excel sebagai "Excel Workbook (*.xlsx)".`);
      return;
    }
    if (file.size > MAX_MB * 1024 * 1024) {
      setPickError(`Berkas terlalu besar (${formatAngka(Math.round(file.size / 1024 / 1024))} MB); batasnya ${MAX_MB} MB. Pecah data menjadi beberapa berkas.`);
      return;
    }
    setUploading(true);
    try {
      const s = await api.imports.upload(await uploadPickedFile(file, 'import'));
      setStaged(s);
      setSheet(undefined);
      setMapping(undefined);
      setRegionMapping([]);
      setSaveMapping(false);
      setMappingName(file.name.replace(/\.(xlsx|xls|ods|csv)$/i, ''));
      await runPreview(s, { duplicateMode, regionMapping: [] });
    } catch (e) {
      setPickError((e as ApiError).message);
    } finally {
      setUploading(false);
    }
  };

  const startCommit = () => {
    if (!staged || !report) return;
    const c = report.counts;
    modals.openConfirmModal({
      title: 'Simpan hasil impor ke registri?',
      children: (
        <Stack gap={4}>
          <Text size="sm">
            {formatAngka(c.imported)} orang baru ({formatAngka(c.keluargaBaru)} keluarga baru), {formatAngka(c.updated)} diperbarui.
          </Text>
          <Text size="sm">
            {formatAngka(c.rejected)} baris ditolak dan {formatAngka(c.duplicateInFile + c.duplicateRegistry)} baris ganda tidak disimpan.
          </Text>
          <Text size="sm" c="dimmed">
            Semua disimpan dalam satu langkah; impor ini dapat dibatalkan dari Riwayat Impor.
          </Text>
        </Stack>
      ),
      labels: { confirm: 'Simpan ke registri', cancel: 'Kembali' },
      onConfirm: () => {
        void (async () => {
          try {
            const job = await api.imports.commit({
              stagingId: staged.stagingId,
              sheet,
              mapping,
              duplicateMode,
              ...(regionMapping.length ? { regionMapping } : {}),
              ...(saveMapping && mappingName.trim() ? { saveMappingAs: mappingName.trim() } : {}),
            });
            commit.follow(job as JobStatus<ImportReport>);
          } catch (e) {
            notifications.show({ color: 'red', title: 'Gagal menyimpan', message: (e as ApiError).message });
          }
        })();
      },
    });
  };

  const restart = () => {
    setStaged(null);
    preview.reset();
    commit.reset();
    setPickError(null);
  };

  const shown = committed ?? report;

  return (
    <Stack>
      <PageHeader
        title="Impor lembar Excel"
        description="Usulan SIKS-NG, data DTKS/DTSEN, P3KE keluarga/individu, atau daftar sederhana. Setiap baris diperiksa dulu; tidak ada yang disimpan sebelum Anda menekan Simpan."
        actions={
          <Group gap="xs">
            <Button component={Link} to="/impor/lembar-kerja" variant="default" data-testid="ke-lembar-kerja">
              Terima lembar kerja
            </Button>
            <Button component={Link} to="/impor/nama-wilayah" variant="default" leftSection={<IconMapPin size={16} />}>
              Nama wilayah diingat
            </Button>
            <Button component={Link} to="/impor/riwayat" variant="default" leftSection={<IconHistory size={16} />}>
              Riwayat impor
            </Button>
          </Group>
        }
      />

      {!staged && (
        <Card withBorder padding="xl" radius="md">
          <Stack align="center" gap="sm">
            <IconFileSpreadsheet size={40} stroke={1.4} />
            <Text fw={600}>Pilih berkas .xlsx, .xls, .ods atau .csv</Text>
            <Text size="sm" c="dimmed" ta="center" maw={560}>
              Judul di atas tabel, baris nomor kolom, sel gabungan, blok tanda tangan dan sheet tersembunyi dikenali otomatis. Kolom NIK dan No KK sebaiknya berformat Teks.
            </Text>
            <FileButton onChange={(f) => void pick(f)} accept=".xlsx,.xls,.ods,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet,text/csv">
              {(props) => (
                <Button {...props} leftSection={<IconUpload size={16} />} loading={uploading} data-testid="pick-file">
                  Pilih berkas…
                </Button>
              )}
            </FileButton>
            {pickError && (
              <Alert color="red" icon={<IconAlertTriangle size={16} />} maw={640}>
                {pickError}
              </Alert>
            )}
          </Stack>
        </Card>
      )}

      {staged && preview.running && preview.status && <JobProgress status={preview.status} onCancel={() => void preview.cancel()} title={`Memeriksa ${staged.fileName}`} />}
      {staged && sample && sample.rows.length > 0 && <PreviewSample sample={sample} />}
      {staged && commit.running && commit.status && <JobProgress status={commit.status} onCancel={() => void commit.cancel()} title={`Menyimpan ${staged.fileName}`} />}

      {staged && (preview.status?.state === 'failed' || preview.status?.state === 'cancelled') && (
        <Alert color="red" title="Berkas tidak dapat diperiksa" icon={<IconAlertTriangle size={16} />} data-testid="import-error">
          <Stack gap="xs">
            <Text size="sm">{preview.status.error?.message}</Text>
            {preview.status.error?.code === 'IMPORT_NO_HEADER' && (
              <ManualMapping
                stagingId={staged.stagingId}
                onApply={(m, sh) => {
                  setMapping(m);
                  setSheet(sh);
                  setSaveMapping(true);
                  void runPreview(staged, { sheet: sh, mapping: m, duplicateMode });
                }}
              />
            )}
            <Group>
              <Button size="xs" variant="default" onClick={restart}>
                Pilih berkas lain
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {staged && (commit.status?.state === 'failed' || commit.status?.state === 'cancelled') && (
        <Alert color="red" title={commit.status.state === 'cancelled' ? 'Penyimpanan dibatalkan' : 'Penyimpanan gagal'} icon={<IconAlertTriangle size={16} />}>
          {commit.status.error?.message} Registri tidak berubah.
        </Alert>
      )}

      {committed && (
        <Alert color="green" icon={<IconCheck size={16} />} title={`Impor #${committed.batchId} tersimpan`} data-testid="commit-done">
          <Stack gap="xs">
            <Text size="sm">
              {formatAngka(committed.counts.imported)} orang baru dan {formatAngka(committed.counts.updated)} diperbarui masuk registri dalam {committed.seconds < 1 ? 'kurang dari 1' : committed.seconds.toLocaleString('id-ID', { maximumFractionDigits: 1 })} detik.
            </Text>
            <Group>
              <Button size="xs" component={Link} to="/registri">
                Lihat registri
              </Button>
              <Button size="xs" variant="default" component={Link} to="/impor/riwayat">
                Riwayat impor
              </Button>
              <Button size="xs" variant="default" onClick={restart}>
                Impor berkas lain
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}

      {staged && shown && !commit.running && (
        <Stack>
          <Group justify="space-between" align="flex-end">
            <Stack gap={0}>
              <Text fw={600} data-testid="report-file">
                {shown.fileName}
              </Text>
              <Text size="sm" c="dimmed">
                Sheet "{shown.sheet}" · format terdeteksi: <b data-testid="report-preset">{shown.preset.label}</b> · judul kolom di baris {shown.headerRow}, data mulai baris {shown.dataStartRow}
                {shown.savedMapping ? ` · memakai pemetaan tersimpan "${shown.savedMapping}"` : ''}
              </Text>
            </Stack>
            {!committed && shown.sheets.filter((s) => !s.hidden).length > 1 && (
              <Select
                label="Sheet"
                w={220}
                data={shown.sheets.map((s) => ({ value: s.name, label: s.hidden ? `${s.name} (tersembunyi)` : s.name }))}
                value={shown.sheet}
                onChange={(v) => {
                  if (!v) return;
                  setSheet(v);
                  setMapping(undefined);
                  setRegionMapping([]);
                  void runPreview(staged, { sheet: v, duplicateMode, regionMapping: [] });
                }}
                allowDeselect={false}
              />
            )}
          </Group>

          <CountGrid counts={shown.counts} />

          {shown.rejectedFile && (
            <Group>
              <Button variant="light" color="red" leftSection={<IconDownload size={16} />} onClick={() => void saveFile(shown.rejectedFile!)} data-testid="download-rejected">
                Unduh baris ditolak (.xlsx)
              </Button>
              <Text size="sm" c="dimmed">
                Berisi kolom asli ditambah "Keterangan Kesalahan"; perbaiki lalu impor ulang.
              </Text>
            </Group>
          )}

          {!committed && (
            <MappingEditor
              columns={shown.columns}
              dirty={mapping !== undefined}
              onApply={(m) => {
                setMapping(m);
                void runPreview(staged, { sheet, mapping: m, duplicateMode });
              }}
            />
          )}

          {!committed && (
            <RegionValueMapping
              values={shown.regionValues}
              applied={regionMapping}
              labels={regionLabels}
              onApply={(m, labels) => {
                setRegionMapping(m);
                setRegionLabels(labels);
                void runPreview(staged, { sheet, mapping, duplicateMode, regionMapping: m });
              }}
            />
          )}

          <ProblemRows rows={shown.rows} truncated={shown.rowsTruncated} skipped={shown.skipped} />

          {!committed && (
            <Card withBorder radius="md" padding="md">
              <Stack gap="sm">
                <Radio.Group
                  label="NIK yang sudah ada di registri"
                  value={duplicateMode}
                  onChange={(v) => {
                    const mode = v as DuplicateMode;
                    setDuplicateMode(mode);
                    void runPreview(staged, { sheet, mapping, duplicateMode: mode });
                  }}
                >
                  <Group mt={4}>
                    <Radio value="merge" label="Perbarui data orang tersebut dengan isian berkas (gabung)" />
                    <Radio value="skip" label="Lewati, jangan ubah data registri" />
                  </Group>
                </Radio.Group>
                <Group align="flex-end">
                  <Checkbox label="Simpan pemetaan kolom ini untuk berkas berformat sama" checked={saveMapping} onChange={(e) => setSaveMapping(e.currentTarget.checked)} />
                  {saveMapping && <TextInput size="xs" aria-label="Nama pemetaan" value={mappingName} onChange={(e) => setMappingName(e.currentTarget.value)} maxLength={80} />}
                </Group>
                <Group justify="space-between">
                  <Button variant="default" onClick={restart}>
                    Batal, pilih berkas lain
                  </Button>
                  <Button onClick={startCommit} disabled={shown.counts.imported + shown.counts.updated === 0} data-testid="commit">
                    Simpan {formatAngka(shown.counts.imported + shown.counts.updated)} baris ke registri
                  </Button>
                </Group>
              </Stack>
            </Card>
          )}
        </Stack>
      )}
    </Stack>
  );
}
