import type { Permission } from '../../../shared/api/access';
import { useApiQuery } from '../api/hooks';

/** What the signed-in user may do (to hide buttons; the main side checks again on every call). */
export function useMay(): (p: Permission) => boolean {
  const current = useApiQuery('auth.current', undefined);
  return (p) => !!current.data?.permissions.includes(p);
}
