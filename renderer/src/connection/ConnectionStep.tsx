import { Loader, Stack } from '@mantine/core';
import { StartCard, StartCardTitle } from '../common/StartCard';
import { ConnectionForm } from './ConnectionForm';
import { useConnectionChoice } from './useConnectionChoice';

/**
 * The set-up wizard's first question: "Satu komputer" (preselected, nothing to save) or "Server kantor". A server
 * is saved (the app switches to it) before the office is set up there; a server that already holds an office is
 * joined: the office is not created again and the sign-in follows.
 */
export function ConnectionStep({ onDone }: { onDone: () => void }) {
  const { status, save, reload } = useConnectionChoice();
  if (!status.data) return <StartCard w={880}><Loader /></StartCard>;
  return (
    <StartCard w={880}>
      <Stack>
        <StartCardTitle title="Selamat datang di Dinsos Desk" description="Langkah pertama: pilih tempat data kantor disimpan. Dapat diubah nanti oleh admin di Pengaturan › Koneksi basis data." />
        <ConnectionForm
          current={status.data}
          submitLabel={(mode) => (mode === 'lokal' ? 'Lanjut' : 'Simpan & lanjut')}
          pending={save.isPending}
          error={save.error?.message ?? null}
          onSubmit={(choice) => {
            if (choice.mode === status.data.mode && choice.mode === 'lokal') return onDone();
            save.mutate(choice, {
              onSuccess: async (saved) => {
                await reload();
                if (!saved.joined || saved.joined.state === 'kosong') onDone();
              },
            });
          }}
        />
      </Stack>
    </StartCard>
  );
}
