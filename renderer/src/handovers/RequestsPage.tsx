import { Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { pembawaLabels, statusPermohonan, statusPermohonanLabels, type StatusPermohonan } from '../../../shared/api/handovers';
import { useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
import { StatusPermohonanBadge, tgl, useMay } from './ui';

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
        <Table striped highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tanggal</Table.Th>
              <Table.Th>Pemohon</Table.Th>
              <Table.Th>NIK</Table.Th>
              <Table.Th>Program</Table.Th>
              <Table.Th>Diantar oleh</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.data ?? []).map((r) => (
              <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/bantuan/permohonan/${r.id}`)} data-testid="request-row">
                <Table.Td>{tgl(r.tanggal)}</Table.Td>
                <Table.Td>
                  <Link to={`/bantuan/permohonan/${r.id}`} onClick={(e) => e.stopPropagation()}>{r.pemohon.nama}</Link>
                  <Text size="xs" c="dimmed">{r.pemohon.desa}, Kec. {r.pemohon.kecamatan}</Text>
                </Table.Td>
                <Table.Td>{r.pemohon.nik}</Table.Td>
                <Table.Td>{r.program.nama}</Table.Td>
                <Table.Td>{pembawaLabels[r.pembawa]}{r.pembawaNama ? ` — ${r.pembawaNama}` : ''}</Table.Td>
                <Table.Td><StatusPermohonanBadge status={r.status} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {list.data?.length === 0 && (
          <Text c="dimmed" p="md" ta="center">
            {status || debounced ? 'Tidak ada permohonan yang cocok dengan saringan.' : 'Belum ada permohonan. Klik “Catat permohonan” saat berkas diterima di loket.'}
          </Text>
        )}
      </Paper>
    </>
  );
}
