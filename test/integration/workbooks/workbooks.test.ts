/**
 * Operator workbooks (issue 19), through the API: the clerk makes Palangan's workbook, an operator fills it as
 * operators do (a changed job and birth date, a child who moved with date and reason, a new member, a new family,
 * a NIK pasted as a number, a village outside the list, a family of Hanjalipan typed in), and the clerk takes it
 * back: the diff per family, then exactly those changes applied — nothing of Hanjalipan's family touched.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { FileRef } from '../../../shared/api/files';
import type { StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import type { KeluargaDetail } from '../../../shared/api/registry';
import type { WorkbookDesaStatus, WorkbookReport } from '../../../shared/api/workbooks';
import { fail, ok, openTestCore, setUpOffice } from '../../helpers/core';
import { runCalcTests, soffice } from '../../support/soffice';

type Client = Awaited<ReturnType<typeof setUpOffice>>;

const PALANGAN = '62.02.01.2003';
const HANJALIPAN = '62.02.01.2004';
const KK_A = '6202011203100001';
const KK_B = '6202011203100002';
const KK_C = '6202011203100003'; // Hanjalipan
const KK_NEW = '6202011203100004';
const NIK = {
  kepalaA: '6202011203800001',
  istriA: '6202015503850002',
  anakA: '6202011207100003',
  kepalaB: '6202011501750004',
  kepalaC: '6202010101700005',
  anakB: '6202011408150006',
  kepalaNew: '6202012002900007',
  istriNew: '6202016303920008',
};

const person = (nik: string, nama: string, hubungan: string, jenisKelamin: 'L' | 'P', tanggalLahir: string, more: Record<string, unknown> = {}) => ({
  nik, nama, hubungan, jenisKelamin, tanggalLahir, ibuKandung: 'Masnah', statusKawin: 'Kawin', pekerjaan: 'Petani/Pekebun', pendidikan: 'SD/Sederajat', programs: ['PKH'], ...more,
});

async function seed(admin: Client) {
  const a = await ok<{ keluargaId: number }>(admin, 'registry.createKeluarga', {
    keluarga: { noKk: KK_A, alamat: 'Jl. Palangan 1', rt: '1', rw: '2', desaKode: PALANGAN },
    kepala: person(NIK.kepalaA, 'Ahmad Rifai', 'Kepala Keluarga', 'L', '1980-03-12'),
  });
  await ok(admin, 'registry.addAnggota', { keluargaId: a.keluargaId, anggota: person(NIK.istriA, 'Siti Aminah', 'Istri/Suami', 'P', '1985-03-15', { pekerjaan: 'Mengurus Rumah Tangga' }) });
  await ok(admin, 'registry.addAnggota', { keluargaId: a.keluargaId, anggota: person(NIK.anakA, 'Rina Rifai', 'Anak', 'P', '2010-07-12', { statusKawin: 'Belum Kawin', pekerjaan: 'Pelajar/Mahasiswa' }) });
  const b = await ok<{ keluargaId: number }>(admin, 'registry.createKeluarga', {
    keluarga: { noKk: KK_B, alamat: 'Jl. Palangan 2', rt: '3', rw: '2', desaKode: PALANGAN },
    kepala: person(NIK.kepalaB, 'Budi Santoso', 'Kepala Keluarga', 'L', '1975-01-15'),
  });
  const c = await ok<{ keluargaId: number }>(admin, 'registry.createKeluarga', {
    keluarga: { noKk: KK_C, alamat: 'Jl. Hanjalipan 9', desaKode: HANJALIPAN },
    kepala: person(NIK.kepalaC, 'Candra Wijaya', 'Kepala Keluarga', 'L', '1970-01-01'),
  });
  return { a: a.keluargaId, b: b.keluargaId, c: c.keluargaId };
}

async function loadBook(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** The DATA sheet's columns by header text. */
function columns(ws: ExcelJS.Worksheet): Record<string, number> {
  const out: Record<string, number> = {};
  ws.getRow(3).eachCell((c, i) => (out[String(c.value)] = i));
  return out;
}

function rowOfNik(ws: ExcelJS.Worksheet, col: Record<string, number>, nik: string): number {
  for (let r = 4; r <= ws.rowCount; r++) if (ws.getCell(r, col.NIK!).value === nik) return r;
  throw new Error(`NIK ${nik} not in the workbook`);
}

async function runJob(core: Core, client: Client, call: 'workbooks.preview' | 'workbooks.apply', stagingId: string): Promise<WorkbookReport> {
  const job = await ok<JobStatus>(client, call, { stagingId });
  const end = await core.services.jobs.wait(job.id);
  if (end.state !== 'done') throw Object.assign(new Error(`${call}: ${end.state} ${JSON.stringify(end.error ?? null)}`), { error: end.error });
  return end.result as WorkbookReport;
}

