/** A file (path or bytes in memory) as a byte stream that counts what it has handed out. */
import fs from 'node:fs';
import { Readable } from 'node:stream';

async function* chunksOf(bytes: Uint8Array, count: (n: number) => void): AsyncGenerator<Buffer> {
  const size = 1 << 20;
  for (let i = 0; i < bytes.byteLength; i += size) {
    const part = bytes.subarray(i, Math.min(bytes.byteLength, i + size));
    count(part.byteLength);
    yield Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  }
}

export function openByteStream(input: { path: string } | { bytes: Uint8Array }): {
  stream: Readable;
  bytesRead(): number;
} {
  if ('path' in input) {
    const s = fs.createReadStream(input.path, { highWaterMark: 1 << 20 });
    return { stream: s, bytesRead: () => s.bytesRead };
  }
  let n = 0;
  const s = Readable.from(
    chunksOf(input.bytes, (k) => (n += k)),
    { objectMode: false },
  );
  return { stream: s, bytesRead: () => n };
}
