import { Alert, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { formatTanggal } from '../../../shared/domain/tanggal';
import type { Overlap } from '../../../shared/api/interventions';
import { useApiQuery } from '../api/hooks';
import { KecamatanSelect } from '../common/KecamatanSelect';
import { DataTable, type DataColumn } from '../components/DataTable';

const columns: DataColumn<Overlap>[] = [
  { id: 'nama', header: 'Nama', hideable: false, sortValue: (r) => r.nama, cell: (r) => r.nama },
  { id: 'nik', header: 'NIK', sortValue: (r) => r.nik, cell: (r) => <Text span ff="monospace" size="sm">{r.nik}</Text> },
  { id: 'desa', header: 'Desa/Kel.', sortValue: (r) => `${r.desa}, ${r.kecamatan}`, cell: (r) => `${r.desa}, ${r.kecamatan}` },
  { id: 'jenis', header: 'Jenis', sortValue: (r) => r.jenis, cell: (r) => r.jenis },
  { id: 'kali', header: 'Kali', align: 'right', sortValue: (r) => r.kali, cell: (r) => r.kali },
  { id: 'opd', header: 'OPD', sortValue: (r) => r.opd.join(', '), cell: (r) => r.opd.join(', ') },
  { id: 'tanggal', header: 'Tanggal', sortValue: (r) => r.tanggal[0] ?? null, cell: (r) => r.tanggal.map(formatTanggal).join(', ') },
];

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
            <DataTable query={{ data: rows, isLoading: false }} columns={columns} rowKey={(r) => `${r.anggotaId}-${r.jenis}`} verticalSpacing={4} tableId="tumpang-tindih" data-testid="tabel-tumpang-tindih" />
          </>
        )}
      </Paper>
    </>
  );
}
