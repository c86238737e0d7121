import { penyerahanInputSchema } from '../../../shared/api/handovers';
import { formatTanggal } from '../../../shared/domain/tanggal';
import { recordAudit } from '../audit/record';
import { loadOffice } from '../admin';
import { requireSession, type Ctx } from '../api/context';
import { officeToday } from '../officeToday';
import { AppError, conflict } from '../api/errors';
import { prepared, type FeatureHandlers } from '../api/handlerTypes';
import { ensureNomor, pdfFileName, renderHandoverDocument, type DocRequest } from './documents';
import { readDocumentSettings } from '../programs';
import { hambatanCetak } from './guards';
import { addPersonToRegistry, loadPerson, searchPeople } from './people';
import { getPenyerahan, insertPenyerahan, listPenyerahan, penyerahanRow, updatePenyerahan } from './penyerahan';
import { addPhoto, readPhoto, removePhoto, storePhoto } from './photos';
import { addRecipients, removeRecipient, setItems, setReceipt, waitingRecipients } from './recipients';
import { createRequest, decideRequest, getRequest, listRequests, requestForHandover, updateRequest, verifyRequest } from './requests';

/** Aid is received on a day that has come: the office's today (its zone, not the PC's or UTC) is the latest date. */
async function refuseFutureReceipt(db: Ctx['db'], now: Date, tanggal: string) {
  const today = await officeToday(db, now);
  if (tanggal > today) {
    throw new AppError('INVALID_INPUT', `Tanggal terima tidak boleh setelah hari ini (${formatTanggal(today)}).`, {
      issues: [{ path: 'tanggal', message: 'Tanggal terima belum tiba.' }],
    });
  }
}

/** Runs a change in one transaction and returns the handover as it is afterwards. */
async function changeHandover(ctx: Ctx, work: (trx: Ctx['db'], now: Date) => Promise<number>) {
  const regions = await ctx.regions();
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => getPenyerahan(trx, regions, await work(trx, now)));
}

async function requestChange(ctx: Ctx, id: number, work: (trx: Ctx['db'], now: Date) => Promise<unknown>) {
  const regions = await ctx.regions();
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    await work(trx, now);
    return getRequest(trx, regions, id);
  });
}

/**
 * Print and PDF share this: refuse while a recipient's NIK is invalid, take the number on first print, record
 * the print in the audit log, and render the document with its final number.
 */
async function printable(ctx: Ctx, input: DocRequest & { penyerahanId: number }, action: 'print' | 'export') {
  const regions = await ctx.regions();
  const office = await loadOffice(ctx.db, regions);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getPenyerahan(trx, regions, input.penyerahanId);
    // An individual BAST depends on its own recipient only; everything else on the whole list.
    const hambatan =
      input.kind === 'bast' && input.penerimaId !== null
        ? hambatanCetak(before.penerima.filter((p) => p.id === input.penerimaId).map((p) => ({ nama: p.orang.nama, nik: p.orang.nik, status: p.status, items: p.items })))
        : before.hambatanCetak;
    if (hambatan.length > 0) {
      throw new AppError('NOT_PRINTABLE', `Belum dapat dicetak: ${hambatan.join(' ')}`, { hambatan });
    }
    const { taken, reread } = await ensureNomor(trx, before, office, input, now.toISOString());
    const d = reread ? await getPenyerahan(trx, regions, input.penyerahanId) : before;
    const doc = renderHandoverDocument(d, office, input, await readDocumentSettings(trx));
    await recordAudit(
      trx,
      ctx.session,
      {
        action,
        entity: 'penyerahan',
        entityId: d.id,
        after: { dokumen: input.kind, penerimaId: input.penerimaId, judul: doc.title, nomorBaru: taken },
        note: `${action === 'print' ? 'Cetak' : 'Simpan PDF'}: ${doc.title}`,
      },
      now,
    );
    return doc;
  });
}