async function upload(client: Client, path: string, fileName = 'palangan kembali.xlsx'): Promise<string> {
  return (await ok<StagedFile>(client, 'imports.upload', { fileName, bytes: new Uint8Array(readFileSync(path)) })).stagingId;
}

const registryText = async (core: Core, desa: string) =>
  JSON.stringify(
    (await sql`select k.no_kk, k.alamat, k.rt, a.nik, a.nama, a.pekerjaan, a.tanggal_lahir, a.status, a.status_alasan from anggota a join keluarga k on k.id = a.keluarga_id where k.desa_kode = ${desa} order by a.nik`.execute(core.db)).rows,
  );

describe('operator workbook for one desa', () => {
  it('is made with text NIK/No KK, drop-downs, date checks, locked headers and reference sheets, a guide and hidden metadata', async () => {
    const core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
    try {
      const admin = await setUpOffice(core);
      await seed(admin);
      const ref = await ok<FileRef>(admin, 'workbooks.issue', { desa: PALANGAN });
      expect(ref.name).toBe('Lembar kerja Palangan 2024-06-01.xlsx');
      const wb = await loadBook(core.services.outbox.get(ref.id).path);
      expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([['PETUNJUK', 'visible'], ['DATA', 'visible'], ['REFERENSI', 'visible'], ['META', 'veryHidden']]);
      const guide = wb.getWorksheet('PETUNJUK')!;
      expect(String(guide.getCell('A1').value)).toContain('PALANGAN');
      expect(guide.getColumn(1).values.map(String).join('\n')).toMatch(/NIK dan No KK: 16 angka, diketik sebagai teks/);

      const ws = wb.getWorksheet('DATA')!;
      const col = columns(ws);
      // Palangan's 4 members (Hanjalipan's family is not in it), head of family first.
      const niks = [4, 5, 6, 7].map((r) => ws.getCell(r, col.NIK!).value);
      expect(niks).toEqual([NIK.kepalaA, NIK.istriA, NIK.anakA, NIK.kepalaB]);
      expect(ws.getCell(8, col.NIK!).value).toBeNull();
      const nikCell = ws.getCell(4, col.NIK!);
      expect(typeof nikCell.value).toBe('string');
      expect(nikCell.numFmt).toBe('@');
      expect(ws.getCell(4, col['No KK']!).value).toBe(KK_A);
      expect(ws.getCell(4, col['Tanggal Lahir']!).value).toEqual(new Date('1980-03-12T00:00:00Z'));
      expect(ws.getCell(4, col['Jenis Kelamin']!).value).toBe('Laki-laki');
      expect(ws.getCell(4, col['Desa/Kelurahan']!).value).toBe('Palangan');

      // Validations, as Excel will apply them (exceljs reads them per cell).
      const v = (r: number, c: number) => (ws as unknown as { dataValidations: { find(a: string): ExcelJS.DataValidation | undefined } }).dataValidations.find(ws.getCell(r, c).address);
      expect(v(4, col.NIK!)).toMatchObject({ type: 'textLength', operator: 'equal', formulae: [16] });
      expect(v(100, col['No KK']!)).toMatchObject({ type: 'textLength', formulae: [16] });
      expect(v(4, col['Hubungan Keluarga']!)).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^REFERENSI!\$[A-Z]+\$2:\$[A-Z]+\$\d+$/)] });
      expect(v(50, col['Desa/Kelurahan']!)).toMatchObject({ type: 'list', errorStyle: 'stop' });
      expect(v(4, col['Tanggal Lahir']!)).toMatchObject({ type: 'date', operator: 'between' });
      expect(v(4, col.Pekerjaan!)?.type).toBe('list');
      expect(v(4, col['Program Bansos']!)?.type).toBe('list');
      expect(v(4, col.Disabilitas!)?.type).toBe('list');
      expect(v(4, col['Status Kawin']!)?.type).toBe('list');
      expect(v(4, col.Status!)?.type).toBe('list');
      expect(v(4, col.RT!)).toMatchObject({ type: 'list', errorStyle: 'warning' });

      // The lists the drop-downs point at.
      const refWs = wb.getWorksheet('REFERENSI')!;
      const listOf = (name: string) => {
        for (let c = 1; c <= refWs.columnCount; c++) {
          if (refWs.getCell(1, c).value === name) return refWs.getColumn(c).values.slice(2).map(String);
        }
        return [];
      };
      expect(listOf('DESA')).toEqual(['Palangan']);
      expect(listOf('HUBUNGAN')).toContain('Kepala Keluarga');
      expect(listOf('PROGRAM')).toEqual(expect.arrayContaining(['PKH', 'BPNT', 'PBI-JK']));
      expect(listOf('RT')).toEqual(['1', '3']);

      // Protection: every sheet locked; header rows locked, data rows open.
      for (const w of wb.worksheets) expect((w as unknown as { sheetProtection: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
      expect(ws.getCell(3, col.NIK!).protection?.locked).not.toBe(false);
      expect(ws.getCell(4, col.NIK!).protection?.locked).toBe(false);
      expect(ws.getCell(120, col.Nama!).protection?.locked).toBe(false);

      const meta = wb.getWorksheet('META')!;
      const kv = Object.fromEntries(meta.getColumn(1).values.slice(1).map((k, i) => [String(k), String(meta.getCell(i + 1, 2).value)]));
      expect(kv).toMatchObject({ templateVersion: '2', kabKotaKode: '62.02', desaKode: PALANGAN, desaNama: 'Palangan', rowsIssued: '4', madeAt: '2024-06-01T03:00:00.000Z' });
      expect(kv.checksum).toMatch(/^[a-f0-9]{64}$/);
      expect(kv.mac).toMatch(/^[a-f0-9]{64}$/);
    } finally {
      await core.close();
    }
  });

  it('comes back filled: the diff per family, then exactly those changes, under the clerk’s name; other desa untouched', async () => {
    const core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
    try {
      const admin = await setUpOffice(core);
      const ids = await seed(admin);
      const ref = await ok<FileRef>(admin, 'workbooks.issue', { desa: PALANGAN });
      const dir = mkdtempSync(join(tmpdir(), 'lembar-kerja-'));
      const filled = join(dir, 'palangan diisi.xlsx');
      const wb = await loadBook(core.services.outbox.get(ref.id).path);
      const ws = wb.getWorksheet('DATA')!;
      const col = columns(ws);
      const set = (r: number, header: string, value: ExcelJS.CellValue) => (ws.getCell(r, col[header]!).value = value);
      // Changes to registered people.
      set(rowOfNik(ws, col, NIK.istriA), 'Pekerjaan', 'Pedagang');
      set(rowOfNik(ws, col, NIK.kepalaA), 'Tanggal Lahir', new Date('1980-03-21T00:00:00Z'));
      const anak = rowOfNik(ws, col, NIK.anakA);
      set(anak, 'Status', 'Pindah');
      set(anak, 'Tanggal Status', new Date('2024-05-01T00:00:00Z'));
      set(anak, 'Alasan Status', 'Ikut suami ke Sampit');
      // New rows under the issued ones.
      const row = (r: number, v: Record<string, ExcelJS.CellValue>) => {
        for (const [h, x] of Object.entries({ Kecamatan: 'Kota Besi', 'Desa/Kelurahan': 'Palangan', Alamat: 'Jl. Palangan 2', 'Jenis Kelamin': 'Laki-laki', 'Hubungan Keluarga': 'Anak', 'Tanggal Lahir': new Date('2015-08-14T00:00:00Z'), ...v })) set(r, h, x);
      };
      row(8, { 'No KK': KK_B, NIK: NIK.anakB, Nama: 'Dimas Santoso' });
      row(9, { 'No KK': KK_NEW, NIK: NIK.kepalaNew, Nama: 'Eko Prasetyo', 'Hubungan Keluarga': 'Kepala Keluarga', Alamat: 'Jl. Baru 5', 'Tanggal Lahir': new Date('1990-02-20T00:00:00Z'), 'Program Bansos': 'BPNT' });
      row(10, { 'No KK': KK_NEW, NIK: NIK.istriNew, Nama: 'Fitri Handayani', 'Hubungan Keluarga': 'Istri/Suami', 'Jenis Kelamin': 'Perempuan', Alamat: 'Jl. Baru 5', 'Tanggal Lahir': new Date('1992-03-23T00:00:00Z') });
      // Pasted from another sheet: the NIK became a number.
      row(11, { 'No KK': KK_NEW, NIK: 6202011508180009, Nama: 'Gilang Prasetyo', Alamat: 'Jl. Baru 5' });
      // A village typed outside the list (Hanjalipan is the next desa).
      row(12, { 'No KK': '6202011203100010', NIK: '6202011111110010', Nama: 'Hadi Kurnia', 'Hubungan Keluarga': 'Kepala Keluarga', 'Desa/Kelurahan': 'Hanjalipan' });
      // Hanjalipan's family typed into Palangan's workbook.
      row(13, { 'No KK': KK_C, NIK: NIK.kepalaC, Nama: 'Nama Diganti', 'Hubungan Keluarga': 'Kepala Keluarga', Alamat: 'Jl. Palangan 99' });
      await wb.xlsx.writeFile(filled);

      const hanjalipanBefore = await registryText(core, HANJALIPAN);
      const palanganBefore = await registryText(core, PALANGAN);
      const preview = await runJob(core, admin, 'workbooks.preview', await upload(admin, filled));
      expect(await registryText(core, PALANGAN)).toBe(palanganBefore);
      expect(preview.meta.desaNama).toBe('Palangan');
      expect(preview.untouched).toBe(false);
      expect(preview.committed).toBe(false);
      // Unchanged: the child who moved (only her status changes) and Budi.
      expect(preview.counts).toMatchObject({ changed: 2, added: 3, removed: 1, rejected: 3, unchanged: 2 });
      const fam = (noKk: string) => preview.families.find((f) => f.noKk === noKk)!;
      expect(fam(KK_A).changed.flatMap((r) => r.changes.map((c) => [r.nik, c.label, c.before, c.after]))).toEqual([
        [NIK.kepalaA, 'Tanggal lahir', '12/03/1980', '21/03/1980'],
        [NIK.istriA, 'Pekerjaan', 'Mengurus Rumah Tangga', 'Pedagang'],
      ]);
      expect(fam(KK_A).removed).toEqual([expect.objectContaining({ nik: NIK.anakA, status: 'pindah', tanggal: '2024-05-01', alasan: 'Ikut suami ke Sampit', problem: null })]);
      expect(fam(KK_B).added.map((r) => r.nik)).toEqual([NIK.anakB]);
      expect(fam(KK_B).baru).toBe(false);
      expect(fam(KK_NEW).baru).toBe(true);
      expect(fam(KK_NEW).added.map((r) => r.nik)).toEqual([NIK.kepalaNew, NIK.istriNew]);
      expect(fam(KK_NEW).rejected.map((r) => [r.row, r.reasons.join(' ')])).toEqual([[11, expect.stringMatching(/NIK: tersimpan sebagai angka oleh Excel; digit terakhir hilang/)]]);
      expect(fam('6202011203100010').rejected[0]!.reasons.join(' ')).toMatch(/lembar kerja ini hanya untuk Palangan/);
      expect(fam(KK_C).rejected[0]!.reasons.join(' ')).toMatch(/terdaftar di desa\/kelurahan lain; lembar kerja Palangan tidak dapat mengubahnya/);

      const appliedId = await upload(admin, filled);
      const applied = await runJob(core, admin, 'workbooks.apply', appliedId);
      expect(applied.committed).toBe(true);
      expect(applied.counts).toEqual(preview.counts);
      // The applied file left the staging folder: applying it again finds nothing.
      await expect(ok(admin, 'workbooks.apply', { stagingId: appliedId })).rejects.toThrow(/tidak ditemukan/);
      expect(await registryText(core, HANJALIPAN)).toBe(hanjalipanBefore);
      const a = await ok<KeluargaDetail>(admin, 'registry.keluarga', { id: ids.a });
      const byNik = new Map(a.anggota.map((m) => [m.nik, m]));
      expect(byNik.get(NIK.istriA)).toMatchObject({ pekerjaan: 'Pedagang', tanggalLahir: '1985-03-15' });
      expect(byNik.get(NIK.kepalaA)).toMatchObject({ tanggalLahir: '1980-03-21', pekerjaan: 'Petani/Pekebun' });
      expect(byNik.get(NIK.anakA)).toMatchObject({ status: 'pindah', statusTanggal: '2024-05-01', statusAlasan: 'Ikut suami ke Sampit' });
      const b = await ok<KeluargaDetail>(admin, 'registry.keluarga', { id: ids.b });
      expect(b.anggota.map((m) => [m.nik, m.nama, m.hubungan])).toEqual([[NIK.kepalaB, 'Budi Santoso', 'Kepala Keluarga'], [NIK.anakB, 'Dimas Santoso', 'Anak']]);
      const baru = (await sql<{ nik: string; desa_kode: string }>`select a.nik, k.desa_kode from anggota a join keluarga k on k.id = a.keluarga_id where k.no_kk = ${KK_NEW} order by a.nik`.execute(core.db)).rows;
      expect(baru).toEqual([{ nik: NIK.kepalaNew, desa_kode: PALANGAN }, { nik: NIK.istriNew, desa_kode: PALANGAN }].sort((x, y) => x.nik.localeCompare(y.nik)));
      // Nothing else: 4 + 3 members in Palangan, no family from row 12.
      expect((await sql<{ n: number }>`select count(*) as n from anggota a join keluarga k on k.id = a.keluarga_id where k.desa_kode = ${PALANGAN}`.execute(core.db)).rows[0]!.n).toBe(7);
      expect((await sql<{ n: number }>`select count(*) as n from keluarga where no_kk = '6202011203100010'`.execute(core.db)).rows[0]!.n).toBe(0);
      // The history names who applied it and from which workbook.
      expect(a.history.find((h) => h.action === 'import')).toMatchObject({ username: 'admin', summary: expect.stringContaining('lembar kerja Palangan') });
      expect(a.history.find((h) => h.action === 'status')).toMatchObject({ username: 'admin', summary: expect.stringContaining('Ikut suami ke Sampit') });
      // The follow-ups: Palangan was given its workbook and returned it; Hanjalipan neither.
      const status = await ok<WorkbookDesaStatus[]>(admin, 'workbooks.status', { kecamatan: '62.02.01' });
      const kec = { kecamatanKode: '62.02.01', kecamatanNama: 'Kota Besi' };
      expect(status.find((d) => d.kode === PALANGAN)).toEqual({ kode: PALANGAN, nama: 'Palangan', ...kec, dibuat: '2024-06-01T03:00:00.000Z', kembali: '2024-06-01T03:00:00.000Z' });
      expect(status.find((d) => d.kode === HANJALIPAN)).toEqual({ kode: HANJALIPAN, nama: 'Hanjalipan', ...kec, dibuat: null, kembali: null });
    } finally {
      await core.close();
    }
  });

  it('an emptied cell clears the stored value (shown as a change to nothing); an emptied Nama or Hubungan refuses the row; a value changed in the app since is kept', async () => {
    let clock = new Date('2024-06-01T03:00:00Z');
    const core = await openTestCore({ now: () => clock });
    try {
      const admin = await setUpOffice(core);
      const ids = await seed(admin);
      const ref = await ok<FileRef>(admin, 'workbooks.issue', { desa: PALANGAN });
      // After the workbook was made, the clerk records Ahmad's birthplace in the app.
      clock = new Date('2024-06-01T03:05:00Z');
      const a0 = await ok<KeluargaDetail>(admin, 'registry.keluarga', { id: ids.a });
      const ahmad = a0.anggota.find((m) => m.nik === NIK.kepalaA)!;
      await ok(admin, 'registry.updateAnggota', { id: ahmad.id, anggota: person(NIK.kepalaA, 'Ahmad Rifai', 'Kepala Keluarga', 'L', '1980-03-12', { tempatLahir: 'Sampit' }) });

      const wb = await loadBook(core.services.outbox.get(ref.id).path);
      const ws = wb.getWorksheet('DATA')!;
      const col = columns(ws);
      const empty = (nik: string, header: string) => (ws.getCell(rowOfNik(ws, col, nik), col[header]!).value = null);
      empty(NIK.kepalaA, 'RT'); // the family's RT (its first row)
      empty(NIK.kepalaA, 'Nama Ibu Kandung'); // Ahmad was changed in the app since: kept
      empty(NIK.istriA, 'Pekerjaan');
      empty(NIK.istriA, 'Status Kawin');
      empty(NIK.anakA, 'Nama');
      empty(NIK.kepalaB, 'Hubungan Keluarga');
      const filled = join(mkdtempSync(join(tmpdir(), 'lembar-kerja-kosong-')), 'palangan.xlsx');
      await wb.xlsx.writeFile(filled);

      const preview = await runJob(core, admin, 'workbooks.preview', await upload(admin, filled));
      const fam = (noKk: string) => preview.families.find((f) => f.noKk === noKk)!;
      expect(fam(KK_A).changed.map((r) => [r.nik, r.changes.map((c) => [c.label, c.before, c.after]), r.warnings])).toEqual([
        // Tempat lahir was empty as issued and recorded in the app since; Nama ibu kandung emptied: both kept.
        [NIK.kepalaA, [['RT', '1', null]], ['Tempat lahir', 'Nama ibu kandung'].map((l) => `${l} kosong di lembar kerja, tetapi data ini diubah di aplikasi setelah lembar kerja dibuat; nilai tersimpan dipertahankan.`)],
        [NIK.istriA, [['Status kawin', 'Kawin', null], ['Pekerjaan', 'Mengurus Rumah Tangga', null]], []],
      ]);
      expect(fam(KK_A).rejected.map((r) => [r.nik, r.reasons])).toEqual([[NIK.anakA, ['Nama dikosongkan; nama tidak dapat dihapus lewat lembar kerja. Baris ini tidak diterapkan.']]]);
      expect(fam(KK_B).rejected.map((r) => [r.nik, r.reasons])).toEqual([[NIK.kepalaB, ['Hubungan keluarga dikosongkan; kolom ini wajib diisi dan tidak dapat dihapus lewat lembar kerja. Baris ini tidak diterapkan.']]]);
      expect(preview.counts).toMatchObject({ changed: 2, added: 0, removed: 0, rejected: 2, unchanged: 0 });

      await runJob(core, admin, 'workbooks.apply', await upload(admin, filled));
      const a = await ok<KeluargaDetail>(admin, 'registry.keluarga', { id: ids.a });
      expect(a).toMatchObject({ rt: null, rw: '2' });
      const byNik = new Map(a.anggota.map((m) => [m.nik, m]));
      expect(byNik.get(NIK.istriA)).toMatchObject({ pekerjaan: null, statusKawin: null, nama: 'Siti Aminah', ibuKandung: 'Masnah' });
      expect(byNik.get(NIK.kepalaA)).toMatchObject({ ibuKandung: 'Masnah', tempatLahir: 'Sampit' });
      expect(byNik.get(NIK.anakA)).toMatchObject({ nama: 'Rina Rifai', pekerjaan: 'Pelajar/Mahasiswa' });
      const b = await ok<KeluargaDetail>(admin, 'registry.keluarga', { id: ids.b });
      expect(b.anggota.map((m) => [m.nik, m.hubungan])).toEqual([[NIK.kepalaB, 'Kepala Keluarga']]);
    } finally {
      await core.close();
    }
  });

  it("a meeting's desa: which returned their workbook and which did not, and their workbooks made in one zip", async () => {
    let clock = new Date('2024-06-01T03:00:00Z');
    const core = await openTestCore({ now: () => clock });
    try {
      const admin = await setUpOffice(core);
      await seed(admin);
      // The meeting invited the operators of Palangan and Hanjalipan (Kota Besi) and of Baamang Hilir.
      const BAAMANG_HILIR = '62.02.05.1001';
      const meetingDesa = [PALANGAN, HANJALIPAN, BAAMANG_HILIR];
      const before = await ok<WorkbookDesaStatus[]>(admin, 'workbooks.status', { desa: meetingDesa });
      expect(before.map((d) => [d.nama, d.kecamatanNama, d.dibuat, d.kembali])).toEqual([
        ['Palangan', 'Kota Besi', null, null],
        ['Hanjalipan', 'Kota Besi', null, null],
        ['Baamang Hilir', 'Baamang', null, null],
      ]);
      // The clerk makes the three desa's workbooks from the meeting: one zip, one workbook per desa.
      const zipRef = await ok<FileRef>(admin, 'workbooks.issueDesa', { desa: meetingDesa });
      expect(zipRef.name).toBe('Lembar kerja 3 desa 2024-06-01.zip');
      const zip = await JSZip.loadAsync(readFileSync(core.services.outbox.get(zipRef.id).path));
      expect(Object.keys(zip.files).sort()).toEqual(['Lembar kerja Baamang Hilir 2024-06-01.xlsx', 'Lembar kerja Hanjalipan 2024-06-01.xlsx', 'Lembar kerja Palangan 2024-06-01.xlsx']);
      const dir = mkdtempSync(join(tmpdir(), 'lembar-kerja-rapat-'));
      const palangan = join(dir, 'palangan.xlsx');
      writeFileSync(palangan, await zip.file('Lembar kerja Palangan 2024-06-01.xlsx')!.async('uint8array'));
      // Palangan returns its workbook ten minutes later; the others do not.
      clock = new Date('2024-06-01T03:10:00Z');
      await runJob(core, admin, 'workbooks.apply', await upload(admin, palangan));
      const after = await ok<WorkbookDesaStatus[]>(admin, 'workbooks.status', { desa: meetingDesa });
      expect(after.map((d) => [d.nama, d.dibuat, d.kembali])).toEqual([
        ['Palangan', '2024-06-01T03:00:00.000Z', '2024-06-01T03:10:00.000Z'],
        ['Hanjalipan', '2024-06-01T03:00:00.000Z', null],
        ['Baamang Hilir', '2024-06-01T03:00:00.000Z', null],
      ]);
      // A new workbook made for Palangan is out again until it comes back.
      clock = new Date('2024-06-01T03:20:00Z');
      await ok(admin, 'workbooks.issue', { desa: PALANGAN });
      expect((await ok<WorkbookDesaStatus[]>(admin, 'workbooks.status', { desa: [PALANGAN] }))[0]).toMatchObject({ dibuat: '2024-06-01T03:20:00.000Z', kembali: null });

      // An operator of Kota Besi sees only the desa of their area, and cannot make Baamang Hilir's workbook.
      await ok(admin, 'users.create', { nama: 'Operator Kota Besi', username: 'op.kotabesi', role: 'operator', wilayah: ['62.02.01'], password: 'operator-kotabesi-01' });
      const op = core.createClient();
      await ok(op, 'auth.login', { username: 'op.kotabesi', password: 'operator-kotabesi-01' });
      expect((await ok<WorkbookDesaStatus[]>(op, 'workbooks.status', { desa: meetingDesa })).map((d) => d.nama)).toEqual(['Palangan', 'Hanjalipan']);
      expect((await fail(op, 'workbooks.issueDesa', { desa: meetingDesa })).code).toBe('FORBIDDEN');
    } finally {
      await core.close();
    }
  });

  it("refuses another office's workbook and a file that is not a workbook, with a clear message", async () => {
    const core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
    try {
      const admin = await setUpOffice(core);
      await seed(admin);
      const ref = await ok<FileRef>(admin, 'workbooks.issue', { desa: PALANGAN });
      const wb = await loadBook(core.services.outbox.get(ref.id).path);
      const meta = wb.getWorksheet('META')!;
      meta.eachRow((r) => {
        if (r.getCell(1).value === 'kabKotaKode') r.getCell(2).value = '62.01';
        if (r.getCell(1).value === 'namaInstansi') r.getCell(2).value = 'Dinas Sosial Kabupaten Kotawaringin Barat';
      });
      const dir = mkdtempSync(join(tmpdir(), 'lembar-kerja-'));
      const other = join(dir, 'kobar.xlsx');
      await wb.xlsx.writeFile(other);
      const before = await registryText(core, PALANGAN);
      const err = await runJob(core, admin, 'workbooks.apply', await upload(admin, other)).catch((e: { error: { code: string; message: string } }) => e.error);
      expect(err).toMatchObject({ code: 'WORKBOOK_OTHER_OFFICE', message: 'Lembar kerja ini dibuat oleh Dinas Sosial Kabupaten Kotawaringin Barat, bukan oleh Dinas Sosial Kabupaten Kotawaringin Timur; tidak dapat diimpor di sini.' });
      expect(await registryText(core, PALANGAN)).toBe(before);
      const plain = new ExcelJS.Workbook();
      plain.addWorksheet('DTKS').addRow(['NIK', 'Nama']);
      const plainPath = join(dir, 'biasa.xlsx');
      await plain.xlsx.writeFile(plainPath);
      const err2 = await runJob(core, admin, 'workbooks.preview', await upload(admin, plainPath, 'biasa.xlsx')).catch((e: { error: { code: string; message: string } }) => e.error);
      expect(err2).toMatchObject({ code: 'NOT_WORKBOOK' });
      expect((await fail(admin, 'workbooks.issue', { desa: '62.01.01.2001' })).message).toMatch(/bukan wilayah/);
    } finally {
      await core.close();
    }
  });
});

