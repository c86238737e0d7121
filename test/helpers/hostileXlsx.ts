/**
 * Hostile .xlsx files for the reader's limits, written as zips by hand: a part is given as pieces of text, a
 * piece repeated any number of times is deflated once (a full flush makes it a self-contained run of deflate
 * blocks) and its compressed bytes repeated, so a file of 1–2 MB inflates to hundreds of MB or GBs without
 * ever holding them. Sizes and CRC-32s are the true ones unless a test states a lie on purpose.
 */
import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import { ownPeakRssMb } from './peakRss';

export interface Piece {
  text: string | Buffer;
  /** How many times the piece follows itself (default 1). */
  repeat?: number;
}

export interface Part {
  name: string;
  pieces: Piece[];
  /** State this uncompressed size in the zip instead of the true one (a lying zip; its CRC-32 is then 0). */
  statedSize?: number;
}

interface Deflated {
  data: Buffer[];
  size: number;
  crc: number;
}

/** `crc`: false to skip the CRC-32 (0 is stated; for a part whose size is a lie anyway). */
function deflatePieces(pieces: readonly Piece[], withCrc: boolean): Deflated {
  const data: Buffer[] = [];
  let size = 0;
  let crc = 0;
  for (const p of pieces) {
    const raw = typeof p.text === 'string' ? Buffer.from(p.text, 'utf8') : p.text;
    const block = zlib.deflateRawSync(raw, { finishFlush: zlib.constants.Z_FULL_FLUSH });
    for (let i = 0; i < (p.repeat ?? 1); i++) {
      data.push(block);
      size += raw.length;
      if (withCrc) crc = zlib.crc32(raw, crc);
    }
  }
  data.push(zlib.deflateRawSync(Buffer.alloc(0))); // the final (empty) block
  return { data, size, crc };
}

