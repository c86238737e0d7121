import type { z } from 'zod';
import type { SessionInfo } from '../../../shared/api/auth';
import type { jenisSaveSchema, OpdRef, opdSaveSchema } from '../../../shared/api/interventions';
import { normalizeKey } from '../../../shared/domain/text';
import { recordAudit } from '../audit/record';
import { AppError, conflict, notFound } from '../api/errors';
import type { Db } from '../db/database';

/**
 * OPD and their kinds of help as reference data (migration 0010). Every name an OPD answers to — name, short
 * name, aliases — is a key in opd_nama (normalizeKey), so a list that writes "Dinkes" and a form that picks
 * "Dinas Kesehatan" record the same agency. A merged OPD keeps its row (digabung_ke) but no names.
 */

export async function listOpd(db: Db): Promise<OpdRef[]> {
  const opd = await db.selectFrom('opd').select(['id', 'nama', 'singkatan']).where('digabung_ke', 'is', null).orderBy('nama').execute();
  const alias = await db.selectFrom('opd_nama').select(['opd_id', 'label']).where('jenis', '=', 'alias').orderBy('label').execute();
  const jenis = await db
    .selectFrom('jenis_intervensi as j')
    .select(['j.id', 'j.opd_id', 'j.nama', (eb) => eb.selectFrom('intervensi as i').whereRef('i.jenis_id', '=', 'j.id').select((e) => e.fn.countAll<number>().as('n')).as('dipakai')])
    .orderBy('j.nama')
    .execute();
  const jenisAlias = await db.selectFrom('jenis_alias').select(['jenis_id', 'label']).orderBy('label').execute();
  const used = await db.selectFrom('intervensi').select(['opd_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('opd_id').execute();
  const usedBy = new Map(used.map((u) => [u.opd_id, Number(u.n)]));
  return opd.map((o) => ({
    ...o,
    alias: alias.filter((a) => a.opd_id === o.id).map((a) => a.label),
    jenis: jenis
      .filter((j) => j.opd_id === o.id)
      .map((j) => ({ id: j.id, nama: j.nama, alias: jenisAlias.filter((a) => a.jenis_id === j.id).map((a) => a.label), dipakai: Number(j.dipakai ?? 0) })),
    dipakai: usedBy.get(o.id) ?? 0,
  }));
}

export async function opdById(db: Db, id: number): Promise<OpdRef> {
  const found = (await listOpd(db)).find((o) => o.id === id);
  if (!found) throw notFound('OPD');
  return found;
}

/** The OPD a name (its name, short name or an alias, in any spelling of case and punctuation) stands for. */
export async function resolveOpd(db: Db, name: string): Promise<{ id: number; nama: string } | null> {
  const key = normalizeKey(name);
  if (!key) return null;
  return (
    (await db.selectFrom('opd_nama as n').innerJoin('opd as o', 'o.id', 'n.opd_id').select(['o.id', 'o.nama']).where('n.key', '=', key).executeTakeFirst()) ?? null
  );
}

export async function requireOpd(db: Db, name: string): Promise<{ id: number; nama: string }> {
  const opd = await resolveOpd(db, name);
  if (!opd) throw new AppError('NOT_FOUND', `OPD "${name.trim()}" belum ada di daftar OPD. Minta admin menambahkannya (atau sebagai nama lain OPD yang sama) di Referensi OPD.`);
  return opd;
}

export async function kindsOf(db: Db, opdId: number) {
  return db.selectFrom('jenis_intervensi').select(['id', 'nama', 'key']).where('opd_id', '=', opdId).orderBy('nama').execute();
}

/** Every other name the OPD's kinds are written as (0015), keyed like the kinds: key → the kind. */
export async function kindAliasesOf(db: Db, opdId: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('jenis_alias').select(['key', 'jenis_id']).where('opd_id', '=', opdId).execute();
  return new Map(rows.map((r) => [r.key, r.jenis_id]));
}

/** The OPD's kind a name stands for: the kind's own name, or one of its other names, in any case and punctuation. */
export async function resolveJenis(db: Db, opdId: number, name: string): Promise<{ id: number; nama: string } | null> {
  const key = normalizeKey(name);
  const own = await db.selectFrom('jenis_intervensi').select(['id', 'nama']).where('opd_id', '=', opdId).where('key', '=', key).executeTakeFirst();
  if (own) return own;
  return (
    (await db
      .selectFrom('jenis_alias as a')
      .innerJoin('jenis_intervensi as j', 'j.id', 'a.jenis_id')
      .select(['j.id', 'j.nama'])
      .where('a.opd_id', '=', opdId)
      .where('a.key', '=', key)
      .executeTakeFirst()) ?? null
  );
}

/**
 * Gives a kind another name (a value an agency's list writes for it). Refused when the name is another kind's of
 * the same OPD; nothing happens when the kind already answers to it.
 */
export async function addJenisAlias(db: Db, opdId: number, jenisId: number, label: string): Promise<void> {
  const key = normalizeKey(label);
  if (!key) return;
  const other = await resolveJenis(db, opdId, label);
  if (other && other.id !== jenisId) throw conflict(`"${label.trim()}" sudah dipakai sebagai nama jenis "${other.nama}" pada OPD ini.`);
  if (other) return;
  await db.insertInto('jenis_alias').values({ opd_id: opdId, key, jenis_id: jenisId, label: label.trim().replace(/\s+/g, ' ') }).execute();
}

/** Replaces a kind's other names with `alias`. */
async function writeJenisAlias(db: Db, opdId: number, jenisId: number, alias: readonly string[]) {
  await db.deleteFrom('jenis_alias').where('jenis_id', '=', jenisId).execute();
  for (const label of alias) await addJenisAlias(db, opdId, jenisId, label);
}

/** Adds a kind to an OPD (or returns the one it already has under that name). */
export async function ensureJenis(db: Db, session: SessionInfo | null, opdId: number, name: string, now: Date): Promise<{ id: number; nama: string }> {
  const known = await resolveJenis(db, opdId, name);
  if (known) return known;
  const nama = name.trim().replace(/\s+/g, ' ');
  const row = await db.insertInto('jenis_intervensi').values({ opd_id: opdId, nama, key: normalizeKey(nama), created_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, session, { action: 'create', entity: 'jenis_intervensi', entityId: row.id, after: { opdId, nama } }, now);
  return { id: row.id, nama };
}

/** Writes an OPD's names; a name another OPD already answers to is refused (merge them instead). */
async function writeNames(db: Db, opdId: number, input: z.output<typeof opdSaveSchema>) {
  const names: { label: string; jenis: 'nama' | 'singkatan' | 'alias' }[] = [{ label: input.nama, jenis: 'nama' }];
  if (input.singkatan) names.push({ label: input.singkatan, jenis: 'singkatan' });
  for (const a of input.alias) names.push({ label: a, jenis: 'alias' });
  const seen = new Set<string>();
  await db.deleteFrom('opd_nama').where('opd_id', '=', opdId).execute();
  for (const n of names) {
    const key = normalizeKey(n.label);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const other = await db.selectFrom('opd_nama as n').innerJoin('opd as o', 'o.id', 'n.opd_id').select('o.nama').where('n.key', '=', key).executeTakeFirst();
    if (other) throw conflict(`"${n.label}" sudah dipakai sebagai nama ${other.nama}. Bila keduanya OPD yang sama, gabungkan saja.`);
    await db.insertInto('opd_nama').values({ key, opd_id: opdId, label: n.label.trim(), jenis: n.jenis }).execute();
  }
}

export async function saveOpd(db: Db, session: SessionInfo | null, input: z.output<typeof opdSaveSchema>, now: Date): Promise<number> {
  const at = now.toISOString();
  if (input.id == null) {
    const row = await db.insertInto('opd').values({ nama: input.nama, singkatan: input.singkatan, digabung_ke: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await writeNames(db, row.id, input);
    await recordAudit(db, session, { action: 'create', entity: 'opd', entityId: row.id, after: input }, now);
    return row.id;
  }
  const before = await opdById(db, input.id);
  await db.updateTable('opd').set({ nama: input.nama, singkatan: input.singkatan, updated_at: at }).where('id', '=', input.id).execute();
  await writeNames(db, input.id, input);
  await db.updateTable('intervensi').set({ opd: input.nama }).where('opd_id', '=', input.id).execute();
  await recordAudit(db, session, { action: 'update', entity: 'opd', entityId: input.id, before: { nama: before.nama, singkatan: before.singkatan, alias: before.alias }, after: input }, now);
  return input.id;
}

export async function saveJenis(db: Db, session: SessionInfo | null, input: z.output<typeof jenisSaveSchema>, now: Date): Promise<{ id: number; nama: string }> {
  await opdById(db, input.opdId);
  const nama = input.nama.replace(/\s+/g, ' ');
  const same = await resolveJenis(db, input.opdId, nama);
  if (input.id == null) {
    if (same) throw conflict(`Jenis "${same.nama}" sudah ada untuk OPD ini.`);
    const created = await ensureJenis(db, session, input.opdId, nama, now);
    if (input.alias.length > 0) {
      await writeJenisAlias(db, input.opdId, created.id, input.alias);
      await recordAudit(db, session, { action: 'update', entity: 'jenis_intervensi', entityId: created.id, after: { nama, alias: input.alias } }, now);
    }
    return created;
  }
  const before = await db.selectFrom('jenis_intervensi').select(['id', 'opd_id', 'nama']).where('id', '=', input.id).executeTakeFirst();
  if (!before || before.opd_id !== input.opdId) throw notFound('Jenis intervensi');
  if (same && same.id !== input.id) throw conflict(`Jenis "${same.nama}" sudah ada untuk OPD ini.`);
  const aliasBefore = (await db.selectFrom('jenis_alias').select('label').where('jenis_id', '=', input.id).orderBy('label').execute()).map((a) => a.label);
  await db.updateTable('jenis_intervensi').set({ nama, key: normalizeKey(nama) }).where('id', '=', input.id).execute();
  await writeJenisAlias(db, input.opdId, input.id, input.alias);
  await db.updateTable('intervensi').set({ jenis: nama }).where('jenis_id', '=', input.id).execute();
  await recordAudit(db, session, { action: 'update', entity: 'jenis_intervensi', entityId: input.id, before: { nama: before.nama, alias: aliasBefore }, after: { nama, alias: input.alias } }, now);
  return { id: input.id, nama };
}

/**
 * Merges OPD `dariId` into `keId`: every intervention of the first moves to the second (kinds of the same
 * name become one), the first's names become aliases of the second, and the first is kept only as a pointer.
 */
export async function mergeOpd(db: Db, session: SessionInfo | null, dariId: number, keId: number, now: Date): Promise<number> {
  const dari = await opdById(db, dariId);
  const ke = await opdById(db, keId);
  let moved = 0;
  for (const kind of await kindsOf(db, dariId)) {
    const target = await resolveJenis(db, keId, kind.nama);
    const res = await db
      .updateTable('intervensi')
      .set({ opd_id: keId, opd: ke.nama, jenis_id: target?.id ?? kind.id, jenis: target?.nama ?? kind.nama })
      .where('jenis_id', '=', kind.id)
      .executeTakeFirst();
    moved += Number(res.numUpdatedRows);
    // The kind's other names go with it; one the target OPD already knows is dropped.
    const names = await db.selectFrom('jenis_alias').select('label').where('jenis_id', '=', kind.id).execute();
    await db.deleteFrom('jenis_alias').where('jenis_id', '=', kind.id).execute();
    if (target) await db.deleteFrom('jenis_intervensi').where('id', '=', kind.id).execute();
    else await db.updateTable('jenis_intervensi').set({ opd_id: keId }).where('id', '=', kind.id).execute();
    for (const n of names) if (!(await resolveJenis(db, keId, n.label))) await addJenisAlias(db, keId, target?.id ?? kind.id, n.label);
  }
  const rest = await db.updateTable('intervensi').set({ opd_id: keId, opd: ke.nama }).where('opd_id', '=', dariId).executeTakeFirst();
  moved += Number(rest.numUpdatedRows);
  await db.updateTable('opd_nama').set({ opd_id: keId, jenis: 'alias' }).where('opd_id', '=', dariId).execute();
  await db.updateTable('opd').set({ digabung_ke: keId, updated_at: now.toISOString() }).where('id', '=', dariId).execute();
  await recordAudit(
    db,
    session,
    { action: 'merge', entity: 'opd', entityId: keId, before: { dari: { id: dari.id, nama: dari.nama, singkatan: dari.singkatan, alias: dari.alias } }, after: { ke: { id: ke.id, nama: ke.nama }, dipindah: moved } },
    now,
  );
  return moved;
}
