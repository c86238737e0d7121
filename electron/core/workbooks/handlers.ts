import JSZip from 'jszip';
import type { FileRef } from '../../../shared/api/files';
import type { WorkbookReport } from '../../../shared/api/workbooks';
import { loadOffice } from '../admin';
import { requireSession, type Ctx } from '../api/context';
import { AppError } from '../api/errors';
import type { FeatureHandlers } from '../api/handlerTypes';
import { assertDesaInScope, inScope } from '../api/scope';
import { recordAudit } from '../audit/record';
import { getStaged } from '../imports';
import { normalizeRegionCode } from '../regions';
import { applyWorkbook } from './apply';
import { buildWorkbook, workbookFileName } from './issue';
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
  });
  await recordAudit(ctx.db, session, { action: 'export', entity: 'lembar_kerja', entityId: desa.kode, after: { desa: desa.nama, anggota: members.length, checksum: built.meta.checksum } }, now);
  return { name: workbookFileName(desa.nama, now), bytes: built.bytes };
}

function run(ctx: Ctx, stagingId: string, commit: boolean) {
  const session = requireSession(ctx);
  const staged = getStaged(ctx.paths.dataDir, session, stagingId);
  const scope = ctx.scope;
  return ctx.jobs.start<WorkbookReport>(commit ? 'workbook.apply' : 'workbook.preview', `${commit ? 'Menyimpan' : 'Memeriksa'} ${staged.fileName}`, async (job) =>
    applyWorkbook({
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
    }),
  );
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
    const zip = new JSZip();
    for (const d of desas) {
      const one = await makeOne(ctx, d.kode);
      zip.file(one.name, one.bytes);
    }
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
    return ctx.outbox.put(`Lembar kerja Kec. ${kec.nama} ${ctx.now().toISOString().slice(0, 10)}.zip`, 'application/zip', bytes);
  },
  async status({ kecamatan }, ctx) {
    const regions = await ctx.regions();
    const kec = regions.get(normalizeRegionCode(kecamatan) ?? kecamatan);
    if (!kec || kec.level !== 'kecamatan') throw new AppError('INVALID_INPUT', 'Pilih kecamatan yang ada di daftar wilayah.');
    const desas = regions.children(kec.kode).filter((d) => DESA_LEVELS.includes(d.level) && inScope(ctx.scope, d.kode, kec.kode));
    const seen = await workbookEvents(ctx.db, desas.map((d) => d.kode));
    return desas.map((d) => ({ kode: d.kode, nama: d.nama, dibuat: seen.get(`export ${d.kode}`) ?? null, kembali: seen.get(`terima ${d.kode}`) ?? null }));
  },
  async preview({ stagingId }, ctx) {
    return run(ctx, stagingId, false);
  },
  async apply({ stagingId }, ctx) {
    return run(ctx, stagingId, true);
  },
};
