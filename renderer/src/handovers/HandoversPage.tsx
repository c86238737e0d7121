import { Badge, Button, Group, Paper, Progress, Select, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useApiQuery } from '../api/hooks';
import { EmptyState } from '../common/EmptyState';
import { PageHeader } from '../common/PageHeader';
import { IconGift } from '@tabler/icons-react';
import { rupiah, tgl, useMay } from './ui';

export function HandoversPage() {
  const may = useMay();
  const navigate = useNavigate();
  const [programId, setProgramId] = useState<number | null>(null);
  const programs = useApiQuery('programs.list', {});
  const list = useApiQuery('handovers.list', { programId });
  const add = may('aid.write') && (
    <Button component={Link} to="/bantuan/serah-terima/baru" leftSection={<IconPlus size={16} />} data-testid="handover-new">
      Serah terima baru
    </Button>
  );
  if (list.data?.length === 0 && !programId) {
    return (
      <>
        <PageHeader title="Serah terima bantuan" actions={add} />
        <EmptyState icon={<IconGift size={30} />} title="Belum ada serah terima" action={may('aid.write') ? { label: 'Catat serah terima', to: '/bantuan/serah-terima/baru' } : undefined}>
          Catat acara serah terima: program, tanggal dan tempat, dasar SK, pejabat yang menyerahkan, lalu para penerima dari registri atau dari permohonan yang disetujui. BAST dan daftar tanda terima dicetak dari situ.
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Serah terima bantuan" description="Setiap acara penyerahan dengan penerima, tanda terima dan BAST-nya." actions={add} />
      <Group mb="sm">
        <Select placeholder="Semua program" clearable searchable w={320} data={(programs.data ?? []).map((p) => ({ value: String(p.id), label: `${p.nama} (${p.tahun})` }))} value={programId ? String(programId) : null} onChange={(v) => setProgramId(v ? Number(v) : null)} />
      </Group>
      <Paper withBorder>
        <Table striped highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tanggal</Table.Th>
              <Table.Th>Program</Table.Th>
              <Table.Th>Tempat</Table.Th>
              <Table.Th>BAST</Table.Th>
              <Table.Th ta="right">Penerima</Table.Th>
              <Table.Th w={140}>Diterima</Table.Th>
              <Table.Th ta="right">Nilai</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.data ?? []).map((s) => (
              <Table.Tr key={s.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/bantuan/serah-terima/${s.id}`)} data-testid="handover-row">
                <Table.Td>{tgl(s.tanggal)}</Table.Td>
                <Table.Td><Link to={`/bantuan/serah-terima/${s.id}`} onClick={(e) => e.stopPropagation()}>{s.program.nama}</Link></Table.Td>
                <Table.Td><Text size="sm" lineClamp={1}>{s.tempat}</Text></Table.Td>
                <Table.Td>{s.mode === 'kolektif' ? (s.nomorBast ?? <Badge variant="light" color="gray">belum dicetak</Badge>) : <Badge variant="light">perorangan</Badge>}</Table.Td>
                <Table.Td ta="right">{s.jumlahPenerima}</Table.Td>
                <Table.Td>
                  <Progress value={s.jumlahPenerima ? (100 * s.jumlahDiterima) / s.jumlahPenerima : 0} size="sm" />
                  <Text size="xs" c="dimmed">{s.jumlahDiterima} dari {s.jumlahPenerima}</Text>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{rupiah(s.total)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {list.data?.length === 0 && <Text c="dimmed" p="md" ta="center">Tidak ada serah terima untuk program ini.</Text>}
      </Paper>
    </>
  );
}
