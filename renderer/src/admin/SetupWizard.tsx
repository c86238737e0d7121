import { Alert, Button, Divider, Group, Loader, PasswordInput, SimpleGrid, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { FormProvider, useForm, type FieldPath } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { setupSchema, type SetupInput } from '../../../shared/api/admin';
import { IconFolder } from '@tabler/icons-react';
import { isDesktop } from '../api/client';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { applyServerIssues } from '../common/applyServerIssues';
import { StartCard, StartCardTitle } from '../common/StartCard';
import { ConnectionStep } from '../connection/ConnectionStep';
import { emptyOffice } from './officeDefaults';
import { KantorFields, KepalaFields, KertasField, NomorFields, RegionFields } from './OfficeFields';
import { ERROR_INLINE } from '../api/queryErrors';

type StepFields = FieldPath<SetupInput>[];
type StepKey = 'wilayah' | 'kantor' | 'pimpinan' | 'admin';

const allSteps: { key: StepKey; label: string; description: string; fields: StepFields }[] = [
  { key: 'wilayah', label: 'Wilayah', description: 'Kabupaten/kota kantor', fields: ['office.provinsiKode', 'office.kabKotaKode'] },
  {
    key: 'kantor',
    label: 'Kantor',
    description: 'Nama, alamat, logo',
    fields: ['office.namaInstansi', 'office.pemerintah', 'office.alamat', 'office.kota', 'office.kodePos', 'office.telepon', 'office.email', 'office.website', 'office.logo'],
  },
  {
    key: 'pimpinan',
    label: 'Pimpinan & dokumen',
    description: 'Kepala dinas, nomor surat, kertas',
    fields: ['office.kepalaNama', 'office.kepalaNip', 'office.kepalaPangkat', 'office.kepalaJabatan', 'office.nomorPola', 'office.kertas'],
  },
  { key: 'admin', label: 'Admin & cadangan', description: 'Pengguna pertama, folder cadangan', fields: ['admin.nama', 'admin.username', 'admin.password', 'backupFolder'] },
];

/**
 * First start: where the data lives (Satu komputer / Server kantor), then the office and its first admin. The
 * first question is skipped when the app was started on a named database (--db / DINSOS_DB). A server that
 * already holds an office is joined there: the app then shows the sign-in instead of the office steps.
 */
export function SetupWizard() {
  const connection = useApiQuery('connection.status', undefined, { meta: ERROR_INLINE });
  const [chosen, setChosen] = useState(false);
  if (!connection.data && !connection.error) return <StartCard w={880}><Loader /></StartCard>;
  if (!chosen && connection.data && !connection.data.fixedByStart) return <ConnectionStep onDone={() => setChosen(true)} />;
  return <OfficeSetup />;
}

/**
 * The office steps: everything typed stays in the form across steps and validation errors. When the office
 * profile is already stored (`init --kabupaten` on the command line), only the admin account is asked for and
 * the profile is left as it is.
 */
function OfficeSetup() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const status = useApiQuery('admin.setupStatus', undefined);
  // Fixed at first show: the status refreshes after setup, and the form must not change shape underneath.
  const [storedOffice] = useState(() => status.data?.officeName ?? null);
  const steps = storedOffice === null ? allSteps : allSteps.filter((s) => s.key === 'admin');
  const [active, setActive] = useState(0);
  const form = useForm<SetupInput>({
    resolver: zodResolver(setupSchema),
    defaultValues: { ...(storedOffice === null ? { office: emptyOffice } : {}), admin: { nama: '', username: 'admin', password: '' }, backupFolder: '' },
    mode: 'onTouched',
  });
  const complete = useApiMutation('admin.completeSetup', { quietErrors: true });
  const chooseFolder = useApiMutation('backup.chooseSetupFolder');

  const next = async () => {
    if (await form.trigger(steps[active]!.fields)) setActive((s) => Math.min(s + 1, steps.length - 1));
  };
  const submit = form.handleSubmit(
    (values) =>
      complete.mutate(values, {
        // Beranda first, whatever address the wizard was opened on (browser mode strips its token from it).
        onSuccess: () => {
          navigate('/', { replace: true });
          void queryClient.invalidateQueries();
        },
        onError: (error) => {
          const path = applyServerIssues(error, form.setError);
          const step = path ? steps.findIndex((s) => s.fields.some((f) => path.startsWith(f))) : -1;
          if (step >= 0) setActive(step);
        },
      }),
    (errors) => {
      const step = steps.findIndex((s) => s.fields.some((f) => f.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], errors)));
      if (step >= 0) setActive(step);
    },
  );

  const content: Record<StepKey, ReactNode> = {
    wilayah: (
      <Stack pt="md">
        <Text size="sm">Pilih provinsi dan kabupaten/kota tempat Dinas Sosial ini bertugas. Referensi wilayah seluruh Indonesia sudah termuat.</Text>
        <RegionFields />
      </Stack>
    ),
    kantor: <Stack pt="md"><KantorFields /></Stack>,
    pimpinan: (
      <Stack pt="md">
        <KepalaFields />
        <NomorFields />
        <KertasField />
      </Stack>
    ),
    admin: (
      <Stack pt="md">
        <Text size="sm">Akun admin dapat membuat akun petugas, operator, dan pimpinan.</Text>
        <SimpleGrid cols={2}>
          <TextInput label="Nama lengkap" {...form.register('admin.nama')} error={form.formState.errors.admin?.nama?.message} />
          <TextInput label="Nama pengguna" {...form.register('admin.username')} error={form.formState.errors.admin?.username?.message} />
        </SimpleGrid>
        <PasswordInput label="Kata sandi" description="Minimal 10 karakter." {...form.register('admin.password')} error={form.formState.errors.admin?.password?.message} />
        <Divider my="xs" label="Cadangan otomatis" labelPosition="left" />
        <Text size="sm">
          Data registri hanya tersimpan di komputer ini. Pilih folder cadangan di <b>disk kedua</b> (mis. D:\) atau di <b>flashdisk / hard disk
          eksternal</b> (mis. E:\) yang selalu terpasang: aplikasi mencadangkan otomatis setiap hari dan saat ditutup. Cadangan di disk yang
          sama dengan aplikasi ikut hilang bila disk itu rusak.
        </Text>
        <Group align="flex-start">
          <TextInput
            style={{ flex: 1 }}
            label="Folder cadangan otomatis"
            placeholder="mis. E:\Cadangan Dinsos"
            description="Boleh dikosongkan dan diatur nanti di Pengaturan › Cadangan; Beranda akan terus mengingatkan."
            {...form.register('backupFolder')}
            error={form.formState.errors.backupFolder?.message}
            data-testid="setup-backup-folder"
          />
          {isDesktop && (
            <Button mt={46} variant="default" leftSection={<IconFolder size={16} />} loading={chooseFolder.isPending}
              onClick={() => chooseFolder.mutate(undefined, { onSuccess: (p) => p && form.setValue('backupFolder', p, { shouldValidate: true }) })}>
              Pilih folder…
            </Button>
          )}
        </Group>
      </Stack>
    ),
  };

  return (
    <StartCard w={880}>
      <FormProvider {...form}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <StartCardTitle title="Selamat datang di Dinsos Desk" description="Pengaturan awal kantor. Semua isian bisa diubah lagi nanti di menu Pengaturan." />
            {storedOffice !== null && (
              <Alert color="blue" data-testid="setup-office-stored">
                Data kantor <b>{storedOffice}</b> sudah diatur sebelumnya. Tinggal membuat akun admin pertama; data kantor dapat
                dilengkapi nanti di Pengaturan › Kantor.
              </Alert>
            )}
            <Stepper active={active} onStepClick={(s) => s < active && setActive(s)} size="sm">
              {steps.map((step) => (
                <Stepper.Step key={step.key} label={step.label} description={step.description}>
                  {content[step.key]}
                </Stepper.Step>
              ))}
            </Stepper>
            {complete.error && complete.error.code !== 'INVALID_INPUT' && <Alert color="red">{complete.error.message}</Alert>}
            <Group justify="space-between">
              <Button variant="default" onClick={() => setActive((s) => Math.max(s - 1, 0))} disabled={active === 0}>
                Kembali
              </Button>
              {active < steps.length - 1 ? (
                // Distinct keys: reusing one DOM button would turn the "Lanjut" click into a submit.
                <Button key="next" onClick={next}>Lanjut</Button>
              ) : (
                <Button key="submit" type="submit" loading={complete.isPending}>Selesai</Button>
              )}
            </Group>
          </Stack>
        </form>
      </FormProvider>
    </StartCard>
  );
}
