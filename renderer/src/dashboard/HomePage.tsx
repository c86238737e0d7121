import { Anchor, Group, Paper, Progress, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatRupiah } from '../../../shared/domain/rupiah';
import { useApiQuery } from '../api/hooks';
import { EmptyState } from '../common/EmptyState';
import { DemoOffer } from '../demo';
import { PageHeader } from '../common/PageHeader';
import { BackupWarning } from './BackupWarning';
import { registryLink } from './registryLink';
import { StatCard } from './StatCard';

const sumberLabel: Record<string, string> = { apbd_kab: 'APBD Kab/Kota', apbd_prov: 'APBD Provinsi', apbn: 'APBN', csr: 'CSR/lainnya' };

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
        <Table striped highlightOnHover verticalSpacing={4} data-testid="tabel-kecamatan">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Kecamatan</Table.Th>
              <Table.Th className="num">Keluarga</Table.Th>
              <Table.Th w="22%" />
              <Table.Th className="num">Jiwa</Table.Th>
              <Table.Th className="num">Desil 1–4</Table.Th>
              <Table.Th className="num">Miskin ekstrem</Table.Th>
              <Table.Th className="num">Ekstrem tanpa intervensi</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.perKecamatan.map((k) => (
              <Table.Tr key={k.kode}>
                <Table.Td>
                  <Anchor component={Link} to={registryLink({ kecamatan: k.kode })}>{k.nama}</Anchor>
                </Table.Td>
                <Table.Td className="num">{k.keluarga.toLocaleString('id-ID')}</Table.Td>
                <Table.Td><Progress value={(k.keluarga / maxKeluarga) * 100} size="sm" aria-hidden /></Table.Td>
                <Table.Td className="num">{k.jiwa.toLocaleString('id-ID')}</Table.Td>
                <Table.Td className="num">
                  <Anchor component={Link} to={registryLink({ kecamatan: k.kode, desil14: true })}>{k.desil14.toLocaleString('id-ID')}</Anchor>
                </Table.Td>
                <Table.Td className="num">
                  <Anchor component={Link} to={registryLink({ kecamatan: k.kode, ekstrem: true })}>{k.ekstrem.toLocaleString('id-ID')}</Anchor>
                </Table.Td>
                <Table.Td className="num">
                  {k.ekstremTanpaIntervensi > 0 ? (
                    <Anchor component={Link} c="orange.8" fw={600} to={registryLink({ kecamatan: k.kode, ekstrem: true, tanpaIntervensi: true })}>
                      {k.ekstremTanpaIntervensi.toLocaleString('id-ID')}
                    </Anchor>
                  ) : (
                    <Text span c="dimmed">0</Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
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
          <Table striped verticalSpacing={4} data-testid="tabel-bantuan">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Program</Table.Th>
                <Table.Th>Sumber dana</Table.Th>
                <Table.Th className="num">Penerima</Table.Th>
                <Table.Th className="num">Nilai</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.bantuan.map((b) => (
                <Table.Tr key={b.programId}>
                  <Table.Td>{b.program}</Table.Td>
                  <Table.Td>{sumberLabel[b.sumberDana] ?? b.sumberDana}</Table.Td>
                  <Table.Td className="num">{b.penerima.toLocaleString('id-ID')}</Table.Td>
                  <Table.Td className="num">{formatRupiah(b.nilai)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
