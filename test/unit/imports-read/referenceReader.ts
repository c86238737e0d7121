/**
 * A reference reading of an .xlsx for the differential test: JSZip, strict UTF-8 and the saxes XML parser
 * (well-formedness checked), applying the cell rules of sheetXml.ts as the format states them — written
 * independently of the fast scanner it checks. Any error (zip, XML, reference out of the grid, a cell too large)
 * is returned as { error }.
 */
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { columnNumber, excelSerialToDate, isDateFormat } from '../../../electron/core/imports/read/cells';
import { LIMITS } from '../../../electron/core/imports/read/errors';
import { BUILTIN_DATE_FORMATS } from '../../../electron/core/imports/read/sheetXml';
import type { CellValue, RawRow } from '../../../electron/core/imports/read/types';

export type Reference = { sheets: { name: string; rows: RawRow[] }[] } | { error: string };

/** ST_CellType. */
const CELL_TYPES = new Set(['b', 'd', 'e', 'inlineStr', 'n', 's', 'str']);

const local = (name: string) => name.slice(name.indexOf(':') + 1);

interface Handlers {
  open?(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(t: string): void;
}

/** Parses a whole XML text with saxes; element and attribute names are given without their prefix. */
function parse(xml: string, h: Handlers): void {
  const p = new SaxesParser();
  p.on('error', (e) => {
    throw e;
  });
  p.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[local(k)] = v;
    h.open?.(local(tag.name), attrs, tag.isSelfClosing);
  });
  p.on('closetag', (tag) => h.close?.(local(tag.name)));
  p.on('text', (t) => h.text?.(t));
  p.on('cdata', (t) => h.text?.(t));
  p.write(xml).close();
}

/** Rich text: the text of <t> elements, phonetic runs left out; cut at Excel's cell size. */
class Collect {
  text = '';
  raw = 0;
  add(t: string): void {
    this.raw += t.length;
    if (this.raw > LIMITS.cellHardChars) throw new Error('cell too large');
    this.text += t;
  }
  get value(): string {
    return this.text.slice(0, LIMITS.cellChars);
  }
  get overlong(): boolean {
    return this.text.length > LIMITS.cellChars;
  }
}

