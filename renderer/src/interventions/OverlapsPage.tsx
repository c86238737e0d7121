import { Alert, Paper, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { formatTanggal } from '../../../shared/domain/tanggal';
import { useApiQuery } from '../api/hooks';
import { KecamatanSelect } from '../common/KecamatanSelect';

/** The same person given the same kind of help more than once: to check before the next distribution. */
export function OverlapsPage() {
  const [kecamatan, setKecamatan] = useState<string | null>(null);
  const overlaps = useApiQuery('interventions.overlaps', kecamatan ? { kecamatan } : {});
  const rows = overlaps.data ?? [];
  return (
    <>
      <KecamatanSelect value={kecamatan} onChange={setKecamatan} w={220} />
      <Paper withBorder mt="sm">
        {rows.length === 0 ? (
          <Text c="dimmed" p="lg" ta="center">Tidak ada tumpang tindih: tidak ada orang yang menerima jenis bantuan yang sama lebih dari sekali.</Text>
        ) : (
          <>
            <Alert color="yellow" m="sm">{rows.length} orang menerima jenis bantuan yang sama lebih dari sekali. Periksa sebelum penyaluran berikutnya.</Alert>
            <Table striped verticalSpacing={4} data-testid="tabel-tumpang-tindih">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Nama</Table.Th><Table.Th>NIK</Table.Th><Table.Th>Desa/Kel.</Table.Th><Table.Th>Jenis</Table.Th>
                  <Table.Th className="num">Kali</Table.Th><Table.Th>OPD</Table.Th><Table.Th>Tanggal</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={`${r.anggotaId}-${r.jenis}`}>
                    <Table.Td>{r.nama}</Table.Td>
                    <Table.Td ff="monospace">{r.nik}</Table.Td>
                    <Table.Td>{r.desa}, {r.kecamatan}</Table.Td>
                    <Table.Td>{r.jenis}</Table.Td>
                    <Table.Td className="num">{r.kali}</Table.Td>
                    <Table.Td>{r.opd.join(', ')}</Table.Td>
                    <Table.Td>{r.tanggal.map(formatTanggal).join(', ')}</Table.Td>
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
