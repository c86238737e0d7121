/**
 * The sheet XML scan on XML written by hand, as other generators than exceljs write it: namespace prefixes,
 * entities, CDATA, comments, inline and rich strings, missing row/cell references, every cell type — and the
 * same rows whatever the chunking.
 */
import { describe, expect, it } from 'vitest';
import { SheetRowReader, readDateStyles, readSharedStrings, type SheetContext } from '../../../electron/core/imports/read/sheetXml';
import type { RawRow } from '../../../electron/core/imports/read/types';
import { ReadFault } from '../../../electron/core/imports/read/errors';

const enc = new TextEncoder();

async function* chunksOf(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = enc.encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function readRows(xml: string, ctx: SheetContext, size: number): RawRow[] {
  const reader = new SheetRowReader(ctx);
  const bytes = enc.encode(xml);
  const rows: RawRow[] = [];
  for (let i = 0; i < bytes.length; i += size) rows.push(...reader.write(bytes.subarray(i, i + size)));
  rows.push(...reader.end());
  return rows;
}

const SST = `<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
  <si><t>NIK</t></si>
  <si><r><rPr><b/></rPr><t xml:space="preserve">SITI </t></r><r><t>AMINAH</t></r><rPh sb="0" eb="1"><t>シ</t></rPh></si>
  <si><t>Tom &amp; Jerry &#x2013; &lt;ok&gt;</t></si>
  <si><t><![CDATA[A&B <c>]]></t></si>
</sst>`;

const STYLES = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="&quot;Rp&quot;#,##0"/></numFmts>
  <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
  <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="49"/></cellXfs>
</styleSheet>`;

describe('shared strings and styles', () => {
  it('reads plain, rich (phonetic runs left out), escaped and CDATA strings, in any chunking', async () => {
    for (const size of [1, 7, 64, 1 << 16]) {
      expect((await readSharedStrings(chunksOf(SST, size))).strings).toEqual(['NIK', 'SITI AMINAH', 'Tom & Jerry – <ok>', 'A&B <c>']);
    }
  });

  it('knows which cell styles show dates: built-in 14, custom d/m/y; not a currency format with a quoted "Rp"', async () => {
    expect(await readDateStyles(chunksOf(STYLES, 13))).toEqual([false, true, true, false, false]);
  });
});

describe('sheet rows', () => {
  const ctx: SheetContext = { sharedStrings: ['NIK', 'SITI AMINAH'], dateStyles: [false, true], date1904: false };
  const XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <x:dimension ref="A1:F6"/>
  <!-- a comment <row r="99"> that is not a row -->
  <x:sheetData>
    <x:row r="1" spans="1:3"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c></x:row>
    <x:row r="3"><x:c r="B3" t="inlineStr"><x:is><x:r><x:t>Jl. Mawar &amp; </x:t></x:r><x:r><x:t>Melati</x:t></x:r></x:is></x:c>
      <x:c r="D3" s="1"><x:v>36556</x:v></x:c><x:c r="E3" t="b"><x:v>1</x:v></x:c><x:c r="F3" t="e"><x:v>#N/A</x:v></x:c></x:row>
    <x:row><x:c t="str"><x:f>A1&amp;"x"</x:f><x:v>NIKx</x:v></x:c><x:c><x:v>6202014101900001</x:v></x:c><x:c s="1"/><x:c><x:f>1+1</x:f></x:c></x:row>
    <x:row r="6" hidden="1"/>
    <x:row r="7"><x:c r="A7" t="str" note="a &gt; b"><x:v><![CDATA[<kosong> & ok]]></x:v></x:c><x:c r="B7" t="d"><x:v>2000-01-31T00:00:00Z</x:v></x:c></x:row>
  </x:sheetData>
  <x:mergeCells count="1"><x:mergeCell ref="A1:C1"/></x:mergeCells>
</x:worksheet>`;

  it('gives each row its number and each cell its value and column, whatever the chunking', () => {
    const expected: RawRow[] = [
      { row: 1, cells: ['NIK', null, 'SITI AMINAH'] },
      { row: 3, cells: [null, 'Jl. Mawar & Melati', null, new Date(Date.UTC(2000, 0, 31)), true, '#N/A'] },
      // No r on the row or its cells: the next row, cells from column A; a formula without a cached value is empty.
      { row: 4, cells: ['NIKx', 6202014101900001, null, null] },
      { row: 6, cells: [] },
      { row: 7, cells: ['<kosong> & ok', new Date(Date.UTC(2000, 0, 31))] },
    ];
    for (const size of [1, 2, 3, 5, 17, 100, 4096]) expect(readRows(XML, ctx, size)).toEqual(expected);
  });

  it('reads the text of other scripts split anywhere, drops the leading byte order mark only, refuses bad UTF-8', () => {
    // U+FEFF inside a cell is text (a zero-width space); only the one opening the part is a byte order mark.
    const xml = '\ufeff<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Sí Ñ \u{1F600} \ufeffぁ</t></is></c><c r="B1" t="str"><v>\ufeffx</v></c></row></sheetData></worksheet>';
    const expected: RawRow[] = [{ row: 1, cells: ['Sí Ñ \u{1F600} \ufeffぁ', '\ufeffx'] }];
    for (const size of [1, 2, 3, 4, 5, 7, 64]) expect(readRows(xml, ctx, size)).toEqual(expected);
    const bytes = enc.encode(xml);
    const cut = bytes.indexOf(0xf0); // the emoji's lead byte
    for (const bad of [bytes.slice(0, cut + 2), Uint8Array.from([...bytes.slice(0, cut), 0xff, ...bytes.slice(cut + 1)])]) {
      const reader = new SheetRowReader(ctx);
      expect(() => {
        reader.write(bad);
        reader.end();
      }).toThrow(TypeError);
    }
  });

  it('reads attributes written with spaces around "=", single quotes, a self-closing cell, as the plain ones', () => {
    const plain = '<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>1</v></c><c r="D2"/><c r="E2" s="1"><v>0</v></c></row></sheetData></worksheet>';
    const spaced = "<worksheet><sheetData><row  r = '2' ><c r= 'B2'\tt ='s' ><v>1</v></c><c r=\"D2\" /><c\nr='E2' s = \"1\"><v>0</v></c></row></sheetData></worksheet>";
    const expected: RawRow[] = [{ row: 2, cells: [null, 'SITI AMINAH', null, null, new Date(Date.UTC(1899, 11, 30))] }];
    for (const size of [1, 7, 4096]) {
      expect(readRows(plain, ctx, size)).toEqual(expected);
      expect(readRows(spaced, ctx, size)).toEqual(expected);
    }
  });

  it('reads a cell written <v>digits</v></c> (read in one step when whole) as when cut or written otherwise', () => {
    // 15 digits are an integer as written; 16 are a number (Excel's); leading zeros are dropped from a number,
    // a shared string's index is looked up, and one past the table is a damaged file whichever way it is read.
    const cells = '<c r="A3" t="s"><v>2</v></c><c r="B3"><v>620201410190000</v></c><c r="C3"><v>6202014101900001</v></c><c r="D3" s="1"><v>007</v></c><c r="E3" t="s"><v>03</v></c>';
    const four: SheetContext = { ...ctx, sharedStrings: ['NIK', 'SITI AMINAH', 'Tom & Jerry', 'A&B'] };
    const expected: RawRow[] = [{ row: 3, cells: ['Tom & Jerry', 620201410190000, 6202014101900001, new Date(Date.UTC(1900, 0, 6)), 'A&B'] }];
    const whole = `<worksheet><sheetData><row r="3">${cells}</row></sheetData></worksheet>`;
    // The same values with a space before </c>, or a prefix: the scan's general path.
    const spaced = whole.replaceAll('</v></c>', '</v> </c>');
    for (const size of [1, 2, 3, 5, 9, 13, 4096]) {
      expect(readRows(whole, four, size)).toEqual(expected);
      expect(readRows(spaced, four, size)).toEqual(expected);
      expect(() => readRows(whole.replace('<v>03</v>', '<v>4</v>'), four, size)).toThrow(/teks bersama nomor 4/);
    }
  });

  it('reads a damaged part\'s cell inside inline text the same way whatever the chunking (review of the one-step read)', () => {
    // No generator writes a <c> inside <is>; a damaged or hand-made part may. The one-step read must not apply there.
    const nested = '<worksheet><sheetData><row r="1"><is><c r="A1"><v>1</v></c></is></row></sheetData></worksheet>';
    const phonetic = '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><rPh><c r="B1"><v>1</v></c></rPh><t>z</t></is></c></row></sheetData></worksheet>';
    for (const size of [1, 3, 4096]) {
      expect(readRows(nested, ctx, size)).toEqual([{ row: 1, cells: [null] }]);
      expect(readRows(phonetic, ctx, size)).toEqual([{ row: 1, cells: [null, 'z'] }]);
    }
  });

  it('uses the 1904 date system when the workbook says so', () => {
    const xml = '<worksheet><sheetData><row r="2"><c r="A2" s="1"><v>0</v></c></row></sheetData></worksheet>';
    expect(readRows(xml, { ...ctx, date1904: true }, 8)).toEqual([{ row: 2, cells: [new Date(Date.UTC(1904, 0, 1))] }]);
  });

  it('ignores anything outside <sheetData>; an unknown shared string index is a damaged file, not an empty cell', () => {
    const xml = '<worksheet><sheetPr><c r="A1"><v>9</v></c></sheetPr><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1"><v> 12 </v></c></row></sheetData></worksheet>';
    expect(readRows(xml, ctx, 3)).toEqual([{ row: 1, cells: ['SITI AMINAH', 12] }]);
    expect(() => readRows(xml.replace('<v>1</v>', '<v>7</v>'), ctx, 3)).toThrow(ReadFault);
  });
});
