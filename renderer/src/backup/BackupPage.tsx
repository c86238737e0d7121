import { Alert, Button, FileButton, Group, NumberInput, Paper, Progress, ScrollArea, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { IconAlertTriangle, IconCircleCheck, IconDatabaseExport, IconFolder, IconRestore } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { backupSettingsSchema, type BackupResult, type StagedRestore } from '../../../shared/api/backup';
import type { FileRef } from '../../../shared/api/files';
import { isDesktop } from '../api/client';
import { saveFile, uploadPickedFileOrNotify } from '../api/files';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
import { DataTable } from '../components/DataTable';
import { useJob } from '../jobs';
import { applyServerIssues } from '../common/applyServerIssues';
import { RestoreConfirmModal } from './RestoreConfirmModal';
import { waktu } from '../common/format';

type SettingsValues = z.input<typeof backupSettingsSchema>;

export const formatSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB` : `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('id-ID')} KB`;

/** Pengaturan › Cadangan & Pemulihan (admin only). */
export function BackupPage() {
  const overview = useApiQuery('backup.overview', undefined);
  const save = useApiMutation('backup.saveSettings', { invalidate: ['backup'], success: 'Pengaturan cadangan disimpan.' });
  const chooseFolder = useApiMutation('backup.chooseFolder');
  const runNow = useApiMutation('backup.runNow');
  const toFile = useApiMutation('backup.toFile');
  const stageUpload = useApiMutation('backup.stageUpload');
  const stageFromFolder = useApiMutation('backup.stageFromFolder');
  const folderJob = useJob<BackupResult>();
  const fileJob = useJob<FileRef>();
  const [staged, setStaged] = useState<StagedRestore | null>(null);
  const form = useForm<SettingsValues>({ resolver: zodResolver(backupSettingsSchema) });

  useEffect(() => {
    if (overview.data) form.reset({ ...overview.data.settings, folder: overview.data.settings.folder ?? '' });
  }, [overview.data, form]);
  useEffect(() => {
    if (folderJob.status?.state === 'done' || folderJob.status?.state === 'failed') void overview.refetch();
  }, [folderJob.status?.state, overview]);
  useEffect(() => {
    const file = fileJob.status?.state === 'done' ? fileJob.status.result : null;
    if (file) void saveFile(file);
  }, [fileJob.status?.state, fileJob.status?.result]);

  const submit = form.handleSubmit((values) =>
    save.mutate(backupSettingsSchema.parse({ ...values, folder: values.folder?.trim() ? values.folder : null }), { onError: (e) => applyServerIssues(e, form.setError) }),
  );
  const data = overview.data;
  if (!data) return null;
  const last = data.lastBackup;
  const stale = !last || dayjs().diff(dayjs(last.at), 'day') >= 2;

  return (
    <>
      <PageHeader title="Cadangan & pemulihan" description="Data keluarga miskin tidak boleh hilang: simpan cadangan di disk lain atau flashdisk, dan periksa bahwa cadangan berjalan." />
      <Stack>
        {last && !last.ok ? (
          <Alert color="red" icon={<IconAlertTriangle />} title="Cadangan terakhir gagal" data-testid="backup-status">
            {waktu(last.at)}: {last.message}
          </Alert>
        ) : last ? (
          <Alert color={stale ? 'yellow' : 'green'} icon={stale ? <IconAlertTriangle /> : <IconCircleCheck />} title={stale ? 'Cadangan sudah lama' : 'Cadangan berjalan'} data-testid="backup-status">
            Cadangan terakhir {waktu(last.at)} ({last.fileName}), sudah diperiksa utuh.
          </Alert>
        ) : (
          <Alert color="yellow" icon={<IconAlertTriangle />} title="Belum pernah dicadangkan" data-testid="backup-status">
            {data.otherPc
              ? `Cadangan otomatis kantor dibuat di komputer ${data.otherPc}: biarkan Dinsos Desk berjalan di komputer itu, atau simpan berkas cadangan dari sini (“Unduh berkas cadangan”).`
              : 'Pilih folder cadangan di bawah (sebaiknya disk lain atau flashdisk), simpan, lalu tekan “Cadangkan sekarang”.'}
          </Alert>
        )}

        <SimpleGrid cols={2} spacing="md">
          <Paper withBorder p="md">
            <form onSubmit={submit} noValidate>
              <Stack gap="sm">
                <Title order={4}>Cadangan otomatis</Title>
                <Group align="flex-end" gap="xs" wrap="nowrap">
                  <TextInput style={{ flex: 1 }} label="Folder cadangan" placeholder="mis. E:\Cadangan Dinsos" description="Di disk lain atau flashdisk, bukan di folder data aplikasi." {...form.register('folder')} error={form.formState.errors.folder?.message} />
                  {isDesktop && (
                    <Button variant="default" leftSection={<IconFolder size={16} />} loading={chooseFolder.isPending}
                      onClick={() => chooseFolder.mutate(undefined, { onSuccess: (p) => p && form.setValue('folder', p, { shouldDirty: true }) })}>
                      Pilih…
                    </Button>
                  )}
                </Group>
                <Group grow>
                  <Controller control={form.control} name="keepDaily" render={({ field }) => (
                    <NumberInput label="Simpan cadangan harian" suffix=" hari" min={1} max={90} value={field.value} onChange={(v) => field.onChange(typeof v === 'number' ? v : 1)} error={form.formState.errors.keepDaily?.message} />
                  )} />
                  <Controller control={form.control} name="keepMonthly" render={({ field }) => (
                    <NumberInput label="Simpan cadangan bulanan" suffix=" bulan" min={0} max={60} value={field.value} onChange={(v) => field.onChange(typeof v === 'number' ? v : 0)} error={form.formState.errors.keepMonthly?.message} />
                  )} />
                </Group>
                <Controller control={form.control} name="daily" render={({ field }) => (
                  <Switch label="Cadangkan sekali sehari selama aplikasi berjalan" checked={!!field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} />
                )} />
                <Controller control={form.control} name="onExit" render={({ field }) => (
                  <Switch label="Cadangkan saat aplikasi ditutup" checked={!!field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} />
                )} />
                <Group justify="space-between">
                  <Button variant="light" leftSection={<IconDatabaseExport size={16} />} disabled={!data.settings.folder || !!data.otherPc || form.formState.isDirty || folderJob.running} loading={runNow.isPending || folderJob.running}
                    onClick={() => runNow.mutate(undefined, { onSuccess: (s) => folderJob.follow(s) })}>
                    Cadangkan sekarang
                  </Button>
                  <Button type="submit" loading={save.isPending} disabled={!form.formState.isDirty}>Simpan pengaturan</Button>
                </Group>
                {folderJob.status && <JobLine status={folderJob.status} done={folderJob.status.result ? `Tersimpan: ${folderJob.status.result.fileName} (${formatSize(folderJob.status.result.size)}), lolos pemeriksaan.` : null} />}
              </Stack>
            </form>
          </Paper>

          <Paper withBorder p="md">
            <Stack gap="sm">
              <Title order={4}>Berkas cadangan</Title>
              <Text size="sm">Simpan satu berkas cadangan (basis data dan lampiran) ke mana saja, mis. untuk dibawa ke kantor lain.</Text>
              <Group>
                <Button variant="default" leftSection={<IconDatabaseExport size={16} />} loading={toFile.isPending || fileJob.running}
                  onClick={() => toFile.mutate(undefined, { onSuccess: (s) => fileJob.follow(s as never) })}>
                  Unduh berkas cadangan
                </Button>
              </Group>
              {fileJob.status && <JobLine status={fileJob.status} done={fileJob.status.result ? `Berkas ${fileJob.status.result.name} siap (${formatSize(fileJob.status.result.size)}).` : null} />}
              <Title order={4} mt="sm">Pulihkan</Title>
              <Text size="sm">Mengganti seluruh data dengan isi cadangan. Berkas diperiksa dulu; data saat ini disimpan terpisah (folder “sebelum-pulih”), tidak dihapus.</Text>
              <FileButton accept=".dsbak,application/octet-stream" onChange={async (file) => {
                if (!file) return;
                const picked = await uploadPickedFileOrNotify(file, 'backup');
                if (picked) stageUpload.mutate(picked, { onSuccess: setStaged });
              }}>
                {(props) => <Button {...props} color="orange" variant="light" leftSection={<IconRestore size={16} />} loading={stageUpload.isPending}>Pulihkan dari berkas…</Button>}
              </FileButton>
            </Stack>
          </Paper>
        </SimpleGrid>

        <Paper withBorder>
          <Group justify="space-between" p="sm">
            <Text fw={500}>Cadangan di folder</Text>
            <Text size="sm" c="dimmed">{data.settings.folder ?? 'Folder belum dipilih'}</Text>
          </Group>
          {data.otherPc && (
            <Alert color="blue" mx="sm" mb="sm" data-testid="backup-other-pc">
              Cadangan otomatis kantor dibuat di komputer {data.otherPc}, tempat folder ini dipilih; folder itu ada di disk komputer tersebut. Untuk
              membuat cadangan otomatis di komputer ini, pilih folder di komputer ini lalu simpan pengaturan.
            </Alert>
          )}
          {data.folderProblem && <Alert color="red" mx="sm" mb="sm">{data.folderProblem}</Alert>}
          {data.folderWarning && <Alert color="yellow" mx="sm" mb="sm" data-testid="folder-warning">{data.folderWarning}</Alert>}
          <ScrollArea.Autosize mah={260}>
            <DataTable
              query={{ data: data.backups, isLoading: false }}
              columns={[
                { id: 'berkas', header: 'Berkas', sortValue: (b) => b.fileName, cell: (b) => <Text size="sm">{b.fileName}</Text> },
                { id: 'waktu', header: 'Waktu', sortValue: (b) => b.modifiedAt, cell: (b) => <Text size="sm">{waktu(b.modifiedAt)}</Text> },
                { id: 'ukuran', header: 'Ukuran', sortValue: (b) => b.size, cell: (b) => <Text size="sm">{formatSize(b.size)}</Text> },
                {
                  id: 'pulihkan',
                  header: '',
                  width: 120,
                  cell: (b) => (
                    <Button size="compact-sm" variant="subtle" color="orange" loading={stageFromFolder.isPending && stageFromFolder.variables?.fileName === b.fileName}
                      onClick={() => stageFromFolder.mutate({ fileName: b.fileName }, { onSuccess: setStaged })}>
                      Pulihkan…
                    </Button>
                  ),
                },
              ]}
              rowKey={(b) => b.fileName}
              verticalSpacing={7}
              empty={data.settings.folder ? 'Belum ada cadangan di folder ini. Tekan “Cadangkan sekarang”.' : 'Pilih dan simpan folder cadangan terlebih dahulu.'}
              data-testid="backup-list"
            />
          </ScrollArea.Autosize>
        </Paper>
      </Stack>
      <RestoreConfirmModal staged={staged} onClose={() => setStaged(null)} />
    </>
  );
}

function JobLine({ status, done }: { status: { state: string; label: string; done: number; total: number | null; error: { message: string } | null }; done: string | null }) {
  if (status.state === 'running') {
    return (
      <Stack gap={4}>
        <Text size="sm">{status.label}</Text>
        <Progress value={status.total ? (100 * status.done) / status.total : 100} animated striped />
      </Stack>
    );
  }
  if (status.state === 'failed') return <Alert color="red" title="Cadangan gagal">{status.error?.message}</Alert>;
  return done ? <Text size="sm" c="green.8">{done}</Text> : null;
}
