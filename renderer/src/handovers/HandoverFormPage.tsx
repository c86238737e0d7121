import { ActionIcon, Alert, Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { caraBayar as caraBayarPilihan, caraBayarLabels, penyerahanInputSchema, type PenyerahanDetail, type PenyerahanInput } from '../../../shared/api/handovers';
import type { ApiError } from '../api/client';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { ERROR_INLINE } from '../api/queryErrors';
import { serverIssues } from '../common/applyServerIssues';
import { PageHeader } from '../common/PageHeader';
import { DateField, errorAt, today } from './ui';

function toInput(d: PenyerahanDetail): PenyerahanInput {
  return {
    programId: d.program.id,
    tanggal: d.tanggal,
    tempat: d.tempat,
    mode: d.mode,
    dasarNomor: d.dasar?.nomor ?? null,
    dasarTanggal: d.dasar?.tanggal ?? null,
    dasarTentang: d.dasar?.tentang ?? null,
    dasarJenis: d.dasar?.jenis ?? null,
    pertamaNama: d.pihakPertama.nama,
    pertamaNip: d.pihakPertama.nip,
    pertamaPangkat: d.pihakPertama.pangkat,
    pertamaJabatan: d.pihakPertama.jabatan,
    wakilNama: d.wakil?.nama ?? null,
    wakilJabatan: d.wakil?.jabatan ?? null,
    wakilNip: d.wakil?.nip ?? null,
    wakilPangkat: d.wakil?.pangkat ?? null,
    kelompok: d.kelompok,
    caraBayar: d.pembayaran?.cara ?? null,
    rekening: d.pembayaran?.rekening ?? null,
    saksi: d.saksi,
    catatan: d.catatan,
  };
}

/** New handover (`/bantuan/serah-terima/baru`) or editing one (`/bantuan/serah-terima/:id/ubah`). */
export function HandoverFormPage() {
  const navigate = useNavigate();
  const params = useParams();
  const editId = params.id ? Number(params.id) : null;
  const [search] = useSearchParams();
  // Made from an approved request: its SK is the dasar and its applicant the recipient, saved by one call.
  const permohonanId = editId ? 0 : Number(search.get('permohonan')) || 0;
  const request = useApiQuery('handovers.getRequest', { id: permohonanId }, { enabled: permohonanId > 0 });
  const fromRequest = useApiMutation('handovers.createFromRequest', { invalidate: ['handovers'], success: 'Serah terima dicatat bersama pemohon sebagai penerima.', quietErrors: true });
  const [alasanGanda, setAlasanGanda] = useState('');
  const programs = useApiQuery('programs.list', { aktif: true });
  const office = useApiQuery('admin.getOffice', undefined);
  const existing = useApiQuery('handovers.get', { id: editId ?? 0 }, { enabled: !!editId, meta: ERROR_INLINE });
  const create = useApiMutation('handovers.create', { invalidate: ['handovers'], success: 'Serah terima dicatat.' });
  const update = useApiMutation('handovers.update', { invalidate: ['handovers'], success: 'Serah terima diperbarui.' });
  const form = useForm<PenyerahanInput>({
    resolver: zodResolver(penyerahanInputSchema),
    defaultValues: {
      programId: Number(search.get('program')) || undefined,
      tanggal: today(),
      tempat: '',
      mode: search.get('permohonan') ? 'perorangan' : 'kolektif',
      dasarNomor: null,
      dasarTanggal: null,
      dasarTentang: null,
      dasarJenis: null,
      pertamaNama: '',
      pertamaNip: null,
      pertamaPangkat: null,
      pertamaJabatan: '',
      wakilNama: null,
      wakilJabatan: null,
      wakilNip: null,
      wakilPangkat: null,
      kelompok: null,
      caraBayar: null,
      rekening: null,
      saksi: [],
      catatan: null,
    },
  });
  const saksi = useFieldArray({ control: form.control, name: 'saksi' });
  const programId = useWatch({ control: form.control, name: 'programId' });
  // Money is handed over in cash or by transfer, which the BAST says in words; goods have no such choice.
  const program = (programs.data ?? []).find((p) => p.id === programId);
  const uang = program?.jenis === 'uang';
  const caraBayar = useWatch({ control: form.control, name: 'caraBayar' });
  const { errors } = form.formState;

  useEffect(() => {
    if (existing.data) form.reset(toInput(existing.data));
  }, [existing.data, form]);
  useEffect(() => {
    if (editId || !office.data || form.getValues('pertamaNama')) return;
    form.setValue('pertamaNama', office.data.kepalaNama);
    form.setValue('pertamaNip', office.data.kepalaNip || null);
    form.setValue('pertamaPangkat', office.data.kepalaPangkat || null);
    form.setValue('pertamaJabatan', office.data.kepalaJabatan);
    form.setValue('tempat', `Kantor ${office.data.namaInstansi}`);
  }, [office.data, editId, form]);

  useEffect(() => {
    const r = request.data;
    if (!r || form.getValues('dasarNomor')) return;
    form.setValue('programId', r.program.id);
    form.setValue('dasarNomor', r.skNomor);
    form.setValue('dasarTanggal', r.skTanggal);
    form.setValue('dasarTentang', r.skTentang);
  }, [request.data, form]);

  const submit = form.handleSubmit(async (values) => {
    const data = penyerahanInputSchema.parse(values);
    const open = (d: PenyerahanDetail) => navigate(`/bantuan/serah-terima/${d.id}`);
    if (editId) {
      update.mutate({ id: editId, data }, { onSuccess: open });
      return;
    }
    if (permohonanId) {
      const onError = (e: ApiError) => {
        for (const issue of serverIssues(e)) form.setError(issue.path.replace(/^data\./, '') as keyof PenyerahanInput, { message: issue.message });
      };
      fromRequest.mutate({ permohonanId, data, alasanGanda: alasanGanda.trim() || null }, { onSuccess: open, onError });
      return;
    }
    create.mutate(data, { onSuccess: open });
  });

  if (editId && existing.error) {
    return (
      <Alert color="red" title="Serah terima tidak dapat dibuka" data-testid="handover-edit-error">
        {existing.error.message} <Link to="/bantuan">Kembali ke daftar serah terima</Link>
      </Alert>
    );
  }
  const text = (name: keyof PenyerahanInput) => form.register(name, { setValueAs: (v: string) => (v === '' ? null : v) });
  return (
    <form onSubmit={submit} noValidate>
      <PageHeader
        title={editId ? 'Ubah serah terima' : 'Serah terima baru'}
        description="Data ini tercetak pada BAST: tanggal ditulis dengan huruf, dasar SK disebut pada kalimat pembuka."
        actions={
          <>
            <Button variant="default" onClick={() => navigate(editId ? `/bantuan/serah-terima/${editId}` : '/bantuan')}>Batal</Button>
            <Button type="submit" loading={create.isPending || update.isPending || fromRequest.isPending} data-testid="handover-save">Simpan</Button>
          </>
        }
      />
      <Stack>
        {request.data && (
          <Alert color="blue" data-testid="handover-from-request">
            Dari permohonan <b>{request.data.pemohon.nama}</b> ({request.data.program.nama}): dasar SK diambil dari keputusan permohonan, dan
            pemohon langsung menjadi penerima saat disimpan.
          </Alert>
        )}
        {fromRequest.error && (
          <Alert color="red" data-testid="handover-from-request-error">
            {fromRequest.error.message}
            {fromRequest.error.code === 'DUPLICATE_RECIPIENT' && (
              <TextInput mt="sm" label="Alasan boleh menerima lagi" placeholder="mis. alat sebelumnya rusak, diganti sesuai asesmen ulang" value={alasanGanda} onChange={(e) => setAlasanGanda(e.currentTarget.value)} data-testid="handover-alasan-ganda" />
            )}
          </Alert>
        )}
        {existing.data && (existing.data.nomorBast || existing.data.penerima.some((p) => p.nomorBast)) && (
          <Alert color="orange">
            BAST serah terima ini sudah dicetak{existing.data.nomorBast ? ` dengan nomor ${existing.data.nomorBast}` : ''}. Perubahan tercatat di riwayat dan tampil pada cetak ulang dengan nomor yang sama; cetak ulang dan ganti lembar yang sudah ditandatangani bila isinya berubah.
          </Alert>
        )}
        <Paper withBorder p="md">
          <SimpleGrid cols={3}>
            <Controller control={form.control} name="programId" render={({ field }) => (
              <Select label="Program bantuan" withAsterisk searchable data={(programs.data ?? []).map((p) => ({ value: String(p.id), label: `${p.nama} (${p.tahun})` }))} value={field.value ? String(field.value) : null} onChange={(v) => field.onChange(v ? Number(v) : undefined)} error={errors.programId ? 'Pilih program bantuan.' : undefined} data-testid="handover-program" />
            )} />
            <Controller control={form.control} name="tanggal" render={({ field }) => (
              <DateField label="Tanggal serah terima" required value={field.value} onChange={field.onChange} error={errors.tanggal?.message} testId="handover-tanggal" />
            )} />
            <Controller control={form.control} name="mode" render={({ field }) => (
              <div>
                <Text size="sm" fw={500} mb={4}>BAST</Text>
                <SegmentedControl fullWidth value={field.value} onChange={field.onChange} data={[{ value: 'kolektif', label: 'Satu BAST kolektif' }, { value: 'perorangan', label: 'BAST per penerima' }]} data-testid="handover-mode" />
              </div>
            )} />
          </SimpleGrid>
          <TextInput mt="sm" label="Tempat" withAsterisk {...form.register('tempat')} error={errors.tempat?.message} data-testid="handover-tempat" />
          {uang && (
            <SimpleGrid cols={2} mt="sm">
              <Controller control={form.control} name="caraBayar" render={({ field }) => (
                <div>
                  <Text size="sm" fw={500} mb={4}>Bantuan uang diserahkan</Text>
                  <SegmentedControl fullWidth value={field.value ?? 'tunai'} onChange={field.onChange} data={caraBayarPilihan.map((c) => ({ value: c, label: caraBayarLabels[c] }))} data-testid="handover-cara-bayar" />
                </div>
              )} />
              {caraBayar === 'transfer' && (
                <TextInput label="Rekening tujuan" withAsterisk placeholder="Bank Kalteng No. 1234567890 a.n. KUBE Maju Bersama" {...text('rekening')} error={errors.rekening?.message} data-testid="handover-rekening" />
              )}
            </SimpleGrid>
          )}
        </Paper>
        <Paper withBorder p="md">
          <Title order={5} mb="xs">Dasar (SK penetapan penerima)</Title>
          <SimpleGrid cols={3}>
            <TextInput label="Nomor SK" {...text('dasarNomor')} error={errors.dasarNomor?.message} data-testid="handover-sk-nomor" />
            <Controller control={form.control} name="dasarTanggal" render={({ field }) => (
              <DateField label="Tanggal SK" value={field.value} onChange={field.onChange} error={errors.dasarTanggal?.message} clearable testId="handover-sk-tanggal" />
            )} />
            <TextInput label="Jenis keputusan" placeholder="Keputusan Kepala Dinas Sosial …" {...text('dasarJenis')} />
          </SimpleGrid>
          <TextInput mt="sm" label="Tentang" placeholder="Penetapan Penerima Bantuan … Tahun …" {...text('dasarTentang')} error={errors.dasarTentang?.message} data-testid="handover-sk-tentang" />
        </Paper>
        <Paper withBorder p="md">
          <Title order={5} mb="xs">PIHAK PERTAMA (yang menyerahkan)</Title>
          <SimpleGrid cols={2}>
            <TextInput label="Nama" withAsterisk {...form.register('pertamaNama')} error={errors.pertamaNama?.message} data-testid="handover-pertama-nama" />
            <TextInput label="NIP" placeholder="18 angka" {...text('pertamaNip')} error={errors.pertamaNip?.message} data-testid="handover-pertama-nip" />
            <TextInput label="Jabatan" withAsterisk {...form.register('pertamaJabatan')} error={errors.pertamaJabatan?.message} data-testid="handover-pertama-jabatan" />
            <TextInput label="Pangkat/Golongan" {...text('pertamaPangkat')} />
          </SimpleGrid>
          <Title order={5} mt="md" mb="xs">PIHAK KEDUA pada BAST kolektif: wakil para penerima atau ketua kelompok (boleh kosong: dicetak titik-titik)</Title>
          <SimpleGrid cols={2}>
            <TextInput label="Nama" placeholder="mis. Kepala Desa Palangan" {...text('wakilNama')} data-testid="handover-wakil-nama" />
            <TextInput label="Jabatan" placeholder="mis. Camat Kota Besi, Ketua KUBE Maju Bersama" {...text('wakilJabatan')} data-testid="handover-wakil-jabatan" />
            <TextInput label="NIP (bila ada)" placeholder="18 angka" {...text('wakilNip')} error={errors.wakilNip?.message} data-testid="handover-wakil-nip" />
            <TextInput label="Pangkat/Golongan (bila ada)" {...text('wakilPangkat')} data-testid="handover-wakil-pangkat" />
            <TextInput label="Nama kelompok (bantuan kelompok)" placeholder="mis. KUBE Maju Bersama" {...text('kelompok')} data-testid="handover-kelompok" />
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={5}>Saksi</Title>
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} disabled={saksi.fields.length >= 4} onClick={() => saksi.append({ nama: '', nip: null, jabatan: '' })}>Tambah saksi</Button>
          </Group>
          {saksi.fields.length === 0 && <Text size="sm" c="dimmed">Tanpa saksi.</Text>}
          {saksi.fields.map((f, i) => (
            <Group key={f.id} align="flex-start" grow mb="xs">
              <TextInput label="Nama" {...form.register(`saksi.${i}.nama`)} error={errorAt(errors, `saksi.${i}.nama`)} />
              <TextInput label="NIP" {...form.register(`saksi.${i}.nip`, { setValueAs: (v: string) => (v === '' ? null : v) })} error={errorAt(errors, `saksi.${i}.nip`)} />
              <TextInput label="Jabatan" {...form.register(`saksi.${i}.jabatan`)} error={errorAt(errors, `saksi.${i}.jabatan`)} />
              <ActionIcon mt={28} variant="subtle" color="red" aria-label="Hapus saksi" onClick={() => saksi.remove(i)} style={{ flexGrow: 0 }}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Textarea mt="sm" label="Catatan" autosize minRows={2} {...text('catatan')} />
        </Paper>
      </Stack>
    </form>
  );
}
