/**
 * Whether any text in a payload holds the NUL character. PostgreSQL cannot store it in text at all (the call
 * would fail as INTERNAL on the office server while SQLite kept it), and no clerk types it: it only arrives in
 * crafted payloads. Walked without recursion, so a deeply nested payload cannot overflow the stack.
 */
export function containsNul(payload: unknown): boolean {
  const pending: unknown[] = [payload];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
    } else if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)) {
      for (const [key, inner] of Object.entries(value)) {
        if (key.includes('\u0000')) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}
