import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Office } from '../../../shared/api/admin';
import type { SessionInfo } from '../../../shared/api/auth';
import type { FileRef } from '../../../shared/api/files';
import { jenisRapatLabels, kehadiranLabels, type AttendanceRecap, type Kehadiran, type RecapDesaRow } from '../../../shared/api/meetings';
import { formatTanggal } from '../../../shared/domain/tanggal';
import { recordAudit } from '../audit/record';
import type { Database } from '../db/schema';
import type { Outbox } from '../files';
import type { RegionIndex } from '../regions';
import { desaLabel, officeKecamatan } from './officeArea';
import { addTableSheet, safeFileName, XLSX_MIME } from './xlsxSheet';

const RANK: Record<Kehadiran, number> = { hadir: 3, izin: 2, tidak_hadir: 1, belum: 0 };

/** Which villages attended which meetings of a period: per desa, the best attendance of its people per meeting. */
export async function attendanceRecap(
  db: Kysely<Database>,
  office: Office,
  regions: RegionIndex,
  input: { dari: string; sampai: string; kecamatanKode?: string | null },
): Promise<AttendanceRecap> {
  const rapat = await db
    .selectFrom('rapat')
    .select(['id', 'judul', 'tanggal'])
    .where('tanggal', '>=', input.dari)
    .where('tanggal', '<=', input.sampai)
    .where('status', '!=', 'batal')
    .orderBy('tanggal')
    .orderBy('jam_mulai')
    .execute();
  const ids = rapat.map((r) => r.id);
  const peserta = ids.length === 0 ? [] : await db.selectFrom('rapat_peserta').select(['rapat_id', 'desa_kode', 'kehadiran']).where('rapat_id', 'in', ids).execute();
  const index = new Map(ids.map((id, i) => [id, i]));
  const best = new Map<string, (Kehadiran | null)[]>();
  const perRapat = new Map<number, { peserta: number; hadir: number }>();
  for (const p of peserta) {
    const c = perRapat.get(p.rapat_id) ?? { peserta: 0, hadir: 0 };
    c.peserta++;
    if (p.kehadiran === 'hadir') c.hadir++;
    perRapat.set(p.rapat_id, c);
    if (!p.desa_kode) continue;
    const row = best.get(p.desa_kode) ?? ids.map(() => null);
    const i = index.get(p.rapat_id)!;
    const cur = row[i] ?? null;
    if (cur === null || RANK[p.kehadiran] > RANK[cur]) row[i] = p.kehadiran;
    best.set(p.desa_kode, row);
  }
  const operatorCounts = new Map(
    (await db.selectFrom('operator_desa').select(['desa_kode', (eb) => eb.fn.countAll<number>().as('n')]).where('aktif', '=', 1).groupBy('desa_kode').execute()).map((r) => [r.desa_kode, Number(r.n)]),
  );
  const desa: RecapDesaRow[] = [];
  for (const { kecamatan, desa: villages } of officeKecamatan(office, regions)) {
    if (input.kecamatanKode && kecamatan.kode !== input.kecamatanKode) continue;
    for (const d of villages) {
      const row = best.get(d.kode) ?? ids.map(() => null);
      const count = (k: Kehadiran | 'belum_or_tidak') =>
        row.filter((v) => (k === 'belum_or_tidak' ? v === 'tidak_hadir' || v === 'belum' : v === k)).length;
      desa.push({
        kecamatanKode: kecamatan.kode,
        kecamatanNama: kecamatan.nama,
        desaKode: d.kode,
        desaNama: d.nama,
        operatorAktif: operatorCounts.get(d.kode) ?? 0,
        diundang: row.filter((v) => v !== null).length,
        hadir: count('hadir'),
        izin: count('izin'),
        tidakHadir: count('belum_or_tidak'),
        perRapat: row,
      });
    }
  }
  return {
    dari: input.dari,
    sampai: input.sampai,
    rapat: rapat.map((r) => ({ ...r, peserta: perRapat.get(r.id)?.peserta ?? 0, hadir: perRapat.get(r.id)?.hadir ?? 0 })),
    desa,
    tidakPernahHadir: desa.filter((d) => d.diundang > 0 && d.hadir === 0).length,
  };
}

const MARK: Record<Kehadiran, string> = { hadir: 'H', izin: 'I', tidak_hadir: 'T', belum: 'T' };

export function keteranganDesa(d: RecapDesaRow): string {
  if (d.diundang === 0) return d.operatorAktif === 0 ? 'Belum ada operator aktif' : 'Belum pernah diundang';
  if (d.hadir === 0) return 'Tidak pernah hadir';
  if (d.hadir === d.diundang) return 'Selalu hadir';
  return '';
}

