import { ActionIcon, Alert, Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import type { FileRef } from '../../../shared/api/files';
import type { WorkbookDesaStatus } from '../../../shared/api/workbooks';
import { api, type ApiError } from '../api/client';
import { saveFile } from '../api/files';
import { useApiQuery } from '../api/hooks';
import { waktu } from '../common/format';

/** Made at / returned at per desa; "Belum kembali" for a workbook still out, "Belum dibuat" for none. */
export function WorkbookStatusTable({ rows, showKecamatan, onMake, busy }: { rows: WorkbookDesaStatus[]; showKecamatan?: boolean; onMake?: (kode: string) => void; busy?: string | null }) {
  return (
    <Table verticalSpacing={4} data-testid="lk-status">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Desa/kelurahan</Table.Th>
          {showKecamatan && <Table.Th>Kecamatan</Table.Th>}
          <Table.Th>Lembar kerja dibuat</Table.Th>
          <Table.Th>Kembali dan diterapkan</Table.Th>
          {onMake && <Table.Th w={40} />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((d) => (
          <Table.Tr key={d.kode} data-testid={`lk-status-${d.kode}`}>
            <Table.Td>{d.nama}</Table.Td>
            {showKecamatan && <Table.Td>{d.kecamatanNama}</Table.Td>}
            <Table.Td>{d.dibuat ? waktu(d.dibuat) : <Text span size="sm" c="dimmed">Belum dibuat</Text>}</Table.Td>
            <Table.Td>{d.kembali ? <Badge color="green" variant="light">{waktu(d.kembali)}</Badge> : d.dibuat ? <Badge color="orange" variant="light">Belum kembali</Badge> : '–'}</Table.Td>
            {onMake && (
              <Table.Td>
                <Tooltip label={`Buat lembar kerja ${d.nama}`}>
                  <ActionIcon variant="subtle" aria-label={`Buat lembar kerja ${d.nama}`} loading={busy === d.kode} disabled={!!busy} onClick={() => onMake(d.kode)}>
                    <IconFileSpreadsheet size={16} />
                  </ActionIcon>
                </Tooltip>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
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
  const status = useApiQuery('workbooks.status', { desa }, { enabled: desa.length > 0 });
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
