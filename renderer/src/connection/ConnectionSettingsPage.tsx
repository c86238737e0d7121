import { Alert, Paper, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQueryClient } from '@tanstack/react-query';
import { connectionModeLabels, type ConnectionChoiceInput, type ConnectionInfo } from '../../../shared/api/connection';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
import { ConnectionForm } from './ConnectionForm';

function describe(info: ConnectionInfo): string {
  if (!info.server) return `${connectionModeLabels.lokal}: data tersimpan di komputer ini.`;
  const s = info.server;
  return `${connectionModeLabels.server}: basis data "${s.database}" di ${s.host}:${s.port}, pengguna ${s.user}${s.ssl ? ', dengan TLS' : ''}.`;
}

/** Pengaturan › Koneksi basis data (admin): where this PC's data is, and switching it after a confirmation. */
export function ConnectionSettingsPage() {
  const queryClient = useQueryClient();
  const status = useApiQuery('connection.status', undefined);
  const save = useApiMutation('connection.save', { quietErrors: true, success: 'Koneksi disimpan. Silakan masuk kembali.' });
  if (!status.data) return null;
  const info = status.data;

  const confirm = (choice: ConnectionChoiceInput) => {
    const target = choice.mode === 'lokal' ? 'basis data di komputer ini (Satu komputer)' : `server ${choice.host}:${choice.port ?? 5432}, basis data "${choice.database}"`;
    modals.openConfirmModal({
      title: 'Pindah basis data?',
      children: (
        <Text size="sm">
          Aplikasi di komputer ini akan memakai {target}. Semua pengguna di komputer ini keluar dan masuk kembali dengan akun yang ada di
          basis data itu. Data yang ada tidak dihapus{info.mode === 'server' && choice.mode === 'lokal' ? '; data di server tetap di server' : ''}.
        </Text>
      ),
      labels: { confirm: 'Ya, pindah', cancel: 'Batal' },
      confirmProps: { 'data-testid': 'koneksi-konfirmasi' } as Record<string, string>,
      onConfirm: () => save.mutate(choice, { onSuccess: () => queryClient.invalidateQueries() }),
    });
  };

  return (
    <>
      <PageHeader title="Koneksi basis data" description="Tempat data kantor disimpan untuk aplikasi di komputer ini." />
      <Paper withBorder p="md">
        <Stack>
          <Alert color="gray" data-testid="koneksi-sekarang">
            <Text size="sm"><b>Saat ini:</b> {describe(info)}</Text>
          </Alert>
          {info.fixedByStart ? (
            <Text size="sm">Basis data ditentukan saat aplikasi dijalankan (--db atau DINSOS_DB), sehingga tidak dapat diubah di sini.</Text>
          ) : (
            <ConnectionForm key={JSON.stringify(info)} current={info} submitLabel={() => 'Simpan koneksi…'} pending={save.isPending} error={save.error?.message ?? null} onSubmit={confirm} />
          )}
        </Stack>
      </Paper>
    </>
  );
}
