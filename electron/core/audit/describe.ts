/** 'dd/mm/yyyy HH:mm:ss' in the machine's (the office's) time zone. */
export function formatWaktu(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function show(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Before/after as short "field: value" lines. For two objects only the fields that changed are listed, so a
 * reader sees at a glance what an update did.
 */
export function describeChange(before: unknown, after: unknown): { before: string; after: string } {
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => show(before[k]) !== show(after[k]));
    return {
      before: keys.map((k) => `${k}: ${show(before[k])}`).join('\n'),
      after: keys.map((k) => `${k}: ${show(after[k])}`).join('\n'),
    };
  }
  const lines = (v: unknown) => (isObj(v) ? Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`).join('\n') : show(v));
  return { before: lines(before), after: lines(after) };
}
