import { Alert, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { StartCard, StartCardTitle } from '../common/StartCard';
import { ConnectionForm } from './ConnectionForm';
import { useConnectionChoice } from './useConnectionChoice';

/**
 * The recovery screen of a PC whose office server connection cannot be opened here: its password cannot be
 * decrypted (a Windows profile reset, a data folder copied from another PC), or koneksi.json is gone or damaged.
 * The core says why (`lost`); the server's fields as last known, the password typed again. Saving opens the
 * server, whose own sign-in follows; nothing else can be done here. In browser mode without protected storage
 * the saved password cannot be opened at all: only what to do is said. "Satu komputer" is offered only when
 * koneksi.json was lost and this PC's own file holds an office (perhaps the copy left by the move to the server).
 */
export function ReconnectPage() {
  const { status, save, reload } = useConnectionChoice();
  if (!status.data) return <StartCard w={880}><Loader /></StartCard>;
  const lost = status.data.lost;
  return (
    <StartCard w={880}>
      <Stack>
        <StartCardTitle title="Sambungkan lagi ke server kantor" description="Komputer ini memakai basis data di server kantor, tetapi koneksinya tidak dapat dibuka saat ini." />
        <Alert color="yellow" icon={<IconAlertTriangle />} data-testid="koneksi-hilang">
          <Text size="sm">{lost?.message}</Text>
        </Alert>
        {lost?.reason !== 'noSecrets' && (
          <ConnectionForm
            current={status.data}
            serverOnly={!lost?.localAllowed}
            submitLabel={(mode) => (mode === 'lokal' ? 'Buka data komputer ini' : 'Simpan & sambungkan')}
            pending={save.isPending}
            error={save.error?.message ?? null}
            onSubmit={(choice) => save.mutate(choice, { onSuccess: reload })}
          />
        )}
      </Stack>
    </StartCard>
  );
}
