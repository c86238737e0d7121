import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Card, Group, Stack, Title } from '@mantine/core';
import { FormProvider, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { anggotaInputSchema, keluargaBaruSchema } from '../../../shared/api/registry';
import type { ApiError } from '../api/client';
import { useApiMutation } from '../api/hooks';
import { applyServerIssues } from '../common/applyServerIssues';
import { PageHeader } from '../common/PageHeader';
import { AnggotaFields, KeluargaFields } from './fields';

const schema = z.object({ keluarga: keluargaBaruSchema, kepala: anggotaInputSchema });
type FormIn = z.input<typeof schema>;
type FormOut = z.output<typeof schema>;

export const emptyAnggota = { nik: '', nama: '', tempatLahir: '', tanggalLahir: null, ibuKandung: '', statusKawin: '', pekerjaan: '', pendidikan: '', disabilitas: '', hamil: false, padan: 'belum' as const, idDtks: '', programs: [] };
export const emptyKeluarga = { noKk: '', alamat: '', dusun: '', rt: '', rw: '', desaKode: '', idDtks: '', desil: null, miskinEkstrem: false, catatan: '' };

/** A family typed in by hand, with its head; the same NIK/No KK rules as the import. */
export function NewKeluargaPage() {
  const navigate = useNavigate();
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(schema),
    defaultValues: { keluarga: emptyKeluarga, kepala: { ...emptyAnggota, hubungan: 'Kepala Keluarga' } as unknown as FormIn['kepala'] },
    mode: 'onTouched',
  });
  const create = useApiMutation('registry.createKeluarga', { invalidate: ['registry'], success: 'Keluarga tersimpan di registri.', quietErrors: true });
  const submit = form.handleSubmit((data) =>
    create.mutate(data, {
      onSuccess: (r) => navigate(`/registri/keluarga/${r.keluargaId}`),
      onError: (e: ApiError) => {
        if (applyServerIssues(e, form.setError)) return;
        const field = (e.details as { field?: string } | undefined)?.field;
        if (field === 'nik') form.setError('kepala.nik', { message: e.message });
        else if (field === 'noKk') form.setError('keluarga.noKk', { message: e.message });
        else form.setError('root', { message: e.message });
      },
    }),
  );
  return (
    <FormProvider {...form}>
      <form onSubmit={(ev) => void submit(ev)} noValidate>
        <Stack>
          <PageHeader title="Keluarga baru" description="Isi data keluarga dan kepala keluarga; anggota lain ditambahkan di halaman keluarga." />
          <Card withBorder radius="md">
            <Title order={4} mb="sm">Keluarga</Title>
            <KeluargaFields prefix="keluarga." />
          </Card>
          <Card withBorder radius="md">
            <Title order={4} mb="sm">Kepala keluarga</Title>
            <AnggotaFields prefix="kepala." />
          </Card>
          {form.formState.errors.root && <Card withBorder c="red">{form.formState.errors.root.message}</Card>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate('/registri')}>Batal</Button>
            <Button type="submit" loading={create.isPending} data-testid="keluarga-simpan">Simpan keluarga</Button>
          </Group>
        </Stack>
      </form>
    </FormProvider>
  );
}
