import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource, type Source, type SourceRow } from '../../../electron/core/imports/read';
import { reZip, tempDir, utcDate, writeLargeXlsx, writeXlsx, xlsxBytes, type FixtureCell } from '../../helpers/xlsx';
import { DTKS, SIKS_NG_USULAN } from './headerTexts';

async function collect(src: Source): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const r of src.rows()) out.push(r);
  return out;
}

/** A SIKS-NG usulan row: 21 cells in template order. */
function usulan(nik: FixtureCell, nama: string, tglLahir: FixtureCell, extra: Partial<Record<number, FixtureCell>> = {}): FixtureCell[] {
  const row: FixtureCell[] = [
    nik, 'BPNT', '6202010101010099', nama, 'SAMPIT', tglLahir, 'SITI', 'PEREMPUAN', 'PETANI', 'KAWIN',
    'JL. MAWAR', 3, 1, 'KALIMANTAN TENGAH', 'KOTAWARINGIN TIMUR', 'PULAU HANAUT', 'BAPINANG HILIR', 'TIDAK', null,
    'TIDAK', null,
  ];
  for (const [i, v] of Object.entries(extra)) row[Number(i)] = v;
  return row;
}

const numberRow = SIKS_NG_USULAN.map((_, i) => `(${i + 1})`);

/** The operator's sheet with every oddity at once (row numbers as Excel shows them in the comments). */
const MESSY: FixtureCell[][] = [
  /* 1 */ ['DAFTAR USULAN DTKS DESA BAPINANG HILIR'],
  /* 2 */ ['KECAMATAN PULAU HANAUT KABUPATEN KOTAWARINGIN TIMUR'],
  /* 3 */ [],
  /* 4 */ [...SIKS_NG_USULAN],
  /* 5 */ numberRow,
  /* 6 */ usulan('6202014101900001', 'AMINAH', utcDate(1990, 1, 1)),
  /* 7 */ usulan("'6202010202900002", 'BUDI', '31/01/2000'),
  /* 8 */ [],
  /* 9 */ usulan(' 6202 0103 0390 0003 ', 'CITRA', '2000-01-31', { 20: utcDate(2024, 3, 1), 19: 'YA' }),
  /* 10 */ usulan(6202010404900004, 'DEDI', 36556, { 20: { formula: 'DATE(2000,1,31)', result: 36556, numFmt: 'dd/mm/yyyy' } }),
  /* 11 */ [],
  /* 12 */ [null, null, null, null],
  /* 13 */ [...SIKS_NG_USULAN],
  /* 14 */ numberRow,
  /* 15 */ usulan(
    { formula: 'TEXT(6202010505900005,"0")', result: '6202010505900005' },
    'EKO',
    { value: 32874, numFmt: 'dd mmmm yyyy' },
    { 3: { richText: [{ text: 'EKO ', bold: true }, { text: 'PRASETYO' }] }, 11: { formula: '1+2', result: 3 } },
  ),
  /* 16 */ [null, null, null, 'FULAN TANPA NIK', null, null, null, null, null, null, 'JL. KENANGA', 4],
  /* 17 */ [],
  /* 18 */ [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, 'Bapinang Hilir, 12 Mei 2024'],
  /* 19 */ [null, 'Mengetahui,', null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, 'Operator Desa'],
  /* 20 */ [null, 'Kepala Desa Bapinang Hilir'],
  /* 21 */ [],
  /* 22 */ [],
  /* 23 */ [null, 'H. ABDUL RAHMAN', null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, 'SITI AMINAH'],
  /* 24 */ [null, 'NIP. 19660503 199102 1 001'],
];

