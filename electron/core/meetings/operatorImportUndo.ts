import type { Kysely } from 'kysely';
import type { SessionInfo } from '../../../shared/api/auth';
import { recordAudit } from '../audit/record';
import { conflict, notFound } from '../api/errors';
import type { Database } from '../db/schema';

/** The audit note of each operator an import wrote; the batch key lets the import be undone. */
export function importNote(batch: string, fileName: string, row: number): string {
  return `impor:${batch} ${fileName}, baris ${row}`;
}

/**
 * Undoes one operator import: operators it added are removed, operators it changed get their previous data
 * back. Refused (nothing changed) when an added operator has since been invited to a meeting or any touched
 * operator was edited after the import.
 */
export async function undoOperatorImport(
  db: Kysely<Database>,
  session: SessionInfo | null,
  batch: string,
  at: Date,
): Promise<{ dihapus: number; dipulihkan: number }> {
  return db.transaction().execute(async (trx) => {
    const imported = await trx.selectFrom('audit_log').select(['id', 'after_json']).where('entity', '=', 'operator_import').where('action', '=', 'import').where('entity_id', '=', batch).executeTakeFirst();
    if (!imported) throw notFound('Impor operator');
    const undone = await trx.selectFrom('audit_log').select('at').where('entity', '=', 'operator_import').where('action', '=', 'undo').where('entity_id', '=', batch).executeTakeFirst();
    if (undone) throw conflict('Impor ini sudah dibatalkan sebelumnya.');
    const entries = await trx
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'before_json', 'after_json'])
      .where('entity', '=', 'operator_desa')
      .where('note', 'like', `impor:${batch} %`)
      .orderBy('id', 'desc')
      .execute();

    const problems: string[] = [];
    const plan: { id: number; action: string; before: Record<string, unknown> | null }[] = [];
    for (const e of entries) {
      const id = Number(e.entity_id);
      const after = JSON.parse(e.after_json ?? '{}') as { updated_at?: string; nama?: string };
      const current = await trx.selectFrom('operator_desa').selectAll().where('id', '=', id).executeTakeFirst();
      if (!current) continue;
      if (current.updated_at !== after.updated_at) {
        problems.push(`${current.nama} sudah diubah setelah impor`);
        continue;
      }
      if (e.action === 'create') {
        const invited = await trx.selectFrom('rapat_peserta').select('id').where('operator_id', '=', id).executeTakeFirst();
        if (invited) problems.push(`${current.nama} sudah tercatat sebagai peserta rapat`);
      }
      plan.push({ id, action: e.action, before: e.before_json ? (JSON.parse(e.before_json) as Record<string, unknown>) : null });
    }
    if (problems.length > 0) {
      throw conflict(`Impor tidak dapat dibatalkan: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; dan ${problems.length - 5} lainnya` : ''}. Ubah data itu secara manual.`);
    }
    let dihapus = 0;
    let dipulihkan = 0;
    for (const p of plan) {
      if (p.action === 'create') {
        await trx.deleteFrom('operator_desa').where('id', '=', p.id).execute();
        dihapus++;
      } else if (p.before) {
        const b = p.before;
        await trx
          .updateTable('operator_desa')
          .set({
            nama: b.nama as string,
            nama_key: b.nama_key as string,
            nik: b.nik as string | null,
            no_hp: b.no_hp as string | null,
            email: b.email as string | null,
            desa_kode: b.desa_kode as string,
            kecamatan_kode: b.kecamatan_kode as string,
            jabatan: b.jabatan as string,
            sk_nomor: b.sk_nomor as string | null,
            sk_tanggal: b.sk_tanggal as string | null,
            aktif: b.aktif as number,
            catatan: b.catatan as string | null,
            updated_at: at.toISOString(),
          })
          .where('id', '=', p.id)
          .execute();
        dipulihkan++;
      }
    }
    await recordAudit(trx, session, { action: 'undo', entity: 'operator_import', entityId: batch, before: JSON.parse(imported.after_json ?? 'null'), after: { dihapus, dipulihkan } }, at);
    return { dihapus, dipulihkan };
  });
}
