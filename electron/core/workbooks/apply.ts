/**
 * Reads a returned workbook back: recognised by its META sheet (office, desa, version), its rows run through the
 * import pipeline with the workbook's fixed column mapping and that one desa as the work area (so the rows go
 * through the same row checks and decisions as any import, and cannot touch another desa's families), and its
 * status columns become status changes through the registry (a member who left, with date and reason).
 * Grouped per family for the screen: changed fields side by side, new members, members who left.
 */
import { dirname } from 'node:path';
import type { SessionInfo } from '../../../shared/api/auth';
import type { PreviewRow } from '../../../shared/api/imports';
import type { WorkbookFamilyDiff, WorkbookRemoval, WorkbookReport, WorkbookRowDiff } from '../../../shared/api/workbooks';
import { loadOffice } from '../admin';
import { AppError } from '../api/errors';
import { recordAudit } from '../audit/record';
import { assertDesaInScope, type Scope } from '../api/scope';
import { inTransaction } from '../api/transaction';
import type { Db } from '../db/database';
import { runImport } from '../imports';
import type { RegionIndex } from '../regions';
import { setStatus } from '../registry';
import { CLEARABLE_FIELDS, DATA_SHEET, FIRST_DATA_ROW, importMapping, REQUIRED_FIELDS } from './columns';
import { metaIsOurs } from './key';
import { desaMembers, membersByNik } from './queries';
import { readWorkbook, type StatusMark } from './read';

export interface ApplyOptions {
  db: Db;
  regions: RegionIndex;
  session: SessionInfo;
  scope: Scope;
  path: string;
  fileName: string;
  sha256: string;
  commit: boolean;
  now: Date;
  onProgress?: (done: number, total: number | null, label: string) => void;
  throwIfCancelled?: () => void;
}

/** Row messages that would speak of "your work area" say what the workbook allows instead. */
function reasonText(p: { code: string; message: string }, desaNama: string, issuedRow: boolean): string {
  if (issuedRow && p.code === 'NAMA_EMPTY') return 'Nama dikosongkan; nama tidak dapat dihapus lewat lembar kerja. Baris ini tidak diterapkan.';
  if (issuedRow && p.code === 'NIK_EMPTY') return 'NIK dikosongkan; NIK tidak dapat dihapus lewat lembar kerja (anggota yang keluar: isi Status, Tanggal Status dan Alasan). Baris ini tidak diterapkan.';
  if (p.code === 'OUTSIDE_WILAYAH') return `Desa/kelurahan lain: lembar kerja ini hanya untuk ${desaNama}; baris ini tidak diimpor.`;
  if (p.code === 'NIK_OUTSIDE_SCOPE') return `NIK ini terdaftar di desa/kelurahan lain; lembar kerja ${desaNama} tidak dapat mengubahnya.`;
  if (p.code === 'KK_OUTSIDE_SCOPE') return `No KK ini terdaftar di desa/kelurahan lain; lembar kerja ${desaNama} tidak dapat mengubahnya.`;
  return p.message;
}

function rowDiff(r: PreviewRow, desaNama: string, lastIssuedRow: number): WorkbookRowDiff {
  return {
    row: r.row,
    nik: r.nik,
    nama: r.nama,
    outcome: r.outcome,
    changes: r.changes ?? [],
    reasons: r.reasons.map((p) => reasonText(p, desaNama, r.row <= lastIssuedRow)),
    warnings: r.warnings.map((p) => p.message),
  };
}

