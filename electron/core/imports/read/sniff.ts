/**
 * What kind of file the operator gave, decided from its first bytes (the name can lie: a PDF or a text file
 * renamed .xlsx, an HTML table saved as .xls by a web application) and its size, before anything is parsed.
 *
 * - `PK\x03\x04` (zip) → ods when its first entry is the OpenDocument `mimetype` of a spreadsheet (or the name
 *   ends .ods), else xlsx whatever the name; the zip is checked for xl/workbook.xml / content.xml later.
 * - `D0 CF 11 E0 A1 B1 1A E1` (OLE compound file): a password-protected .xlsx is stored this way, with streams
 *   named "EncryptionInfo" and "EncryptedPackage"; otherwise it is an old .xls (or another Office 97 file).
 *   The stream names are found by scanning the file for their UTF-16LE spelling (directory sectors can be
 *   anywhere; the scan is a byte search, done only for this kind of file). An unencrypted one is read as .xls.
 * - .csv / .tsv / .txt → CSV.  .xls that is not a compound file (an HTML/XML "xls") → FILE_XLS_OLD.
 * .xls and .ods are parsed whole in memory, so they are held to LIMITS.legacyBytes (FILE_TOO_LARGE saying so).
 * - anything else → FILE_NOT_XLSX.
 */
import fs from 'node:fs';
import { LIMITS, readErrors } from './errors';

export type SourceKind = 'xlsx' | 'csv' | 'xls' | 'ods';

/** Bytes read from the start: an .ods's stored `mimetype` entry and its content sit at offsets 30–84. */
const HEAD_BYTES = 128;
const ODS_MIMETYPE = Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet');

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => head[i] === b);
}

function extension(fileName: string): string {
  const m = /\.([^./\\]+)$/.exec(fileName);
  return m?.[1] ? m[1].toLowerCase() : '';
}

async function readHead(input: { path: string } | { bytes: Uint8Array }): Promise<Uint8Array> {
  if ('bytes' in input) return input.bytes.subarray(0, HEAD_BYTES);
  const fh = await fs.promises.open(input.path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function containsEncryptedPackage(input: { path: string } | { bytes: Uint8Array }): Promise<boolean> {
  if ('bytes' in input) {
    return Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength).includes(ENCRYPTED_PACKAGE);
  }
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(input.path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    if (buf.includes(ENCRYPTED_PACKAGE)) return true;
    carry = buf.subarray(Math.max(0, buf.length - ENCRYPTED_PACKAGE.length));
  }
  return false;
}

export async function sniffSource(
  input: { path: string } | { bytes: Uint8Array },
  fileName: string,
  maxBytes: number,
): Promise<{ kind: SourceKind; size: number }> {
  let size: number;
  if ('path' in input) {
    try {
      size = (await fs.promises.stat(input.path)).size;
    } catch (e) {
      throw readErrors.notFound(input.path, e);
    }
  } else {
    size = input.bytes.byteLength;
  }
  if (size > maxBytes) throw readErrors.tooLarge(fileName, size, maxBytes);

  const head = await readHead(input);
  const ext = extension(fileName);
  const legacy = (kind: 'xls' | 'ods') => {
    const limit = Math.min(maxBytes, LIMITS.legacyBytes);
    if (size > limit) throw readErrors.legacyTooLarge(fileName, kind, size, limit);
    return { kind, size };
  };
  if (startsWith(head, ZIP) || startsWith(head, ZIP_EMPTY)) {
    const ods = Buffer.from(head.buffer, head.byteOffset, head.byteLength).subarray(30).indexOf(ODS_MIMETYPE) === 0;
    return ods || ext === 'ods' ? legacy('ods') : { kind: 'xlsx', size };
  }
  if (startsWith(head, CFB)) {
    if (await containsEncryptedPackage(input)) throw readErrors.encrypted(fileName);
    return legacy('xls');
  }
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return { kind: 'csv', size };
  if (ext === 'xls') throw readErrors.xlsOld(fileName);
  throw readErrors.notXlsx(fileName);
}
