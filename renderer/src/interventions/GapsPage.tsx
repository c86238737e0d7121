import { Alert, Paper, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useApiQuery } from '../api/hooks';
import { KecamatanSelect } from '../common/KecamatanSelect';

/** Extreme-poor families no agency has reached yet, by kecamatan and desa. */
export function GapsPage() {
  const [kecamatan, setKecamatan] = useState<string | null>(null);
  const gaps = useApiQuery('interventions.gaps', kecamatan ? { kecamatan } : {});
  const rows = gaps.data?.rows ?? [];
  return (
    <>
      <KecamatanSelect value={kecamatan} onChange={setKecamatan} w={220} />
      <Paper withBorder mt="sm">
        {rows.length === 0 ? (
          <Text c="dimmed" p="lg" ta="center">Semua keluarga miskin ekstrem yang terdaftar sudah menerima setidaknya satu intervensi.</Text>
        ) : (
          <>
            <Alert color="orange" m="sm">
              {gaps.data!.total.toLocaleString('id-ID')} keluarga miskin ekstrem belum menerima intervensi apa pun
              {gaps.data!.total > rows.length ? ` (menampilkan ${rows.length} pertama)` : ''}.
            </Alert>
            <Table striped verticalSpacing={4} data-testid="tabel-belum-tersentuh">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Kecamatan</Table.Th><Table.Th>Desa/Kel.</Table.Th><Table.Th>No KK</Table.Th>
                  <Table.Th>Kepala keluarga</Table.Th><Table.Th className="num">Desil</Table.Th><Table.Th className="num">Jiwa</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.keluargaId}>
                    <Table.Td>{r.kecamatan}</Table.Td>
                    <Table.Td>{r.desa}</Table.Td>
                    <Table.Td ff="monospace">{r.noKk}</Table.Td>
                    <Table.Td>{r.kepala ?? '—'}</Table.Td>
                    <Table.Td className="num">{r.desil ?? '—'}</Table.Td>
                    <Table.Td className="num">{r.jiwa}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Paper>
    </>
  );
}
