import { Badge, Button, Group, Paper, SegmentedControl, Text, Tooltip } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { recapSchema, type Kehadiran, type RecapDesaRow } from '../../../shared/api/meetings';
import { saveFile } from '../api/files';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
import { DataTable, type DataColumn } from '../components/DataTable';
import { DateField, KecamatanSelect, tgl, useMay } from './ui';
import { hariIni } from '../common/format';

const MARK: Record<Kehadiran, { label: string; color: string }> = {
  hadir: { label: 'H', color: 'green' },
  izin: { label: 'I', color: 'yellow' },
  tidak_hadir: { label: 'T', color: 'red' },
  belum: { label: 'T', color: 'red' },
};

type Show = 'semua' | 'tidakPernah' | 'diundang';

/** Which villages attend the meetings of a period and which never do; exported as Excel. */
export function RecapPage() {
  const may = useMay();
  const year = hariIni().slice(0, 4);
  const [dari, setDari] = useState<string | null>(`${year}-01-01`);
  const [sampai, setSampai] = useState<string | null>(hariIni());
  const [kecamatanKode, setKecamatan] = useState<string | null>(null);
  const [show, setShow] = useState<Show>('diundang');
  const input = { dari: dari ?? '', sampai: sampai ?? '', kecamatanKode };
  const valid = recapSchema.safeParse(input);
  const recap = useApiQuery('meetings.attendanceRecap', input, { enabled: valid.success });
  const exportFile = useApiMutation('meetings.exportAttendanceRecap', { success: 'Rekap kehadiran siap disimpan.' });
  const data = recap.data;
  const rows: RecapDesaRow[] = (data?.desa ?? []).filter((d) => (show === 'semua' ? true : show === 'diundang' ? d.diundang > 0 : d.diundang > 0 && d.hadir === 0));
  const columns: DataColumn<RecapDesaRow>[] = [
    { id: 'kecamatan', header: 'Kecamatan', sortValue: (d) => d.kecamatanNama, cell: (d) => d.kecamatanNama },
    { id: 'desa', header: 'Desa/Kelurahan', hideable: false, sortValue: (d) => d.desaNama, cell: (d) => <>{d.desaNama}{d.operatorAktif === 0 && <Text span size="xs" c="dimmed"> · tanpa operator</Text>}</> },
    { id: 'diundang', header: 'Diundang', align: 'right', sortValue: (d) => d.diundang, cell: (d) => d.diundang },
    { id: 'hadir', header: 'Hadir', align: 'right', sortValue: (d) => d.hadir, cell: (d) => d.hadir },
    { id: 'izin', header: 'Izin', align: 'right', sortValue: (d) => d.izin, cell: (d) => d.izin },
    { id: 'tidak', header: 'Tidak', align: 'right', sortValue: (d) => d.tidakHadir, cell: (d) => d.tidakHadir },
    // One column per meeting of the period: H, I or T for the desa, "-" when it was not invited.
    ...(data?.rapat ?? []).map((r, i): DataColumn<RecapDesaRow> => ({
      id: `rapat-${r.id}`,
      header: <Tooltip label={r.judul}><span>{tgl(r.tanggal).slice(0, 5)}</span></Tooltip>,
      label: `${tgl(r.tanggal)} · ${r.judul}`,
      align: 'center',
      hideable: false,
      cell: (d) => {
        const v = d.perRapat[i];
        return v ? <Badge size="sm" variant="light" color={MARK[v].color}>{MARK[v].label}</Badge> : <Text span c="dimmed">-</Text>;
      },
    })),
  ];
  return (
    <>
      <PageHeader
        title="Rekap kehadiran per desa/kelurahan"
        description="Desa mana yang hadir di rapat selama suatu periode, dan mana yang tidak pernah hadir."
        actions={may('exports.run') && (
          <Button leftSection={<IconDownload size={16} />} disabled={!valid.success} loading={exportFile.isPending} onClick={() => exportFile.mutate(input, { onSuccess: (ref) => void saveFile(ref) })}>Ekspor Excel</Button>
        )}
      />
      <Group mb="sm" align="flex-end">
        <DateField label="Dari tanggal" value={dari} onChange={setDari} w={150} testId="rekap-dari" />
        <DateField label="Sampai tanggal" value={sampai} onChange={setSampai} w={150} error={!valid.success && dari && sampai ? 'Tanggal akhir harus sesudah tanggal awal.' : undefined} testId="rekap-sampai" />
        <KecamatanSelect label="Kecamatan" value={kecamatanKode} onChange={setKecamatan} w={220} />
        <SegmentedControl value={show} onChange={(v) => setShow(v as Show)} data={[{ value: 'diundang', label: 'Desa yang diundang' }, { value: 'tidakPernah', label: 'Tidak pernah hadir' }, { value: 'semua', label: 'Semua desa' }]} />
      </Group>
      {data && (
        <Text size="sm" mb="xs" data-testid="rekap-summary">
          {data.rapat.length} rapat pada {tgl(data.dari)} s.d. {tgl(data.sampai)} · {data.tidakPernahHadir} desa diundang tetapi tidak pernah hadir.
        </Text>
      )}
      <Paper withBorder>
        <DataTable
          query={{ data: rows, isLoading: recap.isLoading }}
          columns={columns}
          rowKey={(d) => d.desaKode}
          maxHeight="calc(100vh - 330px)"
          verticalSpacing={7}
          tableId="rekap-kehadiran"
          empty={data && data.rapat.length === 0 ? 'Tidak ada rapat pada periode ini.' : 'Tidak ada desa yang cocok.'}
          rowProps={(d) => ({ style: d.diundang > 0 && d.hadir === 0 ? { background: 'var(--mantine-color-red-0)' } : undefined })}
          data-testid="rekap-table"
        />
      </Paper>
    </>
  );
}
