import { Badge, Button, Group, Paper, Progress, Select, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { PenyerahanSummary } from '../../../shared/api/handovers';
import { useApiQuery } from '../api/hooks';
import { DataTable, type DataColumn } from '../components/DataTable';
import { EmptyState } from '../common/EmptyState';
import { PageHeader } from '../common/PageHeader';
import { IconGift } from '@tabler/icons-react';
import { rupiah, tgl, useMay } from './ui';

const columns: DataColumn<PenyerahanSummary>[] = [
  { id: 'tanggal', header: 'Tanggal', sortValue: (s) => s.tanggal, cell: (s) => tgl(s.tanggal) },
  { id: 'program', header: 'Program', sortValue: (s) => s.program.nama, cell: (s) => <Link to={`/bantuan/serah-terima/${s.id}`} onClick={(e) => e.stopPropagation()}>{s.program.nama}</Link> },
  { id: 'tempat', header: 'Tempat', sortValue: (s) => s.tempat, cell: (s) => <Text size="sm" lineClamp={1}>{s.tempat}</Text> },
  { id: 'bast', header: 'BAST', sortValue: (s) => s.nomorBast, cell: (s) => (s.mode === 'kolektif' ? (s.nomorBast ?? <Badge variant="light" color="gray">belum dicetak</Badge>) : <Badge variant="light">perorangan</Badge>) },
  { id: 'penerima', header: 'Penerima', align: 'right', sortValue: (s) => s.jumlahPenerima, cell: (s) => s.jumlahPenerima },
  {
    id: 'diterima',
    header: 'Diterima',
    width: 140,
    sortValue: (s) => (s.jumlahPenerima ? s.jumlahDiterima / s.jumlahPenerima : 0),
    cell: (s) => (
      <>
        <Progress value={s.jumlahPenerima ? (100 * s.jumlahDiterima) / s.jumlahPenerima : 0} size="sm" />
        <Text size="xs" c="dimmed">{s.jumlahDiterima} dari {s.jumlahPenerima}</Text>
      </>
    ),
  },
  { id: 'nilai', header: 'Nilai', align: 'right', sortValue: (s) => s.total, cell: (s) => <span style={{ whiteSpace: 'nowrap' }}>{rupiah(s.total)}</span> },
];

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
        <DataTable query={list} columns={columns} onRowClick={(s) => navigate(`/bantuan/serah-terima/${s.id}`)} empty="Tidak ada serah terima untuk program ini."
          rowProps={() => ({ 'data-testid': 'handover-row' })} />
      </Paper>
    </>
  );
}
