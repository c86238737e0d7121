/**
 * The fast reader (openXlsxIndex + XlsxBook: the zip by hand, the incremental XML scan) against a reference
 * reading with JSZip and saxes (referenceReader.ts): every cell of every sheet of the fixtures the tests build
 * (the messy operator sheet, every preset's header, a seeded random workbook of every cell kind, exceljs's
 * streaming writer, hand-written XML with prefixes, CDATA, comments and entities), then a seeded mutation fuzz
 * of those files (cut, bit-flipped, and re-zipped with their XML damaged so the CRC-32 passes): the reader
 * must give the reference's cells or an ImportReadError — never another exception, a hang, or other cells.
 * "The reference's cells" of a damaged file: what saxes reads from it, or — where the damage is in something
 * the reader has no use for (another part, a zip field it ignores, XML outside what it reads that saxes refuses)
 * — exactly the undamaged file's cells.
 */
import path from 'node:path';
import fs from 'node:fs/promises';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportReadError } from '../../../electron/core/imports/read';
import { headerRows, workbookParts, writeZip } from '../../helpers/hostileXlsx';
import { tempDir, utcDate, writeLargeXlsx, xlsxBytes, type FixtureCell, type FixtureSheet } from '../../helpers/xlsx';
import { messySheets } from '../../integration/imports/messySheet';
import * as headerTexts from './headerTexts';
import { fastRead, type Ours } from './fastRead';
import { referenceRead, type Reference } from './referenceReader';
import { rng } from '../../helpers/registryFixtures';


const TEXTS = ['AMINAH', 'Tom & Jerry', '<kosong>', 'a "quoted" \'word\'', 'Jl. Mawar – No. 3', 'ÄÖÜ ñ 漢字', '😀 emoji', '  spasi  ', 'baris\nbaru', '=1+1', "'0123", '6202014101900001'];

/** A seeded workbook of every kind of cell the fixtures use, on several sheets (one hidden), with merges. */
function randomSheets(seed: number, rows: number): FixtureSheet[] {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const cell = (): FixtureCell => {
    switch (Math.floor(r() * 10)) {
      case 0:
        return null;
      case 1:
        return Math.floor(r() * 1e6) - 5e5;
      case 2:
        return r() * 1000;
      case 3:
        return 6_202_014_101_900_000 + Math.floor(r() * 1000);
      case 4:
        return utcDate(1950 + Math.floor(r() * 70), 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28));
      case 5:
        return r() < 0.5;
      case 6:
        return { formula: 'A1&"x"', result: pick(TEXTS) };
      case 7:
        return { richText: [{ text: pick(TEXTS), bold: true }, { text: pick(TEXTS) }] };
      case 8:
        return { value: 30000 + Math.floor(r() * 20000), numFmt: pick(['dd/mm/yyyy', '"Rp"#,##0', '0.00', 'd mmmm yyyy']) };
      default:
        return pick(TEXTS);
    }
  };
  const grid = (n: number, width: number) => Array.from({ length: n }, () => (r() < 0.1 ? [] : Array.from({ length: width }, cell)));
  return [
    { name: 'Referensi', state: 'hidden', rows: grid(5, 3) },
    { name: 'DATA', rows: [[...headerTexts.DTKS], ...grid(rows, headerTexts.DTKS.length)], merges: ['A2:A4', 'C5:F5'] },
    { name: 'Kosong', rows: [] },
  ];
}

/** Sheet XML as other generators write it: a namespace prefix, inline strings, CDATA, comments, entities. */
const HAND_XML = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1:F9"/>',
  '<!-- a comment <row r="99"> that is not a row --><x:sheetData>',
  headerRows('x:'),
  '<x:row r="4"><x:c r="B4" t="inlineStr"><x:is><x:r><x:t>Jl. Mawar &amp; </x:t></x:r><x:r><x:t>Melati &#x2013; &#8211;</x:t></x:r>',
  '<x:rPh sb="0" eb="1"><x:t>シ</x:t></x:rPh></x:is></x:c><x:c r="D4" t="b"><x:v>1</x:v></x:c><x:c r="F4" t="e"><x:v>#N/A</x:v></x:c></x:row>',
  '<x:row><x:c t="str"><x:f>A1&amp;"x"</x:f><x:v><![CDATA[<kosong> & ok]]></x:v></x:c><x:c><x:v> 6202014101900001 </x:v></x:c><x:c t="n"/><x:c t="d"><x:v>2000-01-31T00:00:00Z</x:v></x:c></x:row>',
  '<x:row r="9" hidden="1"/></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>',
].join('');

