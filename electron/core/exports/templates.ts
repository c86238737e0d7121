/** Queries and changes of export templates. Built-ins are refreshed from code; only copies change. */
import type { Kysely, Selectable } from 'kysely';
import type { SessionInfo } from '../../../shared/api/auth';
import { templateDefSchema, type ExportTemplate, type TemplateDef } from '../../../shared/api/exports';
import { recordAudit } from '../audit/record';
import { AppError, notFound } from '../api/errors';
import type { Database } from '../db/schema';
import { BUILTIN_TEMPLATES } from './builtins';

type Row = Selectable<Database['export_template']>;

function toTemplate(row: Row): ExportTemplate {
  const parsed = templateDefSchema.safeParse(JSON.parse(row.def_json));
  if (!parsed.success) {
    throw new AppError('TEMPLATE_INVALID', `Templat "${row.nama}" rusak dan tidak dapat dipakai: ${parsed.error.issues[0]?.message ?? ''}`);
  }
  return {
    id: row.id,
    key: row.key,
    nama: row.nama,
    deskripsi: row.deskripsi,
    builtin: row.builtin === 1,
    basedOnId: row.based_on_id,
    def: parsed.data,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

const seeded = new WeakSet<object>();

/** Inserts missing built-ins and brings existing ones up to the definitions of this app version. */
export async function ensureBuiltinTemplates(db: Kysely<Database>, now: Date): Promise<void> {
  if (seeded.has(db)) return;
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('export_template').select(['id', 'key', 'def_json', 'nama', 'deskripsi']).where('builtin', '=', 1).execute();
    for (const b of BUILTIN_TEMPLATES) {
      const defJson = JSON.stringify(b.def);
      const row = existing.find((e) => e.key === b.key);
      if (!row) {
        await trx
          .insertInto('export_template')
          .values({ key: b.key, nama: b.nama, deskripsi: b.deskripsi, builtin: 1, based_on_id: null, def_json: defJson, deleted_at: null, created_at: now.toISOString(), updated_at: now.toISOString(), updated_by: null })
          .execute();
      } else if (row.def_json !== defJson || row.nama !== b.nama || row.deskripsi !== b.deskripsi) {
        await trx.updateTable('export_template').set({ def_json: defJson, nama: b.nama, deskripsi: b.deskripsi, updated_at: now.toISOString() }).where('id', '=', row.id).execute();
      }
    }
  });
  seeded.add(db);
}

export async function listTemplates(db: Kysely<Database>, withDeleted: boolean): Promise<(ExportTemplate & { deleted: boolean })[]> {
  let q = db.selectFrom('export_template').selectAll().orderBy('builtin', 'desc').orderBy('id');
  if (!withDeleted) q = q.where('deleted_at', 'is', null);
  const rows = await q.execute();
  const out: (ExportTemplate & { deleted: boolean })[] = [];
  for (const r of rows) {
    try {
      out.push({ ...toTemplate(r), deleted: r.deleted_at !== null });
    } catch {
      // A copy saved by an older version that no longer validates stays listed in the database but is skipped here.
    }
  }
  return out;
}

export async function getTemplate(db: Kysely<Database>, id: number): Promise<ExportTemplate> {
  const row = await db.selectFrom('export_template').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw notFound('Templat');
  return toTemplate(row);
}

/** The template a user names (the command line): by built-in key, then copy number, then name in any case. */
export function pickTemplate<T extends { id: number; key: string | null; nama: string }>(templates: readonly T[], ref: string): T | null {
  const lower = ref.trim().toLowerCase();
  return templates.find((r) => r.key === ref) ?? templates.find((r) => String(r.id) === ref) ?? templates.find((r) => r.nama.toLowerCase() === lower) ?? null;
}

/** Finds a stored template the same way (benchmarks). */
export async function findTemplate(db: Kysely<Database>, ref: string): Promise<ExportTemplate | null> {
  const row = pickTemplate(await db.selectFrom('export_template').selectAll().where('deleted_at', 'is', null).execute(), ref);
  return row ? toTemplate(row) : null;
}

async function uniqueName(db: Kysely<Database>, nama: string, exceptId: number | null) {
  const clash = await db
    .selectFrom('export_template')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['nama']), '=', nama.toLowerCase()))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (clash && clash.id !== exceptId) throw new AppError('CONFLICT', `Sudah ada templat bernama "${nama}". Pilih nama lain.`);
}

export async function duplicateTemplate(db: Kysely<Database>, session: SessionInfo | null, id: number, nama: string, now: Date): Promise<ExportTemplate> {
  return db.transaction().execute(async (trx) => {
    const source = await getTemplate(trx, id);
    await uniqueName(trx, nama, null);
    const row = await trx
      .insertInto('export_template')
      .values({
        key: null,
        nama,
        deskripsi: source.deskripsi,
        builtin: 0,
        based_on_id: source.id,
        def_json: JSON.stringify(source.def),
        deleted_at: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        updated_by: session?.username ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, session, { action: 'create', entity: 'export_template', entityId: row.id, after: { nama, basedOn: source.nama }, note: `Salinan dari "${source.nama}"` }, now);
    return toTemplate(row);
  });
}

export async function saveTemplate(
  db: Kysely<Database>,
  session: SessionInfo | null,
  input: { id: number; nama: string; deskripsi: string; def: TemplateDef },
  now: Date,
): Promise<ExportTemplate> {
  return db.transaction().execute(async (trx) => {
    const before = await getTemplate(trx, input.id);
    if (before.builtin) {
      throw new AppError('TEMPLATE_BUILTIN', 'Templat bawaan tidak dapat diubah. Buat salinannya, lalu ubah salinan itu.');
    }
    await uniqueName(trx, input.nama, input.id);
    const row = await trx
      .updateTable('export_template')
      .set({ nama: input.nama, deskripsi: input.deskripsi, def_json: JSON.stringify(input.def), updated_at: now.toISOString(), updated_by: session?.username ?? null })
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, session, { action: 'update', entity: 'export_template', entityId: input.id, before: { nama: before.nama, def: before.def }, after: { nama: input.nama, def: input.def } }, now);
    return toTemplate(row);
  });
}

export async function deleteTemplate(db: Kysely<Database>, session: SessionInfo | null, id: number, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const t = await getTemplate(trx, id);
    if (t.builtin) throw new AppError('TEMPLATE_BUILTIN', 'Templat bawaan tidak dapat dihapus; hanya salinannya.');
    await trx.updateTable('export_template').set({ deleted_at: now.toISOString(), updated_by: session?.username ?? null }).where('id', '=', id).execute();
    await recordAudit(trx, session, { action: 'delete', entity: 'export_template', entityId: id, before: { nama: t.nama } }, now);
  });
}

export async function restoreTemplate(db: Kysely<Database>, session: SessionInfo | null, id: number, now: Date): Promise<ExportTemplate> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('export_template').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.deleted_at === null) throw notFound('Templat yang dihapus');
    await uniqueName(trx, row.nama, id);
    await trx.updateTable('export_template').set({ deleted_at: null, updated_at: now.toISOString(), updated_by: session?.username ?? null }).where('id', '=', id).execute();
    await recordAudit(trx, session, { action: 'restore', entity: 'export_template', entityId: id, after: { nama: row.nama } }, now);
    return getTemplate(trx, id);
  });
}
