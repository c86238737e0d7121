import type { UploadRef } from '../../../shared/api/files';
import { Alert, Button, Checkbox, FileButton, Group, List, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileDatabase } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { BackupInfo, RestoreWarning } from '../../../shared/api/backup';
import { uploadPickedFileOrNotify } from '../api/files';
import { useApiMutation } from '../api/hooks';
import { StartCard, StartCardTitle } from '../common/StartCard';
import { RestoreWarnings } from './RestoreConfirmModal';

/**
 * Shown instead of the setup wizard when this data folder was set up before but its database is missing or has
 * no accounts (on the office server: its database recreated empty, or its accounts gone; `serverProblem` says
 * which): the only way on is a backup, opened with the username and password of an admin in that backup.
 */
export function RecoveryPage({ serverProblem = null }: { serverProblem?: string | null }) {
  const queryClient = useQueryClient();
  const recover = useApiMutation('backup.recover', { quietErrors: true });
  const [file, setFile] = useState<UploadRef | null>(null);
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [warnings, setWarnings] = useState<RestoreWarning[]>([]);
  const [accepted, setAccepted] = useState(false);
  const [done, setDone] = useState<{ info: BackupInfo; keptAsidePath: string | null } | null>(null);

  const submit = () => {
    if (!file) return;
    recover.mutate(
      { ...file, username, password, acceptWarnings: accepted ? warnings.map((w) => w.code) : [] },
      {
        onSuccess: (result) => setDone(result),
        onError: (error) => {
          if (error.code === 'RESTORE_NEEDS_CONFIRM') {
            setWarnings((error.details as { warnings: RestoreWarning[] }).warnings);
            setAccepted(false);
          }
        },
      },
    );
  };

  if (done) {
    const { info } = done;
    return (
      <StartCard w={640}>
        <Stack>
          <Alert color="green" icon={<IconCircleCheck />} title="Data berhasil dipulihkan" data-testid="recovery-done">
            <List size="sm" spacing={2}>
              <List.Item>Dari berkas {info.fileName}{info.createdAt ? `, dibuat ${dayjs(info.createdAt).format('DD/MM/YYYY HH:mm')}` : ''}</List.Item>
              <List.Item>Kantor: {info.officeName ?? '—'}</List.Item>
              <List.Item>{info.counts.keluarga.toLocaleString('id-ID')} keluarga, {info.counts.anggota.toLocaleString('id-ID')} anggota, {info.counts.users} pengguna, {info.attachments} lampiran</List.Item>
              {done.keptAsidePath && <List.Item>Berkas basis data sebelumnya disimpan di {done.keptAsidePath}</List.Item>}
            </List>
          </Alert>
          <Text size="sm">Perubahan yang dibuat setelah cadangan ini tidak ada di dalamnya. Silakan masuk dengan akun Anda.</Text>
          <Group justify="flex-end">
            <Button onClick={() => void queryClient.invalidateQueries()}>Lanjut ke halaman masuk</Button>
          </Group>
        </Stack>
      </StartCard>
    );
  }

  return (
    <StartCard w={640}>
      <Stack>
        <StartCardTitle title="Data perlu dipulihkan" description="Dinsos Desk pernah dipakai di sini, tetapi basis datanya hilang, kosong, atau rusak." />
        <Alert color="yellow" icon={<IconAlertTriangle />}>
          {serverProblem ? (
            <Text size="sm" data-testid="recovery-server-problem">
              {serverProblem} Agar tidak ada orang yang dapat membuat akun admin baru, pengaturan awal tidak ditawarkan. Data yang dipulihkan
              disimpan ke server kantor, sehingga semua komputer kantor memakainya lagi.
            </Text>
          ) : (
            <Text size="sm">
              Folder data aplikasi masih menyimpan tanda bahwa kantor ini sudah diatur, tetapi basis data tidak ditemukan, rusak, atau tidak berisi akun
              (mis. berkas terhapus, disk rusak, atau pemulihan sebelumnya terhenti). Agar tidak ada orang yang dapat membuat akun admin baru,
              pengaturan awal tidak ditawarkan lagi.
            </Text>
          )}
          <Text size="sm" mt="xs">
            Pulihkan dari berkas cadangan terakhir (.dsbak), biasanya di flashdisk atau disk cadangan. Masukkan nama pengguna dan kata sandi
            akun <b>admin yang berlaku saat cadangan itu dibuat</b>.
          </Text>
        </Alert>
        <Group gap="sm">
          <FileButton accept=".dsbak,application/octet-stream" onChange={async (picked) => {
            if (!picked) return;
            setFile(await uploadPickedFileOrNotify(picked, 'backup'));
            setWarnings([]);
            setAccepted(false);
            recover.reset();
          }}>
            {(props) => <Button {...props} variant="default" leftSection={<IconFileDatabase size={16} />}>Pilih berkas cadangan…</Button>}
          </FileButton>
          <Text size="sm" c={file ? undefined : 'dimmed'} data-testid="recovery-file">{file ? file.fileName : 'Belum ada berkas dipilih'}</Text>
        </Group>
        <Group grow>
          <TextInput label="Nama pengguna admin" value={username} onChange={(e) => setUsername(e.currentTarget.value)} autoComplete="off" />
          <PasswordInput label="Kata sandi admin" value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="off" />
        </Group>
        <RestoreWarnings warnings={warnings} />
        {warnings.length > 0 && (
          <Checkbox label="Saya sudah membaca peringatan di atas dan tetap ingin memulihkan cadangan ini." checked={accepted} onChange={(e) => setAccepted(e.currentTarget.checked)} />
        )}
        {recover.error && recover.error.code !== 'RESTORE_NEEDS_CONFIRM' && <Alert color="red" data-testid="recovery-error">{recover.error.message}</Alert>}
        <Group justify="flex-end">
          <Button color="orange" onClick={submit} loading={recover.isPending} disabled={!file || !password || (warnings.length > 0 && !accepted)}>
            Pulihkan dari cadangan
          </Button>
        </Group>
      </Stack>
    </StartCard>
  );
}