function same(ours: Ours, ref: Reference): boolean {
  return !('error' in ours) && !('error' in ref) && JSON.stringify(ours.sheets) === JSON.stringify(ref.sheets);
}

/** Where two readings part (for replaying a failing case). */
function firstDifference(a: Ours, b: Reference): string {
  if ('error' in a || 'error' in b) return 'an error';
  if (a.sheets.length !== b.sheets.length) return `sheets ${a.sheets.map((s) => s.name).join()} vs ${b.sheets.map((s) => s.name).join()}`;
  for (let i = 0; i < a.sheets.length; i++) {
    const x = a.sheets[i]!.rows;
    const y = b.sheets[i]!.rows;
    for (let j = 0; j < Math.max(x.length, y.length); j++) {
      if (JSON.stringify(x[j]) !== JSON.stringify(y[j])) return `sheet ${i} row #${j}: ${JSON.stringify(x[j])} vs ${JSON.stringify(y[j])}`;
    }
  }
  return 'none';
}

let fixtures: { name: string; bytes: Uint8Array; reference: Reference }[] = [];

beforeAll(async () => {
  const dir = await tempDir('dinsos-diff-');
  const messy = messySheets().sheets;
  const presets = Object.entries(headerTexts as Record<string, unknown>).filter((e): e is [string, string[]] => Array.isArray(e[1]));
  await writeZip(path.join(dir, 'hand.xlsx'), workbookParts([{ text: HAND_XML }]));
  await writeLargeXlsx(path.join(dir, 'streamed.xlsx'), headerTexts.DTKS, 1500, (i) => [
    i + 1, `ID${i}`, 'KALIMANTAN TENGAH', 'KOTAWARINGIN TIMUR', 'BAAMANG', i % 3 ? 'BAAMANG HULU' : 'KETAPANG', `JL. MAWAR NO ${i}`,
    null, '003', '001', `620205${String(i).padStart(10, '0')}`, `62020${String(i).padStart(11, '0')}`, `NAMA ${i} & <anak>`,
    utcDate(1950 + (i % 60), 1 + (i % 12), 1 + (i % 28)), 'SAMPIT',
  ]);
  const built = [
    { name: 'messy', bytes: await xlsxBytes(messy) },
    { name: 'presets', bytes: await xlsxBytes(presets.map(([name, h]) => ({ name: name.slice(0, 31), rows: [['JUDUL'], [...h], h.map((_, i) => i + 1)] }))) },
    { name: 'random', bytes: await xlsxBytes(randomSheets(13, 40)) },
    { name: 'random-small', bytes: await xlsxBytes(randomSheets(7, 12)) },
    { name: 'hand', bytes: await fs.readFile(path.join(dir, 'hand.xlsx')) },
    { name: 'streamed', bytes: await fs.readFile(path.join(dir, 'streamed.xlsx')) },
  ];
  fixtures = await Promise.all(built.map(async (f) => ({ ...f, reference: await referenceRead(f.bytes) })));
  await fs.rm(dir, { recursive: true, force: true });
});

describe('differential: the fast reader gives the reference cells', () => {
  it('on every fixture, every sheet, every cell', async () => {
    for (const f of fixtures) {
      const ref = f.reference;
      const ours = await fastRead(f.bytes);
      if ('error' in ref) throw new Error(`${f.name}: reference failed: ${ref.error}`);
      if ('error' in ours) throw ours.error;
      expect(ours.sheets.map((s) => s.rows.length).reduce((a, b) => a + b, 0), f.name).toBeGreaterThan(0);
      expect(ours.sheets, f.name).toEqual(ref.sheets);
    }
  });
});

type Mutation = (bytes: Uint8Array, r: () => number) => Promise<Uint8Array>;

const flipBit = (b: Uint8Array, r: () => number): Uint8Array => {
  const out = Uint8Array.from(b);
  const i = Math.floor(r() * out.length);
  out[i] = (out[i] ?? 0) ^ (1 << Math.floor(r() * 8));
  return out;
};

