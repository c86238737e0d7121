import { MultiSelect, Stack, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { api } from '../api/client';
import { useKecamatan } from '../common/KecamatanSelect';

/**
 * An operator's area: whole kecamatan, or single desa/kelurahan (listed under their kecamatan). Codes of the
 * office's own kabupaten/kota only; the main side checks this again.
 */
export function WilayahPicker(props: { value: string[]; onChange: (codes: string[]) => void; error?: string | undefined }) {
  const { kecamatan } = useKecamatan();
  const desaLists = useQueries({
    queries: kecamatan.map((k) => ({
      queryKey: ['regions', 'children', { parent: k.kode }],
      queryFn: () => api.regions.children({ parent: k.kode }),
      staleTime: Infinity,
    })),
  });
  const data = kecamatan.map((k, i) => ({
    group: `Kec. ${k.nama}`,
    items: [
      { value: k.kode, label: `Seluruh Kec. ${k.nama}` },
      ...(desaLists[i]?.data ?? []).map((d) => ({ value: d.kode, label: `${d.level === 'kelurahan' ? 'Kel.' : 'Desa'} ${d.nama} (Kec. ${k.nama})` })),
    ],
  }));
  return (
    <Stack gap={4}>
      <MultiSelect
        label="Wilayah kerja operator"
        description="Operator hanya melihat dan mengubah data keluarga di wilayah ini. Pilih kecamatan utuh atau desa/kelurahan tertentu."
        placeholder={props.value.length ? '' : 'Ketik nama kecamatan atau desa'}
        data={data}
        value={props.value}
        onChange={props.onChange}
        searchable
        clearable
        hidePickedOptions
        maxDropdownHeight={280}
        nothingFoundMessage="Tidak ada wilayah dengan nama itu"
        error={props.error}
        withAsterisk
        data-testid="wilayah-picker"
      />
      {kecamatan.length === 0 && <Text size="xs" c="dimmed">Daftar kecamatan dimuat dari data kantor (Pengaturan › Kantor).</Text>}
    </Stack>
  );
}
