/**
 * The registry's families a chunk of rows may belong to, looked up once per chunk: by No KK, by ID Keluarga
 * P3KE, and through the registered members of the rows (a P3KE family is matched by any member already in the
 * registry, whichever of its rows comes first; a family registered without No KK gets one from a DTKS row of
 * one of its members). The rules that choose among them are decideRow's; this only finds them.
 */
import type { Kysely } from 'kysely';
import { inJsonArray } from '../db/dialect';
import type { Database } from '../db/schema';
import type { CheckedRow } from './checkRow';
import { FAMILY_FIELDS, familyKey, type ExistingFamily, type ExistingMember, type FileFamily } from './decideRow';
import { IdTable } from './idTable';

const COLUMNS = ['id', 'no_kk', 'id_p3ke', 'miskin_ekstrem', 'updated_at', ...FAMILY_FIELDS] as const;

export interface ChunkFamilies {
  byKk: Map<string, ExistingFamily>;
  byP3ke: Map<string, ExistingFamily>;
  /** By the row's family key (familyKey): the registered family of one of its registered members. */
  byGroup: Map<string, ExistingFamily>;
}

/**
 * The families this file has settled so far, by the keys of familyKeys(), kept compact (idTable.ts): a
 * million-row sheet settles ~280,000 of them. Their desa and kecamatan codes are stored once each.
 */
export class FileFamilies {
  private readonly table = new IdTable(4);
  private readonly codes: string[] = [];
  private readonly codeIndex = new Map<string, number>();

  get(key: string): FileFamily | undefined {
    const e = this.table.find(key);
    if (e < 0) return undefined;
    const t = this.table;
    return { id: t.get(e, 0), firstRow: t.get(e, 1), desaKode: this.codes[t.get(e, 2)]!, kecamatanKode: this.codes[t.get(e, 3)]! };
  }

  set(key: string, f: FileFamily): void {
    const e = this.table.add(key);
    const t = this.table;
    t.set(e, 0, f.id);
    t.set(e, 1, f.firstRow);
    t.set(e, 2, this.code(f.desaKode));
    t.set(e, 3, this.code(f.kecamatanKode));
  }

  private code(kode: string): number {
    let i = this.codeIndex.get(kode);
    if (i === undefined) {
      i = this.codes.push(kode) - 1;
      this.codeIndex.set(kode, i);
    }
    return i;
  }
}

/** The family this file already settled for the row's No KK or ID Keluarga P3KE. */
export function settledFamily(families: Pick<FileFamilies, 'get'>, f: { no_kk: string | null; id_p3ke: string | null }): FileFamily | undefined {
  return families.get(familyKey(f)) ?? (f.id_p3ke !== null ? families.get(`p3ke:${f.id_p3ke}`) : undefined);
}

/** The keys a settled family is known by in the file (both, when the row has a No KK and a P3KE ID). */
export function familyKeys(f: { no_kk: string | null; id_p3ke: string | null }): string[] {
  return f.no_kk !== null && f.id_p3ke !== null ? [f.no_kk, `p3ke:${f.id_p3ke}`] : [familyKey(f)];
}

export async function lookupFamilies(
  db: Kysely<Database>,
  rows: readonly CheckedRow[],
  families: Pick<FileFamilies, 'get'>,
  members: ReadonlyMap<string, ExistingMember>,
  familiesHeld: number,
): Promise<ChunkFamilies> {
  const out: ChunkFamilies = { byKk: new Map(), byP3ke: new Map(), byGroup: new Map() };
  if (familiesHeld === 0) return out;
  const open = rows.filter((c) => c.family && !settledFamily(families, c.family));
  const kks = [...new Set(open.flatMap((c) => (c.family?.no_kk ? [c.family.no_kk] : [])))];
  const p3ke = [...new Set(open.flatMap((c) => (c.family?.id_p3ke ? [c.family.id_p3ke] : [])))];
  if (kks.length > 0) {
    const found = await db.selectFrom('keluarga').select([...COLUMNS]).where(inJsonArray(db, 'no_kk', kks, 'text')).execute();
    for (const f of found) if (f.no_kk !== null) out.byKk.set(f.no_kk, f as ExistingFamily);
  }
  if (p3ke.length > 0) {
    const found = await db.selectFrom('keluarga').select([...COLUMNS]).where(inJsonArray(db, 'id_p3ke', p3ke, 'text')).execute();
    for (const f of found) if (f.id_p3ke !== null) out.byP3ke.set(f.id_p3ke, f as ExistingFamily);
  }
  // Registered members' families: any of them for a P3KE family (keyed by its P3KE ID), only those still
  // without No KK otherwise (a family with a No KK is found by it).
  const wanted = new Map<number, string[]>();
  const anyState = new Set<number>();
  for (const c of open) {
    const m = c.member ? members.get(c.member.nik) : undefined;
    if (!m || !c.family) continue;
    const key = familyKey(c.family);
    wanted.set(m.keluarga_id, [...(wanted.get(m.keluarga_id) ?? []), key]);
    if (c.family.no_kk === null) anyState.add(m.keluarga_id);
  }
  if (wanted.size > 0) {
    const found = await db
      .selectFrom('keluarga')
      .select([...COLUMNS])
      .where(inJsonArray(db, 'id', [...wanted.keys()], 'integer'))
      .where((eb) => eb.or([eb('no_kk', 'is', null), eb('id', 'in', [...anyState, -1])]))
      .where('digabung_ke', 'is', null)
      .execute();
    // The first registered member in sheet order names the group's family.
    const byId = new Map(found.map((f) => [f.id, f as ExistingFamily]));
    for (const c of open) {
      const m = c.member ? members.get(c.member.nik) : undefined;
      const fam = m ? byId.get(m.keluarga_id) : undefined;
      if (!fam || !c.family) continue;
      const key = familyKey(c.family);
      if (!out.byGroup.has(key)) out.byGroup.set(key, fam);
    }
  }
  return out;
}
