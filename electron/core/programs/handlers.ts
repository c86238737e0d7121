import { recordAudit } from '../audit/record';
import type { FeatureHandlers } from '../api/handlerTypes';
import { getProgram, insertProgram, listPrograms, setProgramAktif, updateProgram } from './queries';
import { readDocumentSettings, writeDocumentSettings } from './settings';

export const programsHandlers: FeatureHandlers<'programs'> = {
  async list(input, ctx) {
    return listPrograms(ctx.db, input);
  },

  async get({ id }, ctx) {
    return getProgram(ctx.db, id);
  },

  async create(input, ctx) {
    const now = ctx.now();
    return ctx.db.transaction().execute(async (trx) => {
      const id = await insertProgram(trx, input, now.toISOString());
      const after = await getProgram(trx, id);
      await recordAudit(trx, ctx.session, { action: 'create', entity: 'program', entityId: id, after: input }, now);
      return after;
    });
  },

  async update({ id, ...input }, ctx) {
    const now = ctx.now();
    return ctx.db.transaction().execute(async (trx) => {
      const before = await getProgram(trx, id);
      await updateProgram(trx, id, input, now.toISOString());
      const after = await getProgram(trx, id);
      await recordAudit(trx, ctx.session, { action: 'update', entity: 'program', entityId: id, before, after: input }, now);
      return after;
    });
  },

  async setAktif({ id, aktif }, ctx) {
    const now = ctx.now();
    return ctx.db.transaction().execute(async (trx) => {
      const before = await getProgram(trx, id);
      await setProgramAktif(trx, id, aktif, now.toISOString());
      await recordAudit(
        trx,
        ctx.session,
        { action: 'status', entity: 'program', entityId: id, before: { aktif: before.aktif }, after: { aktif }, note: aktif ? 'Program dibuka kembali' : 'Program ditutup' },
        now,
      );
      return getProgram(trx, id);
    });
  },

  async documentSettings(_input, ctx) {
    return readDocumentSettings(ctx.db);
  },

  async setDocumentSettings(input, ctx) {
    const now = ctx.now();
    return ctx.db.transaction().execute(async (trx) => {
      const before = await readDocumentSettings(trx);
      await writeDocumentSettings(trx, input);
      await recordAudit(trx, ctx.session, { action: 'update', entity: 'pengaturan_dokumen', entityId: null, before, after: input }, now);
      return readDocumentSettings(trx);
    });
  },
};