describe('the metadata sheet is signed with the office key', () => {
  /** A copy of the issued workbook with META's values changed (as someone editing the hidden sheet would). */
  async function withMeta(path: string, out: string, change: Record<string, string>) {
    const wb = await loadBook(path);
    wb.getWorksheet('META')!.eachRow((r) => {
      const k = String(r.getCell(1).value);
      if (k in change) r.getCell(2).value = change[k]!;
    });
    await wb.xlsx.writeFile(out);
    return out;
  }

  it('a META typed by hand, altered to another desa or row count, or made by another database of the same office is refused; our own passes', async () => {
    const core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
    const other = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
    try {
      const admin = await setUpOffice(core);
      await seed(admin);
      const dir = mkdtempSync(join(tmpdir(), 'lembar-kerja-mac-'));
      const issued = core.services.outbox.get((await ok<FileRef>(admin, 'workbooks.issue', { desa: PALANGAN })).id).path;
      const refused = async (path: string): Promise<{ code: string; message: string }> => {
        const before = await registryText(core, HANJALIPAN) + (await registryText(core, PALANGAN));
        const err = await runJob(core, admin, 'workbooks.apply', await upload(admin, path)).then(
          () => ({ code: 'APPLIED', message: '' }),
          (e: { error: { code: string; message: string } }) => e.error,
        );
        expect(await registryText(core, HANJALIPAN) + (await registryText(core, PALANGAN))).toBe(before);
        return err;
      };
      // Palangan's workbook relabelled as Hanjalipan's, to change Hanjalipan's families through it.
      const relabelled = await refused(await withMeta(issued, join(dir, 'hanjalipan.xlsx'), { desaKode: HANJALIPAN, desaNama: 'Hanjalipan' }));
      expect(relabelled).toMatchObject({ code: 'WORKBOOK_NOT_OURS', message: expect.stringMatching(/^Lembar kerja ini tidak dapat dipastikan dibuat oleh Dinas Sosial Kabupaten Kotawaringin Timur: data pengenalnya \(sheet META\) tidak cocok/) });
      expect(relabelled.message).toMatch(/Impor data/);
      // Fewer rows as issued (hiding a changed row from the checksum), or a checksum recomputed by hand.
      expect((await refused(await withMeta(issued, join(dir, 'rows.xlsx'), { rowsIssued: '3' }))).code).toBe('WORKBOOK_NOT_OURS');
      expect((await refused(await withMeta(issued, join(dir, 'sum.xlsx'), { checksum: 'a'.repeat(64) }))).code).toBe('WORKBOOK_NOT_OURS');
      // A META with no MAC at all (typed after the pattern of a real one).
      expect((await refused(await withMeta(issued, join(dir, 'nomac.xlsx'), { mac: '' }))).code).toBe('WORKBOOK_NOT_OURS');
      // Another database set up for the same office (same kabupaten, same name) has its own key.
      const otherAdmin = await setUpOffice(other);
      await seed(otherAdmin);
      const foreign = other.services.outbox.get((await ok<FileRef>(otherAdmin, 'workbooks.issue', { desa: PALANGAN })).id).path;
      expect((await refused(foreign)).code).toBe('WORKBOOK_NOT_OURS');
      // Our own workbook, untouched, still passes.
      const own = await runJob(core, admin, 'workbooks.preview', await upload(admin, issued));
      expect(own).toMatchObject({ untouched: true, counts: { changed: 0, added: 0, rejected: 0, unchanged: 4 } });
    } finally {
      await core.close();
      await other.close();
    }
  });
});

