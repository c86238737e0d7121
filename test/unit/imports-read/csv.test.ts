import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSource, type Source, type SourceRow } from '../../../electron/core/imports/read';
import { CsvParser, detectDelimiter } from '../../../electron/core/imports/read/csv';
import { DTKS_SULTENG, SIKS_NG_USULAN } from './headerTexts';
import { cancelAtRow, writeBigCsv } from '../../helpers/readerLimits';
import { tempDir } from '../../helpers/xlsx';

async function collect(src: Source): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const r of src.rows()) out.push(r);
  return out;
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('CSV', () => {
  it('reads ";" with a BOM and CRLF, title rows, quoted fields with ; " and line breaks, exact row numbers', async () => {
    const header = SIKS_NG_USULAN.map((h) => (h.includes('\n') ? `"${h}"` : h)).join(';');
    const text =
      '\uFEFFDAFTAR USULAN DESA BAPINANG;;;\r\n' +
      ';;;\r\n' +
      `${header}\r\n` +
      '6202014101900001;BPNT;6202010101010099;"AMINAH; S.Pd";SAMPIT;31/01/2000;"SITI ""IBU""";P\r\n' +
      '\r\n' +
      '="6202010202900002";PKH;6202010101010099;"BUDI\r\nSANTOSO";SAMPIT;1990-02-02\r\n' +
      '6.20201E+15;PKH;;CITRA\r\n' +
      ';;;;;;;;;;;;;;;;;;Sampit, 12 Mei 2024\r\n' +
      ';Mengetahui,\r\n';
    const src = await openSource({ bytes: enc(text), fileName: 'usulan.csv' });
    expect(src.fileType).toBe('csv');
    expect(src.sheets).toEqual([{ name: 'usulan', hidden: false }]);
    expect(src.headerRow).toBe(3);
    expect(src.preset.id).toBe('siks-ng-usulan');
    expect(src.columns[5]).toMatchObject({ header: 'TANGGAL LAHIR (31/01/2000)', field: 'tanggalLahir' });
    const rows = await collect(src);
    // record 6 spans two physical lines (a quoted line break), as one row in Excel
    expect(rows.map((r) => r.row)).toEqual([4, 6, 7]);
    expect(rows[0]?.values).toMatchObject({ nik: '6202014101900001', nama: 'AMINAH; S.Pd', ibuKandung: 'SITI "IBU"' });
    expect(rows[1]?.values).toMatchObject({ nik: '6202010202900002', nama: 'BUDI\r\nSANTOSO', tanggalLahir: '1990-02-02' });
    // CSV has no types: a NIK Excel wrote in scientific notation arrives as that text, for the validator to reject.
    expect(rows[2]?.values.nik).toBe('6.20201E+15');
    expect(rows[2]?.values.noKk).toBeNull();
    expect(src.skipped().map((s) => [s.row, s.reason])).toEqual([
      [8, 'footer'],
      [9, 'footer'],
    ]);
  });

  it('reads the pipe-delimited DTKS export with quoted fields', async () => {
    const q = (xs: string[]) => xs.map((x) => `"${x}"`).join('|');
    const text = [
      q(DTKS_SULTENG),
      q(['123', 'SULAWESI TENGAH', 'PALU', 'PALU BARAT', 'LERE', 'JL. A', '', '001', '002', '7271010101010001',
        '7271014101900001', 'WATI', '1990-01-01', 'PALU', 'P', 'INA', 'ISTRI']),
    ].join('\n');
    const src = await openSource({ bytes: enc(text), fileName: 'dtks.txt' });
    expect(src.preset.id).toBe('dtks');
    const [r] = await collect(src);
    expect(r?.row).toBe(2);
    expect(r?.values).toMatchObject({ idDtks: '123', nik: '7271014101900001', noKk: '7271010101010001', dusun: null, rt: '001' });
  });

  it('reads tab-delimited text and falls back to Windows-1252 when the bytes are not UTF-8', async () => {
    const latin1 = Buffer.from('NIK\tNAMA\tALAMAT\n6202014101900001\tJOS\xc9\tJL. A\n', 'latin1');
    const src = await openSource({ bytes: new Uint8Array(latin1), fileName: 'daftar.csv' });
    const [r] = await collect(src);
    expect(r?.values).toEqual({ nik: '6202014101900001', nama: 'JOSÉ', alamat: 'JL. A' });
  });

  it('reads UTF-16 LE with BOM (Excel "Unicode Text")', async () => {
    const body = Buffer.from('NIK\tNAMA\r\n6202014101900001\tANI\r\n', 'utf16le');
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    const [r] = await collect(await openSource({ bytes, fileName: 'daftar.txt' }));
    expect(r?.values).toEqual({ nik: '6202014101900001', nama: 'ANI' });
  });

  it('chooses the delimiter by consistency, not by count', () => {
    expect(detectDelimiter('NIK;NAMA;ALAMAT\n1;H. ABDUL, S.Pd;JL. A, B, C\n2;X;Y\n')).toBe(';');
    expect(detectDelimiter('NIK,NAMA,ALAMAT\n1,"A; B",C\n')).toBe(',');
    expect(detectDelimiter('NIK\tNAMA\n1\tA\n')).toBe('\t');
    expect(detectDelimiter('NIK|NAMA\n1|A\n')).toBe('|');
  });

  it('parses across arbitrary chunk boundaries (quotes, CRLF)', () => {
    const text = 'a,"b ""x"", y",c\r\n"multi\r\nline",2,3\r\nlast,,\r\n';
    const whole = new CsvParser(',');
    const expected = [...whole.feed(text), ...whole.end()];
    expect(expected.map((r) => r.cells)).toEqual([
      ['a', 'b "x", y', 'c'],
      ['multi\r\nline', '2', '3'],
      ['last', null, null],
    ]);
    for (let size = 1; size <= 7; size++) {
      const p = new CsvParser(',');
      const got = [];
      for (let i = 0; i < text.length; i += size) got.push(...p.feed(text.slice(i, i + size)));
      got.push(...p.end());
      expect(got).toEqual(expected);
    }
  });

  it('reads a file from a path and again from the top', async () => {
    const { writeFile } = await import('node:fs/promises');
    const { tempDir } = await import('../../helpers/xlsx');
    const file = `${await tempDir()}/peserta.csv`;
    const text = 'No,NIK,Nama\n1,6202014101900001,ANI\n2,,\n3,6202014101900002,BUDI\n';
    await writeFile(file, text);
    const src = await openSource({ path: file });
    expect((await collect(src)).map((r) => r.row)).toEqual([2, 4]);
    expect((await collect(src)).map((r) => r.values.nama)).toEqual(['ANI', 'BUDI']);
    expect(src.progress()).toMatchObject({ bytesRead: text.length, totalBytes: text.length, row: 4, lastRow: null });
  });
});

describe('CSV cancel (issue 15)', () => {
  it("a cancel during a big CSV stops the read, with the caller's own error", async () => {
    // 300,000 rows (~24 MB); how soon it stops: `npm run bench limits`.
    const file = await writeBigCsv(path.join(await tempDir(), 'besar.csv'));
    class Cancelled extends Error {}
    const cancelled = new Cancelled('dibatalkan');
    const { thrown, rows } = await cancelAtRow({ path: file }, 2000, cancelled);
    expect(thrown).toBe(cancelled);
    expect(rows).toBeLessThan(100_000);
  });
});
