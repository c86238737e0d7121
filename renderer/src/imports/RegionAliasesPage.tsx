import { Badge, Button, Paper, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconMapPin, IconTrash } from '@tabler/icons-react';
import type { OfficeRegionAlias } from '../../../shared/api/imports';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { EmptyState } from '../common/EmptyState';
import { PageHeader } from '../common/PageHeader';
import { DataTable, type DataColumn } from '../components/DataTable';
import { waktu } from '../common/format';
import { useMay } from '../common/useMay';

/**
 * The kecamatan/desa names the office remembered on the value-mapping step ("Ingat"): each later sheet that writes
 * the name lands on the region without asking. The admin forgets a wrong one (audited); the sheets that write it
 * then come to the value-mapping step again.
 */
export function RegionAliasesPage() {
  const admin = useMay()('office.manage');
  const list = useApiQuery('imports.regionAliases', undefined);
  const remove = useApiMutation('imports.removeRegionAlias', { invalidate: ['imports'], success: 'Nama wilayah dilupakan.' });
  const rows = list.data ?? [];
  const columns: DataColumn<OfficeRegionAlias>[] = [
    { id: 'alias', header: 'Tulisan di lembar', hideable: false, sortValue: (a) => a.alias, cell: (a) => <Text size="sm" fw={600}>{a.alias}</Text> },
    { id: 'tingkat', header: 'Tingkat', sortValue: (a) => a.level, cell: (a) => <Badge variant="light" color={a.level === 'desa' ? 'teal' : 'blue'}>{a.level === 'desa' ? 'Desa/Kel.' : 'Kecamatan'}</Badge> },
    {
      id: 'wilayah',
      header: 'Wilayah',
      sortValue: (a) => a.nama,
      cell: (a) => (
        <>
          {a.nama}
          {a.kecamatan && <Text span size="sm" c="dimmed">{` — Kec. ${a.kecamatan}`}</Text>}
        </>
      ),
    },
    { id: 'oleh', header: 'Diingat oleh', sortValue: (a) => a.username, cell: (a) => a.username ?? '—' },
    { id: 'waktu', header: 'Waktu', sortValue: (a) => a.createdAt, cell: (a) => waktu(a.createdAt) },
    ...(admin
      ? [
          {
            id: 'lupakan',
            header: '',
            width: 120,
            hideable: false,
            cell: (a: OfficeRegionAlias) => (
              <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => forget(a)} loading={remove.isPending && remove.variables?.id === a.id}>
                Lupakan
              </Button>
            ),
          },
        ]
      : []),
  ];
  const forget = (a: OfficeRegionAlias) =>
    modals.openConfirmModal({
      title: `Lupakan "${a.alias}"?`,
      children: (
        <Text size="sm">
          Lembar berikutnya yang menulis "{a.alias}" tidak lagi langsung dicocokkan ke {a.level === 'desa' ? 'desa/kelurahan' : 'kecamatan'} {a.nama}
          {a.kecamatan ? ` (Kec. ${a.kecamatan})` : ''}; nilainya akan ditanyakan lagi pada langkah pemetaan nilai. Data yang sudah diimpor tidak berubah. Tindakan ini tercatat di log audit.
        </Text>
      ),
      labels: { confirm: 'Lupakan', cancel: 'Batal' },
      confirmProps: { color: 'red', 'data-testid': 'lupakan-ya' },
      onConfirm: () => remove.mutate({ id: a.id }),
    });
  return (
    <Stack>
      <PageHeader
        title="Nama wilayah yang diingat"
        description="Tulisan kecamatan dan desa/kelurahan dari lembar operator yang sudah dipetakan sekali dan diingat kantor. Lembar berikutnya dengan tulisan yang sama langsung dikenali."
      />
      {list.isSuccess && rows.length === 0 ? (
        <EmptyState icon={<IconMapPin size={40} stroke={1.4} />} title="Belum ada nama yang diingat">
          Pada langkah pemetaan nilai saat impor, centang "Ingat" agar tulisan seperti "MB Ketapang" dikenali pada lembar berikutnya.
        </EmptyState>
      ) : (
        <Paper withBorder>
          <DataTable query={list} columns={columns} verticalSpacing={6} tableId="nama-wilayah" data-testid="tabel-nama-wilayah" />
        </Paper>
      )}
    </Stack>
  );
}
