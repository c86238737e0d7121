import { notifications } from '@mantine/notifications';
import type { Query } from '@tanstack/react-query';
import type { ApiError } from './client';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { errorInline?: boolean };
  }
}

/** A query whose page shows its own error (an Alert in place of the data): no second message for it. */
export const ERROR_INLINE = { errorInline: true } as const;

/** Failures another part of the shell already tells the user: the sign-in screen, the core's and the connection's banners. */
const TOLD_ELSEWHERE = new Set(['UNAUTHENTICATED', 'CORE_RESTARTED', 'CORE_STOPPED', 'DB_UNREACHABLE']);

/**
 * Every query's failure is said once, here (the QueryCache's onError): a page that could not read its data
 * otherwise showed an empty list ("Belum ada serah terima") or a blank document, as if the office had none.
 * The same message is shown once however many queries fail with it.
 */
export function showQueryError(error: Error, query: Query<unknown, unknown, unknown>) {
  const code = (error as Partial<ApiError>).code ?? '';
  if (query.meta?.errorInline || TOLD_ELSEWHERE.has(code)) return;
  notifications.show({ id: `query-error:${error.message}`, color: 'red', title: 'Data tidak dapat dimuat', message: error.message, autoClose: 10_000 });
}
