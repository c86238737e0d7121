import { Alert, Button, FileButton, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ImportIntervensiResult } from '../../../shared/api/interventions';
import { readPickedFile } from '../api/files';
import { useApiMutation } from '../api/hooks';

/** An agency's list: checked first (nothing written), then the good rows saved in one go. */
export function ImportListModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [file, setFile] = useState<{ fileName: string; bytes: Uint8Array<ArrayBuffer> } | null>(null);
  const [opd, setOpd] = useState('');
  const [preview, setPreview] = useState<ImportIntervensiResult | null>(null);
  const run = useApiMutation('interventions.importList', { invalidate: ['interventions', 'dashboard'] });
  const close = () => {
    setFile(null);
    setPreview(null);
    onClose();
  };
  const check = () => file && run.mutate({ ...file, opd, dryRun: true }, { onSuccess: setPreview });
  const commit = () =>
    file &&
    run.mutate({ ...file, opd, dryRun: false }, {
      onSuccess: (r) => {
        setPreview(r);
        if (r.rejected.length === 0) close();
      },
    });
  const good = preview ? preview.dataRows - preview.rejected.length : 0;
  return (
    <Modal opened={opened} onClose={close} title="Impor daftar intervensi dari OPD" size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          Berkas .xlsx dengan kolom NIK, Jenis bantuan, Tanggal, dan (bila ada) Nilai. Penerima dicocokkan dengan registri lewat NIK.
        </Text>
        <Group align="flex-end">
          <TextInput label="OPD pemberi" placeholder="Dinas Pendidikan" value={opd} onChange={(e) => setOpd(e.currentTarget.value)} w={280} />
          <FileButton onChange={async (f) => f && (setPreview(null), setFile(await readPickedFile(f)))} accept=".xlsx">
            {(props) => <Button variant="default" {...props}>{file ? file.fileName : 'Pilih berkas…'}</Button>}
          </FileButton>
          <Button onClick={check} disabled={!file || opd.trim().length < 2} loading={run.isPending && !preview}>Periksa</Button>
        </Group>
        {preview && (
          <>
            <Alert color={preview.rejected.length ? 'yellow' : 'green'} data-testid="intervensi-preview">
              {preview.dryRun
                ? `${preview.dataRows} baris dibaca: ${good} siap disimpan, ${preview.rejected.length} ditolak.`
                : `${preview.imported} baris disimpan. ${preview.rejected.length} baris ditolak dan tidak disimpan.`}
            </Alert>
            {preview.rejected.length > 0 && (
              <Table striped withTableBorder verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr><Table.Th w={80}>Baris</Table.Th><Table.Th>Alasan</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rejected.slice(0, 200).map((r) => (
                    <Table.Tr key={r.row}><Table.Td>{r.row}</Table.Td><Table.Td>{r.reasons.join('; ')}</Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>Tutup</Button>
          {preview?.dryRun && good > 0 && <Button onClick={commit} loading={run.isPending}>Simpan {good} baris</Button>}
        </Group>
      </Stack>
    </Modal>
  );
}