export async function applyWorkbook(opts: ApplyOptions): Promise<WorkbookReport> {
  const wbk = await readWorkbook(opts.path);
  const { meta } = wbk;
  const office = await loadOffice(opts.db, opts.regions);
  if (meta.kabKotaKode !== office.kabKotaKode) {
    throw new AppError('WORKBOOK_OTHER_OFFICE', `Lembar kerja ini dibuat oleh ${meta.namaInstansi || 'kantor lain'}, bukan oleh ${office.namaInstansi}; tidak dapat diimpor di sini.`);
  }
  // The office matches: the metadata must carry this database's MAC, or it was typed or altered by hand.
  if (!(await metaIsOurs(opts.db, meta))) {
    throw new AppError(
      'WORKBOOK_NOT_OURS',
      `Lembar kerja ini tidak dapat dipastikan dibuat oleh ${office.namaInstansi}: data pengenalnya (sheet META) tidak cocok — diubah, disalin dari berkas lain, atau dibuat sebelum data aplikasi ini dipulihkan/diganti. Berkas ini tidak diterima sebagai lembar kerja. Buat lembar kerja baru untuk desa ini, atau impor berkasnya lewat Impor data (dengan pemetaan kolom dan pemeriksaan biasa).`,
    );
  }
  const desa = opts.regions.get(meta.desaKode);
  if (!desa?.parentKode) throw new AppError('WORKBOOK_OTHER_OFFICE', 'Desa/kelurahan lembar kerja ini tidak ada di daftar wilayah kantor ini.');
  assertDesaInScope(opts.scope, desa.kode, desa.parentKode);
  const today = opts.now.toISOString().slice(0, 10);

  const work = async (db: Db) => {
    const result = await runImport({
      db,
      regions: opts.regions,
      officeKabKota: office.kabKotaKode,
      session: opts.session,
      path: opts.path,
      workDir: dirname(opts.path),
      fileName: `${opts.fileName} (lembar kerja ${desa.nama})`,
      sha256: opts.sha256,
      sheet: DATA_SHEET,
      mapping: importMapping(),
      duplicateMode: 'merge',
      commit: opts.commit,
      now: opts.now,
      onlyDesa: desa.kode,
      listEveryRow: true,
      // Rows as issued: an emptied cell clears the value (unless changed in the app since the workbook was made).
      emptied: { untilRow: FIRST_DATA_ROW + meta.rowsIssued - 1, since: meta.madeAt, fields: CLEARABLE_FIELDS, required: REQUIRED_FIELDS },
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.throwIfCancelled ? { throwIfCancelled: opts.throwIfCancelled } : {}),
    });
    result.rejected.dispose();
    const removals = await statusChanges(db, wbk.marks, desa.kode, today);
    if (opts.commit) {
      for (const r of removals.filter((x) => x.problem === null)) {
        await setStatus(db, opts.session, opts.scope, { id: r.anggotaId, status: r.status, tanggal: r.tanggal, alasan: r.alasan }, opts.now);
      }
      // The desa returned its workbook (the follow-ups list it).
      await recordAudit(db, opts.session, { action: 'terima', entity: 'lembar_kerja', entityId: desa.kode, after: { desa: desa.nama, batchId: result.batchId, dibuat: meta.madeAt } }, opts.now);
    }
    return { result, removals };
  };
  // Before the rows are written: the desa's families and members (new proposals, deleted rows).
  const issuedNow = await desaMembers(opts.db, opts.scope, desa.kode);
  const { result, removals } = opts.commit ? await inTransaction(opts.db, work) : await work(opts.db);
  const known = new Set(issuedNow.map((m) => m.noKk));

  const families = new Map<string, WorkbookFamilyDiff>();
  const familyOf = (noKk: string | null, nama: string | null): WorkbookFamilyDiff => {
    const key = noKk ?? '';
    let f = families.get(key);
    if (!f) {
      f = { noKk: key, kepala: nama, baru: key !== '' && !known.has(key), changed: [], added: [], removed: [], rejected: [], rowsDeleted: [] };
      families.set(key, f);
    }
    return f;
  };
  let unchanged = 0;
  for (const r of result.rows) {
    const f = familyOf(r.noKk, r.nama);
    const d = rowDiff(r, desa.nama, FIRST_DATA_ROW + meta.rowsIssued - 1);
    if (r.outcome === 'updated') f.changed.push(d);
    else if (r.outcome === 'imported') f.added.push(d);
    else if (r.outcome === 'duplicate-registry') {
      unchanged++;
      // Nothing changes, but an emptied cell was kept (changed in the app since): the clerk is told.
      if (r.warnings.some((w) => w.code === 'EMPTIED_KEPT')) f.changed.push(d);
    }
    else f.rejected.push(d);
  }
  const noKkOfNik = new Map(issuedNow.map((m) => [m.nik, m.noKk]));
  for (const r of removals) familyOf(noKkOfNik.get(r.nik) ?? null, null).removed.push(r);
  // Issued members whose row the operator deleted: shown, nothing changed for them.
  const inFile = new Set(wbk.marks.map((m) => m.nik).filter((n): n is string => n !== null));
  for (const m of issuedNow) {
    if (!inFile.has(m.nik)) familyOf(m.noKk, null).rowsDeleted.push({ nik: m.nik, nama: m.nama });
  }
  const list = [...families.values()].filter((f) => f.changed.length + f.added.length + f.removed.length + f.rejected.length + f.rowsDeleted.length > 0);
  return {
    meta,
    untouched: wbk.untouched,
    families: list,
    counts: {
      rows: result.counts.dataRows,
      changed: result.counts.updated,
      added: result.counts.imported,
      removed: removals.filter((r) => r.problem === null).length,
      rejected: result.counts.rejected + result.counts.duplicateInFile,
      unchanged,
    },
    committed: opts.commit,
    batchId: result.batchId,
  };
}

/** The rows whose Status says a member left: each checked (reason, date, this desa) before it is applied. */
async function statusChanges(db: Db, marks: readonly StatusMark[], desaKode: string, today: string): Promise<WorkbookRemoval[]> {
  const leaving = marks.filter((m) => m.statusText !== null && m.status !== 'aktif' && m.nik !== null);
  if (leaving.length === 0) return [];
  const people = await membersByNik(db, leaving.map((m) => m.nik!));
  const out: WorkbookRemoval[] = [];
  for (const m of leaving) {
    const p = people.get(m.nik!);
    if (!p || p.desaKode !== desaKode) continue; // a new or foreign NIK: the pipeline's row answers for it
    if (m.status === null) {
      out.push({ row: m.row, anggotaId: p.anggotaId, nik: m.nik!, nama: p.nama, status: 'keluar', tanggal: m.tanggal ?? '', alasan: m.alasan ?? '', problem: `Status "${m.statusText}" tidak dikenal (pilih Aktif, Pindah, Meninggal atau Keluar).` });
      continue;
    }
    if (p.status === m.status || m.status === 'aktif') continue; // already recorded
    const problem =
      !m.alasan || m.alasan.length < 3 ? 'Alasan Status wajib diisi (minimal 3 huruf); status tidak diubah.'
        : !m.tanggal ? 'Tanggal Status wajib diisi (dd/mm/yyyy); status tidak diubah.'
          : m.tanggal > today ? 'Tanggal Status tidak boleh di masa depan; status tidak diubah.'
            : null;
    out.push({ row: m.row, anggotaId: p.anggotaId, nik: m.nik!, nama: p.nama, status: m.status, tanggal: m.tanggal ?? '', alasan: m.alasan ?? '', problem });
  }
  return out;
}
