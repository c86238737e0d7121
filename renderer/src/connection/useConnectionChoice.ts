import { useQueryClient } from '@tanstack/react-query';
import { useApiMutation, useApiQuery } from '../api/hooks';

/**
 * This PC's connection and its saving, for the screens before sign-in (the wizard's first step, the recovery
 * screen of a PC that cannot open its saved server). `reload` after a save: the app then reads the chosen
 * database, whose set-up status decides the next screen (the wizard's next step or that office's sign-in).
 */
export function useConnectionChoice() {
  const queryClient = useQueryClient();
  const status = useApiQuery('connection.status', undefined);
  const save = useApiMutation('connection.save', { quietErrors: true });
  const reload = async () => {
    queryClient.removeQueries({ queryKey: ['connection'] });
    await queryClient.invalidateQueries();
  };
  return { status, save, reload };
}
