import { Checkbox, Grid, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { operatorSchema, type OperatorInput, type OperatorRow } from '../../../shared/api/meetings';
import { applyServerIssues } from '../common/applyServerIssues';
import { FormActions } from '../common/FormActions';
import { useApiMutation } from '../api/hooks';
import { DateField, DesaSelect, KecamatanSelect } from './ui';

const empty: OperatorInput = { nama: '', nik: '', noHp: '', email: '', desaKode: '', jabatan: 'Operator DTKS', skNomor: '', skTanggal: null, aktif: true, catatan: '' };

function fromRow(o: OperatorRow): OperatorInput {
  return { id: o.id, nama: o.nama, nik: o.nik ?? '', noHp: o.noHp ?? '', email: o.email ?? '', desaKode: o.desaKode, jabatan: o.jabatan, skNomor: o.skNomor ?? '', skTanggal: o.skTanggal, aktif: o.aktif, catatan: o.catatan ?? '' };
}

/** Add or edit one operator. Operators are never deleted: an operator who stops is marked not active. */
export function OperatorFormModal(props: { opened: boolean; operator: OperatorRow | null; onClose: () => void }) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.operator ? 'Ubah data operator' : 'Tambah operator'} size="lg">
      {props.opened && <OperatorForm operator={props.operator} onClose={props.onClose} />}
    </Modal>
  );
}

function OperatorForm(props: { operator: OperatorRow | null; onClose: () => void }) {
  const form = useForm<OperatorInput>({ resolver: zodResolver(operatorSchema) as never, defaultValues: props.operator ? fromRow(props.operator) : empty });
  const [kecamatan, setKecamatan] = useState<string | null>(props.operator?.kecamatanKode ?? null);
  const save = useApiMutation('meetings.saveOperator', { invalidate: ['meetings'], quietErrors: true });

  const submit = form.handleSubmit((values) =>
    save.mutate(values, {
      onSuccess: (out) => {
        notifications.show({ color: 'green', message: `Operator ${out.operator.nama} disimpan.` });
        for (const w of out.warnings) notifications.show({ color: 'yellow', title: 'Perhatian', message: w, autoClose: 10000 });
        props.onClose();
      },
      onError: (e) => {
        if (applyServerIssues(e, form.setError)) return;
        const field = (e.details as { field?: string } | undefined)?.field;
        if (field) form.setError(field as keyof OperatorInput, { message: e.message });
        else notifications.show({ color: 'red', title: 'Gagal', message: e.message });
      },
    }),
  );
  const err = form.formState.errors;
  return (
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Grid gap="sm">
            <Grid.Col span={7}><TextInput label="Nama lengkap" withAsterisk data-autofocus {...form.register('nama')} error={err.nama?.message} /></Grid.Col>
            <Grid.Col span={5}><TextInput label="NIK" placeholder="16 angka" {...form.register('nik')} error={err.nik?.message} /></Grid.Col>
            <Grid.Col span={6}>
              <KecamatanSelect label="Kecamatan" placeholder="Pilih kecamatan" required testId="operator-kecamatan" value={kecamatan} onChange={(v) => { setKecamatan(v); form.setValue('desaKode', ''); }} />
            </Grid.Col>
            <Grid.Col span={6}>
              <Controller control={form.control} name="desaKode" render={({ field }) => (
                <DesaSelect testId="operator-desa" kecamatanKode={kecamatan} value={field.value || null} onChange={(v) => field.onChange(v ?? '')} error={err.desaKode?.message} />
              )} />
            </Grid.Col>
            <Grid.Col span={6}><TextInput label="No. HP/WhatsApp" placeholder="08… atau +62…" {...form.register('noHp')} error={err.noHp?.message} /></Grid.Col>
            <Grid.Col span={6}><TextInput label="E-mail" {...form.register('email')} error={err.email?.message} /></Grid.Col>
            <Grid.Col span={6}><TextInput label="Jabatan" {...form.register('jabatan')} error={err.jabatan?.message} /></Grid.Col>
            <Grid.Col span={6}>
              <Controller control={form.control} name="aktif" render={({ field }) => (
                <Checkbox mt={30} label="Masih aktif bertugas" checked={!!field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} />
              )} />
            </Grid.Col>
            <Grid.Col span={7}><TextInput label="Nomor SK penunjukan" {...form.register('skNomor')} error={err.skNomor?.message} /></Grid.Col>
            <Grid.Col span={5}>
              <Controller control={form.control} name="skTanggal" render={({ field }) => (
                <DateField label="Tanggal SK" value={field.value} onChange={field.onChange} clearable error={err.skTanggal?.message} />
              )} />
            </Grid.Col>
            <Grid.Col span={12}><Textarea label="Catatan" autosize minRows={1} {...form.register('catatan')} error={err.catatan?.message} /></Grid.Col>
          </Grid>
          <FormActions onCancel={props.onClose} loading={save.isPending} />
        </Stack>
      </form>
  );
}