describe('openSource on an operator .xlsx', () => {
  let dir: string;
  let file: string;
  let src: Source;
  let rows: SourceRow[];

  beforeAll(async () => {
    dir = await tempDir();
    file = await writeXlsx(path.join(dir, 'usulan.xlsx'), [
      // A hidden first sheet with a perfectly good header must not be chosen.
      { name: 'Referensi', state: 'hidden', rows: [['NIK', 'NAMA', 'NO KK'], ['6202010101010001', 'X', '1']] },
      { name: 'DATA', rows: MESSY, merges: ['A1:U1', 'A2:U2'] },
    ]);
    src = await openSource({ path: file });
    rows = await collect(src);
  });
  afterAll(async () => {
    await src?.close();
  });

  it('skips the hidden first sheet and finds the header under the title rows', () => {
    expect(src.fileType).toBe('xlsx');
    expect(src.fileName).toBe('usulan.xlsx');
    expect(src.sheets).toEqual([
      { name: 'Referensi', hidden: true },
      { name: 'DATA', hidden: false },
    ]);
    expect(src.sheet).toBe('DATA');
    expect(src.headerRow).toBe(4);
    expect(src.headerRowCount).toBe(1);
    expect(src.numberRow).toBe(5);
    expect(src.dataStartRow).toBe(6);
    expect(src.preset.id).toBe('siks-ng-usulan');
    expect(src.columns).toHaveLength(21);
    expect(src.columns[5]).toEqual({ index: 5, letter: 'F', header: 'TANGGAL LAHIR (31/01/2000)', field: 'tanggalLahir' });
    expect(src.columns[20]?.letter).toBe('U');
  });

  it('emits only the data rows, with the row numbers Excel shows', () => {
    expect(rows.map((r) => r.row)).toEqual([6, 7, 9, 10, 15, 16]);
  });

  it('lists what it left out and why', () => {
    expect(src.skipped().map((s) => [s.row, s.reason])).toEqual([
      [13, 'header-repeat'],
      [14, 'number-row'],
      [18, 'footer'],
      [19, 'footer'],
      [20, 'footer'],
      [23, 'footer'],
      [24, 'footer'],
    ]);
    expect(src.skipped()[3]?.text).toBe('Mengetahui, | Operator Desa');
  });

  it('carries NIK cells as they are: text, apostrophe, spaces, and a number stays a number', () => {
    expect(rows.map((r) => r.values.nik)).toEqual([
      '6202014101900001',
      "'6202010202900002",
      ' 6202 0103 0390 0003 ',
      6202010404900004,
      '6202010505900005',
      null,
    ]);
    expect(typeof rows[3]?.values.nik).toBe('number');
  });

  it('dates: real dates stay Date (UTC midnight), text stays text, serials without date format stay numbers', () => {
    const tgl = rows.map((r) => r.values.tanggalLahir);
    expect(tgl[0]).toEqual(utcDate(1990, 1, 1));
    expect(tgl[1]).toBe('31/01/2000');
    expect(tgl[2]).toBe('2000-01-31');
    expect(tgl[3]).toBe(36556);
    expect(tgl[4]).toEqual(utcDate(1990, 1, 1)); // 32874 with a custom date format
    expect(rows[2]?.values.tanggalMulaiHamil).toEqual(utcDate(2024, 3, 1));
    // a formula's cached result in a date-formatted cell is a date too
    expect(rows[3]?.values.tanggalMulaiHamil).toEqual(utcDate(2000, 1, 31));
  });

  it('formula cells give their cached result, rich text is concatenated, numbers stay numbers', () => {
    const eko = rows[4];
    expect(eko?.values.nama).toBe('EKO PRASETYO');
    expect(eko?.values.rt).toBe(3);
    expect(rows[0]?.values.rw).toBe(1);
  });

  it('values hold every mapped field (null when empty); raw holds every cell in column order', () => {
    const first = rows[0];
    expect(Object.keys(first?.values ?? {})).toHaveLength(21);
    expect(first?.values.kodeDisabilitas).toBeNull();
    expect(first?.raw).toHaveLength(21);
    expect(first?.raw[3]).toBe('AMINAH');
    const tanpaNik = rows[5];
    expect(tanpaNik?.values.nama).toBe('FULAN TANPA NIK');
    expect(tanpaNik?.raw).toHaveLength(21);
    expect(tanpaNik?.raw[11]).toBe(4);
  });

  it('rows() can be read again from the top; progress reports the last row', async () => {
    const again = await collect(src);
    expect(again.map((r) => r.row)).toEqual([6, 7, 9, 10, 15, 16]);
    const p = src.progress();
    expect(p.row).toBe(24);
    expect(p.lastRow).toBe(24);
    expect(p.totalBytes).toBeGreaterThan(1000);
    expect(p.bytesRead).toBe(p.totalBytes);
  });

  it('reads the same from bytes as from a path', async () => {
    const { readFile } = await import('node:fs/promises');
    const fromBytes = await openSource({ bytes: new Uint8Array(await readFile(file)), fileName: 'usulan.xlsx' });
    const r = await collect(fromBytes);
    expect(r.map((x) => [x.row, x.values.nik])).toEqual(rows.map((x) => [x.row, x.values.nik]));
  });

  it('a hidden sheet can still be chosen by name', async () => {
    const ref = await openSource({ path: file }, { sheet: 'referensi' });
    expect(ref.sheet).toBe('Referensi');
    expect((await collect(ref)).map((r) => r.values.nik)).toEqual(['6202010101010001']);
  });
});

