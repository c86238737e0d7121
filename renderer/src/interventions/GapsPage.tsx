import { Alert, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import type { Gap } from '../../../shared/api/interventions';
import { useApiQuery } from '../api/hooks';
import { KecamatanSelect } from '../common/KecamatanSelect';
import { DataTable, type DataColumn } from '../components/DataTable';

const columns: DataColumn<Gap>[] = [
  { id: 'kecamatan', header: 'Kecamatan', sortValue: (r) => r.kecamatan, cell: (r) => r.kecamatan },
  { id: 'desa', header: 'Desa/Kel.', sortValue: (r) => r.desa, cell: (r) => r.desa },
  { id: 'noKk', header: 'No KK', sortValue: (r) => r.noKk, cell: (r) => <Text span ff="monospace" size="sm">{r.noKk}</Text> },
  { id: 'kepala', header: 'Kepala keluarga', sortValue: (r) => r.kepala, cell: (r) => r.kepala ?? '—' },
  { id: 'desil', header: 'Desil', align: 'right', sortValue: (r) => r.desil, cell: (r) => r.desil ?? '—' },
  { id: 'jiwa', header: 'Jiwa', align: 'right', sortValue: (r) => r.jiwa, cell: (r) => r.jiwa },
];

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
            <DataTable query={{ data: rows, isLoading: false }} columns={columns} rowKey={(r) => r.keluargaId} verticalSpacing={4} tableId="belum-tersentuh" data-testid="tabel-belum-tersentuh" />
          </>
        )}
      </Paper>
    </>
  );
}
