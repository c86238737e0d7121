import { Accordion, Badge, Button, Group, Select, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ImportColumn, ImportFieldInfo } from '../../../shared/api/imports';
import { useApiQuery } from '../api/hooks';
import { DataTable, type DataColumn } from '../components/DataTable';

/**
 * The columns as detected (header text → import field), correctable by the operator. Applying re-checks
 * every row with the corrected mapping; it can be saved for next time when committing. `fields`: the fields
 * a column may be read as, when not the registry import's (an agency's intervention list).
 */
export function MappingEditor({
  columns,
  dirty,
  onApply,
  defaultOpen = false,
  fields: ownFields,
}: {
  columns: ImportColumn[];
  dirty: boolean;
  onApply: (m: Record<string, string>) => void;
  defaultOpen?: boolean;
  fields?: ImportFieldInfo[];
}) {
  const registryFields = useApiQuery('imports.fields', undefined, { staleTime: Infinity, enabled: !ownFields });
  const fields = ownFields ? { data: ownFields } : registryFields;
  const initial = useMemo(() => Object.fromEntries(columns.filter((c) => c.header.trim()).map((c) => [c.header, c.field ?? ''])), [columns]);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const options = [{ value: '', label: '— abaikan kolom ini —' }, ...(fields.data ?? []).map((f) => ({ value: f.key, label: f.label }))];
  const labelOf = (key: string | null) => (key ? (fields.data?.find((f) => f.key === key)?.label ?? key) : null);
  const changed = Object.keys(edits).some((h) => edits[h] !== initial[h]);
  const mapped = columns.filter((c) => c.field).length;

  // Rows are the file's columns in sheet order (A, B, C…): the headers do not sort.
  const mappingColumns: DataColumn<ImportColumn>[] = [
    { id: 'kolom', header: 'Kolom', width: 70, cell: (c) => c.letter },
    { id: 'judul', header: 'Judul di berkas', cell: (c) => c.header || <Text c="dimmed" size="sm">(tanpa judul)</Text> },
    {
      id: 'dibaca',
      header: 'Dibaca sebagai',
      width: 320,
      cell: (c) =>
        c.header.trim() ? (
          <Select
            size="xs"
            aria-label={`Kolom ${c.header} dibaca sebagai`}
            data={options}
            value={edits[c.header] ?? initial[c.header] ?? ''}
            onChange={(v) => setEdits((e) => ({ ...e, [c.header]: v ?? '' }))}
            searchable
            allowDeselect={false}
            placeholder={labelOf(c.field) ?? 'abaikan'}
          />
        ) : (
          <Text size="sm" c="dimmed">diabaikan</Text>
        ),
    },
  ];

  return (
    <Accordion variant="contained" radius="md" defaultValue={defaultOpen ? 'mapping' : null}>
      <Accordion.Item value="mapping">
        <Accordion.Control>
          <Group gap="xs">
            <Text fw={600}>Pemetaan kolom</Text>
            <Badge variant="light">{mapped} dari {columns.length} kolom dikenali</Badge>
            {dirty && <Badge color="orange" variant="light">diubah</Badge>}
          </Group>
        </Accordion.Control>
        <Accordion.Panel>
          <DataTable query={{ data: columns, isLoading: false }} columns={mappingColumns} rowKey={(c) => c.index} withTableBorder fz="sm" verticalSpacing={7} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" disabled={!changed} onClick={() => setEdits({})}>
              Kembalikan
            </Button>
            <Button disabled={!changed} onClick={() => onApply({ ...initial, ...edits })}>
              Periksa ulang dengan pemetaan ini
            </Button>
          </Group>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
