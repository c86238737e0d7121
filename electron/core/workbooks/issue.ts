/**
 * Makes one desa's operator workbook with exceljs: PETUNJUK (how to fill it, in Indonesian), DATA (the desa's
 * families and active members, then empty rows for new proposals; NIK/No KK as text with a 16-character check,
 * drop-downs from the REFERENSI sheet, dates validated; the title and header rows locked), REFERENSI (the lists,
 * locked) and META (very hidden, locked: office, desa, template version, when and by whom, and the SHA-256 of
 * the rows as issued, all under the office's HMAC, key.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import { WORKBOOK_TEMPLATE_VERSION, type WorkbookMeta } from '../../../shared/api/workbooks';
import {
  checksumText,
  DATA_SHEET,
  EMPTY_ROWS,
  FIRST_DATA_ROW,
  FIXED_LISTS,
  GUIDE_SHEET,
  HEADER_ROW,
  META_SHEET,
  REF_SHEET,
  WORKBOOK_COLUMNS,
  type RefList,
} from './columns';
import { metaMac } from './key';
import type { WorkbookMember } from './queries';

export interface IssueInput {
  office: { kabKotaKode: string; namaInstansi: string };
  desa: { kode: string; nama: string };
  kecamatan: { kode: string; nama: string };
  members: readonly WorkbookMember[];
  programs: readonly string[];
  madeBy: string;
  now: Date;
  /** The office's workbook key (key.ts): the metadata's MAC. */
  key: Buffer;
}

/** Sheet protection: keeps structure and locked cells from accidental edits (not a secret). */
function protect(ws: Worksheet, password: string, allow: { formatColumns?: boolean } = {}) {
  return ws.protect(password, { selectLockedCells: true, selectUnlockedCells: true, formatColumns: allow.formatColumns ?? false, spinCount: 1000 } as never);
}

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const JK: Record<string, string> = { L: 'Laki-laki', P: 'Perempuan' };

function memberCells(m: WorkbookMember, no: number, input: IssueInput): Record<string, unknown> {
  return {
    no,
    noKk: m.noKk,
    nik: m.nik,
    nama: m.nama,
    hubungan: m.hubungan,
    jenisKelamin: m.jenisKelamin ? JK[m.jenisKelamin] : null,
    tempatLahir: m.tempatLahir,
    // A date cell (UTC midnight), shown dd/mm/yyyy.
    tanggalLahir: m.tanggalLahir ? new Date(`${m.tanggalLahir}T00:00:00Z`) : null,
    ibuKandung: m.ibuKandung,
    statusKawin: m.statusKawin,
    pekerjaan: m.pekerjaan,
    pendidikan: m.pendidikan,
    disabilitas: m.disabilitas ?? 'Tidak',
    program: m.programs.join(', ') || null,
    alamat: m.alamat,
    dusun: m.dusun,
    rt: m.rt,
    rw: m.rw,
    kecamatan: input.kecamatan.nama,
    desa: input.desa.nama,
    desil: m.desil,
    status: 'Aktif',
    tanggalStatus: null,
    alasan: null,
  };
}

/** SHA-256 of the data rows (their cells as text, tab/newline separated): the same function reads them back. */
export function rowsChecksum(rows: readonly (readonly unknown[])[]): string {
  const h = createHash('sha256');
  for (const r of rows) h.update(`${r.map(checksumText).join('\t')}\n`);
  return h.digest('hex');
}

