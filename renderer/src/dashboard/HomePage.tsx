import { Anchor, Group, Paper, Progress, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatRupiah } from '../../../shared/domain/rupiah';
import type { DashboardSummary } from '../../../shared/api/dashboard';
import { useApiQuery } from '../api/hooks';
import { DataTable, type DataColumn } from '../components/DataTable';
import { EmptyState } from '../common/EmptyState';
import { DemoOffer } from '../demo';
import { PageHeader } from '../common/PageHeader';
import { BackupWarning } from './BackupWarning';
import { registryLink } from './registryLink';
import { StatCard } from './StatCard';

const sumberLabel: Record<string, string> = { apbd_kab: 'APBD Kab/Kota', apbd_prov: 'APBD Provinsi', apbn: 'APBN', csr: 'CSR/lainnya' };

const angka = (n: number) => n.toLocaleString('id-ID');

/** Per kecamatan: every count opens the registry filtered to it; the bar compares the kecamatan's families. */
const kecamatanColumns = (maxKeluarga: number): DataColumn<DashboardSummary['perKecamatan'][number]>[] => [
  { id: 'kecamatan', header: 'Kecamatan', sortValue: (k) => k.nama, cell: (k) => <Anchor component={Link} to={registryLink({ kecamatan: k.kode })}>{k.nama}</Anchor> },
  { id: 'keluarga', header: 'Keluarga', align: 'right', sortValue: (k) => k.keluarga, cell: (k) => angka(k.keluarga) },
  { id: 'grafik', header: '', label: 'Grafik keluarga', width: '22%', cell: (k) => <Progress value={(k.keluarga / maxKeluarga) * 100} size="sm" aria-hidden /> },
  { id: 'jiwa', header: 'Jiwa', align: 'right', sortValue: (k) => k.jiwa, cell: (k) => angka(k.jiwa) },
  { id: 'desil14', header: 'Desil 1–4', align: 'right', sortValue: (k) => k.desil14, cell: (k) => <Anchor component={Link} to={registryLink({ kecamatan: k.kode, desil14: true })}>{angka(k.desil14)}</Anchor> },
  { id: 'ekstrem', header: 'Miskin ekstrem', align: 'right', sortValue: (k) => k.ekstrem, cell: (k) => <Anchor component={Link} to={registryLink({ kecamatan: k.kode, ekstrem: true })}>{angka(k.ekstrem)}</Anchor> },
  {
    id: 'tanpa',
    header: 'Ekstrem tanpa intervensi',
    align: 'right',
    sortValue: (k) => k.ekstremTanpaIntervensi,
    cell: (k) =>
      k.ekstremTanpaIntervensi > 0 ? (
        <Anchor component={Link} c="orange.8" fw={600} to={registryLink({ kecamatan: k.kode, ekstrem: true, tanpaIntervensi: true })}>
          {angka(k.ekstremTanpaIntervensi)}
        </Anchor>
      ) : (
        <Text span c="dimmed">0</Text>
      ),
  },
];

const bantuanColumns: DataColumn<DashboardSummary['bantuan'][number]>[] = [
  { id: 'program', header: 'Program', sortValue: (b) => b.program, cell: (b) => b.program },
  { id: 'sumber', header: 'Sumber dana', sortValue: (b) => sumberLabel[b.sumberDana] ?? b.sumberDana, cell: (b) => sumberLabel[b.sumberDana] ?? b.sumberDana },
  { id: 'penerima', header: 'Penerima', align: 'right', sortValue: (b) => b.penerima, cell: (b) => angka(b.penerima) },
  { id: 'nilai', header: 'Nilai', align: 'right', sortValue: (b) => b.nilai, cell: (b) => formatRupiah(b.nilai) },
];

/** Beranda: the counts officials ask about in meetings; every number opens the list behind it. */
export function HomePage() {
  const thisYear = new Date().getFullYear();
  const [tahun, setTahun] = useState(thisYear);
  const summary = useApiQuery('dashboard.summary', { tahun });
  const data = summary.data;
  if (!data) return <PageHeader title="Beranda" />;

  const header = (
    <>
      <PageHeader title="Beranda" description={`Dinas Sosial · ${data.kabKotaNama}`} />
      <BackupWarning />
    </>
  );
  if (data.totals.keluarga === 0) {
    return (
      <>
        {header}
        <DemoOffer />
        <EmptyState icon={<IconFileImport size={30} />} title="Registri masih kosong" action={{ label: 'Impor data DTKS/DTSEN', to: '/impor' }}>
          Mulai dengan mengimpor lembar Excel DTKS/DTSEN, P3KE, atau usulan SIKS-NG dari operator desa/kelurahan. Ringkasan per
          kecamatan dan desa akan tampil di sini setelah data masuk.
        </EmptyState>
      </>
    );
  }
  const t = data.totals;
  const maxKeluarga = Math.max(1, ...data.perKecamatan.map((k) => k.keluarga));
  return (
    <Stack>
      {header}
      <SimpleGrid cols={5}>
        <StatCard label="Keluarga terdaftar" value={t.keluarga} to={registryLink({})} testId="stat-keluarga" />
        <StatCard label="Jiwa (aktif)" value={t.jiwa} to={registryLink({})} testId="stat-jiwa" />
        <StatCard label="Keluarga desil 1–4" value={t.desil14} to={registryLink({ desil14: true })} testId="stat-desil14" />
        <StatCard label="Miskin ekstrem" value={t.ekstrem} to={registryLink({ ekstrem: true })} color="red.8" testId="stat-ekstrem" />
        <StatCard label="Ekstrem tanpa intervensi" value={t.ekstremTanpaIntervensi} to={registryLink({ ekstrem: true, tanpaIntervensi: true })} color="orange.8" testId="stat-tanpa" />
      </SimpleGrid>

      <Paper withBorder p="md">
        <Title order={4} mb="sm">Per kecamatan</Title>
        <DataTable query={{ data: data.perKecamatan, isLoading: false }} columns={kecamatanColumns(maxKeluarga)} rowKey={(k) => k.kode} verticalSpacing={4} tableId="beranda-kecamatan" data-testid="tabel-kecamatan" />
      </Paper>

      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>Bantuan tersalurkan</Title>
          <Select
            aria-label="Tahun"
            w={110}
            data={Array.from({ length: 6 }, (_, i) => String(thisYear - i))}
            value={String(tahun)}
            onChange={(v) => v && setTahun(Number(v))}
            allowDeselect={false}
          />
        </Group>
        {data.bantuan.length === 0 ? (
          <Text c="dimmed" size="sm">
            Belum ada penerimaan bantuan tercatat pada tahun {tahun}. Catat serah terima di menu <Anchor component={Link} to="/bantuan">Bantuan & Serah Terima</Anchor>.
          </Text>
        ) : (
          <DataTable query={{ data: data.bantuan, isLoading: false }} columns={bantuanColumns} rowKey={(b) => b.programId} verticalSpacing={4} data-testid="tabel-bantuan" />
        )}
      </Paper>
    </Stack>
  );
}