describe('merged two-row headers', () => {
  // DTKS layout with a group header "BANSOS" over BPNT | PKH | BPNT-PPKM | PBI JKN, every other header
  // merged over both rows, a column-number row, and a family's No KK merged down over three rows.
  const top = DTKS.slice(0, 20);
  const header1: FixtureCell[] = [...top, 'BANSOS', null, null, null];
  const header2: FixtureCell[] = [...top.map(() => null), 'BPNT', 'PKH', 'BPNT-PPKM', 'PBI JKN'];
  const person = (no: number, kk: string | null, nik: string, nama: string): FixtureCell[] => [
    no, `ID${no}`, 'KALIMANTAN TENGAH', 'KOTAWARINGIN TIMUR', 'BAAMANG', 'BAAMANG HULU', 'JL. A', 'I', '1', '2', kk,
    nik, nama, '01/01/1980', 'SAMPIT', 'L', 'BURUH', 'IBU', 'KEPALA KELUARGA', 'PADAN', 'YA', 'TIDAK', 'TIDAK', 'YA',
  ];
  const columnMerges = top.map((_, i) => {
    const l = String.fromCharCode(65 + i);
    return `${l}3:${l}4`;
  });

  it('applies a merged group header to every column it spans', async () => {
    const bytes = await xlsxBytes([
      {
        name: 'DTKS',
        rows: [
          ['DATA TERPADU KESEJAHTERAAN SOSIAL'],
          [],
          header1,
          header2,
          DTKS.map((_, i) => i + 1),
          person(1, '6202050101100001', '6202051010800001', 'ANDI'),
          person(2, null, '6202055010850002', 'RINA'),
          person(3, null, '6202051212100003', 'ADI'),
          person(4, '6202050101100009', '6202051111700004', 'SURYA'),
        ],
        merges: ['A1:X1', ...columnMerges, 'U3:X3', 'K6:K8'],
      },
    ]);
    const src = await openSource({ bytes, fileName: 'dtks.xlsx' });
    expect(src.headerRow).toBe(3);
    expect(src.headerRowCount).toBe(2);
    expect(src.numberRow).toBe(5);
    expect(src.dataStartRow).toBe(6);
    expect(src.preset.id).toBe('dtks');
    expect(src.columns.slice(20).map((c) => [c.header, c.field])).toEqual([
      ['BANSOS BPNT', 'bansosBpnt'],
      ['BANSOS PKH', 'bansosPkh'],
      ['BANSOS BPNT-PPKM', null],
      ['BANSOS PBI JKN', 'bansosPbi'],
    ]);
    expect(src.columns[11]).toMatchObject({ header: 'NIK', field: 'nik' });
    const rows = await collect(src);
    expect(rows.map((r) => r.row)).toEqual([6, 7, 8, 9]);
    // the merged No KK applies to each member of the family
    expect(rows.map((r) => r.values.noKk)).toEqual([
      '6202050101100001', '6202050101100001', '6202050101100001', '6202050101100009',
    ]);
    expect(rows[1]?.values.bansosPbi).toBe('YA');
  });

  it('reads a two-row header without merges (group text only above its first column)', async () => {
    const h1: FixtureCell[] = ['NO', 'NIK', 'NAMA', 'PENERIMA BANTUAN', null, null, 'KET'];
    const h2: FixtureCell[] = [null, null, null, 'PKH', 'BPNT', 'PBI', null];
    const bytes = await xlsxBytes([
      { name: 'Sheet1', rows: [h1, h2, [1, '6202051010800001', 'ANDI', 'YA', 'TIDAK', 'YA', 'baru']] },
    ]);
    const src = await openSource({ bytes, fileName: 'pkh.xlsx' });
    expect(src.headerRow).toBe(1);
    expect(src.headerRowCount).toBe(2);
    expect(src.columns.map((c) => c.field)).toEqual(['no', 'nik', 'nama', 'bansosPkh', 'bansosBpnt', 'bansosPbi', 'keterangan']);
    const [row] = await collect(src);
    expect(row?.row).toBe(3);
    expect(row?.values).toMatchObject({ nik: '6202051010800001', bansosPkh: 'YA', bansosBpnt: 'TIDAK', keterangan: 'baru' });
  });

  it('does not take a title row for a group header', async () => {
    const bytes = await xlsxBytes([
      { name: 'S', rows: [['DAFTAR PENERIMA'], ['NIK', 'NAMA', 'ALAMAT'], ['6202051010800001', 'ANDI', 'X']], merges: ['A1:C1'] },
    ]);
    const src = await openSource({ bytes, fileName: 's.xlsx' });
    expect(src.headerRow).toBe(2);
    expect(src.headerRowCount).toBe(1);
    expect(src.columns.map((c) => c.header)).toEqual(['NIK', 'NAMA', 'ALAMAT']);
  });
});