/** Writes a zip of deflated parts; returns the file's size in bytes. */
export async function writeZip(file: string, parts: readonly Part[]): Promise<number> {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const d = deflatePieces(part.pieces, part.statedSize === undefined);
    const stated = part.statedSize ?? d.size;
    if (stated > 0xffffffff) throw new Error('hostileXlsx: no zip64 here; state a size under 4 GB');
    const name = Buffer.from(part.name, 'utf8');
    const compressed = d.data.reduce((n, b) => n + b.length, 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(d.crc >>> 0, 14);
    local.writeUInt32LE(compressed, 18);
    local.writeUInt32LE(stated, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(0, 12);
    cd.writeUInt32LE(d.crc >>> 0, 16);
    cd.writeUInt32LE(compressed, 20);
    cd.writeUInt32LE(stated, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    out.push(local, name, ...d.data);
    offset += 30 + name.length + compressed;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  const all = [...out, ...central, end];
  await fs.writeFile(file, Buffer.concat(all));
  return offset + cdSize + 22;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** The parts every workbook has, around one sheet (and a shared strings part when given). */
export function workbookParts(sheet: Piece[], opts: { sharedStrings?: Piece[]; statedSheetSize?: number; statedSstSize?: number } = {}): Part[] {
  const parts: Part[] = [
    {
      name: '[Content_Types].xml',
      pieces: [
        {
          text:
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
            '<Default Extension="xml" ContentType="application/xml"/>' +
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        },
      ],
    },
    {
      name: '_rels/.rels',
      pieces: [
        {
          text:
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        },
      ],
    },
    {
      name: 'xl/workbook.xml',
      pieces: [
        {
          text:
            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
            '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        },
      ],
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      pieces: [
        {
          text:
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
            (opts.sharedStrings
              ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
              : '') +
            '</Relationships>',
        },
      ],
    },
    { name: 'xl/worksheets/sheet1.xml', pieces: sheet, ...(opts.statedSheetSize !== undefined ? { statedSize: opts.statedSheetSize } : {}) },
  ];
  if (opts.sharedStrings) {
    parts.push({
      name: 'xl/sharedStrings.xml',
      pieces: opts.sharedStrings,
      ...(opts.statedSstSize !== undefined ? { statedSize: opts.statedSstSize } : {}),
    });
  }
  return parts;
}

/** A header row (NIK, NAMA) and one data row, as sheet XML rows (x: prefix when asked). */
export function headerRows(p = ''): string {
  return (
    `<${p}row r="1"><${p}c r="A1" t="inlineStr"><${p}is><${p}t>NIK</${p}t></${p}is></${p}c><${p}c r="B1" t="inlineStr"><${p}is><${p}t>NAMA</${p}t></${p}is></${p}c></${p}row>` +
    `<${p}row r="2"><${p}c r="A2" t="inlineStr"><${p}is><${p}t>6202014101900001</${p}t></${p}is></${p}c><${p}c r="B2" t="inlineStr"><${p}is><${p}t>AMINAH</${p}t></${p}is></${p}c></${p}row>`
  );
}

const MB = 1024 * 1024;
const BLOCK = 16 * MB;

export type HostileKind = 'huge-cell' | 'huge-shared-string' | 'junk-after-sheetdata' | 'cell-ref-out-of-grid';

/**
 * The four hostile files of issue 13. `lie`: the zip states a small size for the big part (under the reader's
 * ratio limit), so the reader must meet the content itself instead of refusing it from the directory.
 */
export async function writeHostile(file: string, kind: HostileKind, opts: { lie?: boolean } = {}): Promise<number> {
  const lie = opts.lie === true ? 8 * MB : undefined;
  const A = Buffer.alloc(BLOCK, 'A');
  const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><dimension ref="A1:B3"/><sheetData>`;
  switch (kind) {
    case 'huge-cell': // ~700 MB of text in one cell, under the header
      return writeZip(
        file,
        workbookParts(
          [
            { text: `${head}${headerRows()}<row r="3"><c r="A3" t="inlineStr"><is><t>` },
            { text: A, repeat: 44 },
            { text: '</t></is></c></row></sheetData></worksheet>' },
          ],
          lie !== undefined ? { statedSheetSize: lie } : {},
        ),
      );
    case 'huge-shared-string': // one shared string of ~700 MB
      return writeZip(
        file,
        workbookParts(
          [{ text: `${head}${headerRows()}<row r="3"><c r="A3" t="s"><v>0</v></c></row></sheetData></worksheet>` }],
          {
            sharedStrings: [
              { text: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="1" uniqueCount="1"><si><t>` },
              { text: A, repeat: 44 },
              { text: '</t></si></sst>' },
            ],
            ...(lie !== undefined ? { statedSstSize: lie } : {}),
          },
        ),
      );
    case 'junk-after-sheetdata': // ~2 GB of bytes after </sheetData>
      return writeZip(
        file,
        workbookParts(
          [
            { text: `${head}${headerRows()}</sheetData>` },
            { text: Buffer.alloc(BLOCK, ' '), repeat: 120 },
            { text: '</worksheet>' },
          ],
          lie !== undefined ? { statedSheetSize: lie } : {},
        ),
      );
    case 'cell-ref-out-of-grid': // r="AAAAA1": column 12,356,631
      return writeZip(
        file,
        workbookParts([
          { text: `${head}${headerRows()}<row r="3"><c r="AAAAA3" t="inlineStr"><is><t>X</t></is></c></row></sheetData></worksheet>` },
        ]),
      );
    default:
      throw new Error(`unknown hostile kind ${String(kind)}`);
  }
}

/**
 * Run in a child process (`node --import tsx -e "import(…).then((m) => m.readInChild(file))"`): reads the file
 * with openSource() and every row, and prints one JSON line: the error code or the row count, the time taken
 * and the process's peak RSS.
 */
export async function readInChild(file: string): Promise<void> {
  const { openSource, ImportReadError } = await import('../../electron/core/imports/read');
  const start = performance.now();
  let result: { code: string | null; message: string; rows: number };
  try {
    const src = await openSource({ path: file });
    let rows = 0;
    for await (const _ of src.rows()) rows++;
    result = { code: null, message: '', rows };
  } catch (e) {
    result = { code: e instanceof ImportReadError ? e.code : `NOT_A_READ_ERROR ${String(e)}`, message: e instanceof Error ? e.message : '', rows: 0 };
  }
  const ms = Math.round(performance.now() - start);
  const maxRssMb = Math.round(ownPeakRssMb());
  process.stdout.write(`${JSON.stringify({ ...result, ms, maxRssMb })}\n`);
}