export const handoversHandlers: FeatureHandlers<'handovers'> = {
  async searchPeople({ q, limit }, ctx) {
    return searchPeople(ctx.db, await ctx.regions(), q, limit);
  },

  async addPerson(input, ctx) {
    const regions = await ctx.regions();
    const office = await loadOffice(ctx.db, regions);
    const anggotaId = await addPersonToRegistry(ctx.db, regions, office, requireSession(ctx), input, ctx.now());
    return loadPerson(ctx.db, regions, anggotaId);
  },

  async listRequests(input, ctx) {
    return listRequests(ctx.db, await ctx.regions(), input);
  },

  async getRequest({ id }, ctx) {
    return getRequest(ctx.db, await ctx.regions(), id);
  },

  async createRequest(input, ctx) {
    const regions = await ctx.regions();
    const now = ctx.now();
    return ctx.db.transaction().execute(async (trx) => getRequest(trx, regions, await createRequest(trx, ctx.session, input, now)));
  },

  async updateRequest(input, ctx) {
    return requestChange(ctx, input.id, (trx, now) => updateRequest(trx, ctx.session, input, now));
  },

  async verifyRequest({ id, asesmen }, ctx) {
    return requestChange(ctx, id, (trx, now) => verifyRequest(trx, ctx.session, id, asesmen, now));
  },

  async decideRequest(input, ctx) {
    return requestChange(ctx, input.id, (trx, now) => decideRequest(trx, ctx.session, input, now));
  },

  async list(input, ctx) {
    return listPenyerahan(ctx.db, input);
  },

  async get({ id }, ctx) {
    return getPenyerahan(ctx.db, await ctx.regions(), id);
  },

  async create(input, ctx) {
    return changeHandover(ctx, async (trx, now) => {
      const id = await insertPenyerahan(trx, input, now.toISOString());
      await recordAudit(trx, ctx.session, { action: 'create', entity: 'penyerahan', entityId: id, after: input }, now);
      return id;
    });
  },

  async createFromRequest({ permohonanId, data, alasanGanda }, ctx) {
    return changeHandover(ctx, async (trx, now) => {
      const request = await requestForHandover(trx, permohonanId);
      if (data.programId !== request.program_id) throw conflict('Permohonan ini untuk program bantuan lain. Pilih program yang sama dengan permohonannya.');
      // The SK that approved the request is the dasar the clerk does not type again; what was typed is kept.
      const filled = penyerahanInputSchema.safeParse({
        ...data,
        dasarNomor: data.dasarNomor ?? request.sk_nomor,
        dasarTanggal: data.dasarTanggal ?? request.sk_tanggal,
        dasarTentang: data.dasarTentang ?? request.sk_tentang,
      });
      if (!filled.success) {
        const issues = filled.error.issues.map((i) => ({ path: ['data', ...i.path.map(String)].join('.'), message: i.message }));
        throw new AppError('INVALID_INPUT', issues[0]?.message ?? 'Data serah terima belum lengkap.', { issues });
      }
      const id = await insertPenyerahan(trx, filled.data, now.toISOString());
      await recordAudit(trx, ctx.session, { action: 'create', entity: 'penyerahan', entityId: id, after: { ...filled.data, permohonanId } }, now);
      await addRecipients(trx, ctx.session, { penyerahanId: id, anggotaIds: [], permohonanIds: [permohonanId], alasanGanda }, now);
      return id;
    });
  },

  async update({ id, data }, ctx) {
    return changeHandover(ctx, async (trx, now) => {
      const before = await penyerahanRow(trx, id);
      await updatePenyerahan(trx, id, data, now.toISOString());
      await recordAudit(trx, ctx.session, { action: 'update', entity: 'penyerahan', entityId: id, before, after: data }, now);
      return id;
    });
  },

  async addRecipients(input, ctx) {
    return changeHandover(ctx, async (trx, now) => {
      await addRecipients(trx, ctx.session, input, now);
      return input.penyerahanId;
    });
  },

  async removeRecipient({ penerimaId }, ctx) {
    return changeHandover(ctx, (trx, now) => removeRecipient(trx, ctx.session, penerimaId, now));
  },

  async setItems(input, ctx) {
    return changeHandover(ctx, async (trx, now) => {
      await setItems(trx, ctx.session, input, now);
      return input.penyerahanId;
    });
  },

  async setReceipt(input, ctx) {
    return changeHandover(ctx, async (trx, now) => {
      if (input.status === 'diterima') await refuseFutureReceipt(trx, now, input.tanggal);
      return setReceipt(trx, ctx.session, input, now);
    });
  },

  async receiveAll({ penyerahanId, tanggal }, ctx) {
    return changeHandover(ctx, async (trx, now) => {
      const s = await penyerahanRow(trx, penyerahanId);
      if (!s) throw new AppError('NOT_FOUND', 'Serah terima tidak ditemukan.');
      await refuseFutureReceipt(trx, now, tanggal);
      if (tanggal < s.tanggal) {
        throw new AppError('INVALID_INPUT', `Tanggal terima tidak boleh sebelum tanggal serah terima (${formatTanggal(s.tanggal)}).`, {
          issues: [{ path: 'tanggal', message: 'Tanggal terima sebelum tanggal serah terima.' }],
        });
      }
      for (const penerimaId of await waitingRecipients(trx, penyerahanId)) await setReceipt(trx, ctx.session, { penerimaId, status: 'diterima', tanggal }, now);
      return penyerahanId;
    });
  },

  addPhoto: prepared({
    prepare: (input, ctx) => storePhoto(ctx, input),
    handle: (photo, ctx) => addPhoto(ctx, photo),
  }),

  async photo({ id, thumb }, ctx) {
    return readPhoto(ctx, id, thumb);
  },

  async removePhoto({ id }, ctx) {
    await removePhoto(ctx, id);
    return null;
  },

  async preview(input, ctx) {
    const regions = await ctx.regions();
    const office = await loadOffice(ctx.db, regions);
    const d = await getPenyerahan(ctx.db, regions, input.penyerahanId);
    const doc = renderHandoverDocument(d, office, input, await readDocumentSettings(ctx.db));
    const own = input.kind === 'bast' && input.penerimaId !== null ? d.penerima.filter((p) => p.id === input.penerimaId) : null;
    return { ...doc, hambatanCetak: own ? hambatanCetak(own.map((p) => ({ nama: p.orang.nama, nik: p.orang.nik, status: p.status, items: p.items }))) : d.hambatanCetak };
  },

  async print(input, ctx) {
    const doc = await printable(ctx, input, 'print');
    if (ctx.platform.print) {
      await ctx.platform.print(doc.html, { paper: doc.paper, landscape: doc.landscape });
      return { ...doc, hambatanCetak: [], printed: true };
    }
    return { ...doc, hambatanCetak: [], printed: false };
  },

  async savePdf(input, ctx) {
    const doc = await printable(ctx, input, 'export');
    const pdf = await ctx.platform.htmlToPdf(doc.html, { paper: doc.paper, landscape: doc.landscape });
    return ctx.outbox.put(pdfFileName(doc), 'application/pdf', pdf);
  },
};
