import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useApiMutation, useApiQuery } from '../api/hooks';

/** Whether the demo database is open, and the two switches; every query is fetched again after a switch. */
export function useDemo() {
  const queryClient = useQueryClient();
  const status = useApiQuery('demo.status', undefined);
  const refreshAll = () => queryClient.invalidateQueries();
  const start = useApiMutation('demo.start');
  const stop = useApiMutation('demo.stop');
  return {
    active: status.data?.active ?? false,
    exists: status.data?.exists ?? false,
    busy: start.isPending || stop.isPending,
    start: (baru = false) =>
      start.mutate(
        { baru },
        {
          onSuccess: async (out) => {
            await refreshAll();
            notifications.show({ color: 'orange', title: 'Data latihan dibuka', message: `${out.keluarga} keluarga, ${out.anggota} anggota, ${out.penyerahan} serah terima, ${out.rapat} rapat, ${out.intervensi} intervensi. Data asli tidak tersentuh.` });
          },
        },
      ),
    stop: () =>
      stop.mutate(undefined, {
        onSuccess: async () => {
          await refreshAll();
          notifications.show({ color: 'green', message: 'Kembali ke data asli kantor.' });
        },
      }),
  };
}