describe('header synonyms, saved mapping, sheet choice', () => {
  it('matches headers by text in any order, case and spacing; unknown columns kept as ignored', async () => {
    const bytes = await xlsxBytes([
      {
        name: 'Lembar1',
        rows: [
          ['  nama lengkap ', 'No.\nUrut', 'Tgl. Lahir', 'nik', 'No HP', 'desa / kelurahan'],
          ['ANI', 1, '01-02-1999', '6202016102990001', '0812', 'Ketapang'],
        ],
      },
    ]);
    const src = await openSource({ bytes, fileName: 'a.xlsx' });
    expect(src.columns.map((c) => [c.letter, c.header, c.field])).toEqual([
      ['A', 'nama lengkap', 'nama'],
      ['B', 'No. Urut', 'no'],
      ['C', 'Tgl. Lahir', 'tanggalLahir'],
      ['D', 'nik', 'nik'],
      ['E', 'No HP', null],
      ['F', 'desa / kelurahan', 'desa'],
    ]);
    const [r] = await collect(src);
    expect(r?.values).toEqual({
      nama: 'ANI', no: 1, tanggalLahir: '01-02-1999', nik: '6202016102990001', desa: 'Ketapang',
    });
    expect(r?.raw[4]).toBe('0812');
  });

  it('uses the mapping the operator saved for headers it does not know', async () => {
    const bytes = await xlsxBytes([
      { name: 'S', rows: [['Nomor Identitas', 'Nama Warga', 'Nama'], ['6202016102990001', 'ANI', 'x']] },
    ]);
    const src = await openSource(
      { bytes, fileName: 'a.xlsx' },
      { mappingOverride: { 'NOMOR IDENTITAS': 'nik', 'nama warga': 'nama', Nama: '' } },
    );
    expect(src.columns.map((c) => c.field)).toEqual(['nik', 'nama', null]);
    expect((await collect(src))[0]?.values).toEqual({ nik: '6202016102990001', nama: 'ANI' });
  });

  it('skips a visible sheet without a header and reads the next one', async () => {
    const bytes = await xlsxBytes([
      { name: 'Petunjuk', rows: [['Cara mengisi'], ['1. Isi NIK sebagai teks']] },
      { name: 'Data', rows: [['NIK', 'NAMA'], ['6202016102990001', 'ANI']] },
    ]);
    const src = await openSource({ bytes, fileName: 'a.xlsx' });
    expect(src.sheet).toBe('Data');
    expect((await collect(src)).map((r) => r.row)).toEqual([2]);
  });

  it('follows tab order even when the archive stores the sheets the other way round', async () => {
    const base = await xlsxBytes([
      { name: 'Lama', rows: [['NIK', 'NAMA'], ['6202016102990001', 'LAMA']] },
      { name: 'Baru', rows: [['NIK', 'NAMA'], ['6202016102990002', 'BARU']] },
    ]);
    // Drag "Baru" before "Lama": the <sheet> elements swap, the files stay sheet1 = Lama, sheet2 = Baru.
    const swapped = await reZip(base, {
      edit: {
        'xl/workbook.xml': (xml) =>
          xml.replace(/(<sheet [^>]*name="Lama"[^>]*\/>)(<sheet [^>]*name="Baru"[^>]*\/>)/, '$2$1'),
      },
    });
    const src = await openSource({ bytes: swapped, fileName: 'a.xlsx' });
    expect(src.sheets.map((s) => s.name)).toEqual(['Baru', 'Lama']);
    expect(src.sheet).toBe('Baru');
    expect((await collect(src))[0]?.values.nama).toBe('BARU');
  });

  it('skips a first tab without a header even when the archive stores it last', async () => {
    const base = await xlsxBytes([
      { name: 'Data', rows: [['NIK', 'NAMA'], ['6202016102990001', 'ANI']] },
      { name: 'Sampul', rows: [['LAPORAN']] },
    ]);
    const swapped = await reZip(base, {
      edit: {
        'xl/workbook.xml': (xml) =>
          xml.replace(/(<sheet [^>]*name="Data"[^>]*\/>)(<sheet [^>]*name="Sampul"[^>]*\/>)/, '$2$1'),
      },
    });
    const src = await openSource({ bytes: swapped, fileName: 'a.xlsx' });
    expect(src.sheet).toBe('Data');
    expect((await collect(src)).map((r) => [r.row, r.values.nama])).toEqual([[2, 'ANI']]);
  });

  it('reads a zip stored in Excel order (workbook and shared strings before the sheets)', async () => {
    const base = await xlsxBytes([
      { name: 'Tersembunyi', state: 'veryHidden', rows: [['NIK', 'NAMA'], ['1', 'X']] },
      { name: 'Data', rows: [['x'], ['NIK', 'NAMA'], ['6202016102990001', 'ANI'], [], ['6202016102990002', 'BUDI']] },
    ]);
    const reordered = await reZip(base, {
      first: ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml'],
    });
    const src = await openSource({ bytes: reordered, fileName: 'excel.xlsx' });
    expect(src.sheets).toEqual([
      { name: 'Tersembunyi', hidden: true },
      { name: 'Data', hidden: false },
    ]);
    expect(src.sheet).toBe('Data');
    expect((await collect(src)).map((r) => [r.row, r.values.nama])).toEqual([
      [3, 'ANI'],
      [5, 'BUDI'],
    ]);
  });

  it('streams: stops cleanly when the caller breaks out, progress mid-way, close() is idempotent', async () => {
    // Well beyond what is read ahead while the merge pre-scan runs (20,000 rows + one 1 MB chunk), so the
    // break at row 21,000 comes with most of the sheet still unread.
    const file = await writeLargeXlsx(path.join(await tempDir(), 'besar.xlsx'), ['NIK', 'NAMA'], 60_000, (i) => [
      `62020161029${String(i).padStart(5, '0')}`,
      `ORANG ${i}`,
    ]);
    const src = await openSource({ path: file });
    let n = 0;
    for await (const r of src.rows()) {
      n++;
      if (r.row === 21_000) {
        const p = src.progress();
        expect(p.row).toBe(21_000); // (exceljs's streaming writer states no <dimension>, so lastRow is null)
        expect(p.bytesRead).toBeGreaterThan(p.totalBytes / 4);
        expect(p.bytesRead).toBeLessThan(p.totalBytes * 0.75);
        break;
      }
    }
    expect(n).toBe(20_999);
    await src.close();
    await src.close();
    const unread = await openSource({ path: file });
    await unread.close();
    expect(unread.progress().row).toBe(0);
  });

});

describe('sheet XML pre-scan', () => {
  it('finds <dimension> and the merges after </sheetData> whatever the chunking', async () => {
    const { scanSheetXml } = await import('../../../electron/core/imports/read/xlsxIndex');
    const xml =
      '<?xml version="1.0"?><worksheet><dimension ref="A1:X120"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>' +
      '</sheetData><mergeCells count="2"><mergeCell ref="A1:X1"/><mergeCell ref="U3:X3"/></mergeCells></worksheet>';
    const bytes = Buffer.from(xml);
    for (const size of [1, 5, 11, 12, 13, 40, 4096]) {
      async function* chunks(): AsyncGenerator<Buffer> {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      }
      const scan = await scanSheetXml(chunks());
      expect([size, scan]).toEqual([
        size,
        {
          lastRow: 120,
          merges: [
            { top: 1, left: 1, bottom: 1, right: 24 },
            { top: 3, left: 21, bottom: 3, right: 24 },
          ],
        },
      ]);
    }
  });
});
