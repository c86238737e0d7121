/**
 * One checked row (checkRow.ts) and its cells as one line of the preview's kept rows (checkedRows.ts), and back.
 */
import type { CheckedRow, FamilyData, MemberData } from './checkRow';
import { FAMILY_FIELDS, MEMBER_FIELDS } from './decideRow';
import type { CellValue } from './read/types';
import { loadCell, storeCell, type StoredCell } from './spool';

/**
 * A row is stored as an array, its member and family as arrays in these orders: their keys written out on every
 * row made the file twice as large and slower to write and read. Every key must be listed (checked below).
 */
export const MEMBER_KEYS = ['nik', 'nama_key', 'hamil', ...MEMBER_FIELDS] as const;
export const FAMILY_KEYS = ['no_kk', 'miskin_ekstrem', 'id_p3ke', ...FAMILY_FIELDS] as const;
type Unlisted<T, K extends readonly PropertyKey[]> = Exclude<keyof T, K[number]>;
export const ALL_LISTED: [Unlisted<MemberData, typeof MEMBER_KEYS>, Unlisted<FamilyData, typeof FAMILY_KEYS>] extends [never, never] ? true : never = true;

type Encoded = unknown[];
/** Compiled once from the lists above (never from a file): one literal of a fixed shape per row, as checkRow makes it. */
const encodeData = (keys: readonly string[]) => new Function('o', `return o === null ? null : [${keys.map((k) => `o[${JSON.stringify(k)}]`).join(', ')}];`) as (o: object | null) => Encoded | null;
const decodeData = (keys: readonly string[]) => new Function('v', `return v === null ? null : { ${keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`).join(', ')} };`) as (v: Encoded | null) => object | null;
const encodeMember = encodeData(MEMBER_KEYS);
const encodeFamily = encodeData(FAMILY_KEYS);
const decodeMember = decodeData(MEMBER_KEYS) as (v: Encoded | null) => MemberData | null;
const decodeFamily = decodeData(FAMILY_KEYS) as (v: Encoded | null) => FamilyData | null;

export function encode(c: CheckedRow, raw: CellValue[] | null): string {
  return JSON.stringify([c.row, c.nikText, c.nama, c.noKkText, c.desaText, c.errors, c.warnings, c.programs, encodeMember(c.member), encodeFamily(c.family), raw === null ? null : raw.map(storeCell)]);
}

export function decode(line: string): { checked: CheckedRow; raw: CellValue[] | null } {
  const v = JSON.parse(line) as [number, string | null, string | null, string | null, string | null, CheckedRow['errors'], CheckedRow['warnings'], string[], Encoded | null, Encoded | null, StoredCell[] | null];
  const checked: CheckedRow = { row: v[0], nikText: v[1], nama: v[2], noKkText: v[3], desaText: v[4], errors: v[5], warnings: v[6], member: decodeMember(v[8]), family: decodeFamily(v[9]), programs: v[7] };
  return { checked, raw: v[10] === null ? null : v[10].map(loadCell) };
}