/** The recap workbook: per desa (with one column per meeting), per meeting, and every participant's row. */
export async function exportAttendanceRecap(
  db: Kysely<Database>,
  office: Office,
  regions: RegionIndex,
  session: SessionInfo | null,
  outbox: Outbox,
  input: { dari: string; sampai: string; kecamatanKode?: string | null },
  at: Date,
): Promise<FileRef> {
  const recap = await attendanceRecap(db, office, regions, input);
  const periode = `Periode ${formatTanggal(input.dari)} s.d. ${formatTanggal(input.sampai)}`;
  const wilayah = input.kecamatanKode ? `Kecamatan ${regions.nameOf(input.kecamatanKode)}` : office.kabKotaNama;
  const wb = new ExcelJS.Workbook();
  wb.creator = office.namaInstansi;

  addTableSheet(
    wb,
    'Per Desa',
    [
      { header: 'No', width: 5, kind: 'integer' },
      { header: 'Kecamatan', width: 18, kind: 'text' },
      { header: 'Desa/Kelurahan', width: 22, kind: 'text' },
      { header: 'Kode Wilayah', width: 15, kind: 'id' },
      { header: 'Operator Aktif', width: 9, kind: 'integer' },
      { header: 'Diundang', width: 9, kind: 'integer' },
      { header: 'Hadir', width: 8, kind: 'integer' },
      { header: 'Izin', width: 8, kind: 'integer' },
      { header: 'Tidak Hadir', width: 9, kind: 'integer' },
      { header: 'Kehadiran (%)', width: 11, kind: 'percent' },
      { header: 'Keterangan', width: 24, kind: 'text' },
      ...recap.rapat.map((r) => ({ header: `${formatTanggal(r.tanggal)} ${r.judul}`.slice(0, 80), width: 14, kind: 'text' as const })),
    ],
    recap.desa.map((d, i) => [
      i + 1,
      d.kecamatanNama,
      d.desaNama,
      d.desaKode,
      d.operatorAktif,
      d.diundang,
      d.hadir,
      d.izin,
      d.tidakHadir,
      d.diundang > 0 ? d.hadir / d.diundang : null,
      keteranganDesa(d),
      ...d.perRapat.map((v) => (v === null ? '-' : MARK[v])),
    ]),
    [`REKAPITULASI KEHADIRAN RAPAT PER DESA/KELURAHAN — ${wilayah.toUpperCase()}`, `${periode}. H = hadir, I = izin, T = tidak hadir, - = tidak diundang.`],
  );

  addTableSheet(
    wb,
    'Per Rapat',
    [
      { header: 'No', width: 5, kind: 'integer' },
      { header: 'Tanggal', width: 12, kind: 'date' },
      { header: 'Rapat', width: 40, kind: 'text' },
      { header: 'Peserta', width: 9, kind: 'integer' },
      { header: 'Hadir', width: 8, kind: 'integer' },
      { header: 'Kehadiran (%)', width: 11, kind: 'percent' },
    ],
    recap.rapat.map((r, i) => [i + 1, r.tanggal, r.judul, r.peserta, r.hadir, r.peserta > 0 ? r.hadir / r.peserta : null]),
    [`REKAPITULASI KEHADIRAN PER RAPAT`, periode],
  );

  const ids = recap.rapat.map((r) => r.id);
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('rapat_peserta as p')
          .innerJoin('rapat as r', 'r.id', 'p.rapat_id')
          .select(['r.tanggal', 'r.judul', 'r.jenis', 'p.nama', 'p.nik', 'p.desa_kode', 'p.kecamatan_kode', 'p.instansi', 'p.jabatan', 'p.no_hp', 'p.kehadiran', 'p.jam_datang', 'p.keterangan', 'p.diundang'])
          .where('p.rapat_id', 'in', ids)
          .$if(!!input.kecamatanKode, (qb) => qb.where('p.kecamatan_kode', '=', input.kecamatanKode!))
          .orderBy('r.tanggal')
          .orderBy('p.kecamatan_kode')
          .orderBy('p.desa_kode')
          .orderBy('p.nama')
          .execute();
  addTableSheet(
    wb,
    'Peserta',
    [
      { header: 'No', width: 5, kind: 'integer' },
      { header: 'Tanggal', width: 12, kind: 'date' },
      { header: 'Rapat', width: 34, kind: 'text' },
      { header: 'Jenis', width: 20, kind: 'text' },
      { header: 'Nama', width: 26, kind: 'text' },
      { header: 'NIK', width: 19, kind: 'id' },
      { header: 'Desa/Instansi', width: 24, kind: 'text' },
      { header: 'Kecamatan', width: 16, kind: 'text' },
      { header: 'Jabatan', width: 18, kind: 'text' },
      { header: 'No. HP', width: 15, kind: 'id' },
      { header: 'Kehadiran', width: 12, kind: 'text' },
      { header: 'Jam Datang', width: 10, kind: 'text' },
      { header: 'Diundang', width: 9, kind: 'text' },
      { header: 'Keterangan', width: 24, kind: 'text' },
    ],
    rows.map((p, i) => [
      i + 1,
      p.tanggal,
      p.judul,
      jenisRapatLabels[p.jenis],
      p.nama,
      p.nik,
      desaLabel(regions, p.desa_kode) ?? p.instansi,
      regions.nameOf(p.kecamatan_kode),
      p.jabatan,
      p.no_hp,
      p.kehadiran === 'belum' ? 'Tidak hadir' : kehadiranLabels[p.kehadiran],
      p.jam_datang,
      p.diundang ? 'Ya' : 'Tidak (datang langsung)',
      p.keterangan,
    ]),
    [`DAFTAR PESERTA RAPAT`, periode],
  );

  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const file = outbox.put(safeFileName(`Rekap kehadiran rapat ${input.dari} sd ${input.sampai}.xlsx`), XLSX_MIME, bytes);
  await recordAudit(db, session, { action: 'export', entity: 'rapat_rekap', after: { ...input, rapat: ids, desa: recap.desa.length, file: file.name } }, at);
  return file;
}