function guide(ws: Worksheet, input: IssueInput) {
  ws.getColumn(1).width = 110;
  const lines = [
    `LEMBAR KERJA OPERATOR — DESA/KELURAHAN ${input.desa.nama.toUpperCase()}, KECAMATAN ${input.kecamatan.nama.toUpperCase()}`,
    `Dari: ${input.office.namaInstansi}`,
    '',
    'Cara mengisi:',
    '1. Isi di sheet DATA saja. Satu baris = satu orang. Anggota satu keluarga memakai No KK yang sama.',
    '2. Perbaiki data yang salah langsung di barisnya. Sel yang dikosongkan berarti datanya dihapus; NIK, Nama, Hubungan Keluarga dan Alamat wajib tetap diisi. Jangan hapus baris orang yang sudah ada.',
    '3. Orang yang pindah, meninggal atau keluar: pilih Status (Pindah/Meninggal/Keluar), isi Tanggal Status dan Alasan Status.',
    '4. Usulan baru: isi di baris kosong di bawah data (No KK, NIK, Nama, Hubungan Keluarga, Jenis Kelamin, Tanggal Lahir, Alamat).',
    '5. NIK dan No KK: 16 angka, diketik sebagai teks. Jangan tempel dari sheet lain sebagai angka (Excel mengubahnya menjadi 6,2E+15 dan digit terakhir hilang).',
    '6. Kolom bertanda daftar (Hubungan, Jenis Kelamin, Status Kawin, Pekerjaan, Pendidikan, Disabilitas, Program, Desa, Status): pilih dari daftar, jangan mengetik sendiri.',
    '7. Tanggal: dd/mm/yyyy (mis. 17/08/1985), tidak boleh di masa depan.',
    '8. Lembar kerja ini hanya untuk desa/kelurahan di atas. Data desa lain tidak dapat diubah lewat berkas ini.',
    '9. Jangan ubah nama sheet, baris judul, atau urutan kolom. Simpan sebagai .xlsx lalu kirim kembali ke dinas.',
    '',
    `Dibuat: ${input.now.toISOString().slice(0, 10).split('-').reverse().join('/')} oleh ${input.madeBy}.`,
  ];
  lines.forEach((t, i) => {
    const c = ws.getCell(i + 1, 1);
    c.value = t;
    c.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) c.font = { bold: true, size: 13 };
    if (t === 'Cara mengisi:') c.font = { bold: true };
  });
}

function references(ws: Worksheet, lists: Record<RefList, readonly string[]>): Record<RefList, string> {
  const ranges = {} as Record<RefList, string>;
  (Object.keys(lists) as RefList[]).forEach((key, i) => {
    const values = lists[key];
    const c = i + 1;
    ws.getColumn(c).width = Math.max(12, ...values.map((v) => v.length + 2));
    ws.getCell(1, c).value = key.toUpperCase();
    ws.getCell(1, c).font = { bold: true };
    values.forEach((v, j) => {
      ws.getCell(j + 2, c).value = v;
    });
    const L = colLetter(c);
    // A list needs at least one cell; an empty list (no RT yet) points at its blank first cell.
    ranges[key] = `${REF_SHEET}!$${L}$2:$${L}$${Math.max(2, values.length + 1)}`;
  });
  return ranges;
}

