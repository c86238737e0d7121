// Writes the corpus sheet with SheetJS (@e965/xlsx, installed in a scratch folder outside the repo) and exceljs
// (the project's own dependency). Usage: node scripts/corpus/gen_js.mjs OUT_DIR SHEETJS_MODULE_DIR
// Layout as gen_python.py: rows 1-3 title merged A:M, row 5 header, row 6 column numbers, rows 7-26 data,
// one empty row, then the signature block.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const [outDir, sheetjsDir] = process.argv.slice(2);
const XLSX = require(path.resolve(sheetjsDir));
const ExcelJS = require('exceljs');
const DATA = JSON.parse(readFileSync(new URL('./data.json', import.meta.url), 'utf8'));
const FIELDS = ['no', 'nik', 'noKk', 'nama', 'tempatLahir', 'tanggalLahir', 'jenisKelamin', 'alamat', 'rt', 'rw', 'desa', 'kecamatan', 'keterangan'];
const WIDTH = FIELDS.length;
const HEADER_ROW = 5;
const FIRST_DATA = 7;
const FOOTER = FIRST_DATA + DATA.rows.length + 1;
const TEXT = new Set(['nik', 'noKk', 'rt', 'rw']);
const utc = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};
/** Excel serial of a date, 1900 or 1904 system. */
const serial = (iso, in1904) => (utc(iso).getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 - (in1904 ? 1462 : 0);

/** SheetJS: cells set one by one (types as a program sets them), cached formula results, hidden first sheet, 1904. */
function sheetjs(file) {
  const ws = {};
  const put = (r, c, cell) => (ws[XLSX.utils.encode_cell({ r: r - 1, c })] = cell);
  DATA.titles.forEach((t, i) => put(1 + i, 0, { t: 's', v: t }));
  DATA.header.forEach((h, c) => {
    put(HEADER_ROW, c, { t: 's', v: h });
    put(HEADER_ROW + 1, c, { t: 'n', v: c + 1 });
  });
  DATA.rows.forEach((row, i) => {
    const r = FIRST_DATA + i;
    FIELDS.forEach((f, c) => {
      const v = row[f];
      if (f === 'no') put(r, c, i === 0 ? { t: 'n', v } : { t: 'n', v, f: `A${r - 1}+1` });
      else if (f === 'tanggalLahir') put(r, c, { t: 'n', v: serial(v, true), z: 'dd/mm/yyyy' });
      else if (v !== null) put(r, c, { t: 's', v, ...(TEXT.has(f) ? { z: '@' } : {}) });
    });
  });
  DATA.footer.forEach((frow, j) => frow.forEach((v, c) => v && put(FOOTER + j, c, { t: 's', v })));
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: FOOTER + DATA.footer.length - 2, c: WIDTH - 1 } });
  ws['!merges'] = DATA.titles.map((_, i) => ({ s: { r: i, c: 0 }, e: { r: i, c: WIDTH - 1 } }));
  const ref = XLSX.utils.aoa_to_sheet([['Kode', 'Kecamatan'], ['62.02.05', 'Baamang']]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ref, 'Referensi');
  XLSX.utils.book_append_sheet(wb, ws, 'DATA');
  wb.Workbook = { Sheets: [{ Hidden: 1 }, { Hidden: 0 }], WBProps: { date1904: true } };
  XLSX.writeFile(wb, file, { bookType: 'xlsx', compression: true });
}

/** exceljs: shared formulas (master + sharedFormula cells), rich text, hidden sheet, merges. */
async function exceljs(file) {
  const wb = new ExcelJS.Workbook();
  const ref = wb.addWorksheet('Referensi', { state: 'hidden' });
  ref.addRow(['Kode', 'Kecamatan']);
  ref.addRow(['62.02.05', 'Baamang']);
  const ws = wb.addWorksheet('DATA');
  DATA.titles.forEach((t, i) => {
    ws.getCell(1 + i, 1).value = t;
    ws.mergeCells(1 + i, 1, 1 + i, WIDTH);
  });
  DATA.header.forEach((h, c) => {
    ws.getCell(HEADER_ROW, 1 + c).value = h;
    ws.getCell(HEADER_ROW + 1, 1 + c).value = c + 1;
  });
  const last = FIRST_DATA + DATA.rows.length - 1;
  DATA.rows.forEach((row, i) => {
    const r = FIRST_DATA + i;
    FIELDS.forEach((f, c) => {
      const cell = ws.getCell(r, 1 + c);
      const v = row[f];
      if (f === 'no') {
        if (i === 0) cell.value = v;
        else if (i === 1) cell.value = { formula: `A${r - 1}+1`, result: v, shareType: 'shared', ref: `A${r}:A${last}` };
        else cell.value = { sharedFormula: `A${FIRST_DATA + 1}`, result: v };
      } else if (f === 'tanggalLahir') {
        cell.value = utc(v);
        cell.numFmt = 'dd/mm/yyyy';
      } else if (f === 'keterangan' && row.no === DATA.richKeterangan.no) {
        cell.value = { richText: DATA.richKeterangan.runs.map((run) => ({ text: run.text, font: run.bold ? { bold: true } : {} })) };
      } else if (v !== null) {
        cell.value = v;
        if (TEXT.has(f)) cell.numFmt = '@';
      }
    });
  });
  DATA.footer.forEach((frow, j) => frow.forEach((v, c) => v && (ws.getCell(FOOTER + j, 1 + c).value = v)));
  await wb.xlsx.writeFile(file);
}

sheetjs(path.join(outDir, 'sheetjs-1904.xlsx'));
await exceljs(path.join(outDir, 'exceljs.xlsx'));
