import { ActionIcon, Button, FileButton, Group, Image, Modal, Paper, Select, SimpleGrid, Skeleton, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPhotoPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { Foto, PenyerahanDetail } from '../../../shared/api/handovers';
import { callApi } from '../api/client';
import { uploadPickedFileOrNotify } from '../api/files';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { tgl } from './ui';
import { ERROR_INLINE } from '../api/queryErrors';

/** A small JPEG (longest side 320 px) drawn in the renderer, so lists never carry the full photos. */
async function makeThumb(file: File): Promise<File | null> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 320 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
    return blob ? new File([blob], 'gambar-kecil.jpg', { type: 'image/jpeg' }) : null;
  } catch {
    return null; // the full photo is shown instead
  }
}

function Thumb({ foto, label, canDelete }: { foto: Foto; label: string; canDelete: boolean }) {
  const data = useApiQuery('handovers.photo', { id: foto.id, thumb: true }, { staleTime: Infinity, meta: ERROR_INLINE });
  const [full, setFull] = useState<string | null>(null);
  const openFull = () =>
    callApi('handovers.photo', { id: foto.id, thumb: false })
      .then((f) => setFull(f.dataUrl))
      .catch((e: Error) => notifications.show({ color: 'red', message: e.message }));
  const remove = useApiMutation('handovers.removePhoto', { invalidate: ['handovers'], success: 'Foto dihapus.' });
  return (
    <Paper withBorder p={4} data-testid="photo-thumb">
      <Modal opened={!!full} onClose={() => setFull(null)} size="xl" title={foto.fileName}>
        {full && <Image src={full} alt={foto.fileName} fit="contain" mah="75vh" />}
      </Modal>
      {data.data ? (
        <UnstyledButton onClick={openFull} title="Buka ukuran penuh" w="100%">
          <Image src={data.data.dataUrl} h={110} fit="cover" radius="sm" alt={foto.fileName} />
        </UnstyledButton>
      ) : data.error ? (
        <Text size="xs" c="red" h={110}>{data.error.message}</Text>
      ) : (
        <Skeleton h={110} />
      )}
      <Group justify="space-between" gap={4} wrap="nowrap" mt={4}>
        <div style={{ minWidth: 0 }}>
          <Text size="xs" truncate>{label}</Text>
          <Text size="xs" c="dimmed">{tgl(foto.createdAt.slice(0, 10))}</Text>
        </div>
        {canDelete && (
          <ActionIcon
            size="sm"
            variant="subtle"
            color="red"
            aria-label="Hapus foto"
            onClick={() =>
              modals.openConfirmModal({
                title: 'Hapus foto?',
                children: <Text size="sm">Foto {foto.fileName} dihapus dari serah terima ini.</Text>,
                labels: { confirm: 'Hapus', cancel: 'Batal' },
                confirmProps: { color: 'red' },
                onConfirm: () => remove.mutate({ id: foto.id }),
              })
            }
          >
            <IconTrash size={14} />
          </ActionIcon>
        )}
      </Group>
    </Paper>
  );
}

/** Photo proof of the handover, for the event or one recipient; stored beside the database. */
export function Photos({ d, canEdit }: { d: PenyerahanDetail; canEdit: boolean }) {
  const [penerimaId, setPenerimaId] = useState<string | null>(null);
  const add = useApiMutation('handovers.addPhoto', { invalidate: ['handovers'], success: (f) => `Foto ${f.fileName} disimpan.` });
  const names = new Map(d.penerima.map((p) => [p.id, p.orang.nama]));
  const upload = async (files: File[]) => {
    for (const file of files) {
      const picked = await uploadPickedFileOrNotify(file, 'photo');
      if (!picked) continue;
      const small = await makeThumb(file);
      const thumb = small && (await uploadPickedFileOrNotify(small, 'photo'));
      await add
        .mutateAsync({ penyerahanId: d.id, penerimaId: penerimaId ? Number(penerimaId) : null, keterangan: null, file: picked, thumb })
        .catch(() => undefined);
    }
  };
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={5}>Foto dokumentasi ({d.foto.length})</Title>
        {canEdit && (
          <Group gap="xs">
            <Select size="xs" w={240} placeholder="Untuk acara (semua)" clearable data={d.penerima.map((p) => ({ value: String(p.id), label: p.orang.nama }))} value={penerimaId} onChange={setPenerimaId} />
            <FileButton onChange={(f) => void upload(f)} accept="image/png,image/jpeg" multiple>
              {(props) => <Button size="xs" variant="light" leftSection={<IconPhotoPlus size={14} />} loading={add.isPending} {...props} data-testid="photo-add">Tambah foto</Button>}
            </FileButton>
          </Group>
        )}
      </Group>
      {d.foto.length === 0 ? (
        <Text size="sm" c="dimmed">Belum ada foto. Tambahkan foto penyerahan (JPG/PNG, maksimal 8 MB) sebagai bukti.</Text>
      ) : (
        <SimpleGrid cols={{ base: 3, md: 6 }}>
          {d.foto.map((f) => (
            <Thumb key={f.id} foto={f} label={f.penerimaId ? (names.get(f.penerimaId) ?? 'Penerima') : 'Acara serah terima'} canDelete={canEdit} />
          ))}
        </SimpleGrid>
      )}
      <Stack gap={0} />
    </Paper>
  );
}
