import { Alert, Badge, Button, Card, Checkbox, CloseButton, Group, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconMapPin } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { RegionValueMapping as Mapping, UnmatchedRegionValue } from '../../../shared/api/imports';
import { formatAngka } from '../../../shared/domain/rupiah';
import { useApiQuery } from '../api/hooks';
import { DataTable, type DataColumn } from '../components/DataTable';

/** A value's identity in the sheet: its field, the row's kecamatan as written (for a desa) and the value. */
function keyOf(v: { field: string; value: string; kecamatan: string | null }): string {
  return `${v.field}\u0001${v.kecamatan ?? ''}\u0001${v.value}`;
}

const FIELD_LABEL = { kecamatan: 'Kecamatan', desa: 'Desa/kelurahan' } as const;

interface Draft {
  kode: string | null;
  remember: boolean;
}

/** What a chosen region is called on screen (kept for the list of applied mappings). */
export type MappedLabels = Record<string, string>;

/**
 * The value-mapping step: every kecamatan or desa name of the sheet that matched no region, once, with how many
 * rows carry it and the closest names. The user maps a value once for the whole sheet (or leaves it: those rows
 * are rejected with the reason); a mapping may be remembered as the office's name for next time.
 */
export function RegionValueMapping(props: {
  values: UnmatchedRegionValue[];
  applied: Mapping[];
  labels: MappedLabels;
  onApply: (mapping: Mapping[], labels: MappedLabels) => void;
}) {
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [labels, setLabels] = useState<MappedLabels>({});
  const chosen = props.values.filter((v) => drafts[keyOf(v)]?.kode);
  if (props.values.length === 0 && props.applied.length === 0) return null;

  const apply = (mapping: Mapping[]) => {
    setDrafts({});
    props.onApply(mapping, { ...props.labels, ...labels });
  };
  const addChosen = () =>
    apply([
      ...props.applied,
      ...chosen.map((v) => {
        const d = drafts[keyOf(v)]!;
        return { field: v.field, value: v.value, kecamatan: v.kecamatan, kode: d.kode!, remember: d.remember };
      }),
    ]);
  const rows = props.values.reduce((n, v) => n + v.rows, 0);
  const draftOf = (v: UnmatchedRegionValue) => drafts[keyOf(v)] ?? { kode: null, remember: false };
  const valueColumns: DataColumn<UnmatchedRegionValue>[] = [
    { id: 'kolom', header: 'Kolom', width: 130, sortValue: (v) => FIELD_LABEL[v.field], cell: (v) => FIELD_LABEL[v.field] },
    {
      id: 'nilai',
      header: 'Nilai di berkas',
      sortValue: (v) => v.value,
      cell: (v) => (
        <>
          <Text size="sm" fw={600}>
            {v.value}
          </Text>
          {v.kecamatan && (
            <Text size="xs" c="dimmed">
              kecamatan di berkas: {v.kecamatan}
            </Text>
          )}
        </>
      ),
    },
    { id: 'baris', header: 'Baris', width: 70, align: 'right', sortValue: (v) => v.rows, cell: (v) => formatAngka(v.rows) },
    {
      id: 'petakan',
      header: 'Petakan ke',
      width: 400,
      cell: (v) => (
        <RegionChoice
          value={v}
          kode={draftOf(v).kode}
          onChange={(kode, label) => {
            setDrafts((all) => ({ ...all, [keyOf(v)]: { ...draftOf(v), kode } }));
            if (kode && label) setLabels((l) => ({ ...l, [kode]: label }));
          }}
        />
      ),
    },
    {
      id: 'ingat',
      header: 'Ingat',
      width: 80,
      cell: (v) => (
        <Checkbox
          aria-label={`Ingat ${v.value}`}
          checked={draftOf(v).remember}
          disabled={!draftOf(v).kode}
          onChange={(e) => {
            const remember = e.currentTarget.checked;
            setDrafts((all) => ({ ...all, [keyOf(v)]: { ...draftOf(v), remember } }));
          }}
        />
      ),
    },
  ];

  return (
    <Card withBorder radius="md" padding="md" data-testid="region-mapping">
      <Stack gap="sm">
        <Group gap="xs">
          <IconMapPin size={18} />
          <Text fw={600}>Pemetaan nilai wilayah</Text>
          {props.values.length > 0 && (
            <Badge color="red" variant="light">
              {formatAngka(props.values.length)} nilai tidak dikenali · {formatAngka(rows)} baris
            </Badge>
          )}
          {props.applied.length > 0 && (
            <Badge color="green" variant="light">
              {formatAngka(props.applied.length)} dipetakan
            </Badge>
          )}
        </Group>
        {props.values.length > 0 && (
          <Text size="sm" c="dimmed">
            Nama kecamatan/desa di bawah ini tidak cocok dengan kode wilayah Kemendagri. Pilih wilayah yang dimaksud sekali untuk seluruh berkas; nilai yang dibiarkan
            kosong tetap ditolak beserta alasannya. Centang "Ingat" agar nama yang sama langsung dikenali pada impor berikutnya.
          </Text>
        )}
        {props.values.length > 0 && (
          <DataTable query={{ data: props.values, isLoading: false }} columns={valueColumns} rowKey={keyOf} striped={false} withTableBorder fz="sm" verticalSpacing={6} rowProps={(v) => ({ 'data-value': v.value })} />
        )}
        {props.applied.length > 0 && (
          <Stack gap={4} data-testid="region-mapping-applied">
            <Text size="sm" fw={600}>
              Sudah dipetakan untuk berkas ini
            </Text>
            {props.applied.map((m) => (
              <Group key={keyOf(m)} gap="xs">
                <Text size="sm">
                  {FIELD_LABEL[m.field]} "{m.value}"{m.kecamatan ? ` (kec. ${m.kecamatan})` : ''} → <b>{props.labels[m.kode] ?? m.kode}</b>
                  {m.remember ? ' · diingat saat disimpan' : ''}
                </Text>
                <CloseButton size="sm" aria-label={`Hapus pemetaan ${m.value}`} onClick={() => apply(props.applied.filter((a) => keyOf(a) !== keyOf(m)))} />
              </Group>
            ))}
          </Stack>
        )}
        {props.values.length > 0 && chosen.length === 0 && props.applied.length === 0 && (
          <Alert color="gray" variant="light" p="xs">
            <Text size="xs">Belum ada nilai yang dipetakan: baris-baris tersebut akan ditolak.</Text>
          </Alert>
        )}
        {props.values.length > 0 && (
          <Group justify="flex-end">
            <Button disabled={chosen.length === 0} onClick={addChosen} data-testid="apply-region-mapping">
              Terapkan {chosen.length > 0 ? formatAngka(chosen.length) : ''} pemetaan dan periksa ulang
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** The suggestions first (with how close they are), then any region of the office found by typing. */
function RegionChoice({ value, kode, onChange }: { value: UnmatchedRegionValue; kode: string | null; onChange: (kode: string | null, label: string | null) => void }) {
  const office = useApiQuery('admin.getOffice', undefined, { staleTime: Infinity });
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 200);
  const levels: ('kecamatan' | 'desa' | 'kelurahan')[] = value.field === 'kecamatan' ? ['kecamatan'] : ['desa', 'kelurahan'];
  const found = useApiQuery(
    'regions.search',
    { q: debounced, levels, within: office.data?.kabKotaKode, limit: 20 },
    { enabled: !!office.data && debounced.trim().length >= 2 },
  );
  const data = useMemo(() => {
    const options = value.suggestions.map((s) => ({
      value: s.kode,
      label: `${s.nama}${s.kecamatan ? ` — Kec. ${s.kecamatan}` : ''} (${Math.round(s.score * 100)}% mirip)`,
    }));
    const seen = new Set(options.map((o) => o.value));
    for (const r of found.data ?? []) {
      if (seen.has(r.kode)) continue;
      const kec = r.path.find((p) => p.level === 'kecamatan');
      options.push({ value: r.kode, label: `${r.nama}${kec && r.level !== 'kecamatan' ? ` — Kec. ${kec.nama}` : ''}` });
      seen.add(r.kode);
    }
    return options;
  }, [value.suggestions, found.data]);

  return (
    <Select
      size="xs"
      aria-label={`Petakan ${value.value}`}
      placeholder="— biarkan (baris ditolak) —"
      data={data}
      value={kode}
      onChange={(v, option) => onChange(v, option?.label.replace(/ \(\d+% mirip\)$/, '') ?? null)}
      searchable
      clearable
      searchValue={q}
      onSearchChange={setQ}
      filter={({ options }) => options}
      nothingFoundMessage={debounced.trim().length >= 2 ? 'Tidak ada wilayah dengan nama itu' : 'Ketik nama untuk mencari'}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
