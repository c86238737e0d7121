import { Group, Select, Text } from '@mantine/core';
import type { ExportFiltersInput, ExportOptions, FilterKey } from '../../../shared/api/exports';
import { sumberDanaFilter } from '../../../shared/api/exports';
import { useApiQuery } from '../api/hooks';
import { DateField } from '../common/DateField';
import { KecamatanSelect } from '../common/KecamatanSelect';

const sumberDanaLabels: Record<(typeof sumberDanaFilter)[number], string> = {
  apbd_kab: 'APBD Kabupaten/Kota',
  apbd_prov: 'APBD Provinsi',
  apbn: 'APBN',
  csr: 'CSR/lainnya',
};

const registryStatus = [
  { value: 'aktif', label: 'Aktif' },
  { value: 'semua', label: 'Semua (termasuk pindah/meninggal/keluar)' },
  { value: 'pindah', label: 'Pindah' },
  { value: 'meninggal', label: 'Meninggal' },
  { value: 'keluar', label: 'Keluar' },
];
const penerimaStatus = [
  { value: '_', label: 'Semua kecuali batal' },
  { value: 'semua', label: 'Semua termasuk batal' },
  { value: 'diterima', label: 'Sudah diterima' },
  { value: 'belum', label: 'Belum diterima' },
  { value: 'batal', label: 'Batal' },
];

export function ExportFilters(props: {
  filters: ExportFiltersInput;
  onChange: (f: ExportFiltersInput) => void;
  use: readonly FilterKey[];
  source: string;
  options: ExportOptions | undefined;
  errors?: Partial<Record<string, string>>;
}) {
  const { filters: f, onChange, use } = props;
  const set = (patch: Partial<ExportFiltersInput>) => onChange({ ...f, ...patch });
  const kecamatan = f.wilayah ? f.wilayah.slice(0, 8) : null;
  const desa = useApiQuery('regions.children', { parent: kecamatan }, { enabled: !!kecamatan && use.includes('wilayah'), staleTime: Infinity });
  return (
    <>
    <Group align="flex-end" gap="sm" wrap="wrap">
      {use.includes('periode') && (
        <>
          <DateField label="Dari tanggal" value={f.dari ?? null} onChange={(v) => set({ dari: v })} clearable w={150} testId="filter-dari" error={props.errors?.dari} />
          <DateField label="Sampai tanggal" value={f.sampai ?? null} onChange={(v) => set({ sampai: v })} clearable w={150} testId="filter-sampai" error={props.errors?.sampai} />
        </>
      )}
      {use.includes('wilayah') && (
        <>
          <KecamatanSelect label="Kecamatan" value={kecamatan} onChange={(v) => set({ wilayah: v })} w={200} />
          <Select
            label="Desa/kelurahan"
            placeholder={kecamatan ? 'Semua desa' : 'Pilih kecamatan dulu'}
            disabled={!kecamatan}
            data={(desa.data ?? []).map((d) => ({ value: d.kode, label: d.nama }))}
            value={f.wilayah && f.wilayah.length > 8 ? f.wilayah : null}
            onChange={(v) => set({ wilayah: v ?? kecamatan })}
            searchable
            clearable
            w={200}
            nothingFoundMessage="Tidak ada desa dengan nama itu"
          />
        </>
      )}
      {use.includes('program') && (
        <Select
          label="Program"
          placeholder="Semua program"
          data={props.options?.programs ?? []}
          value={f.program ?? null}
          onChange={(v) => set({ program: v })}
          searchable
          clearable
          w={220}
          data-testid="filter-program"
          nothingFoundMessage="Program tidak ditemukan"
        />
      )}
      {use.includes('sumberDana') && (
        <Select
          label="Sumber dana"
          placeholder="Semua sumber dana"
          data={sumberDanaFilter.map((s) => ({ value: s, label: sumberDanaLabels[s] }))}
          value={f.sumberDana ?? null}
          onChange={(v) => set({ sumberDana: (v as ExportFiltersInput['sumberDana']) ?? null })}
          clearable
          w={190}
        />
      )}
      {use.includes('penyerahan') && (
        <Select
          label="Kegiatan serah terima"
          placeholder={props.options?.penyerahan.length ? 'Pilih kegiatan' : 'Belum ada serah terima'}
          data={(props.options?.penyerahan ?? []).map((p) => ({ value: String(p.id), label: p.label }))}
          value={f.penyerahanId ? String(f.penyerahanId) : null}
          onChange={(v) => set({ penyerahanId: v ? Number(v) : null })}
          searchable
          w={340}
          withAsterisk
        />
      )}
      {use.includes('opd') && (
        <Select label="OPD" placeholder="Semua OPD" data={props.options?.opd ?? []} value={f.opd ?? null} onChange={(v) => set({ opd: v })} searchable clearable w={220} />
      )}
      {use.includes('status') && (
        <Select
          label="Status"
          data={props.source === 'penerimaPenyerahan' ? penerimaStatus : registryStatus}
          value={f.status ?? (props.source === 'penerimaPenyerahan' ? '_' : 'aktif')}
          onChange={(v) => set({ status: !v || v === '_' ? null : (v as ExportFiltersInput['status']) })}
          w={props.source === 'penerimaPenyerahan' ? 190 : 260}
          allowDeselect={false}
        />
      )}
    </Group>
    {props.source === 'penerimaProgram' && (f.dari || f.sampai || f.sumberDana) && (
      <Text size="xs" c="dimmed" mt="xs">
        Periode dan sumber dana berlaku untuk bantuan dari serah terima; peserta program nasional yang tercatat di registri (PKH, BPNT, PBI…) tidak ikut bila salah satunya diisi.
      </Text>
    )}
    </>
  );
}
