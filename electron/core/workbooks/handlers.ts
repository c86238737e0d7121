import JSZip from 'jszip';
import type { FileRef } from '../../../shared/api/files';
import type { WorkbookReport } from '../../../shared/api/workbooks';
import { loadOffice } from '../admin';
import { requireSession, type Ctx } from '../api/context';
import { AppError } from '../api/errors';
import type { FeatureHandlers } from '../api/handlerTypes';
import { assertDesaInScope, inScope } from '../api/scope';
import { recordAudit } from '../audit/record';
import { getStaged, removeStaged } from '../imports';
import type { Region } from '../../../shared/api/regions';
import { normalizeRegionCode } from '../regions';
import { applyWorkbook } from './apply';
import { buildWorkbook, workbookFileName } from './issue';
import { workbookKey } from './key';
import { desaMembers, programList, workbookEvents } from './queries';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DESA_LEVELS = ['desa', 'kelurahan', 'desa_adat'];

async function makeOne(ctx: Ctx, desaKode: string) {
  const session = requireSession(ctx);
  const regions = await ctx.regions();
  const desa = regions.get(desaKode);
  if (!desa || !DESA_LEVELS.includes(desa.level) || !desa.parentKode) throw new AppError('INVALID_INPUT', 'Pilih desa/kelurahan yang ada di daftar wilayah.');
  const office = await loadOffice(ctx.db, regions);
  if (!desa.kode.startsWith(`${office.kabKotaKode}.`)) throw new AppError('INVALID_INPUT', `Desa/kelurahan ini bukan wilayah ${office.kabKotaNama}.`);
  assertDesaInScope(ctx.scope, desa.kode, desa.parentKode);
  const now = ctx.now();
  const members = await desaMembers(ctx.db, ctx.scope, desa.kode);
  const built = await buildWorkbook({
    office: { kabKotaKode: office.kabKotaKode, namaInstansi: office.namaInstansi },
    desa: { kode: desa.kode, nama: desa.nama },
    kecamatan: { kode: desa.parentKode, nama: regions.nameOf(desa.parentKode) },
    members,
    programs: await programList(ctx.db),
    madeBy: session.nama || session.username,
    now,
    key: await workbookKey(ctx.db),
  });
  await recordAudit(ctx.db, session, { action: 'export', entity: 'lembar_kerja', entityId: desa.kode, after: { desa: desa.nama, anggota: members.length, checksum: built.meta.checksum } }, now);
  return { name: workbookFileName(desa.nama, now), bytes: built.bytes };
}

/** Several desa's workbooks in one zip (stored, not compressed: .xlsx files are zips already). */
async function zipOf(ctx: Ctx, desaKodes: readonly string[], name: string): Promise<FileRef> {
  const zip = new JSZip();
  for (const kode of desaKodes) {
    const one = await makeOne(ctx, kode);
    zip.file(one.name, one.bytes);
  }
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
  return ctx.outbox.put(name, 'application/zip', bytes);
}

function run(ctx: Ctx, stagingId: string, commit: boolean) {
  const session = requireSession(ctx);
  const staged = getStaged(ctx.paths.dataDir, session, stagingId);
  const scope = ctx.scope;
  return ctx.jobs.start<WorkbookReport>(commit ? 'workbook.apply' : 'workbook.preview', `${commit ? 'Menyimpan' : 'Memeriksa'} ${staged.fileName}`, async (job) => {
    const report = await applyWorkbook({
      db: ctx.db,
      regions: await ctx.regions(),
      session,
      scope,
      path: staged.path,
      fileName: staged.fileName,
      sha256: staged.sha256,
      commit,
      now: ctx.now(),
      onProgress: (done, total, text) => job.progress(done, total, text),
      throwIfCancelled: () => job.throwIfCancelled(),
    });
    // An applied workbook's work has ended: it leaves the staging folder (and cannot be applied twice).
    if (commit) removeStaged(ctx.paths.dataDir, session, stagingId);
    return report;
  });
}

export const workbooksHandlers: FeatureHandlers<'workbooks'> = {
  async issue({ desa }, ctx): Promise<FileRef> {
    const one = await makeOne(ctx, normalizeRegionCode(desa) ?? desa);
    return ctx.outbox.put(one.name, XLSX_MIME, one.bytes);
  },
  async issueKecamatan({ kecamatan }, ctx): Promise<FileRef> {
    const regions = await ctx.regions();
    const kec = regions.get(normalizeRegionCode(kecamatan) ?? kecamatan);
    if (!kec || kec.level !== 'kecamatan') throw new AppError('INVALID_INPUT', 'Pilih kecamatan yang ada di daftar wilayah.');
    const desas = regions.children(kec.kode).filter((d) => DESA_LEVELS.includes(d.level) && inScope(ctx.scope, d.kode, kec.kode));
    if (desas.length === 0) throw new AppError('FORBIDDEN', 'Tidak ada desa/kelurahan kecamatan ini di wilayah kerja Anda.');
    return zipOf(ctx, desas.map((d) => d.kode), `Lembar kerja Kec. ${kec.nama} ${ctx.now().toISOString().slice(0, 10)}.zip`);
  },
  async issueDesa({ desa }, ctx): Promise<FileRef> {
    // Each desa is checked (region, office, work area) as it is made; one outside refuses the whole zip.
    const kodes = [...new Set(desa.map((d) => normalizeRegionCode(d) ?? d))];
    return zipOf(ctx, kodes, `Lembar kerja ${kodes.length} desa ${ctx.now().toISOString().slice(0, 10)}.zip`);
  },
  async status(input, ctx) {
    const regions = await ctx.regions();
    let desas: Region[];
    if ('kecamatan' in input) {
      const kec = regions.get(normalizeRegionCode(input.kecamatan) ?? input.kecamatan);
      if (!kec || kec.level !== 'kecamatan') throw new AppError('INVALID_INPUT', 'Pilih kecamatan yang ada di daftar wilayah.');
      desas = regions.children(kec.kode).filter((d) => DESA_LEVELS.includes(d.level));
    } else {
      desas = [...new Set(input.desa.map((d) => normalizeRegionCode(d) ?? d))]
        .map((k) => regions.get(k))
        .filter((d): d is Region => d !== null && DESA_LEVELS.includes(d.level));
    }
    desas = desas.filter((d) => d.parentKode !== null && inScope(ctx.scope, d.kode, d.parentKode));
    const seen = await workbookEvents(ctx.db, desas.map((d) => d.kode));
    return desas.map((d) => {
      const dibuat = seen.get(`export ${d.kode}`) ?? null;
      const kembali = seen.get(`terima ${d.kode}`) ?? null;
      // Returned = taken back since its latest workbook was made; a workbook made again is out again.
      return { kode: d.kode, nama: d.nama, kecamatanKode: d.parentKode!, kecamatanNama: regions.nameOf(d.parentKode!), dibuat, kembali: kembali !== null && (dibuat === null || kembali >= dibuat) ? kembali : null };
    });
  },
  async preview({ stagingId }, ctx) {
    return run(ctx, stagingId, false);
  },
  async apply({ stagingId }, ctx) {
    return run(ctx, stagingId, true);
  },
};
