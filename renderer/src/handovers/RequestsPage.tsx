import { Button, Group, Paper, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { pembawaLabels, statusPermohonan, statusPermohonanLabels, type PermohonanSummary, type StatusPermohonan } from '../../../shared/api/handovers';
import { useApiQuery } from '../api/hooks';
import { DataTable, type DataColumn } from '../components/DataTable';
import { PageHeader } from '../common/PageHeader';
import { StatusPermohonanBadge, tgl, useMay } from './ui';

const columns: DataColumn<PermohonanSummary>[] = [
  { id: 'tanggal', header: 'Tanggal', sortValue: (r) => r.tanggal, cell: (r) => tgl(r.tanggal) },
  {
    id: 'pemohon',
    header: 'Pemohon',
    sortValue: (r) => r.pemohon.nama,
    cell: (r) => (
      <>
        <Link to={`/bantuan/permohonan/${r.id}`} onClick={(e) => e.stopPropagation()}>{r.pemohon.nama}</Link>
        <Text size="xs" c="dimmed">{r.pemohon.desa}, Kec. {r.pemohon.kecamatan}</Text>
      </>
    ),
  },
  { id: 'nik', header: 'NIK', sortValue: (r) => r.pemohon.nik, cell: (r) => r.pemohon.nik },
  { id: 'program', header: 'Program', sortValue: (r) => r.program.nama, cell: (r) => r.program.nama },
  { id: 'pembawa', header: 'Diantar oleh', sortValue: (r) => pembawaLabels[r.pembawa], cell: (r) => `${pembawaLabels[r.pembawa]}${r.pembawaNama ? ` — ${r.pembawaNama}` : ''}` },
  { id: 'status', header: 'Status', sortValue: (r) => statusPermohonanLabels[r.status], cell: (r) => <StatusPermohonanBadge status={r.status} /> },
];

export function RequestsPage() {
  const may = useMay();
  const navigate = useNavigate();
  const [status, setStatus] = useState<StatusPermohonan | null>(null);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const list = useApiQuery('handovers.listRequests', { status, q: debounced });
  return (
    <>
      <PageHeader
        title="Permohonan bantuan"
        description="Bantuan atas permohonan (mis. kaki palsu, kursi roda): berkas, asesmen, keputusan dan SK penetapan."
        actions={may('aid.write') && (
          <Button component={Link} to="/bantuan/permohonan/baru" leftSection={<IconPlus size={16} />} data-testid="request-new">
            Catat permohonan
          </Button>
        )}
      />
      <Group mb="sm">
        <Select
          placeholder="Semua status"
          clearable
          data={statusPermohonan.map((s) => ({ value: s, label: statusPermohonanLabels[s] }))}
          value={status}
          onChange={(v) => setStatus(v as StatusPermohonan | null)}
          w={240}
        />
        <TextInput placeholder="Cari nama atau NIK pemohon" value={q} onChange={(e) => setQ(e.currentTarget.value)} w={300} />
      </Group>
      <Paper withBorder>
        <DataTable query={list} columns={columns} onRowClick={(r) => navigate(`/bantuan/permohonan/${r.id}`)} rowProps={() => ({ 'data-testid': 'request-row' })}
          empty={status || debounced ? 'Tidak ada permohonan yang cocok dengan saringan.' : 'Belum ada permohonan. Klik “Catat permohonan” saat berkas diterima di loket.'} />
      </Paper>
    </>
  );
}
