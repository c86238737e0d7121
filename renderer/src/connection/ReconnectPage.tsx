import { Alert, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { StartCard, StartCardTitle } from '../common/StartCard';
import { ConnectionForm } from './ConnectionForm';
import { useConnectionChoice } from './useConnectionChoice';

/**
 * The recovery screen of a PC whose saved office server cannot be opened here (its password cannot be decrypted:
 * a Windows profile reset, a data folder copied from another PC): the server's fields as saved, the password typed
 * again. Saving opens the server, whose own sign-in follows; nothing else can be done here.
 */
export function ReconnectPage() {
  const { status, save, reload } = useConnectionChoice();
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
          onSubmit={(choice) => save.mutate(choice, { onSuccess: reload })}
        />
      </Stack>
    </StartCard>
  );
}
