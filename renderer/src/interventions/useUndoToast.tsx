import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useApiMutation } from '../api/hooks';

/** A toast that says what was done and offers to undo it (interventions.undo on the change's audit entry). */
export function useUndoToast() {
  const undo = useApiMutation('interventions.undo', { invalidate: ['interventions', 'dashboard'], success: 'Perubahan dibatalkan.' });
  return (message: string, auditId: number) => {
    const id = `undo-${auditId}`;
    notifications.show({
      id,
      color: 'green',
      autoClose: 10_000,
      message: (
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{message}</Text>
          <Button size="compact-sm" variant="light" onClick={() => (notifications.hide(id), undo.mutate({ auditId }))}>Urungkan</Button>
        </Group>
      ),
    });
  };
}
