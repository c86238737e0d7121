import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ApiError } from '../api/client';

/** Shows the main side's validation messages beside the fields they belong to. Returns the first path. */
export function applyServerIssues<T extends FieldValues>(error: ApiError, setError: UseFormSetError<T>, prefix = ''): string | null {
  if (error.code !== 'INVALID_INPUT' || !error.issues) return null;
  for (const issue of error.issues) setError(`${prefix}${issue.path}` as Path<T>, { message: issue.message });
  return error.issues[0] ? `${prefix}${error.issues[0].path}` : null;
}
