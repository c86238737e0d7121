import { Alert, Badge, Button, FileButton, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { JobStatus } from '../../../shared/api/jobs';
import type { WorkbookFamilyDiff, WorkbookReport } from '../../../shared/api/workbooks';
import { api, type ApiError } from '../api/client';
import { uploadPickedFile } from '../api/files';
import { useApiQuery } from '../api/hooks';
import { KecamatanSelect } from '../common/KecamatanSelect';
import { PageHeader } from '../common/PageHeader';
import { JobProgress, useJob } from '../jobs';
import { useMakeWorkbook, WorkbookStatusTable } from './WorkbookReturns';

const STATUS_LABEL = { pindah: 'Pindah', meninggal: 'Meninggal', keluar: 'Keluar' } as const;
const tgl = (iso: string) => (iso ? iso.slice(0, 10).split('-').reverse().join('/') : '–');

/** Makes a desa's workbook (or a kecamatan's zip) for its operator. */
function IssueCard() {
  const [kecamatan, setKecamatan] = useState<string | null>(null);
  const [desa, setDesa] = useState<string | null>(null);
  const desaList = useApiQuery('regions.children', { parent: kecamatan }, { enabled: !!kecamatan });
  const returned = useApiQuery('workbooks.status', { kecamatan: kecamatan ?? '' }, { enabled: !!kecamatan });
  const { busy, error, make: run } = useMakeWorkbook(() => void returned.refetch());
  const make = (which: 'desa' | 'kec') => run(which, () => (which === 'desa' ? api.workbooks.issue({ desa: desa! }) : api.workbooks.issueKecamatan({ kecamatan: kecamatan! })));
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Title order={4}>Buat lembar kerja operator</Title>
        <Text size="sm" c="dimmed">
          Satu berkas Excel per desa/kelurahan: keluarga dan anggota yang tercatat untuk diperbarui, baris kosong untuk usulan baru, pilihan (drop-down) dari daftar aplikasi, NIK/No KK sebagai teks 16 angka, dan petunjuk pengisian.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <KecamatanSelect label="Kecamatan" placeholder="Pilih kecamatan" value={kecamatan} onChange={(v) => { setKecamatan(v); setDesa(null); }} required testId="lk-kecamatan" />
          <Select
            label="Desa/kelurahan"
            placeholder="Pilih desa/kelurahan"
            data={(desaList.data ?? []).map((d) => ({ value: d.kode, label: d.nama }))}
            value={desa}
            onChange={setDesa}
            searchable
            disabled={!kecamatan}
            data-testid="lk-desa"
          />
        </SimpleGrid>
        {error && <Alert color="red">{error}</Alert>}
        <Group>
          <Button leftSection={<IconFileSpreadsheet size={16} />} disabled={!desa} loading={busy === 'desa'} onClick={() => void make('desa')} data-testid="lk-buat">
            Buat lembar kerja desa ini
          </Button>
          <Button variant="light" leftSection={<IconDownload size={16} />} disabled={!kecamatan} loading={busy === 'kec'} onClick={() => void make('kec')}>
            Semua desa kecamatan ini (zip)
          </Button>
        </Group>
        {kecamatan && (returned.data ?? []).length > 0 && <WorkbookStatusTable rows={returned.data ?? []} />}
      </Stack>
    </Paper>
  );
}

function FamilyRows({ f }: { f: WorkbookFamilyDiff }) {
  return (
    <>
      <Table.Tr bg="var(--mantine-color-gray-0)">
        <Table.Td colSpan={4}>
          <Group gap="xs">
            <Text fw={700}>No KK {f.noKk || '–'}</Text>
            {f.kepala && <Text size="sm">{f.kepala}</Text>}
            {f.baru && <Badge color="green">Keluarga baru</Badge>}
          </Group>
        </Table.Td>
      </Table.Tr>
      {f.changed.flatMap((r) => [
        ...r.changes.map((c, i) => (
          <Table.Tr key={`c${r.row}-${i}`}>
            <Table.Td>{i === 0 ? `${r.nama ?? ''} (${r.nik ?? ''})` : ''}</Table.Td>
            <Table.Td>{c.label}</Table.Td>
            <Table.Td c="dimmed">{c.before ?? '–'}</Table.Td>
            {/* An emptied cell clears the stored value. */}
            <Table.Td fw={600}>{c.after ?? (c.before !== null ? <Text span inherit c="red.8" fs="italic">dikosongkan</Text> : '–')}</Table.Td>
          </Table.Tr>
        )),
        ...r.warnings.map((w, i) => (
          <Table.Tr key={`w${r.row}-${i}`}>
            <Table.Td>{r.changes.length === 0 && i === 0 ? `${r.nama ?? ''} (${r.nik ?? ''})` : ''}</Table.Td>
            <Table.Td colSpan={3} c="orange.8">{w}</Table.Td>
          </Table.Tr>
        )),
      ])}
      {f.added.map((r) => (
        <Table.Tr key={`a${r.row}`}>
          <Table.Td>{`${r.nama ?? ''} (${r.nik ?? ''})`}</Table.Td>
          <Table.Td colSpan={3}><Badge color="green" variant="light">Anggota baru</Badge> baris {r.row}</Table.Td>
        </Table.Tr>
      ))}
      {f.removed.map((r) => (
        <Table.Tr key={`r${r.row}`}>
          <Table.Td>{`${r.nama} (${r.nik})`}</Table.Td>
          <Table.Td>Status</Table.Td>
          <Table.Td c="dimmed">Aktif</Table.Td>
          <Table.Td fw={600} c={r.problem ? 'red' : undefined}>
            {r.problem ?? `${STATUS_LABEL[r.status]} sejak ${tgl(r.tanggal)}: ${r.alasan}`}
          </Table.Td>
        </Table.Tr>
      ))}
      {f.rejected.map((r) => (
        <Table.Tr key={`x${r.row}`}>
          <Table.Td>{`${r.nama ?? ''} (${r.nik ?? '–'})`}</Table.Td>
          <Table.Td colSpan={3} c="red">Baris {r.row} tidak diterapkan: {r.reasons.join(' ')}</Table.Td>
        </Table.Tr>
      ))}
      {f.rowsDeleted.map((r) => (
        <Table.Tr key={`d${r.nik}`}>
          <Table.Td>{`${r.nama} (${r.nik})`}</Table.Td>
          <Table.Td colSpan={3} c="orange">Barisnya dihapus dari lembar kerja; tidak diubah (untuk anggota yang keluar, isi kolom Status).</Table.Td>
        </Table.Tr>
      ))}
    </>
  );
}

