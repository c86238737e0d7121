/** A file (path or bytes in memory) as a byte stream, in pieces of 1 MB. */
import fs from 'node:fs';
import { Readable } from 'node:stream';

async function* chunksOf(bytes: Uint8Array): AsyncGenerator<Buffer> {
  const size = 1 << 20;
  for (let i = 0; i < bytes.byteLength; i += size) {
    const part = bytes.subarray(i, Math.min(bytes.byteLength, i + size));
    yield Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  }
}

export function openByteStream(input: { path: string } | { bytes: Uint8Array }): Readable {
  if ('path' in input) return fs.createReadStream(input.path, { highWaterMark: 1 << 20 });
  return Readable.from(chunksOf(input.bytes), { objectMode: false });
}

/**
 * The stream's pieces, counted as they are taken (`count` gets each one's size): what the parser has had, where
 * the stream's own count would include what it has read ahead.
 */
export async function* counted(stream: AsyncIterable<Uint8Array>, count: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const piece of stream) {
    count(piece.byteLength);
    yield piece;
  }
}
