import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { CallInput, CallName, CallOutput } from '../../../shared/api/contract';
import { callApi, type ApiError } from './client';
import { failureNotice } from './failureNotice';

/** Query keys start with the call name, so a feature can invalidate all of its calls by prefix. */
export function useApiQuery<N extends CallName>(
  name: N,
  input: CallInput<N>,
  options: Omit<UseQueryOptions<CallOutput<N>, ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<CallOutput<N>, ApiError>({
    queryKey: [...name.split('.'), input],
    queryFn: () => callApi(name, input),
    ...options,
  });
}

/**
 * A mutation that shows the main side's Indonesian message on failure and refreshes the named features'
 * queries on success.
 */
export function useApiMutation<N extends CallName>(
  name: N,
  opts: { invalidate?: string[]; success?: string | ((out: CallOutput<N>) => string); quietErrors?: boolean } = {},
) {
  const queryClient = useQueryClient();
  return useMutation<CallOutput<N>, ApiError, CallInput<N>>({
    mutationFn: (input) => callApi(name, input),
    onSuccess: async (out) => {
      await Promise.all((opts.invalidate ?? []).map((key) => queryClient.invalidateQueries({ queryKey: key.split('.') })));
      const message = typeof opts.success === 'function' ? opts.success(out) : opts.success;
      if (message) notifications.show({ color: 'green', message });
    },
    onError: (error) => {
      if (!opts.quietErrors) notifications.show(failureNotice(error));
    },
  });
}
