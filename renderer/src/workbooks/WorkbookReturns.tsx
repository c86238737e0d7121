import { ActionIcon, Alert, Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import type { FileRef } from '../../../shared/api/files';
import type { WorkbookDesaStatus } from '../../../shared/api/workbooks';
import { api, type ApiError } from '../api/client';
import { saveFile } from '../api/files';
import { useApiQuery } from '../api/hooks';
import { waktu } from '../common/format';
import { DataTable, type DataColumn } from '../components/DataTable';
import { ERROR_INLINE } from '../api/queryErrors';

/** Made at / returned at per desa; "Belum kembali" for a workbook still out, "Belum dibuat" for none. */
export function WorkbookStatusTable({ rows, showKecamatan, onMake, busy }: { rows: WorkbookDesaStatus[]; showKecamatan?: boolean; onMake?: (kode: string) => void; busy?: string | null }) {
  const columns: DataColumn<WorkbookDesaStatus>[] = [
    { id: 'desa', header: 'Desa/kelurahan', sortValue: (d) => d.nama, cell: (d) => d.nama },
    ...(showKecamatan ? [{ id: 'kecamatan', header: 'Kecamatan', sortValue: (d: WorkbookDesaStatus) => d.kecamatanNama, cell: (d: WorkbookDesaStatus) => d.kecamatanNama }] : []),
    { id: 'dibuat', header: 'Lembar kerja dibuat', sortValue: (d) => d.dibuat, cell: (d) => (d.dibuat ? waktu(d.dibuat) : <Text span size="sm" c="dimmed">Belum dibuat</Text>) },
    {
      id: 'kembali',
      header: 'Kembali dan diterapkan',
      sortValue: (d) => d.kembali,
      cell: (d) => (d.kembali ? <Badge color="green" variant="light">{waktu(d.kembali)}</Badge> : d.dibuat ? <Badge color="orange" variant="light">Belum kembali</Badge> : '–'),
    },
    ...(onMake
      ? [
          {
            id: 'buat',
            header: '',
            width: 40,
            cell: (d: WorkbookDesaStatus) => (
              <Tooltip label={`Buat lembar kerja ${d.nama}`}>
                <ActionIcon variant="subtle" aria-label={`Buat lembar kerja ${d.nama}`} loading={busy === d.kode} disabled={!!busy} onClick={() => onMake(d.kode)}>
                  <IconFileSpreadsheet size={16} />
                </ActionIcon>
              </Tooltip>
            ),
          },
        ]
      : []),
  ];
  return (
    <DataTable query={{ data: rows, isLoading: false }} columns={columns} rowKey={(d) => d.kode} striped={false} verticalSpacing={4} rowProps={(d) => ({ 'data-testid': `lk-status-${d.kode}` })} data-testid="lk-status" />
  );
}

/** Makes a workbook (or a zip of them) and hands it to the user; which one is busy, and the error if any. */
export function useMakeWorkbook(made: () => void) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const make = async (which: string, issue: () => Promise<FileRef>) => {
    setBusy(which);
    setError(null);
    try {
      await saveFile(await issue());
      made();
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, make };
}

/**
 * The workbooks of a list of desa (a meeting's): which came back and which did not, with making one desa's
 * workbook, or all of them in one zip. Desa outside the caller's work area are not listed.
 */
export function WorkbookReturns({ desa }: { desa: string[] }) {
  const status = useApiQuery('workbooks.status', { desa }, { enabled: desa.length > 0, meta: ERROR_INLINE });
  const rows = status.data ?? [];
  const { busy, error, make: run } = useMakeWorkbook(() => void status.refetch());
  const make = (which: string) => run(which, () => (which === 'semua' ? api.workbooks.issueDesa({ desa: rows.map((r) => r.kode) }) : api.workbooks.issue({ desa: which })));
  if (desa.length === 0) return <Text size="sm" c="dimmed">Belum ada desa/kelurahan di rapat ini (undang operator desa atau isi penanggung jawab desa).</Text>;
  if (status.error) return <Alert color="red">{status.error.message}</Alert>;
  const belum = rows.filter((r) => r.dibuat && !r.kembali).length;
  return (
    <Stack gap="xs" data-testid="lk-rapat">
      <Group justify="space-between">
        <Text size="sm">
          {rows.filter((r) => r.kembali).length} dari {rows.length} desa/kelurahan sudah mengembalikan lembar kerja{belum > 0 ? `; ${belum} belum kembali` : ''}.
        </Text>
        <Button size="xs" variant="light" leftSection={<IconDownload size={14} />} disabled={rows.length === 0 || !!busy} loading={busy === 'semua'} onClick={() => void make('semua')} data-testid="lk-rapat-buat">
          Buat lembar kerja {rows.length} desa (zip)
        </Button>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      <WorkbookStatusTable rows={rows} showKecamatan onMake={(kode) => void make(kode)} busy={busy} />
    </Stack>
  );
}