function ReportView({ report }: { report: WorkbookReport }) {
  const c = report.counts;
  return (
    <Stack gap="sm" data-testid="lk-laporan">
      <Text>
        Lembar kerja <b>{report.meta.desaNama}</b>, Kec. {report.meta.kecamatanNama} — dibuat {tgl(report.meta.madeAt)} oleh {report.meta.madeBy}
        {report.untouched ? ' — belum ada baris yang diubah operator.' : '.'}
      </Text>
      <Group gap="xs">
        <Badge size="lg" variant="light">{c.changed} diubah</Badge>
        <Badge size="lg" variant="light" color="green">{c.added} anggota baru</Badge>
        <Badge size="lg" variant="light" color="orange">{c.removed} keluar/pindah/meninggal</Badge>
        <Badge size="lg" variant="light" color="red">{c.rejected} ditolak</Badge>
        <Badge size="lg" variant="light" color="gray">{c.unchanged} tetap</Badge>
      </Group>
      {report.families.length > 0 && (
        <Paper withBorder>
          <Table verticalSpacing={6} data-testid="lk-perubahan">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Anggota</Table.Th>
                <Table.Th>Kolom</Table.Th>
                <Table.Th>Di registri</Table.Th>
                <Table.Th>Di lembar kerja</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.families.map((f) => <FamilyRows key={f.noKk || 'tanpa'} f={f} />)}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

/** Takes a returned workbook back: recognised by its metadata, the changes shown per family, then applied. */
function ReceiveCard() {
  const [stagingId, setStagingId] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const preview = useJob<WorkbookReport>();
  const apply = useJob<WorkbookReport>();
  const pick = async (file: File | null) => {
    if (!file) return;
    setError(null);
    preview.reset();
    apply.reset();
    try {
      const staged = await api.imports.upload(await uploadPickedFile(file, 'import'));
      setStagingId(staged.stagingId);
      setFileName(staged.fileName);
      preview.follow((await api.workbooks.preview({ stagingId: staged.stagingId })) as JobStatus<WorkbookReport>);
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  const run = async () => {
    try {
      apply.follow((await api.workbooks.apply({ stagingId: stagingId! })) as JobStatus<WorkbookReport>);
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  const shown = apply.status?.state === 'done' ? apply.status.result : preview.status?.state === 'done' ? preview.status.result : null;
  const failed = [preview.status, apply.status].find((s) => s?.state === 'failed')?.error?.message ?? preview.error ?? apply.error ?? error;
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Title order={4}>Terima lembar kerja</Title>
        <Text size="sm" c="dimmed">
          Lembar kerja yang dikembalikan operator dikenali dari data tersembunyinya: tanpa pemetaan kolom atau wilayah. Hanya perubahan yang ditampilkan di bawah yang diterapkan, dengan pemeriksaan yang sama seperti impor.
        </Text>
        <Group>
          <FileButton onChange={(f) => void pick(f)} accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
            {(props) => (
              <Button {...props} variant="light" leftSection={<IconUpload size={16} />} data-testid="lk-pilih">
                Pilih lembar kerja…
              </Button>
            )}
          </FileButton>
          {fileName && <Text size="sm">{fileName}</Text>}
        </Group>
        {failed && <Alert color="red" data-testid="lk-galat">{failed}</Alert>}
        {preview.running && preview.status && <JobProgress status={preview.status} onCancel={() => void preview.cancel()} title="Memeriksa lembar kerja" />}
        {apply.running && apply.status && <JobProgress status={apply.status} onCancel={() => void apply.cancel()} title="Menerapkan perubahan" />}
        {shown && <ReportView report={shown} />}
        {shown && !shown.committed && (
          <Group>
            <Button onClick={() => void run()} disabled={shown.counts.changed + shown.counts.added + shown.counts.removed === 0} data-testid="lk-terapkan">
              Terapkan perubahan
            </Button>
          </Group>
        )}
        {shown?.committed && <Alert color="green">Perubahan diterapkan (impor #{shown.batchId}); tercatat di riwayat keluarga atas nama Anda.</Alert>}
      </Stack>
    </Paper>
  );
}

export function WorkbooksPage() {
  return (
    <Stack>
      <PageHeader title="Lembar kerja operator" description="Berkas Excel untuk operator desa/kelurahan: dibuat dari registri, diisi di desa, diterima kembali tanpa pemetaan." />
      <IssueCard />
      <ReceiveCard />
    </Stack>
  );
}
