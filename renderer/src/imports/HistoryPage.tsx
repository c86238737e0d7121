import { Alert, Badge, Button, Card, Group, List, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowBackUp, IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ImportBatchSummary, UndoBlocker } from '../../../shared/api/imports';
import { formatAngka } from '../../../shared/domain/rupiah';
import type { ApiError } from '../api/client';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { EmptyState } from '../common/EmptyState';
import { PageHeader } from '../common/PageHeader';
import { DataTable, type DataColumn } from '../components/DataTable';
import { waktu } from '../common/format';

/** Every import batch with its file, fingerprint, who, when and counts; a batch can be undone. */
export function HistoryPage() {
  const history = useApiQuery('imports.history', { limit: 100, offset: 0 });
  const undo = useApiMutation('imports.undo', { invalidate: ['imports', 'registry'], success: (r) => `Impor #${r.batch.id} dibatalkan: ${formatAngka(r.removed)} data dihapus, ${formatAngka(r.reverted)} perubahan dikembalikan.`, quietErrors: true });
  const [blocked, setBlocked] = useState<{ batch: number; message: string; blockers: UndoBlocker[] } | null>(null);

  const columns: DataColumn<ImportBatchSummary>[] = [
    { id: 'id', header: '#', hideable: false, sortValue: (b) => b.id, cell: (b) => b.id },
    {
      id: 'berkas',
      header: 'Berkas',
      sortValue: (b) => b.fileName,
      cell: (b) => (
        <>
          <Text size="sm">{b.fileName}</Text>
          <Text size="xs" c="dimmed" ff="monospace" title={b.sha256}>
            SHA-256 {b.sha256.slice(0, 16)}…
          </Text>
        </>
      ),
    },
    {
      id: 'oleh',
      header: 'Oleh / waktu',
      sortValue: (b) => b.finishedAt ?? b.startedAt,
      cell: (b) => (
        <>
          <Text size="sm">{b.username ?? '–'}</Text>
          <Text size="xs" c="dimmed">{waktu(b.finishedAt ?? b.startedAt)}</Text>
        </>
      ),
    },
    { id: 'baris', header: 'Baris', align: 'right', sortValue: (b) => b.dataRows, cell: (b) => formatAngka(b.dataRows) },
    { id: 'baru', header: 'Baru', align: 'right', sortValue: (b) => b.imported, cell: (b) => formatAngka(b.imported) },
    { id: 'diperbarui', header: 'Diperbarui', align: 'right', sortValue: (b) => b.updated, cell: (b) => formatAngka(b.updated) },
    { id: 'ganda', header: 'Ganda', align: 'right', sortValue: (b) => b.duplicates, cell: (b) => formatAngka(b.duplicates) },
    { id: 'ditolak', header: 'Ditolak', align: 'right', sortValue: (b) => b.rejected, cell: (b) => formatAngka(b.rejected) },
    {
      id: 'status',
      header: 'Status',
      sortValue: (b) => b.status,
      cell: (b) =>
        b.status === 'undone' ? (
          <Badge color="gray" variant="light" title={`oleh ${b.undoneBy ?? '–'}, ${waktu(b.undoneAt)}`}>
            Dibatalkan
          </Badge>
        ) : (
          <Badge color="green" variant="light">Tersimpan</Badge>
        ),
    },
    {
      id: 'batalkan',
      header: '',
      hideable: false,
      cell: (b) =>
        b.status === 'committed' && (
          <Button size="xs" variant="subtle" color="red" leftSection={<IconArrowBackUp size={14} />} onClick={() => askUndo(b)} loading={undo.isPending && undo.variables?.batchId === b.id}>
            Batalkan
          </Button>
        ),
    },
  ];

  const askUndo = (b: ImportBatchSummary) =>
    modals.openConfirmModal({
      title: `Batalkan impor #${b.id}?`,
      children: (
        <Text size="sm">
          {formatAngka(b.imported)} data baru dari "{b.fileName}" akan dihapus dan {formatAngka(b.updated)} data yang diperbarui dikembalikan ke nilai sebelumnya. Tindakan ini tercatat di riwayat.
        </Text>
      ),
      labels: { confirm: 'Batalkan impor', cancel: 'Kembali' },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        setBlocked(null);
        undo.mutate(
          { batchId: b.id },
          { onError: (e: ApiError) => setBlocked({ batch: b.id, message: e.message, blockers: Array.isArray(e.details) ? (e.details as UndoBlocker[]) : [] }) },
        );
      },
    });

  const batches = history.data?.batches ?? [];
  return (
    <Stack>
      <PageHeader
        title="Riwayat impor"
        description="Setiap berkas yang pernah disimpan: nama, sidik SHA-256, oleh siapa, kapan, dan hasilnya."
        actions={
          <Button component={Link} to="/impor" leftSection={<IconFileImport size={16} />}>
            Impor baru
          </Button>
        }
      />
      {blocked && (
        <Alert color="red" title={`Impor #${blocked.batch} tidak dapat dibatalkan`} withCloseButton onClose={() => setBlocked(null)} data-testid="undo-blocked">
          <Text size="sm">{blocked.message}</Text>
          {blocked.blockers.length > 0 && (
            <List size="sm" mt="xs">
              {blocked.blockers.slice(0, 10).map((b) => (
                <List.Item key={`${b.entity}${b.id}`}>
                  {b.label}: {b.reason}
                </List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      {history.isSuccess && batches.length === 0 ? (
        <EmptyState icon={<IconFileImport size={30} />} title="Belum ada impor" action={{ label: 'Impor berkas pertama', to: '/impor' }}>
          Setelah berkas disimpan ke registri, riwayatnya muncul di sini dan dapat dibatalkan bila perlu.
        </EmptyState>
      ) : (
        <Card withBorder radius="md" padding={0}>
          <DataTable query={{ data: history.data?.batches, isLoading: history.isLoading }} columns={columns} fz="sm" verticalSpacing={7} tableId="riwayat-impor" data-testid="import-history" />
          <Group p="xs">
            <Text size="xs" c="dimmed">
              {formatAngka(history.data?.total ?? 0)} impor
            </Text>
          </Group>
        </Card>
      )}
    </Stack>
  );
}