export async function referenceRead(bytes: Uint8Array): Promise<Reference> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const text = async (name: string) => {
      const data = await zip.file(name)?.async('uint8array');
      return data ? new TextDecoder('utf-8', { fatal: true }).decode(data) : null;
    };

    const rels = new Map<string, string>();
    parse((await text('xl/_rels/workbook.xml.rels')) ?? '<r/>', {
      open: (n, a) => {
        if (n === 'Relationship' && a.Id && a.Target) rels.set(a.Id, a.Target);
      },
    });
    const sheets: { name: string; path: string }[] = [];
    let date1904 = false;
    const workbook = await text('xl/workbook.xml');
    if (workbook === null) return { error: 'no workbook' };
    parse(workbook, {
      open: (n, a) => {
        if (n === 'sheet') {
          if (!a.name || !a.id || !rels.has(a.id)) throw new Error('sheet without its part');
          const t = rels.get(a.id) ?? '';
          const path = t.startsWith('/') ? t.slice(1) : `xl/${t}`;
          if (!zip.file(path)) throw new Error(`missing sheet part ${path}`);
          sheets.push({ name: a.name, path });
        }
        if (n === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      },
    });

    const shared: string[] = [];
    const sharedLong = new Set<number>();
    const sst = await text('xl/sharedStrings.xml');
    if (sst !== null) {
      let cur: Collect | null = null;
      let inT = false;
      let phonetic = 0;
      parse(sst, {
        open: (n) => {
          if (n === 'si') cur = new Collect();
          else if (n === 'rPh') phonetic++;
          else if (n === 't') inT = phonetic === 0;
        },
        close: (n) => {
          if (n === 't') inT = false;
          else if (n === 'rPh') phonetic--;
          else if (n === 'si' && cur) {
            if (cur.overlong) sharedLong.add(shared.length);
            shared.push(cur.value);
            cur = null;
          }
        },
        text: (t) => {
          if (inT && cur) cur.add(t);
        },
      });
    }

    const formats = new Map<number, string>();
    const xfs: number[] = [];
    const styles = await text('xl/styles.xml');
    if (styles !== null) {
      let inXfs = false;
      parse(styles, {
        open: (n, a) => {
          if (n === 'numFmt') formats.set(Number(a.numFmtId), a.formatCode ?? '');
          else if (n === 'cellXfs') inXfs = true;
          else if (n === 'xf' && inXfs) xfs.push(Number(a.numFmtId ?? 0));
        },
        close: (n) => {
          if (n === 'cellXfs') inXfs = false;
        },
      });
    }
    const isDate = (s: number) => {
      const id = xfs[s];
      if (id === undefined) return false;
      const f = formats.get(id);
      return f !== undefined ? isDateFormat(f) : BUILTIN_DATE_FORMATS.has(id);
    };

    const out: { name: string; rows: RawRow[] }[] = [];
    for (const sheet of sheets) {
      const xml = (await text(sheet.path)) ?? '';
      const rows: RawRow[] = [];
      let inData = false;
      let done = false;
      let row: RawRow | null = null;
      let rowNumber = 0;
      let col = 0;
      let cell: { t: string; s: number; value: Collect | null } | null = null;
      let inV = false;
      let inInline = false;
      let inT = false;
      let phonetic = 0;
      const set = (v: CellValue, overlong: boolean) => {
        if (!row) return;
        while (row.cells.length < col - 1) row.cells.push(null);
        row.cells[col - 1] = v;
        if (overlong) (row.overlong ??= []).push(col - 1);
      };
      try {
        parse(xml, {
          open: (n, a, selfClosing) => {
            if (done) return;
            if (n === 'sheetData') {
              inData = !selfClosing;
              done = selfClosing;
            } else if (!inData) return;
            else if (n === 'row') {
              const r = /^\d+$/.test(a.r ?? '') ? Number(a.r) : 0;
              rowNumber = r > 0 ? r : rowNumber + 1;
              if (rowNumber > LIMITS.maxRow) throw new Error('row out of grid');
              row = { row: rowNumber, cells: [] };
              col = 0;
            } else if (n === 'c') {
              const m = /^([A-Za-z]*)(\d*)/.exec(a.r ?? '');
              const letters = m?.[1] ?? '';
              const c = letters === '' ? 0 : columnNumber(letters);
              if (Number(m?.[2] || 0) > LIMITS.maxRow) throw new Error('ref out of grid');
              col = c > 0 ? c : col + 1;
              if (col > LIMITS.maxColumn) throw new Error('ref out of grid');
              if (a.t !== undefined && !CELL_TYPES.has(a.t)) throw new Error(`cell type ${a.t}`);
              cell = { t: a.t ?? '', s: /^\d+$/.test(a.s ?? '') ? Number(a.s) : 0, value: null };
            } else if (n === 'v' && cell && !inInline) {
              inV = true;
              cell.value = new Collect();
            } else if (n === 'is') inInline = true;
            else if (n === 'rPh') phonetic++;
            else if (n === 't' && inInline && phonetic === 0 && cell) {
              inT = true;
              cell.value ??= new Collect();
            }
          },
          close: (n) => {
            if (done || !inData) return;
            if (n === 'sheetData') {
              inData = false;
              done = true;
            } else if (n === 'row' && row) {
              rows.push(row);
              row = null;
            } else if (n === 'c' && cell) {
              set(...convert(cell));
              cell = null;
            } else if (n === 'v') inV = false;
            else if (n === 't') inT = false;
            else if (n === 'is') inInline = false;
            else if (n === 'rPh') phonetic--;
          },
          text: (t) => {
            if (!done && cell?.value && (inV || inT)) cell.value.add(t);
          },
        });
      } catch (e) {
        // An error after the rows is not one for the rows (the fast reader stops at </sheetData>).
        if (!done) throw e;
      }
      out.push({ name: sheet.name, rows });
    }
    return { sheets: out };

    function convert(c: { t: string; s: number; value: Collect | null }): [CellValue, boolean] {
      if (!c.value) return [null, false];
      const v = c.value.value;
      const long = c.value.overlong;
      switch (c.t) {
        case 's': {
          const i = Number(v);
          const s = shared[i];
          if (s === undefined) throw new Error(`shared string ${v} missing`);
          return [s, long || sharedLong.has(i)];
        }
        case 'str':
        case 'inlineStr':
          return [v, long];
        case 'b':
          return [v.trim() === '1' || v.trim() === 'true', long];
        case 'e':
          return [v.trim(), long];
        case 'd': {
          const d = new Date(v.trim());
          return [Number.isNaN(d.getTime()) ? v : d, long];
        }
        default: {
          if (v.trim() === '') return [null, long];
          const num = Number(v);
          if (Number.isNaN(num)) return [v, long];
          return [isDate(c.s) ? excelSerialToDate(num, date1904) : num, long];
        }
      }
    }
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
