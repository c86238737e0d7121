import { Grid, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { followUpSchema, statusTindakLanjut, statusTindakLanjutLabels, type FollowUp, type FollowUpInput } from '../../../shared/api/meetings';
import { applyServerIssues } from '../common/applyServerIssues';
import { FormActions } from '../common/FormActions';
import { useApiMutation } from '../api/hooks';
import { DateField, DesaSelect, KecamatanSelect } from './ui';

/** Add or change a follow-up: what, who (a person, or a village's operator), by when, how far. */
export function FollowUpFormModal(props: {
  opened: boolean;
  onClose: () => void;
  rapatId: number;
  agenda: { id: number; judul: string }[];
  followUp: FollowUp | null;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.followUp ? 'Ubah tindak lanjut' : 'Tambah tindak lanjut'} size="lg">
      {props.opened && <FollowUpForm {...props} />}
    </Modal>
  );
}

function FollowUpForm(props: { onClose: () => void; rapatId: number; agenda: { id: number; judul: string }[]; followUp: FollowUp | null }) {
  const f = props.followUp;
  const blank: FollowUpInput = { rapatId: props.rapatId, agendaId: props.agenda[0]?.id ?? null, uraian: '', pjNama: '', pjDesaKode: null, batasWaktu: null, status: 'belum', catatan: '' };
  const form = useForm<FollowUpInput>({
    resolver: zodResolver(followUpSchema) as never,
    defaultValues: f ? { id: f.id, rapatId: f.rapatId, agendaId: f.agendaId, uraian: f.uraian, pjNama: f.pjNama, pjDesaKode: f.pjDesaKode, batasWaktu: f.batasWaktu, status: f.status, catatan: f.catatan ?? '' } : blank,
  });
  const [kecamatan, setKecamatan] = useState<string | null>(f?.pjDesaKode ? f.pjDesaKode.slice(0, 8) : null);
  const save = useApiMutation('meetings.saveFollowUp', { invalidate: ['meetings'], success: 'Tindak lanjut disimpan.' });

  const submit = form.handleSubmit((v) => save.mutate(v, { onSuccess: props.onClose, onError: (e) => applyServerIssues(e, form.setError) }));
  const err = form.formState.errors;
  return (
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Textarea label="Tindak lanjut" withAsterisk autosize minRows={2} data-autofocus {...form.register('uraian')} error={err.uraian?.message} />
          <Grid gap="sm">
            <Grid.Col span={12}>
              <Controller control={form.control} name="agendaId" render={({ field }) => (
                <Select label="Agenda" data={props.agenda.map((a, i) => ({ value: String(a.id), label: `${i + 1}. ${a.judul}` }))} value={field.value ? String(field.value) : null} onChange={(v) => field.onChange(v ? Number(v) : null)} clearable placeholder="(tidak terkait agenda tertentu)" />
              )} />
            </Grid.Col>
            <Grid.Col span={6}><TextInput label="Penanggung jawab" withAsterisk placeholder="Nama orang, bidang, atau desa" {...form.register('pjNama')} error={err.pjNama?.message} /></Grid.Col>
            <Grid.Col span={6}>
              <Controller control={form.control} name="batasWaktu" render={({ field }) => (
                <DateField label="Batas waktu" value={field.value} onChange={field.onChange} clearable error={err.batasWaktu?.message} testId="batas-waktu" />
              )} />
            </Grid.Col>
            <Grid.Col span={6}><KecamatanSelect label="Desa penanggung jawab: kecamatan" placeholder="(bukan desa)" value={kecamatan} onChange={(v) => { setKecamatan(v); form.setValue('pjDesaKode', null); }} /></Grid.Col>
            <Grid.Col span={6}>
              <Controller control={form.control} name="pjDesaKode" render={({ field }) => (
                <DesaSelect label="Desa/kelurahan" kecamatanKode={kecamatan} value={field.value ?? null} onChange={field.onChange} error={err.pjDesaKode?.message} />
              )} />
            </Grid.Col>
            <Grid.Col span={6}>
              <Controller control={form.control} name="status" render={({ field }) => (
                <Select label="Status" data={statusTindakLanjut.map((s) => ({ value: s, label: statusTindakLanjutLabels[s] }))} value={field.value ?? 'belum'} onChange={(v) => field.onChange(v ?? 'belum')} allowDeselect={false} />
              )} />
            </Grid.Col>
            <Grid.Col span={12}><Textarea label="Catatan" autosize minRows={1} {...form.register('catatan')} /></Grid.Col>
          </Grid>
          <FormActions onCancel={props.onClose} loading={save.isPending} />
        </Stack>
      </form>
  );
}
