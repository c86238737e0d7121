import { Alert, Loader, Stack, Text } from '@mantine/core';
import { useApiQuery } from '../api/hooks';
import { MappingEditor } from './MappingEditor';

/**
 * When no column header was recognised: the header-like rows the reader found, for the operator to say which
 * column is NIK, Nama, No KK… A mapping saved at commit is found again for files of the same layout.
 */
export function ManualMapping({ stagingId, onApply }: { stagingId: string; onApply: (mapping: Record<string, string>, sheet: string) => void }) {
  const inspect = useApiQuery('imports.inspect', { stagingId }, { retry: false });
  if (inspect.isLoading) return <Loader size="sm" />;
  const candidate = inspect.data?.candidates[0];
  if (!candidate) {
    return <Alert color="gray">Tidak ada baris yang tampak seperti judul kolom. Periksa apakah berkas berisi tabel data.</Alert>;
  }
  return (
    <Stack gap="xs" data-testid="manual-mapping">
      <Text size="sm">
        Petakan kolom secara manual: baris {candidate.row} pada sheet "{candidate.sheet}" tampaknya judul kolom. Tentukan minimal kolom NIK, Nama, No KK dan Desa/Kelurahan, lalu periksa ulang.
      </Text>
      <MappingEditor
        columns={candidate.headers.map((header, index) => ({ index, letter: '–', header, field: candidate.fields[index] ?? null }))}
        dirty={false}
        defaultOpen
        onApply={(m) => onApply(m, candidate.sheet)}
      />
    </Stack>
  );
}
