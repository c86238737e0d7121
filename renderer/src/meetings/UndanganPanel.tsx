import { Alert, Button, Grid, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { undanganSettingsSchema, type MeetingDetail } from '../../../shared/api/meetings';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { DateField } from './ui';
import { hariIni } from '../common/format';

interface Form {
  tanggalSurat: string;
  sifat: string;
  kepada: string;
  catatan: string;
  tembusan: string;
}
const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

/** The invitation letter's own data; its number is given from the office pattern when first saved. */
export function UndanganPanel({ meeting, editable, onSaved }: { meeting: MeetingDetail; editable: boolean; onSaved: () => void }) {
  const office = useApiQuery('admin.getOffice', undefined);
  const u = meeting.undangan;
  const defaults = (): Form => ({
    tanggalSurat: u?.tanggalSurat ?? hariIni(),
    sifat: u?.sifat ?? 'Penting',
    kepada: (u?.kepada ?? ['Operator DTKS Desa/Kelurahan', `se-${office.data?.kabKotaNama ?? ''}`]).join('\n'),
    catatan: (u?.catatan ?? []).join('\n'),
    tembusan: (u?.tembusan ?? []).join('\n'),
  });
  const form = useForm<Form>({ defaultValues: defaults() });
  const save = useApiMutation('meetings.saveUndangan', { invalidate: ['meetings'], success: (m) => `Undangan disimpan dengan nomor ${m.undangan?.nomor}.` });
  useEffect(() => {
    if (!form.formState.isDirty) form.reset(defaults());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [meeting.undangan, office.data]);

  const submit = form.handleSubmit((v) => {
    const input = { rapatId: meeting.id, tanggalSurat: v.tanggalSurat, sifat: v.sifat, kepada: lines(v.kepada), catatan: lines(v.catatan), tembusan: lines(v.tembusan) };
    const parsed = undanganSettingsSchema.safeParse(input);
    if (!parsed.success) {
      for (const i of parsed.error.issues) form.setError(String(i.path[0]) as keyof Form, { message: i.message });
      return;
    }
    save.mutate(input, { onSuccess: () => { form.reset(form.getValues()); onSaved(); } });
  });
  const err = form.formState.errors;
  return (
    <form onSubmit={submit} noValidate>
      <Paper withBorder p="md">
        <Stack gap="sm">
          {u ? (
            <Alert color="teal">Nomor surat: <b data-testid="nomor-undangan">{u.nomor}</b> (tetap, walau isi undangan diubah).</Alert>
          ) : (
            <Text size="sm" c="dimmed">Nomor surat diambil dari pola nomor kantor saat undangan pertama kali disimpan. Daftar undangan terlampir diambil dari tab Peserta ({meeting.peserta.filter((p) => p.diundang).length} orang).</Text>
          )}
          <Grid gap="sm">
            <Grid.Col span={3}>
              <Controller control={form.control} name="tanggalSurat" render={({ field }) => (
                <DateField label="Tanggal surat" required value={field.value} onChange={(v) => field.onChange(v ?? '')} error={err.tanggalSurat?.message} />
              )} />
            </Grid.Col>
            <Grid.Col span={3}><TextInput label="Sifat" readOnly={!editable} {...form.register('sifat')} /></Grid.Col>
            <Grid.Col span={6}><Textarea label="Kepada Yth." description="Satu baris per baris alamat." autosize minRows={2} readOnly={!editable} {...form.register('kepada')} error={err.kepada?.message} /></Grid.Col>
            <Grid.Col span={6}><Textarea label="Catatan" description="mis. Membawa laptop dan data usulan desa (satu per baris)." autosize minRows={2} readOnly={!editable} {...form.register('catatan')} /></Grid.Col>
            <Grid.Col span={6}><Textarea label="Tembusan" description="Satu per baris." autosize minRows={2} readOnly={!editable} {...form.register('tembusan')} /></Grid.Col>
          </Grid>
          {editable && (
            <Group justify="flex-end"><Button type="submit" loading={save.isPending}>{u ? 'Simpan perubahan undangan' : 'Simpan & beri nomor'}</Button></Group>
          )}
        </Stack>
      </Paper>
    </form>
  );
}
