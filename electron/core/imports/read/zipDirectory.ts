/**
 * The zip's central directory, read here rather than by `unzipper`'s Open (which the reader used before): an
 * xlsx has tens of parts, so more than LIMITS.zipEntries records, or a directory larger than
 * LIMITS.zipDirectoryBytes, is refused at once (unzipper read as many records as the end record claimed, one
 * promise chain each: a directory of 1,000,000 records took 45 s and 1.4 GB), and the records are read inside
 * the stated directory, in one piece. Loading unzipper (bluebird and friends) also cost each import's reader
 * thread ~130 ms of CPU before its first row. The fields are read as unzipper read them: the end record in the
 * file's last 80 bytes, zip64 through its locator, names as UTF-8, sizes and offset from the zip64 extra field
 * when the record holds 0xFFFFFFFF.
 */
import { LIMITS, readErrors } from './errors';

/** One entry of the directory: where its data is and what it should inflate to. */
export interface ZipEntry {
  path: string;
  uncompressedSize: number;
  compressedSize: number;
  compressionMethod: number;
  crc32: number;
  flags: number;
  offsetToLocalFileHeader: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const RECORD = 0x02014b50;
const ZIP64_EXTRA = 0x0001;
/** unzipper looked for the end record in the file's last 80 bytes only (its `tailSize`): so do we. */
const TAIL = 80;
const NO_32 = 0xffffffff;

/** A 64-bit little-endian field as a number (capped at MAX_SAFE_INTEGER: no honest xlsx comes near). */
function u64(b: Buffer, offset: number): number {
  const v = b.readBigUInt64LE(offset);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

/**
 * The zip64 extra field's sizes and offset, at the fixed places unzipper read them from (uncompressed size,
 * compressed size, local header offset); null when the record has none.
 */
function zip64Extra(extra: Buffer): Buffer | null {
  let pos = 0;
  while (pos + 4 <= extra.length) {
    const size = extra.readUInt16LE(pos + 2);
    if (extra.readUInt16LE(pos) === ZIP64_EXTRA) return extra.subarray(pos + 4, pos + 4 + size);
    pos += 4 + size;
  }
  return null;
}

/**
 * The directory's entries. FILE_TOO_EXPANDED for a directory beyond the limits; FILE_NOT_XLSX for a file
 * without an end record in its last 80 bytes, or a directory that does not hold the records it claims.
 */
export async function readZipDirectory(size: number, read: (start: number, length: number) => Promise<Buffer>, fileName: string): Promise<ZipEntry[]> {
  const tailStart = Math.max(0, size - TAIL);
  const tail = await read(tailStart, size - tailStart);
  const at = tail.indexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (at < 0 || at + 22 > tail.length || tail.readUInt32LE(at) !== EOCD) throw readErrors.notXlsx(fileName);
  let count = tail.readUInt16LE(at + 10);
  let dirSize = tail.readUInt32LE(at + 12);
  let dirOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || dirOffset === NO_32) {
    // zip64: the locator sits just before the end record and points at the zip64 end record.
    const locatorAt = tailStart + at - 20;
    if (locatorAt < 0) throw readErrors.notXlsx(fileName);
    const locator = await read(locatorAt, 20);
    if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw readErrors.notXlsx(fileName);
    const recordAt = u64(locator, 8);
    const z64 = recordAt + 56 <= size ? await read(recordAt, 56) : Buffer.alloc(0);
    if (z64.length < 56 || z64.readUInt32LE(0) !== ZIP64_EOCD) throw readErrors.notXlsx(fileName);
    count = u64(z64, 32);
    dirSize = u64(z64, 40);
    dirOffset = u64(z64, 48);
  }
  if (count > LIMITS.zipEntries || dirSize > LIMITS.zipDirectoryBytes) throw readErrors.tooManyEntries(fileName, count, dirSize);
  if (dirOffset + dirSize > size) throw readErrors.notXlsx(fileName);
  const dir = await read(dirOffset, dirSize);
  const entries: ZipEntry[] = [];
  let pos = 0;
  for (let i = 0; i < count; i++) {
    if (pos + 46 > dir.length || dir.readUInt32LE(pos) !== RECORD) throw readErrors.notXlsx(fileName);
    const nameEnd = pos + 46 + dir.readUInt16LE(pos + 28);
    const extraEnd = nameEnd + dir.readUInt16LE(pos + 30);
    const next = extraEnd + dir.readUInt16LE(pos + 32);
    if (next > dir.length) throw readErrors.notXlsx(fileName);
    const entry: ZipEntry = {
      path: dir.toString('utf8', pos + 46, nameEnd),
      flags: dir.readUInt16LE(pos + 8),
      compressionMethod: dir.readUInt16LE(pos + 10),
      crc32: dir.readUInt32LE(pos + 16),
      compressedSize: dir.readUInt32LE(pos + 20),
      uncompressedSize: dir.readUInt32LE(pos + 24),
      offsetToLocalFileHeader: dir.readUInt32LE(pos + 42),
    };
    if (entry.compressedSize === NO_32 || entry.uncompressedSize === NO_32 || entry.offsetToLocalFileHeader === NO_32) {
      const extra = zip64Extra(dir.subarray(nameEnd, extraEnd));
      // A record saying "see the zip64 field" without one to see: the directory is damaged.
      const field = (offset: number) => {
        if (!extra || offset + 8 > extra.length) throw readErrors.notXlsx(fileName);
        return u64(extra, offset);
      };
      if (entry.uncompressedSize === NO_32) entry.uncompressedSize = field(0);
      if (entry.compressedSize === NO_32) entry.compressedSize = field(8);
      if (entry.offsetToLocalFileHeader === NO_32) entry.offsetToLocalFileHeader = field(16);
    }
    entries.push(entry);
    pos = next;
  }
  return entries;
}
