import { Alert, Button, Card, FileButton, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowLeft, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { HasilImportResult, UsulanRow } from '../../../shared/api/exports';
import { formatAngka } from '../../../shared/domain/rupiah';
import { formatTanggal } from '../../../shared/domain/tanggal';
import { uploadPickedFileOrNotify } from '../api/files';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
import { DataTable, type DataColumn } from '../components/DataTable';
import { useMay } from '../common/useMay';

const skippedColumns: DataColumn<{ row: number; reason: string }>[] = [
  { id: 'baris', header: 'Baris', width: 80, cell: (r) => r.row },
  { id: 'alasan', header: 'Alasan', cell: (r) => r.reason },
];

const usulanColumns: DataColumn<UsulanRow>[] = [
  { id: 'nik', header: 'NIK', sortValue: (u) => u.nik, cell: (u) => u.nik },
  { id: 'nama', header: 'Nama', hideable: false, sortValue: (u) => u.nama, cell: (u) => u.nama },
  { id: 'program', header: 'Program', sortValue: (u) => u.program, cell: (u) => u.program },
  { id: 'hasil', header: 'Hasil', sortValue: (u) => u.hasil, cell: (u) => u.hasil },
  { id: 'padan', header: 'Padan', sortValue: (u) => u.padan, cell: (u) => u.padan },
  { id: 'keterangan', header: 'Keterangan', sortValue: (u) => u.keterangan, cell: (u) => u.keterangan },
  { id: 'diperbarui', header: 'Diperbarui', sortValue: (u) => u.updatedAt, cell: (u) => formatTanggal(u.updatedAt.slice(0, 10)) },
];

function Count({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Card withBorder padding="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color}>
        {formatAngka(value)}
      </Text>
    </Card>
  );
}

/** Reads the SIKS-NG result file back: per NIK the result, padan status and remark of each proposal. */
export function HasilSiksPage() {
  const may = useMay();
  const [result, setResult] = useState<HasilImportResult | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const importHasil = useApiMutation('exports.importHasil', { invalidate: ['exports', 'registry'], success: (r) => `${formatAngka(r.updated)} usulan diperbarui.` });
  const usulan = useApiQuery('exports.usulan', { q: '', limit: 50 }, { enabled: may('registry.read') });
  const undo = useApiMutation('exports.undoHasil', { invalidate: ['exports', 'registry'], success: (r) => `Impor dibatalkan: ${formatAngka(r.restored)} usulan dikembalikan.` });
  const askUndo = (r: HasilImportResult) =>
    modals.openConfirmModal({
      title: 'Batalkan impor hasil ini?',
      children: <Text size="sm">Status usulan dan status padan {formatAngka(r.updated)} orang dikembalikan seperti sebelum impor ini.</Text>,
      labels: { confirm: 'Batalkan impor', cancel: 'Tutup' },
      confirmProps: { color: 'red' },
      onConfirm: () => undo.mutate({ batchId: r.batchId }, { onSuccess: () => setResult(null) }),
    });

  const pick = async (file: File | null) => {
    if (!file) return;
    setPickError(null);
    if (!/\.(csv|xlsx|txt)$/i.test(file.name)) {
      setPickError(`Berkas "${file.name}" bukan .csv atau .xlsx.`);
      return;
    }
    const picked = await uploadPickedFileOrNotify(file, 'import');
    if (picked) importHasil.mutate({ file: picked }, { onSuccess: setResult });
  };

  return (
    <>
      <PageHeader
        title="Impor hasil SIKS-NG"
        description="Berkas hasil dari SIKS-NG (nama_kec, nama_desa, nik_usulan, program_bansos, hasil, padan, nama_lgkp, ket_vali). Status usulan dan status padan Dukcapil setiap orang diperbarui menurut NIK; setiap perubahan tercatat di riwayat."
        actions={
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} component={Link} to="/ekspor">
            Kembali ke ekspor
          </Button>
        }
      />
      <Stack gap="md">
        {may('imports.run') ? (
          <Group>
            <FileButton onChange={(f) => void pick(f)} accept=".csv,.xlsx,.txt">
              {(props) => (
                <Button {...props} leftSection={<IconUpload size={16} />} loading={importHasil.isPending}>
                  Pilih berkas hasil…
                </Button>
              )}
            </FileButton>
            {pickError && <Text c="red" size="sm">{pickError}</Text>}
          </Group>
        ) : (
          <Alert color="gray">Hanya operator, petugas atau admin yang dapat mengimpor hasil SIKS-NG.</Alert>
        )}
        {result && (
          <>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              <Count label="Baris dibaca" value={result.rows} />
              <Count label="Usulan diperbarui" value={result.updated} color="green" />
              <Count label="NIK tidak ada di registri" value={result.notFound.length} color={result.notFound.length ? 'orange' : undefined} />
              <Count label="Baris ditolak" value={result.rejected.length} color={result.rejected.length ? 'red' : undefined} />
            </SimpleGrid>
            <Group justify="space-between">
              <Text size="sm">{result.padanChanged > 0 ? `Status padan Dukcapil berubah untuk ${formatAngka(result.padanChanged)} orang.` : 'Status padan Dukcapil tidak berubah.'}</Text>
              {result.updated > 0 && (
                <Button variant="default" color="red" size="xs" onClick={() => askUndo(result)} loading={undo.isPending} data-testid="undo-hasil">
                  Batalkan impor ini
                </Button>
              )}
            </Group>
            {(result.notFound.length > 0 || result.rejected.length > 0) && (
              <Card withBorder radius="md">
                <Text fw={600} mb="xs">
                  Baris yang tidak diproses
                </Text>
                <DataTable
                  query={{
                    data: [
                      ...result.notFound.map((n) => ({ row: n.row, reason: `NIK ${n.nik} (${n.nama || 'tanpa nama'}) belum ada di registri. Tambahkan orangnya dulu, lalu impor ulang berkas ini.` })),
                      ...result.rejected,
                    ].sort((a, b) => a.row - b.row),
                    isLoading: false,
                  }}
                  columns={skippedColumns}
                  rowKey={(r) => r.row}
                  striped={false}
                  withTableBorder
                  fz="sm"
                  verticalSpacing={7}
                />
              </Card>
            )}
          </>
        )}
        {may('registry.read') && (
          <Card withBorder radius="md">
            <Text fw={600} mb="xs">
              Status usulan terakhir
            </Text>
            {usulan.data && usulan.data.length === 0 ? (
              <Text c="dimmed" size="sm">
                Belum ada hasil usulan. Ekspor usulan dengan templat SIKS-NG, unggah ke SIKS-NG, lalu impor berkas hasilnya di sini.
              </Text>
            ) : (
              <DataTable query={usulan} columns={usulanColumns} withTableBorder fz="sm" verticalSpacing={7} tableId="usulan-terakhir" />
            )}
          </Card>
        )}
      </Stack>
    </>
  );
}