export async function buildWorkbook(input: IssueInput): Promise<{ bytes: Uint8Array; meta: WorkbookMeta }> {
  const password = randomBytes(12).toString('hex');
  const wb = new ExcelJS.Workbook();
  wb.creator = input.office.namaInstansi;
  wb.created = input.now;
  const guideWs = wb.addWorksheet(GUIDE_SHEET);
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', xSplit: 4, ySplit: HEADER_ROW }] });
  const refWs = wb.addWorksheet(REF_SHEET);
  const metaWs = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });

  guide(guideWs, input);
  const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))].sort((a, b) => a.localeCompare(b, 'id', { numeric: true }));
  const lists = {
    desa: [input.desa.nama],
    kecamatan: [input.kecamatan.nama],
    program: input.programs,
    rt: uniq(input.members.map((m) => m.rt)),
    rw: uniq(input.members.map((m) => m.rw)),
    ...FIXED_LISTS,
  } as Record<RefList, readonly string[]>;
  const ranges = references(refWs, lists);

  // Printed (or rendered to PDF) across the page: landscape, all columns on one page wide, header repeated.
  ws.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` };
  // Title, subtitle, header.
  const lastCol = WORKBOOK_COLUMNS.length;
  ws.mergeCells(1, 1, 1, lastCol);
  ws.getCell(1, 1).value = `LEMBAR KERJA OPERATOR — ${input.desa.nama.toUpperCase()}, KEC. ${input.kecamatan.nama.toUpperCase()}`;
  ws.getCell(1, 1).font = { bold: true, size: 12 };
  ws.mergeCells(2, 1, 2, lastCol);
  ws.getCell(2, 1).value = `${input.office.namaInstansi} — dibuat ${input.now.toISOString().slice(0, 10).split('-').reverse().join('/')}. Baca sheet PETUNJUK sebelum mengisi.`;
  WORKBOOK_COLUMNS.forEach((c, i) => {
    const cell = ws.getCell(HEADER_ROW, i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
    if (c.note) cell.note = c.note;
    ws.getColumn(i + 1).width = c.width;
  });

  const issued: unknown[][] = input.members.map((m, i) => {
    const cells = memberCells(m, i + 1, input);
    return WORKBOOK_COLUMNS.map((c) => cells[c.key] ?? null);
  });
  const lastRow = FIRST_DATA_ROW + issued.length + EMPTY_ROWS - 1;
  for (let r = FIRST_DATA_ROW; r <= lastRow; r++) {
    const values = issued[r - FIRST_DATA_ROW];
    WORKBOOK_COLUMNS.forEach((c, i) => {
      const cell = ws.getCell(r, i + 1);
      if (values && values[i] !== null) cell.value = values[i] as ExcelJS.CellValue;
      cell.protection = { locked: false };
      if (c.check.kind === 'id16') cell.numFmt = '@';
      if (c.check.kind === 'date') cell.numFmt = 'dd/mm/yyyy';
    });
  }

  // Validations over the whole data range, column by column.
  const today = new Date(`${input.now.toISOString().slice(0, 10)}T00:00:00Z`);
  // exceljs writes range validations (worksheet.dataValidations) but its typings omit them.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  WORKBOOK_COLUMNS.forEach((c, i) => {
    const L = colLetter(i + 1);
    const range = `${L}${FIRST_DATA_ROW}:${L}${lastRow}`;
    const check = c.check;
    if (check.kind === 'id16') {
      validations.add(range, {
        type: 'textLength', operator: 'equal', formulae: [16], allowBlank: true, showErrorMessage: true, errorStyle: 'stop',
        errorTitle: `${check.what} tidak valid`, error: `${check.what} harus 16 angka, diketik sebagai teks.`,
        showInputMessage: true, promptTitle: check.what, prompt: '16 angka (teks).',
      });
    } else if (check.kind === 'list') {
      validations.add(range, {
        type: 'list', allowBlank: true, formulae: [ranges[check.list]], showErrorMessage: true, errorStyle: check.strict ? 'stop' : 'warning',
        errorTitle: c.header, error: check.strict ? `Pilih ${c.header} dari daftar.` : `${c.header} ini belum tercatat. Lanjutkan bila benar.`,
      });
    } else if (check.kind === 'date') {
      validations.add(range, {
        type: 'date', operator: 'between', formulae: [new Date(Date.UTC(1900, 0, 1)), today], allowBlank: true, showErrorMessage: true, errorStyle: 'stop',
        errorTitle: 'Tanggal tidak valid', error: 'Tanggal dd/mm/yyyy, antara 01/01/1900 dan hari ini.',
      });
    } else if (check.kind === 'whole') {
      validations.add(range, {
        type: 'whole', operator: 'between', formulae: [check.min, check.max], allowBlank: true, showErrorMessage: true, errorStyle: 'stop',
        errorTitle: c.header, error: `${c.header}: angka ${check.min}–${check.max}.`,
      });
    }
  });

  const unsigned: Omit<WorkbookMeta, 'mac'> = {
    templateVersion: WORKBOOK_TEMPLATE_VERSION,
    kabKotaKode: input.office.kabKotaKode,
    namaInstansi: input.office.namaInstansi,
    desaKode: input.desa.kode,
    desaNama: input.desa.nama,
    kecamatanNama: input.kecamatan.nama,
    madeAt: input.now.toISOString(),
    madeBy: input.madeBy,
    rowsIssued: issued.length,
    checksum: rowsChecksum(issued),
  };
  const meta: WorkbookMeta = { ...unsigned, mac: metaMac(input.key, unsigned) };
  metaWs.getColumn(1).width = 20;
  metaWs.getColumn(2).width = 70;
  Object.entries(meta).forEach(([k, v], i) => {
    metaWs.getCell(i + 1, 1).value = k;
    metaWs.getCell(i + 1, 2).value = String(v);
  });

  await protect(guideWs, password);
  await protect(ws, password, { formatColumns: true });
  await protect(refWs, password);
  await protect(metaWs, password);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), meta };
}

/** The file name: the desa and the date (e.g. "Lembar kerja Palangan 2024-06-01.xlsx"). */
export function workbookFileName(desaNama: string, now: Date): string {
  const safe = desaNama.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim();
  return `Lembar kerja ${safe} ${now.toISOString().slice(0, 10)}.xlsx`;
}