/** The XML parts the reader reads, damaged one way or another, then zipped again with true CRCs. */
const XML_PARTS = ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'];

async function reZipped(bytes: Uint8Array, r: () => number): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const names = XML_PARTS.filter((n) => zip.file(n));
  const name = names[Math.floor(r() * names.length)] ?? 'xl/workbook.xml';
  const xml = Buffer.from(await zip.file(name)!.async('uint8array'));
  const at = Math.floor(r() * xml.length);
  let damaged: Buffer;
  switch (Math.floor(r() * 5)) {
    case 0:
      damaged = Buffer.from(flipBit(xml, r));
      break;
    case 1:
      damaged = xml.subarray(0, at);
      break;
    case 2:
      damaged = Buffer.concat([xml.subarray(0, at), xml.subarray(at + 1 + Math.floor(r() * 20))]);
      break;
    case 3: {
      const len = Math.floor(r() * 200);
      damaged = Buffer.concat([xml.subarray(0, at), xml.subarray(at, at + len), xml.subarray(at)]);
      break;
    }
    default: {
      const ch = '<>&/"\'= ;#x:'[Math.floor(r() * 12)] ?? '<';
      damaged = Buffer.concat([xml.subarray(0, at), Buffer.from(ch), xml.subarray(at)]);
    }
  }
  zip.file(name, damaged);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const MUTATIONS: [string, Mutation][] = [
  ['cut', async (b, r) => b.subarray(0, Math.floor(r() * b.length))],
  ['bit-flip', async (b, r) => flipBit(b, r)],
  ['re-zipped', reZipped],
];

describe('mutation fuzz: the reference cells or a clean ImportReadError', () => {
  it('on thousands of damaged copies of the fixtures (seeded)', async () => {
    const CASES = Number(process.env.READ_FUZZ_CASES ?? 1500);
    const bases = fixtures.filter((f) => f.name !== 'streamed'); // small ones: many cases per second
    const outcomes = new Map<string, number>();
    const bad: string[] = [];
    const started = performance.now();
    let slowest = 0;
    // READ_FUZZ_FROM=n READ_FUZZ_CASES=1 replays case #n.
    const from = Number(process.env.READ_FUZZ_FROM ?? 0);
    for (let i = from; i < from + CASES; i++) {
      const r = rng(1000 + i);
      const base = bases[i % bases.length]!;
      const [kind, mutate] = MUTATIONS[Math.floor(i / bases.length) % MUTATIONS.length]!;
      const bytes = await mutate(base.bytes, r);
      const t = performance.now();
      const ours = await fastRead(bytes);
      slowest = Math.max(slowest, performance.now() - t);
      const ref = await referenceRead(bytes);
      let outcome: string;
      if ('error' in ours) {
        outcome = ours.error instanceof ImportReadError ? `error ${ours.error.code}` : 'CRASH';
        if (!(ours.error instanceof ImportReadError)) bad.push(`#${i} ${kind} ${base.name}: ${String(ours.error)}`);
      } else if (!('error' in ref) && same(ours, ref)) {
        outcome = 'the reference cells of the damaged file';
      } else if (same(ours, base.reference)) {
        // The damage is in what neither reader needs (another part, a zip field the reader does not use) or
        // in XML the reference refuses but the reader has no use for: the file's own cells, exactly.
        outcome = 'the undamaged file cells';
      } else {
        outcome = 'GARBAGE';
        bad.push(`#${i} ${kind} ${base.name}: cells neither reader reading gives (reference: ${'error' in ref ? ref.error : 'other cells'})`);
        if (CASES === 1) console.log(firstDifference(ours, 'error' in ref ? base.reference : ref));
      }
      const key = `${kind}: ${outcome}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    console.log(
      `fuzz: ${CASES} cases in ${((performance.now() - started) / 1000).toFixed(1)} s, slowest read ${slowest.toFixed(0)} ms\n` +
        [...outcomes].sort().map(([k, n]) => `  ${k}: ${n}`).join('\n'),
    );
    expect(bad.slice(0, 20)).toEqual([]);
    expect(slowest).toBeLessThan(2000);
  }, 120_000);
});
