import type { IntervensiRow } from '../../../shared/api/interventions';
import { formatTanggal } from '../../../shared/domain/tanggal';
import { prepared, type FeatureHandlers } from '../api/handlerTypes';
import { officeToday } from '../officeToday';
import { AppError } from '../api/errors';
import type { Db } from '../db/database';
import type { RegionIndex } from '../regions';
import { createIntervensi, importIntervensiList, removeIntervensi, undoIntervensi, updateIntervensi } from './mutations';
import { distinctOptions, findGaps, findOverlaps, listIntervensi, rowById, type RawRow } from './queries';
import { XLSX_MIME } from '../exports';
import { discardUpload, readUploadBytes, rejectedFileName, writeRejectedFile } from '../imports';
import { readInterventionList } from './readList';
import { listOpd, mergeOpd, opdById, requireOpd, resolveOpd, saveJenis, saveOpd } from './reference';

function withNames(regions: RegionIndex, r: RawRow): IntervensiRow {
  const { desaKode, kecamatanKode, ...rest } = r;
  return { ...rest, desa: regions.nameOf(desaKode), kecamatan: regions.nameOf(kecamatanKode) };
}

async function oneRow(db: Db, id: number): Promise<RawRow> {
  const row = await rowById(db, id);
  if (!row) throw new AppError('INTERNAL', 'Intervensi tersimpan tetapi tidak dapat dibaca kembali.');
  return row;
}

/** The date of a manual intervention: the office's today when left out, and never after it. */
async function interventionDate(db: Db, now: Date, tanggal: string | undefined): Promise<string> {
  const today = await officeToday(db, now);
  const date = tanggal ?? today;
  if (date > today) {
    throw new AppError('INVALID_INPUT', `Tanggal intervensi tidak boleh setelah hari ini (${formatTanggal(today)}).`, {
      issues: [{ path: 'tanggal', message: 'Tanggal intervensi belum tiba.' }],
    });
  }
  return date;
}

export const interventionsHandlers: FeatureHandlers<'interventions'> = {
  async list(input, ctx) {
    const regions = await ctx.regions();
    // A filter may name the OPD as the user knows it (short name, alias).
    const opd = input.opd ? ((await resolveOpd(ctx.db, input.opd))?.nama ?? input.opd) : undefined;
    const { rows, total } = await listIntervensi(ctx.db, { ...input, opd });
    return { rows: rows.map((r) => withNames(regions, r)), total };
  },

  async options(_input, ctx) {
    return distinctOptions(ctx.db);
  },

  async create(input, ctx) {
    const now = ctx.now();
    const tanggal = await interventionDate(ctx.db, now, input.tanggal);
    const id = await ctx.db.transaction().execute((trx) => createIntervensi(trx, ctx.session, { ...input, tanggal }, 'manual', now));
    const regions = await ctx.regions();
    return withNames(regions, await oneRow(ctx.db, id));
  },

  async update(input, ctx) {
    const { id, ...state } = input;
    const now = ctx.now();
    const tanggal = await interventionDate(ctx.db, now, state.tanggal);
    const auditId = await ctx.db.transaction().execute((trx) => updateIntervensi(trx, ctx.session, id, { ...state, tanggal }, now));
    const regions = await ctx.regions();
    return { ...withNames(regions, await oneRow(ctx.db, id)), auditId };
  },

  async remove(input, ctx) {
    const auditId = await ctx.db.transaction().execute((trx) => removeIntervensi(trx, ctx.session, input.id, ctx.now()));
    return { auditId };
  },

  async undo(input, ctx) {
    const id = await ctx.db.transaction().execute((trx) => undoIntervensi(trx, ctx.session, input.auditId, ctx.now()));
    return { id };
  },

  async opdList(_input, ctx) {
    return listOpd(ctx.db);
  },

  async opdSave(input, ctx) {
    const id = await ctx.db.transaction().execute((trx) => saveOpd(trx, ctx.session, input, ctx.now()));
    return opdById(ctx.db, id);
  },

  async jenisSave(input, ctx) {
    return ctx.db.transaction().execute((trx) => saveJenis(trx, ctx.session, input, ctx.now()));
  },

  async opdMerge(input, ctx) {
    const dipindah = await ctx.db.transaction().execute((trx) => mergeOpd(trx, ctx.session, input.dariId, input.keId, ctx.now()));
    return { dipindah, ke: await opdById(ctx.db, input.keId) };
  },

  async overlaps(input, ctx) {
    const regions = await ctx.regions();
    const rows = await findOverlaps(ctx.db, input);
    return rows.map(({ desaKode, kecamatanKode, opdList, tanggalList, ...rest }) => ({
      ...rest,
      kali: Number(rest.kali),
      desa: regions.nameOf(desaKode) ?? '',
      kecamatan: regions.nameOf(kecamatanKode) ?? '',
      opd: [...new Set(opdList.split('|'))],
      tanggal: tanggalList.split('|').sort(),
    }));
  },

  async gaps(input, ctx) {
    const regions = await ctx.regions();
    const { rows, total } = await findGaps(ctx.db, input);
    return {
      total,
      rows: rows.map(({ desaKode, kecamatanKode, ...rest }) => ({ ...rest, jiwa: Number(rest.jiwa), desa: regions.nameOf(desaKode) ?? '', kecamatan: regions.nameOf(kecamatanKode) ?? '' })),
    };
  },

  // The list is read before dispatch's transaction (the call's prepare step); its rows are checked and written inside.
  importList: prepared({
    prepare: async (input, ctx) => ({ ...input, list: await readInterventionList((await readUploadBytes(ctx, input, 'import')).bytes, input.fileName, input.mapping) }),
    async handle(input, ctx) {
      const { list } = input;
      const found = { sheet: list.sheet, headerRow: list.headerRow, columns: list.columns, kolomKurang: list.missing };
      if (list.missing.length > 0) {
        // The mapping step: nothing checked until the user says which column holds what is missing.
        const { nama: opd } = await requireOpd(ctx.db, input.opd);
        return { ...found, dataRows: 0, imported: 0, opd, tidakDikenal: [], rejectedFile: null, rejected: [], dryRun: input.dryRun };
      }
      const { rows } = list;
      const result = { ...found, ...(await importIntervensiList(ctx.db, ctx.session, input.opd, rows, input.dryRun, ctx.now(), input.petaJenis)) };
      if (result.rejected.length === 0) return result;
      // The refused rows as read, with their reasons: the registry import's rejected-rows file.
      const byRow = new Map(rows.map((r) => [r.row, r.raw ?? []]));
      const slot = ctx.outbox.reserve(rejectedFileName(input.fileName), XLSX_MIME);
      const width = Math.max(0, ...rows.map((r) => r.raw?.length ?? 0));
      await writeRejectedFile(slot.tempPath, list.sourceColumns, result.rejected.map((r) => ({ row: r.row, raw: byRow.get(r.row) ?? [], reasons: r.reasons.map((message) => ({ code: 'INTERVENSI', message })) })), width);
      return { ...result, rejectedFile: slot.commit() };
    },
    // Imported: the picked list's work has ended (a preview keeps it for the import that follows).
    committed: (input, _result, ctx) => (input.dryRun ? undefined : discardUpload(ctx, input)),
  }),
};
