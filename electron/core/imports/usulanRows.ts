/**
 * An operator's SIKS-NG usulan sheet (preset `siks-ng-usulan`, formats.md §1.1) is a list of proposals: its
 * PROGRAM BANSOS column says what each person is proposed for, not what they receive. Such a sheet's rows still
 * register or update the people, but their programmes become `usulan` rows (one per person and programme, NON
 * BANSOS where the row names none), tagged with the import batch, and never `anggota_program` rows. The SIKS-NG
 * usulan export reads them; undoing the import removes them.
 *
 * The pipeline calls `claim` on each checked row before deciding it (the programmes leave the row, so the
 * preview and the commit decide alike and nothing is added to anggota_program), `settle` once it is decided,
 * and `write` after the batch's people are written (the proposals find them by NIK).
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { UndoBlocker } from '../../../shared/api/imports';
import { jsonArrayRows } from '../db/dialect';
import type { Database } from '../db/schema';
import { usulanProgram } from '../exports';
import type { CheckedRow } from './checkRow';
import type { PresetId } from './read/presets';
import type { Decision } from './decideRow';

/** Pairs per INSERT (each a short JSON array: NIK and programme). */
const WRITE_CHUNK = 5000;

export class UsulanRows {
  /** NIK → the programmes proposed for that person by this sheet, as SIKS-NG names them. */
  private readonly proposed = new Map<string, Set<string>>();
  private readonly claimed = new WeakMap<CheckedRow, string[]>();

  /** The collector for a sheet of this layout, or null when the sheet is not a list of proposals. */
  static forPreset(preset: PresetId): UsulanRows | null {
    return preset === 'siks-ng-usulan' ? new UsulanRows() : null;
  }

  /** Takes the row's programmes as proposals: the row itself no longer adds them to anggota_program. */
  claim(c: CheckedRow): void {
    const labels = c.programs.length > 0 ? [...new Set(c.programs.map((p) => usulanProgram(p)))] : [usulanProgram(null)];
    this.claimed.set(c, labels);
    c.programs = [];
  }

  /**
   * Keeps the claimed proposals of a row the import takes: a new or updated person, or one already registered
   * with the same data. A refused row, a second row of the same NIK and a row skipped because its NIK is
   * registered ("lewati") are not taken, and neither are their proposals (those decisions settle no family).
   */
  settle(c: CheckedRow, d: Decision): void {
    const labels = this.claimed.get(c);
    const nik = c.member?.nik;
    if (!labels || nik === undefined || d.outcome === 'rejected' || d.family === null) return;
    let set = this.proposed.get(nik);
    if (!set) this.proposed.set(Buffer.from(nik, 'latin1').toString('latin1'), (set = new Set()));
    for (const l of labels) set.add(l);
  }

  /**
   * Writes the proposals, tagged with the batch; a proposal the person already has for the same programme (an
   * earlier sheet, a SIKS-NG result) is kept as it is and stays out of this batch. Returns how many were added.
   */
  async write(db: Kysely<Database>, batchId: number, fileName: string, nowIso: string): Promise<number> {
    let added = 0;
    let pairs: [string, string][] = [];
    const flush = async () => {
      if (pairs.length === 0) return;
      const r = await sql`
        insert into usulan (anggota_id, program, sumber_file, import_batch_id, created_at, updated_at)
        select a.id, p.value ->> 1, ${fileName.slice(0, 200)}, ${batchId}, ${nowIso}, ${nowIso}
        from ${jsonArrayRows(db, pairs, 'p')} join anggota a on a.nik = p.value ->> 0
        where true
        on conflict (anggota_id, program) do nothing`.execute(db);
      added += Number(r.numAffectedRows ?? 0);
      pairs = [];
    };
    for (const [nik, labels] of this.proposed) {
      for (const l of labels) pairs.push([nik, l]);
      if (pairs.length >= WRITE_CHUNK) await flush();
    }
    await flush();
    return added;
  }
}

/** For undo.ts: a batch's own proposals never block its undo (the undo deletes them). */
export function notOwnUsulan(table: string, batchId: number): RawBuilder<SqlBool> {
  return table === 'usulan' ? sql<SqlBool>`and (r.import_batch_id is null or r.import_batch_id <> ${batchId})` : sql<SqlBool>``;
}

/** A batch's proposals whose SIKS-NG result was recorded after the import: undoing it would lose the result. */
export async function usulanUndoBlockers(db: Kysely<Database>, batchId: number, finishedAt: string, limit: number): Promise<UndoBlocker[]> {
  const rows = await db
    .selectFrom('usulan as u')
    .innerJoin('anggota as a', 'a.id', 'u.anggota_id')
    .select(['a.id', 'a.nik', 'a.nama', 'u.program'])
    .where('u.import_batch_id', '=', batchId)
    .where((eb) => eb.or([eb('u.updated_at', '>', finishedAt), eb('u.hasil', 'is not', null)]))
    .orderBy('u.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ entity: 'anggota', id: r.id, label: `${r.nama} (NIK ${r.nik})`, reason: `usulan ${r.program} sudah diberi hasil SIKS-NG setelah impor ini` }));
}

/** Removes the proposals the batch recorded; returns how many. */
export async function deleteBatchUsulan(db: Kysely<Database>, batchId: number): Promise<number> {
  const r = await db.deleteFrom('usulan').where('import_batch_id', '=', batchId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
