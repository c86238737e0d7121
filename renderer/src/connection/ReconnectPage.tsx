import { Alert, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { StartCard, StartCardTitle } from '../common/StartCard';
import { ConnectionForm } from './ConnectionForm';

/**
 * The recovery screen of a PC whose saved office server cannot be opened here (its password cannot be decrypted:
 * a Windows profile reset, a data folder copied from another PC): the server's fields as saved, the password typed
 * again. Saving opens the server, whose own sign-in follows; nothing else can be done here.
 */
export function ReconnectPage() {
  const queryClient = useQueryClient();
  const status = useApiQuery('connection.status', undefined);
  const save = useApiMutation('connection.save', { quietErrors: true });
  if (!status.data) return <StartCard w={880}><Loader /></StartCard>;
  return (
    <StartCard w={880}>
      <Stack>
        <StartCardTitle title="Sambungkan lagi ke server kantor" description="Komputer ini memakai basis data di server kantor, tetapi sandi server yang tersimpan tidak dapat dibuka lagi." />
        <Alert color="yellow" icon={<IconAlertTriangle />}>
          <Text size="sm">
            Biasanya karena profil Windows diatur ulang, atau folder data disalin dari komputer atau pengguna lain. Data kantor tetap aman di
            server. Masukkan lagi sandi basis data server (tanyakan kepada admin TI bila perlu), lalu masuk dengan akun Dinsos Desk Anda.
          </Text>
        </Alert>
        <ConnectionForm
          current={status.data}
          serverOnly
          submitLabel={() => 'Simpan & sambungkan'}
          pending={save.isPending}
          error={save.error?.message ?? null}
          onSubmit={(choice) =>
            save.mutate(choice, {
              onSuccess: async () => {
                // The app now reads the server: its set-up status leads to that office's sign-in.
                queryClient.removeQueries({ queryKey: ['connection'] });
                await queryClient.invalidateQueries();
              },
            })
          }
        />
      </Stack>
    </StartCard>
  );
}
