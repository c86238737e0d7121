import { ActionIcon, Button, FileButton, Group, Image, Paper, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPhotoPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { Foto, PenyerahanDetail } from '../../../shared/api/handovers';
import { readPickedFile } from '../api/files';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { tgl } from './ui';

function Thumb({ foto, label, canDelete }: { foto: Foto; label: string; canDelete: boolean }) {
  const data = useApiQuery('handovers.photo', { id: foto.id }, { staleTime: Infinity });
  const remove = useApiMutation('handovers.removePhoto', { invalidate: ['handovers'], success: 'Foto dihapus.' });
  return (
    <Paper withBorder p={4} data-testid="photo-thumb">
      {data.data ? (
        <a href={data.data.dataUrl} target="_blank" rel="noreferrer" title="Buka ukuran penuh">
          <Image src={data.data.dataUrl} h={110} fit="cover" radius="sm" alt={foto.fileName} />
        </a>
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
      const picked = await readPickedFile(file);
      await add.mutateAsync({ penyerahanId: d.id, penerimaId: penerimaId ? Number(penerimaId) : null, keterangan: null, file: { fileName: picked.fileName, bytes: picked.bytes as Uint8Array<ArrayBuffer> } }).catch(() => undefined);
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
