import { Alert, Button, FileButton, Group, Image, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { Controller, useFormContext, useWatch, type Path } from 'react-hook-form';
import type { OfficeProfileInput } from '../../../shared/api/admin';
import { formatNomor, nomorPlaceholders } from '../../../shared/office/nomor';
import { useApiQuery } from '../api/hooks';

/** Forms that edit the office keep it under `office`, so the wizard and Pengaturan share these fields. */
type OfficeForm = { office: OfficeProfileInput };

function useFieldError(path: string): string | undefined {
  const { formState } = useFormContext<OfficeForm>();
  let node: unknown = formState.errors;
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node as { message?: string } | undefined)?.message;
}

export function RegionFields() {
  const { control, setValue } = useFormContext<OfficeForm>();
  const provinsi = useWatch({ control, name: 'office.provinsiKode' });
  const provinces = useApiQuery('regions.children', { parent: null });
  const kabKota = useApiQuery('regions.children', { parent: provinsi || null }, { enabled: !!provinsi });
  const provError = useFieldError('office.provinsiKode');
  const kabError = useFieldError('office.kabKotaKode');
  return (
    <SimpleGrid cols={2}>
      <Controller
        control={control}
        name="office.provinsiKode"
        render={({ field }) => (
          <Select
            label="Provinsi"
            placeholder="Pilih provinsi"
            searchable
            nothingFoundMessage="Tidak ada yang cocok"
            data={(provinces.data ?? []).map((r) => ({ value: r.kode, label: r.nama }))}
            value={field.value || null}
            onChange={(v) => {
              field.onChange(v ?? '');
              setValue('office.kabKotaKode', '');
            }}
            error={provError}
            data-testid="select-provinsi"
          />
        )}
      />
      <Controller
        control={control}
        name="office.kabKotaKode"
        render={({ field }) => (
          <Select
            label="Kabupaten/Kota"
            placeholder={provinsi ? 'Pilih kabupaten/kota' : 'Pilih provinsi dulu'}
            searchable
            disabled={!provinsi}
            nothingFoundMessage="Tidak ada yang cocok"
            data={(kabKota.data ?? []).map((r) => ({ value: r.kode, label: r.nama }))}
            value={field.value || null}
            onChange={(v) => field.onChange(v ?? '')}
            error={kabError}
            data-testid="select-kabkota"
          />
        )}
      />
    </SimpleGrid>
  );
}

function Field({ name, label, ...rest }: { name: Path<OfficeForm>; label: string; placeholder?: string; description?: string }) {
  const { register } = useFormContext<OfficeForm>();
  return <TextInput label={label} {...rest} {...register(name)} error={useFieldError(name)} />;
}

export function KantorFields() {
  return (
    <Stack gap="sm">
      <SimpleGrid cols={2}>
        <Field name="office.namaInstansi" label="Nama instansi" placeholder="Dinas Sosial Kabupaten Kotawaringin Timur" />
        <Field name="office.pemerintah" label="Baris kop (opsional)" description="Kosongkan untuk memakai nama daerah, mis. PEMERINTAH KABUPATEN …" />
      </SimpleGrid>
      <Field name="office.alamat" label="Alamat kantor" placeholder="Jl. … No. …" />
      <SimpleGrid cols={3}>
        <Field name="office.kota" label="Kota tempat surat dibuat" placeholder="Sampit" />
        <Field name="office.kodePos" label="Kode pos" />
        <Field name="office.telepon" label="Telepon" />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <Field name="office.email" label="E-mail" />
        <Field name="office.website" label="Situs web" />
      </SimpleGrid>
      <LogoField />
    </Stack>
  );
}

const MAX_LOGO_BYTES = 1_000_000;

function LogoField() {
  const { control, setValue, setError, clearErrors } = useFormContext<OfficeForm>();
  const logo = useWatch({ control, name: 'office.logo' });
  const error = useFieldError('office.logo');
  const pick = (file: File | null) => {
    if (!file) return;
    if (!['image/png', 'image/jpeg'].includes(file.type)) {
      setError('office.logo', { message: 'Logo harus berupa gambar PNG atau JPG.' });
      return;
    }
    if (file.size > MAX_LOGO_BYTES) {
      setError('office.logo', { message: 'Logo terlalu besar (maksimal 1 MB).' });
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      clearErrors('office.logo');
      setValue('office.logo', String(reader.result), { shouldDirty: true });
    };
    reader.readAsDataURL(file);
  };
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>Logo daerah (untuk kop surat)</Text>
      <Group>
        {logo ? <Image src={logo} alt="Logo" h={64} w="auto" fit="contain" /> : <Text size="sm" c="dimmed">Belum ada logo.</Text>}
        <FileButton onChange={pick} accept="image/png,image/jpeg">
          {(props) => <Button variant="default" size="xs" {...props}>Pilih gambar…</Button>}
        </FileButton>
        {logo && <Button variant="subtle" color="red" size="xs" onClick={() => setValue('office.logo', null, { shouldDirty: true })}>Hapus logo</Button>}
      </Group>
      {error && <Text size="xs" c="red">{error}</Text>}
    </Stack>
  );
}

export function KepalaFields() {
  return (
    <SimpleGrid cols={2}>
      <Field name="office.kepalaNama" label="Nama kepala dinas" placeholder="Nama lengkap dengan gelar" />
      <Field name="office.kepalaNip" label="NIP kepala dinas" placeholder="19660503 199102 1 001" />
      <Field name="office.kepalaPangkat" label="Pangkat/golongan" placeholder="Pembina Utama Muda (IV/c)" />
      <Field name="office.kepalaJabatan" label="Jabatan" />
    </SimpleGrid>
  );
}

export function NomorFields() {
  const { control } = useFormContext<OfficeForm>();
  const pola = useWatch({ control, name: 'office.nomorPola' });
  const today = new Date().toISOString().slice(0, 10);
  const example = (p: string | undefined) => (p ? formatNomor(p, { seq: 7, date: today }) : '');
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Pola nomor surat. Penanda: {nomorPlaceholders.join(' ')}. Nomor urut bertambah sendiri tiap tahun.
      </Text>
      <SimpleGrid cols={3}>
        <Field name="office.nomorPola.bast" label="Nomor BAST" description={`Contoh: ${example(pola?.bast)}`} />
        <Field name="office.nomorPola.undangan" label="Nomor undangan" description={`Contoh: ${example(pola?.undangan)}`} />
        <Field name="office.nomorPola.notulen" label="Nomor notulen" description={`Contoh: ${example(pola?.notulen)}`} />
      </SimpleGrid>
    </Stack>
  );
}

export function KertasField() {
  const { control } = useFormContext<OfficeForm>();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>Ukuran kertas dokumen</Text>
      <Controller
        control={control}
        name="office.kertas"
        render={({ field }) => (
          <SegmentedControl
            value={field.value}
            onChange={field.onChange}
            data={[
              { value: 'A4', label: 'A4 (210 × 297 mm)' },
              { value: 'F4', label: 'F4/Folio (215 × 330 mm)' },
            ]}
          />
        )}
      />
    </Stack>
  );
}

export function FormErrorSummary({ message }: { message: string | null | undefined }) {
  return message ? <Alert color="red" title="Belum bisa disimpan">{message}</Alert> : null;
}
