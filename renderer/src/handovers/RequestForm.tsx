import { Alert, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { IconX } from '@tabler/icons-react';
import { Controller, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { createPermohonanSchema, dokumenLabels, dokumenPermohonan, pembawa, pembawaLabels, type CreatePermohonanInput, type PersonSummary } from '../../../shared/api/handovers';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
import { alamatSingkat, PersonSearch } from './PersonPicker';
import { DateField, today } from './ui';
import { useState } from 'react';

const formSchema = createPermohonanSchema.extend({ anggotaId: z.number({ message: 'Pilih pemohon dari registri atau tambahkan orang baru.' }).int().positive('Pilih pemohon dari registri atau tambahkan orang baru.') });

export function RequestNewPage() {
  const navigate = useNavigate();
  const programs = useApiQuery('programs.list', { aktif: true });
  const create = useApiMutation('handovers.createRequest', { invalidate: ['handovers'], success: 'Permohonan dicatat.' });
  const [pemohon, setPemohon] = useState<PersonSummary | null>(null);
  const form = useForm<CreatePermohonanInput>({
    resolver: zodResolver(formSchema),
    defaultValues: { tanggal: today(), pembawa: 'sendiri', dokumen: [], pembawaNama: null, kebutuhan: null, asesmen: null, anggotaId: 0 },
  });
  const { errors } = form.formState;
  const submit = form.handleSubmit((v) => create.mutate(createPermohonanSchema.parse(v), { onSuccess: (r) => navigate(`/bantuan/permohonan/${r.id}`) }));
  return (
    <form onSubmit={submit} noValidate>
      <PageHeader
        title="Catat permohonan bantuan"
        actions={
          <>
            <Button variant="default" onClick={() => navigate('/bantuan/permohonan')}>Batal</Button>
            <Button type="submit" loading={create.isPending} data-testid="request-save">Simpan permohonan</Button>
          </>
        }
      />
      <Stack>
        <Paper withBorder p="md">
          <Title order={4} mb="xs">Pemohon</Title>
          {pemohon ? (
            <Group justify="space-between" data-testid="pemohon-terpilih">
              <div>
                <Text fw={600}>{pemohon.nama} — NIK {pemohon.nik}</Text>
                <Text size="sm" c="dimmed">{alamatSingkat(pemohon)}{pemohon.disabilitas ? ` · ${pemohon.disabilitas}` : ''}</Text>
              </div>
              <Button variant="subtle" leftSection={<IconX size={14} />} onClick={() => { setPemohon(null); form.setValue('anggotaId', 0); }}>Ganti</Button>
            </Group>
          ) : (
            <PersonSearch allowNew onPick={(p) => { setPemohon(p); form.setValue('anggotaId', p.anggotaId, { shouldValidate: true }); }} />
          )}
          {errors.anggotaId && <Text c="red" size="sm" mt={4}>{errors.anggotaId.message}</Text>}
          {pemohon && pemohon.nikMasalah.length > 0 && (
            <Alert color="orange" mt="sm">NIK pemohon tidak valid ({pemohon.nikMasalah[0]}). Perbaiki di registri sebelum BAST dicetak.</Alert>
          )}
        </Paper>
        <Paper withBorder p="md">
          <SimpleGrid cols={3}>
            <Controller control={form.control} name="programId" render={({ field }) => (
              <Select label="Program bantuan" withAsterisk data={(programs.data ?? []).map((p) => ({ value: String(p.id), label: `${p.nama} (${p.tahun})` }))} value={field.value ? String(field.value) : null} onChange={(v) => field.onChange(v ? Number(v) : undefined)} error={errors.programId?.message ? 'Pilih program bantuan.' : undefined} searchable data-testid="request-program" />
            )} />
            <Controller control={form.control} name="tanggal" render={({ field }) => (
              <DateField label="Tanggal berkas diterima" required value={field.value} onChange={field.onChange} error={errors.tanggal?.message} />
            )} />
            <div />
            <Controller control={form.control} name="pembawa" render={({ field }) => (
              <Select label="Berkas diantar oleh" data={pembawa.map((p) => ({ value: p, label: pembawaLabels[p] }))} value={field.value} onChange={(v) => field.onChange(v)} allowDeselect={false} data-testid="request-pembawa" />
            )} />
            <TextInput label="Nama pengantar" placeholder="mis. Yuliani (TKSK Kec. Kota Besi)" {...form.register('pembawaNama', { setValueAs: (v: string) => v || null })} error={errors.pembawaNama?.message} data-testid="request-pembawa-nama" />
          </SimpleGrid>
          <Controller control={form.control} name="dokumen" render={({ field }) => (
            <Checkbox.Group label="Berkas yang diterima" mt="md" value={field.value ?? []} onChange={field.onChange}>
              <Group mt={6}>
                {dokumenPermohonan.map((d) => <Checkbox key={d} value={d} label={dokumenLabels[d]} />)}
              </Group>
            </Checkbox.Group>
          )} />
          <SimpleGrid cols={2} mt="md">
            <Textarea label="Kebutuhan" placeholder="mis. kaki palsu bawah lutut kanan" autosize minRows={2} {...form.register('kebutuhan', { setValueAs: (v: string) => v || null })} data-testid="request-kebutuhan" />
            <Textarea label="Catatan asesmen awal (boleh diisi nanti)" placeholder="ukuran, kondisi, hasil kunjungan" autosize minRows={2} {...form.register('asesmen', { setValueAs: (v: string) => v || null })} />
          </SimpleGrid>
        </Paper>
      </Stack>
    </form>
  );
}
