import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ApiError } from '../api/client';

/**
 * The field messages of a refused call: the schema's (`issues`) or those a handler's check attached to its error
 * (`details.issues`, e.g. a backup folder that cannot be written).
 */
export function serverIssues(error: ApiError): { path: string; message: string }[] {
  if (error.code !== 'INVALID_INPUT') return [];
  return error.issues ?? (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
}

/** Shows the main side's validation messages beside the fields they belong to. Returns the first path. */
export function applyServerIssues<T extends FieldValues>(error: ApiError, setError: UseFormSetError<T>, prefix = ''): string | null {
  const issues = serverIssues(error);
  for (const issue of issues) setError(`${prefix}${issue.path}` as Path<T>, { message: issue.message });
  return issues[0] ? `${prefix}${issues[0].path}` : null;
}