export type DirectoryBombKind = 'many-entries' | 'records-claimed' | 'extra-fields' | 'directory-size-lie';

/**
 * Zips whose central directory is the attack: `many-entries`, a real workbook followed by 1,000,000 more
 * directory records (all pointing at its first part; ~55 MB); `records-claimed`, a zip64 end record claiming
 * 4,294,967,295 records over a directory of five; `extra-fields`, 1,400 records each with a 65,535-byte extra
 * field and comment (~183 MB of directory, under the 200 MB file limit); `directory-size-lie`, the same records
 * with the directory's size stated as that of the workbook's own five records.
 */
export async function writeDirectoryBomb(file: string, kind: DirectoryBombKind): Promise<number> {
  const tmp = `${file}.base`;
  await writeZip(tmp, workbookParts([{ text: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${headerRows()}</sheetData></worksheet>` }]));
  const base = await fs.readFile(tmp);
  await fs.rm(tmp);
  const eocd = base.subarray(base.length - 22);
  const realCount = eocd.readUInt16LE(10);
  const cdSize = eocd.readUInt32LE(12);
  const cdOffset = eocd.readUInt32LE(16);
  const body = base.subarray(0, cdOffset);
  const realCd = base.subarray(cdOffset, cdOffset + cdSize);
  const extra: Buffer[] = [];
  let extraCount = 0;
  const record = (name: string, extraLen: number, commentLen: number) => {
    const n = Buffer.from(name);
    const cd = Buffer.alloc(46);
    realCd.copy(cd, 0, 0, 46); // the first part's record: same local header, sizes and CRC
    cd.writeUInt16LE(n.length, 28);
    cd.writeUInt16LE(extraLen, 30);
    cd.writeUInt16LE(commentLen, 32);
    // Extra data as one unknown-tag block (tag 0xCAFE), so no parser takes it for zip64 sizes.
    const ex = Buffer.alloc(extraLen, 0x41);
    if (extraLen >= 4) {
      ex.writeUInt16LE(0xcafe, 0);
      ex.writeUInt16LE(extraLen - 4, 2);
    }
    extra.push(cd, n, ex, Buffer.alloc(commentLen, 0x42));
    extraCount++;
  };
  if (kind === 'many-entries') for (let i = 0; i < 1_000_000; i++) record(`d/${i.toString(36).padStart(4, '0')}`, 0, 0);
  if (kind === 'extra-fields' || kind === 'directory-size-lie') for (let i = 0; i < 1_400; i++) record(`d/${i}`, 65_535, 65_535);
  const cd = Buffer.concat([realCd, ...extra]);
  const count = kind === 'records-claimed' ? 0xffffffff : realCount + extraCount;
  const cdStart = body.length;
  // zip64 end of central directory record, its locator, then the classic end record pointing at them.
  const z64 = Buffer.alloc(56);
  z64.writeUInt32LE(0x06064b50, 0);
  z64.writeBigUInt64LE(44n, 4);
  z64.writeUInt16LE(45, 12);
  z64.writeUInt16LE(45, 14);
  z64.writeBigUInt64LE(BigInt(count), 24);
  z64.writeBigUInt64LE(BigInt(count), 32);
  z64.writeBigUInt64LE(BigInt(kind === 'directory-size-lie' ? realCd.length : cd.length), 40);
  z64.writeBigUInt64LE(BigInt(cdStart), 48);
  const loc = Buffer.alloc(20);
  loc.writeUInt32LE(0x07064b50, 0);
  loc.writeBigUInt64LE(BigInt(cdStart + cd.length), 8);
  loc.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  const all = Buffer.concat([body, cd, z64, loc, end]);
  await fs.writeFile(file, all);
  return all.length;
}
