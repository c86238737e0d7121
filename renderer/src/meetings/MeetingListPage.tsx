import { Button, Group, NumberInput, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendarPlus, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { jenisRapatLabels } from '../../../shared/api/meetings';
import { useApiQuery } from '../api/hooks';
import { EmptyState } from '../common/EmptyState';
import { PageHeader } from '../common/PageHeader';
import { StatusRapatBadge, tgl, useMay } from './ui';
import { labelZona } from '../common/format';

export function MeetingListPage() {
  const may = useMay();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [tahun, setTahun] = useState<number | null>(null);
  const list = useApiQuery('meetings.listMeetings', { q: debouncedQ, tahun });
  const rows = list.data ?? [];
  const empty = !list.isLoading && rows.length === 0 && !debouncedQ && !tahun;
  return (
    <>
      <PageHeader
        title="Rapat"
        description="Rapat operator DTKS, rapat koordinasi, sosialisasi, dan musyawarah desa/kelurahan: undangan, kehadiran, notulen."
        actions={may('meetings.write') && <Button leftSection={<IconCalendarPlus size={16} />} component={Link} to="/rapat/baru">Jadwalkan rapat</Button>}
      />
      {empty ? (
        <EmptyState icon={<IconUsersGroup size={30} />} title="Belum ada rapat" action={{ label: 'Isi daftar operator', to: '/rapat/operator' }}>
          Isi dulu daftar operator tiap desa/kelurahan, lalu jadwalkan rapat, undang operator per kecamatan, catat kehadiran dan notulen.
        </EmptyState>
      ) : (
        <>
          <Group mb="sm" align="flex-end">
            <TextInput label="Cari" placeholder="Judul atau tempat" leftSection={<IconSearch size={16} />} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={300} />
            <NumberInput label="Tahun" placeholder="Semua" value={tahun ?? ''} onChange={(v) => setTahun(typeof v === 'number' ? v : null)} min={2000} max={2100} w={120} hideControls />
          </Group>
          <Paper withBorder>
            <Table highlightOnHover striped data-testid="meeting-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Tanggal</Table.Th><Table.Th>Rapat</Table.Th><Table.Th>Tempat</Table.Th><Table.Th ta="right">Diundang</Table.Th><Table.Th ta="right">Hadir</Table.Th><Table.Th>Tindak lanjut</Table.Th><Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((m) => (
                  <Table.Tr key={m.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/rapat/${m.id}`)}>
                    <Table.Td><Text size="sm">{tgl(m.tanggal)}</Text><Text size="xs" c="dimmed">{m.jamMulai}{m.jamSelesai ? `–${m.jamSelesai}` : ''} {labelZona()}</Text></Table.Td>
                    <Table.Td><Text size="sm" fw={500} component={Link} to={`/rapat/${m.id}`} onClick={(e) => e.stopPropagation()}>{m.judul}</Text><Text size="xs" c="dimmed">{jenisRapatLabels[m.jenis]}</Text></Table.Td>
                    <Table.Td>{m.tempat}</Table.Td>
                    <Table.Td ta="right">{m.jumlahPeserta}</Table.Td>
                    <Table.Td ta="right">{m.hadir}{m.izin > 0 && <Text span size="xs" c="dimmed"> (+{m.izin} izin)</Text>}</Table.Td>
                    <Table.Td>{m.tindakLanjutTerbuka > 0 ? `${m.tindakLanjutTerbuka} belum selesai` : '—'}</Table.Td>
                    <Table.Td><StatusRapatBadge value={m.status} /></Table.Td>
                  </Table.Tr>
                ))}
                {rows.length === 0 && (
                  <Table.Tr><Table.Td colSpan={7}><Text c="dimmed" ta="center" py="md">Tidak ada rapat yang cocok.</Text></Table.Td></Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Paper>
        </>
      )}
    </>
  );
}
