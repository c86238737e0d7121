import { Checkbox, Grid, MultiSelect, NumberInput, Select, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { hubunganValues, knownPrograms, padanLabels, padanValues } from '../../../shared/api/registry';
import { validateNik } from '../../../shared/domain/nik';
import { useApiQuery } from '../api/hooks';
import { DateField, useDesaOptions, useKecamatanOptions } from './ui';

function errorAt(errors: unknown, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node as { message?: string } | undefined)?.message;
}

/** Member fields (NIK with the import's rules, inline), under `prefix` ('' or 'kepala.'). */
export function AnggotaFields({ prefix = '' }: { prefix?: string }) {
  const { register, control, formState } = useFormContext();
  const office = useApiQuery('admin.getOffice', undefined, { staleTime: 60_000 });
  const programs = useApiQuery('registry.programs', undefined);
  const [nik, jk, lahir] = useWatch({ control, name: [`${prefix}nik`, `${prefix}jenisKelamin`, `${prefix}tanggalLahir`] }) as [string, 'L' | 'P' | undefined, string | null];
  const e = (f: string) => errorAt(formState.errors, `${prefix}${f}`);
  const warnings =
    nik && nik.replace(/\D/g, '').length === 16
      ? validateNik(nik, { officeKabKota: office.data?.kabKotaKode ?? '', sex: jk ?? null, birthDate: lahir ?? null }).warnings
      : [];
  return (
    <Grid gap="sm">
      <Grid.Col span={6}>
        <TextInput
          label="NIK"
          withAsterisk
          maxLength={40}
          {...register(`${prefix}nik`)}
          error={e('nik')}
          description={warnings.length ? <Text span size="xs" c="orange.8">{warnings.map((w) => w.message).join(' ')}</Text> : '16 digit, boleh diketik dengan spasi'}
          data-testid="anggota-nik"
        />
      </Grid.Col>
      <Grid.Col span={6}>
        <TextInput label="Nama lengkap" withAsterisk maxLength={120} {...register(`${prefix}nama`)} error={e('nama')} data-testid="anggota-nama" />
      </Grid.Col>
      <Grid.Col span={4}>
        <Controller
          control={control}
          name={`${prefix}jenisKelamin`}
          render={({ field }) => (
            <Select label="Jenis kelamin" withAsterisk data={[{ value: 'L', label: 'Laki-laki' }, { value: 'P', label: 'Perempuan' }]} value={field.value ?? null} onChange={field.onChange} error={e('jenisKelamin')} allowDeselect={false} data-testid="anggota-jk" />
          )}
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <TextInput label="Tempat lahir" maxLength={80} {...register(`${prefix}tempatLahir`)} error={e('tempatLahir')} />
      </Grid.Col>
      <Grid.Col span={4}>
        <Controller control={control} name={`${prefix}tanggalLahir`} render={({ field }) => <DateField label="Tanggal lahir" value={field.value} onChange={field.onChange} error={e('tanggalLahir')} testId="anggota-lahir" />} />
      </Grid.Col>
      <Grid.Col span={4}>
        <Controller
          control={control}
          name={`${prefix}hubungan`}
          render={({ field }) => <Select label="Hubungan dalam keluarga" withAsterisk data={[...hubunganValues]} value={field.value ?? null} onChange={field.onChange} error={e('hubungan')} allowDeselect={false} data-testid="anggota-hubungan" />}
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <TextInput label="Nama ibu kandung" maxLength={120} {...register(`${prefix}ibuKandung`)} error={e('ibuKandung')} />
      </Grid.Col>
      <Grid.Col span={4}>
        <TextInput label="Status perkawinan" maxLength={40} {...register(`${prefix}statusKawin`)} />
      </Grid.Col>
      <Grid.Col span={4}>
        <TextInput label="Pekerjaan" maxLength={80} {...register(`${prefix}pekerjaan`)} />
      </Grid.Col>
      <Grid.Col span={4}>
        <TextInput label="Pendidikan" maxLength={80} {...register(`${prefix}pendidikan`)} />
      </Grid.Col>
      <Grid.Col span={4}>
        <TextInput label="Disabilitas (jenis)" placeholder="kosong bila tidak" maxLength={100} {...register(`${prefix}disabilitas`)} />
      </Grid.Col>
      <Grid.Col span={4}>
        <Controller control={control} name={`${prefix}padan`} render={({ field }) => <Select label="Padan Dukcapil" data={padanValues.map((p) => ({ value: p, label: padanLabels[p] }))} value={field.value ?? 'belum'} onChange={field.onChange} allowDeselect={false} />} />
      </Grid.Col>
      <Grid.Col span={4}>
        <TextInput label="ID DTKS/DTSEN" maxLength={40} {...register(`${prefix}idDtks`)} />
      </Grid.Col>
      <Grid.Col span={4} pt="xl">
        <Controller control={control} name={`${prefix}hamil`} render={({ field }) => <Checkbox label="Sedang hamil" checked={!!field.value} onChange={(ev) => field.onChange(ev.currentTarget.checked)} />} />
      </Grid.Col>
      <Grid.Col span={12}>
        <Controller
          control={control}
          name={`${prefix}programs`}
          render={({ field }) => (
            <MultiSelect label="Program nasional yang sudah diterima" data={[...new Set([...knownPrograms, ...(programs.data ?? [])])]} value={field.value ?? []} onChange={field.onChange} clearable searchable />
          )}
        />
      </Grid.Col>
    </Grid>
  );
}

