import { ActionIcon, Button, Grid, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import { jenisRapat, jenisRapatLabels, meetingSchema, type MeetingInput } from '../../../shared/api/meetings';
import { applyServerIssues } from '../common/applyServerIssues';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
import { DateField } from './ui';
import { labelZona } from '../common/format';

/** Plan a meeting (or change its plan): title, kind, date and time, place, chair and agenda. */
export function MeetingFormPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : null;
  const navigate = useNavigate();
  const existing = useApiQuery('meetings.getMeeting', { id: id ?? 0 }, { enabled: id !== null });
  const office = useApiQuery('admin.getOffice', undefined);
  const save = useApiMutation('meetings.saveMeeting', { invalidate: ['meetings'], success: 'Rapat disimpan.' });
  const form = useForm<MeetingInput>({
    resolver: zodResolver(meetingSchema) as never,
    defaultValues: { judul: '', jenis: 'operator_dtks', tanggal: '', jamMulai: '09:00', jamSelesai: '', tempat: '', pimpinan: { nama: '', jabatan: '', nip: '', pangkat: '' }, agenda: [{ judul: '' }] },
  });
  const agenda = useFieldArray({ control: form.control, name: 'agenda' });

  useEffect(() => {
    const m = existing.data;
    if (m) {
      form.reset({ id: m.id, judul: m.judul, jenis: m.jenis, tanggal: m.tanggal, jamMulai: m.jamMulai, jamSelesai: m.jamSelesai ?? '', tempat: m.tempat, pimpinan: m.pimpinan, agenda: m.agenda.map((a) => ({ id: a.id, judul: a.judul })) });
    } else if (id === null && office.data && !form.getValues('pimpinan.nama')) {
      form.setValue('pimpinan', { nama: office.data.kepalaNama, jabatan: office.data.kepalaJabatan, nip: office.data.kepalaNip, pangkat: office.data.kepalaPangkat });
    }
  }, [existing.data, office.data, id, form]);

  const submit = form.handleSubmit((values) =>
    save.mutate(values, {
      onSuccess: (m) => navigate(`/rapat/${m.id}`),
      onError: (e) => applyServerIssues(e, form.setError),
    }),
  );
  const err = form.formState.errors;
  return (
    <form onSubmit={submit} noValidate>
      <PageHeader
        title={id ? 'Ubah rencana rapat' : 'Jadwalkan rapat'}
        actions={
          <>
            <Button variant="default" onClick={() => navigate(id ? `/rapat/${id}` : '/rapat')}>Batal</Button>
            <Button type="submit" loading={save.isPending}>Simpan rapat</Button>
          </>
        }
      />
      <Paper withBorder p="md">
        <Grid gap="sm">
          <Grid.Col span={8}><TextInput label="Judul rapat" withAsterisk placeholder="mis. Rapat Pertemuan Operator DTKS Desa/Kelurahan" {...form.register('judul')} error={err.judul?.message} /></Grid.Col>
          <Grid.Col span={4}>
            <Controller control={form.control} name="jenis" render={({ field }) => (
              <Select label="Jenis" withAsterisk data={jenisRapat.map((j) => ({ value: j, label: jenisRapatLabels[j] }))} value={field.value} onChange={(v) => field.onChange(v)} allowDeselect={false} error={err.jenis?.message} />
            )} />
          </Grid.Col>
          <Grid.Col span={3}>
            <Controller control={form.control} name="tanggal" render={({ field }) => (
              <DateField label="Tanggal" required value={field.value} onChange={(v) => field.onChange(v ?? '')} error={err.tanggal?.message} testId="tanggal-rapat" />
            )} />
          </Grid.Col>
          <Grid.Col span={2}><TextInput label={`Jam mulai (${labelZona()})`} withAsterisk placeholder="09:00" {...form.register('jamMulai')} error={err.jamMulai?.message} /></Grid.Col>
          <Grid.Col span={2}><TextInput label={`Jam selesai (${labelZona()})`} placeholder="kosong = selesai" {...form.register('jamSelesai')} error={err.jamSelesai?.message} /></Grid.Col>
          <Grid.Col span={5}><TextInput label="Tempat" withAsterisk {...form.register('tempat')} error={err.tempat?.message} /></Grid.Col>
        </Grid>
        <Title order={5} mt="lg" mb="xs">Pimpinan rapat</Title>
        <Text size="xs" c="dimmed" mb="xs">Menandatangani blok "Mengetahui" pada daftar hadir dan notulen.</Text>
        <Grid gap="sm">
          <Grid.Col span={4}><TextInput label="Nama" withAsterisk {...form.register('pimpinan.nama')} error={err.pimpinan?.nama?.message} /></Grid.Col>
          <Grid.Col span={3}><TextInput label="Jabatan" withAsterisk {...form.register('pimpinan.jabatan')} error={err.pimpinan?.jabatan?.message} /></Grid.Col>
          <Grid.Col span={3}><TextInput label="NIP" {...form.register('pimpinan.nip')} error={err.pimpinan?.nip?.message} /></Grid.Col>
          <Grid.Col span={2}><TextInput label="Pangkat" {...form.register('pimpinan.pangkat')} error={err.pimpinan?.pangkat?.message} /></Grid.Col>
        </Grid>
        <Title order={5} mt="lg" mb="xs">Agenda</Title>
        <Stack gap="xs">
          {agenda.fields.map((f, i) => (
            <Group key={f.id} gap="xs" wrap="nowrap" align="flex-start">
              <Text w={24} mt={8} ta="right">{i + 1}.</Text>
              <TextInput style={{ flex: 1 }} aria-label={`Agenda ${i + 1}`} {...form.register(`agenda.${i}.judul`)} error={err.agenda?.[i]?.judul?.message} />
              <ActionIcon variant="subtle" mt={4} aria-label="Naikkan" disabled={i === 0} onClick={() => agenda.move(i, i - 1)}><IconArrowUp size={16} /></ActionIcon>
              <ActionIcon variant="subtle" mt={4} aria-label="Turunkan" disabled={i === agenda.fields.length - 1} onClick={() => agenda.move(i, i + 1)}><IconArrowDown size={16} /></ActionIcon>
              <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Hapus agenda ${i + 1}`} disabled={agenda.fields.length === 1} onClick={() => agenda.remove(i)}><IconTrash size={16} /></ActionIcon>
            </Group>
          ))}
          {err.agenda?.message && <Text c="red" size="sm">{err.agenda.message}</Text>}
          <Group><Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => agenda.append({ judul: '' })}>Tambah agenda</Button></Group>
        </Stack>
      </Paper>
    </form>
  );
}