describe.runIf(runCalcTests)('operator workbook through LibreOffice Calc', () => {
  it('converts without warnings, keeps its validations, hidden metadata and protection, and is taken back after an edit saved by Calc', async () => {
    const core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
    try {
      const admin = await setUpOffice(core);
      const ids = await seed(admin);
      const ref = await ok<FileRef>(admin, 'workbooks.issue', { desa: PALANGAN });
      const dir = mkdtempSync(join(tmpdir(), 'lembar-kerja-lo-'));
      const edited = join(dir, 'palangan.xlsx');
      const wb = await loadBook(core.services.outbox.get(ref.id).path);
      const ws = wb.getWorksheet('DATA')!;
      const col = columns(ws);
      ws.getCell(rowOfNik(ws, col, NIK.istriA), col.Pekerjaan!).value = 'Pedagang';
      await wb.xlsx.writeFile(edited);
      // Calc opens the edited workbook and saves it as .xlsx again (its own profile, so parallel runs do not clash).
      const out = join(dir, 'calc');
      const run = spawnSync(soffice!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--calc', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, edited], { encoding: 'utf8', timeout: 120_000 });
      expect(run.status).toBe(0);
      // Nothing said about the file (the machine's missing Java is LibreOffice's own start-up note).
      expect(run.stderr.split('\n').filter((l) => l.trim() !== '' && !/javaldx/.test(l))).toEqual([]);
      const saved = join(out, 'palangan.xlsx');
      const back = await loadBook(saved);
      // Calc has no "very hidden": it saves the metadata sheet as hidden (still out of sight, still protected).
      expect(back.getWorksheet('META')!.state).toBe('hidden');
      const bws = back.getWorksheet('DATA')!;
      const v = (a: string) => (bws as unknown as { dataValidations: { find(a: string): ExcelJS.DataValidation | undefined } }).dataValidations.find(a);
      const bcol = columns(bws);
      const at = (r: number, c: number) => bws.getCell(r, c).address;
      expect(v(at(4, bcol.NIK!))).toMatchObject({ type: 'textLength', operator: 'equal' });
      expect(v(at(60, bcol['Hubungan Keluarga']!))?.type).toBe('list');
      expect(v(at(4, bcol['Tanggal Lahir']!))?.type).toBe('date');
      // Every sheet still protected, as written in the file Calc saved.
      const zip = await JSZip.loadAsync(readFileSync(saved));
      const sheetsXml = await Promise.all(Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
      expect(sheetsXml).toHaveLength(4);
      for (const x of sheetsXml) expect(x).toMatch(/<sheetProtection [^>]*sheet="(true|1)"/);
      expect(bws.getCell(4, bcol.NIK!).value).toBe(NIK.kepalaA);

      const report = await runJob(core, admin, 'workbooks.apply', await upload(admin, saved));
      expect(report.counts).toMatchObject({ changed: 1, added: 0, removed: 0, rejected: 0, unchanged: 3 });
      const a = await ok<KeluargaDetail>(admin, 'registry.keluarga', { id: ids.a });
      expect(a.anggota.find((m) => m.nik === NIK.istriA)?.pekerjaan).toBe('Pedagang');
    } finally {
      await core.close();
    }
  }, 180_000);
});