/** Family fields: No KK, address down to desa/kelurahan, DTKS/DTSEN data. */
/** `noKkOptional`: a family registered from P3KE without No KK — the field may stay empty until the KK is known. */
export function KeluargaFields({ prefix = '', initialKecamatan = null, noKkOptional = false }: { prefix?: string; initialKecamatan?: string | null; noKkOptional?: boolean }) {
  const { register, control, formState, setValue } = useFormContext();
  const [kecamatan, setKecamatan] = useState<string | null>(initialKecamatan);
  const kecOptions = useKecamatanOptions();
  const desaOptions = useDesaOptions(kecamatan);
  const e = (f: string) => errorAt(formState.errors, `${prefix}${f}`);
  return (
    <Grid gap="sm">
      <Grid.Col span={6}>
        <TextInput
          label="No KK"
          withAsterisk={!noKkOptional}
          maxLength={40}
          {...register(`${prefix}noKk`)}
          error={e('noKk')}
          description={noKkOptional ? 'Belum diketahui (data P3KE): kosongkan, atau isi 16 digit. Bila No KK ini sudah tercatat pada keluarga lain, keduanya digabung.' : '16 digit'}
          data-testid="keluarga-nokk"
        />
      </Grid.Col>
      <Grid.Col span={6}>
        <TextInput label="ID keluarga DTKS/DTSEN/P3KE" maxLength={40} {...register(`${prefix}idDtks`)} />
      </Grid.Col>
      <Grid.Col span={12}>
        <TextInput label="Alamat" withAsterisk maxLength={200} {...register(`${prefix}alamat`)} error={e('alamat')} data-testid="keluarga-alamat" />
      </Grid.Col>
      <Grid.Col span={4}>
        <TextInput label="Dusun/lingkungan" maxLength={80} {...register(`${prefix}dusun`)} />
      </Grid.Col>
      <Grid.Col span={4}>
        <TextInput label="RT" maxLength={10} {...register(`${prefix}rt`)} />
      </Grid.Col>
      <Grid.Col span={4}>
        <TextInput label="RW" maxLength={10} {...register(`${prefix}rw`)} />
      </Grid.Col>
      <Grid.Col span={6}>
        <Select
          label="Kecamatan"
          withAsterisk
          data={kecOptions}
          value={kecamatan}
          onChange={(v) => {
            setKecamatan(v);
            setValue(`${prefix}desaKode`, '', { shouldValidate: false });
          }}
          searchable
          data-testid="keluarga-kecamatan"
        />
      </Grid.Col>
      <Grid.Col span={6}>
        <Controller
          control={control}
          name={`${prefix}desaKode`}
          render={({ field }) => (
            <Select label="Desa/kelurahan" withAsterisk data={desaOptions} value={field.value || null} onChange={(v) => field.onChange(v ?? '')} searchable disabled={!kecamatan} error={e('desaKode')} data-testid="keluarga-desa" />
          )}
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <Controller
          control={control}
          name={`${prefix}desil`}
          render={({ field }) => <NumberInput label="Desil (1–10)" min={1} max={10} allowDecimal={false} value={field.value ?? ''} onChange={(v) => field.onChange(v === '' ? null : Number(v))} error={e('desil')} />}
        />
      </Grid.Col>
      <Grid.Col span={8} pt="xl">
        <Controller control={control} name={`${prefix}miskinEkstrem`} render={({ field }) => <Checkbox label="Miskin ekstrem (P3KE)" checked={!!field.value} onChange={(ev) => field.onChange(ev.currentTarget.checked)} />} />
      </Grid.Col>
      <Grid.Col span={12}>
        <Textarea label="Catatan" maxLength={500} autosize minRows={1} {...register(`${prefix}catatan`)} />
      </Grid.Col>
    </Grid>
  );
}
