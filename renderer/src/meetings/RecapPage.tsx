import { Badge, Button, Group, Paper, ScrollArea, SegmentedControl, Table, Text, Tooltip } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { recapSchema, type Kehadiran, type RecapDesaRow } from '../../../shared/api/meetings';
import { saveFile } from '../api/files';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
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
        <ScrollArea h="calc(100vh - 330px)">
          <Table striped stickyHeader data-testid="rekap-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Kecamatan</Table.Th><Table.Th>Desa/Kelurahan</Table.Th><Table.Th ta="right">Diundang</Table.Th><Table.Th ta="right">Hadir</Table.Th><Table.Th ta="right">Izin</Table.Th><Table.Th ta="right">Tidak</Table.Th>
                {data?.rapat.map((r) => (
                  <Table.Th key={r.id} ta="center"><Tooltip label={r.judul}><span>{tgl(r.tanggal).slice(0, 5)}</span></Tooltip></Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((d) => (
                <Table.Tr key={d.desaKode} bg={d.diundang > 0 && d.hadir === 0 ? 'red.0' : undefined}>
                  <Table.Td>{d.kecamatanNama}</Table.Td>
                  <Table.Td>{d.desaNama}{d.operatorAktif === 0 && <Text span size="xs" c="dimmed"> · tanpa operator</Text>}</Table.Td>
                  <Table.Td ta="right">{d.diundang}</Table.Td>
                  <Table.Td ta="right">{d.hadir}</Table.Td>
                  <Table.Td ta="right">{d.izin}</Table.Td>
                  <Table.Td ta="right">{d.tidakHadir}</Table.Td>
                  {d.perRapat.map((v, i) => (
                    <Table.Td key={i} ta="center">{v ? <Badge size="sm" variant="light" color={MARK[v].color}>{MARK[v].label}</Badge> : <Text span c="dimmed">-</Text>}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
              {rows.length === 0 && (
                <Table.Tr><Table.Td colSpan={6 + (data?.rapat.length ?? 0)}><Text c="dimmed" ta="center" py="md">{data && data.rapat.length === 0 ? 'Tidak ada rapat pada periode ini.' : 'Tidak ada desa yang cocok.'}</Text></Table.Td></Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>
    </>
  );
}
