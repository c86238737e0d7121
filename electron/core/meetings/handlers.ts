import type { JamKantor } from '../../../shared/api/meetings';
import { waktuDiZona, zonaWaktuProvinsi } from '../../../shared/domain/zonaWaktu';
import { loadOffice } from '../admin';
import { discardUpload, readUploadBytes } from '../imports';
import type { Ctx } from '../api/context';
import { prepared, type FeatureHandlers } from '../api/handlerTypes';
import { issueDocument, renderMeetingDocument } from './documents';
import { listFollowUps, saveFollowUp, setFollowUpStatus } from './followUps';
import { getMeeting, listMeetings, saveMeeting, saveMinutes, saveUndangan, setMeetingStatus } from './meetings';
import { exportOperators, importOperators, readOperatorSheet } from './operatorExcel';
import { undoOperatorImport } from './operatorImportUndo';
import { coverage, listOperators, saveOperator } from './operators';
import { addGuest, checkIn, checkInCandidates, inviteOperators, removeParticipant, setAttendance } from './participants';
import { attendanceRecap, exportAttendanceRecap } from './recap';

async function area(ctx: Ctx) {
  const regions = await ctx.regions();
  return { regions, office: await loadOffice(ctx.db, regions) };
}

/** Now on the office's clock (its province's zone), not the PC's: arrival times and "has the meeting begun". */
async function jamKantor(ctx: Ctx): Promise<JamKantor> {
  const { office } = await area(ctx);
  const zona = zonaWaktuProvinsi(office.provinsiKode);
  const { tanggal, jam } = waktuDiZona(ctx.now(), zona);
  return { tanggal, jam, zona: zona.label };
}

/** The office's date today (overdue follow-ups, "has the meeting begun"), not the PC's. */
const today = async (ctx: Ctx) => (await jamKantor(ctx)).tanggal;

async function detail(ctx: Ctx, id: number) {
  return getMeeting(ctx.db, await ctx.regions(), id, await today(ctx));
}

export const meetingsHandlers: FeatureHandlers<'meetings'> = {
  async listOperators(input, ctx) {
    const { office, regions } = await area(ctx);
    return listOperators(ctx.db, regions, input, office.kabKotaKode);
  },
  async saveOperator(input, ctx) {
    const { office, regions } = await area(ctx);
    return saveOperator(ctx.db, office, regions, ctx.session, input, ctx.now());
  },
  async coverage(_input, ctx) {
    const { office, regions } = await area(ctx);
    return coverage(ctx.db, office, regions);
  },
  importOperators: prepared({
    prepare: async ({ file, ...options }, ctx) => ({ ...options, file, sheet: await readOperatorSheet(await readUploadBytes(ctx, file, 'import')) }),
    async handle({ file: _file, ...input }, ctx) {
      const { office, regions } = await area(ctx);
      return importOperators(ctx.db, office, regions, ctx.session, input, ctx.now());
    },
    // Committed: the picked sheet's work has ended.
    committed: ({ file, commit }, _result, ctx) => (commit ? discardUpload(ctx, file) : undefined),
  }),
  async undoOperatorImport({ batch }, ctx) {
    return undoOperatorImport(ctx.db, ctx.session, batch, ctx.now());
  },
  async exportOperators(input, ctx) {
    const { office, regions } = await area(ctx);
    const rows = await listOperators(ctx.db, regions, input, office.kabKotaKode);
    return exportOperators(ctx.db, office, ctx.session, ctx.outbox, rows, ctx.now());
  },

  async listMeetings(input, ctx) {
    return listMeetings(ctx.db, input);
  },
  async getMeeting({ id }, ctx) {
    return detail(ctx, id);
  },
  async saveMeeting(input, ctx) {
    const id = await saveMeeting(ctx.db, ctx.session, input, ctx.now());
    return detail(ctx, id);
  },
  async setMeetingStatus({ id, status }, ctx) {
    await setMeetingStatus(ctx.db, ctx.session, id, status, ctx.now(), await jamKantor(ctx));
    return detail(ctx, id);
  },
  async inviteOperators({ rapatId, kecamatanKodes }, ctx) {
    const { office, regions } = await area(ctx);
    return inviteOperators(ctx.db, office, regions, ctx.session, rapatId, kecamatanKodes, ctx.now());
  },
  async addGuest(input, ctx) {
    return addGuest(ctx.db, await ctx.regions(), ctx.session, input, ctx.now());
  },
  async removeParticipant({ id }, ctx) {
    await removeParticipant(ctx.db, ctx.session, id, ctx.now());
    return null;
  },
  async setAttendance(input, ctx) {
    return setAttendance(ctx.db, await ctx.regions(), ctx.session, input, ctx.now());
  },
  async checkInCandidates({ rapatId, q }, ctx) {
    return checkInCandidates(ctx.db, await ctx.regions(), rapatId, q);
  },
  async checkIn(input, ctx) {
    return checkIn(ctx.db, await ctx.regions(), ctx.session, input, ctx.now(), (await jamKantor(ctx)).jam);
  },
  async saveUndangan({ rapatId, ...settings }, ctx) {
    const { office } = await area(ctx);
    await saveUndangan(ctx.db, office, ctx.session, rapatId, settings, ctx.now());
    return detail(ctx, rapatId);
  },
  async saveMinutes(input, ctx) {
    await saveMinutes(ctx.db, ctx.session, input, ctx.now(), await jamKantor(ctx));
    return detail(ctx, input.rapatId);
  },

  async listFollowUps(input, ctx) {
    return listFollowUps(ctx.db, await ctx.regions(), input, await today(ctx));
  },
  async saveFollowUp(input, ctx) {
    return saveFollowUp(ctx.db, await ctx.regions(), ctx.session, input, ctx.now(), await today(ctx));
  },
  async setFollowUpStatus({ id, status }, ctx) {
    return setFollowUpStatus(ctx.db, await ctx.regions(), ctx.session, id, status, ctx.now(), await today(ctx));
  },

  async previewDocument(input, ctx) {
    const { office, regions } = await area(ctx);
    return renderMeetingDocument(office, regions, await detail(ctx, input.rapatId), input);
  },
  async printDocument(input, ctx) {
    const { office, regions } = await area(ctx);
    await issueDocument(ctx, office, regions, await detail(ctx, input.rapatId), input, 'print', ctx.now());
    return null;
  },
  async documentPdf(input, ctx) {
    const { office, regions } = await area(ctx);
    const file = await issueDocument(ctx, office, regions, await detail(ctx, input.rapatId), input, 'pdf', ctx.now());
    return file!;
  },

  async attendanceRecap(input, ctx) {
    const { office, regions } = await area(ctx);
    return attendanceRecap(ctx.db, office, regions, input);
  },
  async exportAttendanceRecap(input, ctx) {
    const { office, regions } = await area(ctx);
    return exportAttendanceRecap(ctx.db, office, regions, ctx.session, ctx.outbox, input, ctx.now());
  },
};
