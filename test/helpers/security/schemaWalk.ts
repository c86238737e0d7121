import type { z } from 'zod';

/* eslint-disable @typescript-eslint/no-explicit-any -- walks zod's internal definition tree */
type Def = { type: string; checks?: { _zod: { def: { check: string; format?: string } } }[]; [k: string]: any };
const defOf = (schema: z.ZodType): Def => (schema as any)._zod.def as Def;

const checkNames = (def: Def) => (def.checks ?? []).map((c) => `${c._zod.def.check}:${c._zod.def.format ?? ''}`);

/**
 * Every string or array in a schema that has no upper bound (a max length, an exact length, or a regex), by
 * path. A payload field without a bound lets one call push megabytes into the database or a document.
 */
export function unboundedFields(schema: z.ZodType, path = '$'): string[] {
  const def = defOf(schema);
  const checks = checkNames(def);
  switch (def.type) {
    case 'string':
      // A refine (custom check) is taken as a format check that bounds the value (e.g. an ISO date, a NIP).
      return checks.some((c) => c.startsWith('max_length') || c.startsWith('length_equals') || c === 'string_format:regex' || c.startsWith('custom')) ? [] : [path];
    case 'array':
      return [
        ...(checks.some((c) => c.startsWith('max_length') || c.startsWith('length_equals')) ? [] : [`${path}[]`]),
        ...unboundedFields(def.element, `${path}[]`),
      ];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => unboundedFields(v, `${path}.${k}`));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return unboundedFields(def.innerType, path);
    case 'pipe':
      return checks.some((c) => c.startsWith('custom')) ? [] : unboundedFields(def.in, path);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((o) => unboundedFields(o, path));
    case 'intersection':
      return [...unboundedFields(def.left, path), ...unboundedFields(def.right, path)];
    case 'record':
      return [...unboundedFields(def.keyType, `${path}{key}`), ...unboundedFields(def.valueType, `${path}{}`)];
    case 'tuple':
      return (def.items as z.ZodType[]).flatMap((item, i) => unboundedFields(item, `${path}[${i}]`));
    default:
      return [];
  }
}

/** The keys of an object schema (through optional/pipe wrappers), for field-by-field payloads. */
export function objectKeys(schema: z.ZodType): string[] {
  const def = defOf(schema);
  if (def.type === 'object') return Object.keys(def.shape as object);
  if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) return objectKeys(def.innerType);
  if (def.type === 'pipe') return objectKeys(def.in);
  return [];
}
