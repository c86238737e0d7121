/**
 * The zip's central directory as zipDirectory.ts reads it: records whose sizes and offset are in the zip64
 * extra field (as a writer streaming large parts may write them) read as the plain ones; a record pointing at a
 * zip64 field it does not have is a damaged file.
 */
import { describe, expect, it } from 'vitest';
import { ImportReadError, openSource, type SourceRow } from '../../../electron/core/imports/read';
import { headerRow, xlsxBytes } from '../../helpers/xlsx';
import { DTKS } from './headerTexts';

const NO_32 = 0xffffffff;

/** The same zip with every directory record's sizes and local header offset moved into a zip64 extra field. */
function zip64Records(zip: Uint8Array, withExtra: boolean): Uint8Array {
  const b = Buffer.from(zip);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = b.readUInt16LE(eocd + 10);
  const dirOffset = b.readUInt32LE(eocd + 16);
  const records: Buffer[] = [];
  let pos = dirOffset;
  for (let i = 0; i < count; i++) {
    const nameLength = b.readUInt16LE(pos + 28);
    const extraLength = b.readUInt16LE(pos + 30);
    const commentLength = b.readUInt16LE(pos + 32);
    const head = Buffer.from(b.subarray(pos, pos + 46 + nameLength));
    const extra = b.subarray(pos + 46 + nameLength, pos + 46 + nameLength + extraLength);
    const comment = b.subarray(pos + 46 + nameLength + extraLength, pos + 46 + nameLength + extraLength + commentLength);
    const zip64 = Buffer.alloc(28);
    zip64.writeUInt16LE(0x0001, 0);
    zip64.writeUInt16LE(24, 2);
    zip64.writeBigUInt64LE(BigInt(head.readUInt32LE(24)), 4);
    zip64.writeBigUInt64LE(BigInt(head.readUInt32LE(20)), 12);
    zip64.writeBigUInt64LE(BigInt(head.readUInt32LE(42)), 20);
    head.writeUInt32LE(NO_32, 20);
    head.writeUInt32LE(NO_32, 24);
    head.writeUInt32LE(NO_32, 42);
    head.writeUInt16LE(extraLength + (withExtra ? zip64.length : 0), 30);
    records.push(head, extra, withExtra ? zip64 : Buffer.alloc(0), comment);
    pos += 46 + nameLength + extraLength + commentLength;
  }
  const dir = Buffer.concat(records);
  const end = Buffer.from(b.subarray(eocd));
  end.writeUInt32LE(dir.length, 12);
  return Buffer.concat([b.subarray(0, dirOffset), dir, end]);
}

async function rowsOf(bytes: Uint8Array): Promise<SourceRow[]> {
  const source = await openSource({ bytes, fileName: 'data.xlsx' });
  const out: SourceRow[] = [];
  for await (const r of source.rows()) out.push(r);
  return out;
}

describe('zip central directory', () => {
  it('reads sizes and offsets from the zip64 extra field; a record without the field it points at is FILE_NOT_XLSX', async () => {
    const header = DTKS;
    const nik = header.indexOf('NIK');
    const row = (n: number) => header.map((_, i) => (i === nik ? `620201410190000${n}` : `isi ${n}`));
    const plain = await xlsxBytes([{ name: 'DTKS', rows: [headerRow(header), row(1), row(2)] }]);
    const expected = await rowsOf(plain);
    expect(expected).toHaveLength(2);
    expect(await rowsOf(zip64Records(plain, true))).toEqual(expected);
    await expect(rowsOf(zip64Records(plain, false))).rejects.toMatchObject({ name: ImportReadError.name, code: 'FILE_NOT_XLSX' });
  });
});
