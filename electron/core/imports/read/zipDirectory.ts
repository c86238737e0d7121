/**
 * The zip's central directory, checked before `unzipper` parses it: unzipper reads as many records as the end
 * record claims, one promise chain each, with no limit (a directory of 1,000,000 records took 45 s and 1.4 GB;
 * a zip64 end record claiming 4,294,967,295 records never finished). An xlsx has tens of parts, so more than
 * LIMITS.zipEntries records, or a directory larger than LIMITS.zipDirectoryBytes, is refused at once; and the
 * records are walked here inside the stated directory (read in one piece), so the records unzipper then reads
 * are exactly these.
 */
import { LIMITS, readErrors } from './errors';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const RECORD = 0x02014b50;
/** unzipper looks for the end record in the file's last 80 bytes only (its `tailSize`): so do we. */
const TAIL = 80;

/**
 * Throws FILE_TOO_EXPANDED for a directory beyond the limits and FILE_NOT_XLSX for one that does not hold the
 * records it claims. A file without an end record is left to unzipper, which refuses it as before.
 */
export async function checkZipDirectory(size: number, read: (start: number, length: number) => Promise<Buffer>, fileName: string): Promise<void> {
  const tailStart = Math.max(0, size - TAIL);
  const tail = await read(tailStart, size - tailStart);
  const at = tail.indexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (at < 0 || at + 22 > tail.length || tail.readUInt32LE(at) !== EOCD) return;
  let count = tail.readUInt16LE(at + 10);
  let dirSize = tail.readUInt32LE(at + 12);
  let dirOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) {
    // zip64: the locator sits just before the end record and points at the zip64 end record (as unzipper reads it).
    const locatorAt = tailStart + at - 20;
    if (locatorAt < 0) throw readErrors.notXlsx(fileName);
    const locator = await read(locatorAt, 20);
    if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw readErrors.notXlsx(fileName);
    const recordAt = Number(locator.readBigUInt64LE(8));
    const z64 = recordAt + 56 <= size ? await read(recordAt, 56) : Buffer.alloc(0);
    if (z64.length < 56 || z64.readUInt32LE(0) !== ZIP64_EOCD) throw readErrors.notXlsx(fileName);
    const big = (offset: number) => {
      const v = z64.readBigUInt64LE(offset);
      return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
    };
    count = big(32);
    dirSize = big(40);
    dirOffset = big(48);
  }
  if (count > LIMITS.zipEntries || dirSize > LIMITS.zipDirectoryBytes) throw readErrors.tooManyEntries(fileName, count, dirSize);
  if (dirOffset + dirSize > size) throw readErrors.notXlsx(fileName);
  const dir = await read(dirOffset, dirSize);
  let pos = 0;
  for (let i = 0; i < count; i++) {
    if (pos + 46 > dir.length || dir.readUInt32LE(pos) !== RECORD) throw readErrors.notXlsx(fileName);
    pos += 46 + dir.readUInt16LE(pos + 28) + dir.readUInt16LE(pos + 30) + dir.readUInt16LE(pos + 32);
    if (pos > dir.length) throw readErrors.notXlsx(fileName);
  }
}
