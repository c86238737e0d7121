import { Button, Group, NumberInput, Paper, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendarPlus, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { jenisRapatLabels, type MeetingSummary } from '../../../shared/api/meetings';
import { useApiQuery } from '../api/hooks';
import { DataTable, type DataColumn } from '../components/DataTable';
import { EmptyState } from '../common/EmptyState';
import { PageHeader } from '../common/PageHeader';
import { StatusRapatBadge, tgl, useMay } from './ui';
import { labelZona } from '../common/format';

const meetingColumns: DataColumn<MeetingSummary>[] = [
  { id: 'tanggal', header: 'Tanggal', sortValue: (m) => `${m.tanggal} ${m.jamMulai}`, cell: (m) => <><Text size="sm">{tgl(m.tanggal)}</Text><Text size="xs" c="dimmed">{m.jamMulai}{m.jamSelesai ? `–${m.jamSelesai}` : ''} {labelZona()}</Text></> },
  { id: 'judul', header: 'Rapat', sortValue: (m) => m.judul, cell: (m) => <><Text size="sm" fw={500} component={Link} to={`/rapat/${m.id}`} onClick={(e) => e.stopPropagation()}>{m.judul}</Text><Text size="xs" c="dimmed">{jenisRapatLabels[m.jenis]}</Text></> },
  { id: 'tempat', header: 'Tempat', sortValue: (m) => m.tempat, cell: (m) => m.tempat },
  { id: 'diundang', header: 'Diundang', align: 'right', sortValue: (m) => m.jumlahPeserta, cell: (m) => m.jumlahPeserta },
  { id: 'hadir', header: 'Hadir', align: 'right', sortValue: (m) => m.hadir, cell: (m) => <>{m.hadir}{m.izin > 0 && <Text span size="xs" c="dimmed"> (+{m.izin} izin)</Text>}</> },
  { id: 'tindakLanjut', header: 'Tindak lanjut', sortValue: (m) => m.tindakLanjutTerbuka, cell: (m) => (m.tindakLanjutTerbuka > 0 ? `${m.tindakLanjutTerbuka} belum selesai` : '—') },
  { id: 'status', header: 'Status', sortValue: (m) => m.status, cell: (m) => <StatusRapatBadge value={m.status} /> },
];

export function MeetingListPage() {
  const may = useMay();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [tahun, setTahun] = useState<number | null>(null);
  const list = useApiQuery('meetings.listMeetings', { q: debouncedQ, tahun });
  const empty = !list.isLoading && (list.data ?? []).length === 0 && !debouncedQ && !tahun;
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
            <DataTable query={list} columns={meetingColumns} onRowClick={(m) => navigate(`/rapat/${m.id}`)} empty="Tidak ada rapat yang cocok." data-testid="meeting-table" />
          </Paper>
        </>
      )}
    </>
  );
}
