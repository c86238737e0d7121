import type { UploadRef } from '../../../shared/api/files';
import { Alert, Button, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { OperatorImportResult } from '../../../shared/api/meetings';
import { uploadPickedFileOrNotify } from '../api/files';
import { useApiMutation } from '../api/hooks';
import { DataTable, type DataColumn } from '../components/DataTable';

const rejectedColumns: DataColumn<OperatorImportResult['ditolak'][number]>[] = [
  { id: 'baris', header: 'Baris', width: 70, sortValue: (r) => r.row, cell: (r) => r.row },
  { id: 'nama', header: 'Nama', width: 180, sortValue: (r) => r.nama, cell: (r) => r.nama },
  { id: 'alasan', header: 'Alasan ditolak', cell: (r) => r.reasons.join(' ') },
];

/**
 * Pick a sheet → preview (nothing written) → import. Rows with problems are listed with their Excel row
 * numbers; importing despite them needs an explicit confirmation.
 */
export function ImportOperatorsModal(props: { opened: boolean; onClose: () => void; onImported?: (r: OperatorImportResult) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [picked, setPicked] = useState<UploadRef | null>(null);
  const [preview, setPreview] = useState<OperatorImportResult | null>(null);
  const run = useApiMutation('meetings.importOperators', { invalidate: ['meetings'] });

  const close = () => {
    setFile(null);
    setPicked(null);
    setPreview(null);
    props.onClose();
  };
  const choose = async (f: File | null) => {
    setFile(f);
    setPreview(null);
    if (!f) return;
    const p = await uploadPickedFileOrNotify(f, 'import');
    setPicked(p);
    if (p) run.mutate({ file: p }, { onSuccess: setPreview });
  };
  const commit = (lewatiDitolak: boolean) =>
    picked &&
    run.mutate(
      { file: picked, commit: true, lewatiDitolak },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'green', message: `Impor selesai: ${r.baru} operator baru, ${r.diperbarui} diperbarui.` });
          props.onImported?.(r);
          close();
        },
      },
    );
  const confirmPartial = () =>
    modals.openConfirmModal({
      title: 'Impor sebagian?',
      children: <Text size="sm">{preview?.ditolak.length} baris ditolak tidak akan diimpor. Perbaiki baris itu di Excel lalu impor lagi nanti (baris yang sama akan diperbarui, tidak digandakan).</Text>,
      labels: { confirm: 'Impor baris yang valid', cancel: 'Batal' },
      onConfirm: () => commit(true),
    });

  const valid = preview ? preview.baru + preview.diperbarui : 0;
  return (
    <Modal opened={props.opened} onClose={close} title="Impor daftar operator dari Excel" size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          Kolom dikenali dari judulnya: Nama, NIK, Kecamatan, Desa/Kelurahan (atau Kode Wilayah), No. HP/WA, E-mail, Jabatan, Nomor SK, Tanggal SK, Status, Catatan.
          Operator yang sudah ada dicocokkan dengan NIK, atau nama di desa yang sama; sel kosong tidak menghapus data yang sudah ada.
        </Text>
        <FileInput label="Berkas Excel (.xlsx)" placeholder="Pilih berkas…" accept=".xlsx" value={file} onChange={(f) => void choose(f)} clearable data-testid="import-file" />
        {run.isPending && <Text size="sm">Membaca berkas…</Text>}
        {preview && (
          <>
            <Alert color={preview.ditolak.length > 0 ? 'yellow' : 'green'} title={`Lembar "${preview.sheet}": ${preview.dataRows} baris data`}>
              {preview.baru} operator baru, {preview.diperbarui} diperbarui, {preview.ditolak.length} ditolak.
              <Text size="xs" c="dimmed" mt={4}>Kolom dikenali: {preview.kolom.map((k) => `${k.field} ← "${k.header}"`).join(', ')}</Text>
            </Alert>
            {preview.ditolak.length > 0 && (
              <DataTable
                query={{ data: preview.ditolak, isLoading: false }}
                columns={rejectedColumns}
                rowKey={(r) => r.row}
                maxHeight="260px"
                verticalSpacing={7}
                withTableBorder
                data-testid="import-rejected"
              />
            )}
            {preview.dilewati.length > 0 && (
              <Text size="sm" c="dimmed">
                Baris {preview.dilewati[0]!.row}–{preview.dilewati[preview.dilewati.length - 1]!.row} dianggap blok tanda tangan dan tidak dibaca ("{preview.dilewati[0]!.teks}" …).
              </Text>
            )}
            {preview.peringatan.length > 0 && (
              <Text size="sm" c="yellow.8">Peringatan: {preview.peringatan.map((p) => `baris ${p.row} (${p.nama}): ${p.reasons.join(' ')}`).join('; ')}</Text>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>Tutup</Button>
          {preview && preview.ditolak.length > 0 && valid > 0 && (
            <Button variant="light" color="yellow" onClick={confirmPartial} loading={run.isPending}>Impor {valid} baris yang valid saja</Button>
          )}
          {(!preview || preview.ditolak.length === 0) && (
            <Button onClick={() => commit(false)} disabled={!preview || valid === 0} loading={run.isPending}>
              Impor{preview ? ` ${valid} baris` : ''}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
