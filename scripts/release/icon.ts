/**
 * The Windows icon (resources/build/icon.ico) made from the app's 256 px PNG (resources/build/icon.png), so the
 * two never disagree: `npm run icon` rewrites the .ico after the PNG changes, and
 * test/unit/release/icon.test.ts fails when the committed .ico does not hold the PNG's picture.
 *
 * The .ico holds 16, 32 and 48 px as 32-bit bitmaps (what every part of Windows reads: the title bar, the
 * taskbar, Explorer's small icons) and 256 px as PNG (Explorer's large icons, the installer). The smaller sizes
 * are area-averaged from the 256 px picture with premultiplied alpha, so the rounded corners stay clean.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 32, 48, 256] as const;

export interface Rgba {
  width: number;
  height: number;
  /** width × height × 4 bytes, rows top to bottom, not premultiplied. */
  data: Buffer;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Reads an 8-bit RGBA or RGB, non-interlaced PNG (what the icon is drawn as). */
export function decodePng(png: Buffer): Rgba {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('Bukan berkas PNG');
  let width = 0;
  let height = 0;
  let channels = 4;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || (colour !== 6 && colour !== 2) || interlace !== 0) throw new Error('PNG ikon harus RGBA/RGB 8-bit tanpa interlace');
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[i] = (line[i]! + predictor) & 0xff;
    }
  }
  if (channels === 4) return { width, height, data: pixels };
  const data = Buffer.alloc(width * height * 4, 0xff);
  for (let p = 0; p < width * height; p++) pixels.copy(data, p * 4, p * 3, p * 3 + 3);
  return { width, height, data };
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** An 8-bit RGBA PNG (filter 0 on every row; small enough for an icon). */
export function encodePng(image: Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const stride = image.width * 4;
  const raw = Buffer.alloc((stride + 1) * image.height);
  for (let y = 0; y < image.height; y++) image.data.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Area-averaged downscale (each target pixel the coverage-weighted mean of the source, alpha premultiplied). */
export function resize(source: Rgba, size: number): Rgba {
  if (source.width === size && source.height === size) return source;
  const data = Buffer.alloc(size * size * 4);
  const sx = source.width / size;
  const sy = source.height / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0, area = 0;
      for (let yy = Math.floor(y * sy); yy < Math.ceil((y + 1) * sy); yy++) {
        const wy = Math.min(yy + 1, (y + 1) * sy) - Math.max(yy, y * sy);
        for (let xx = Math.floor(x * sx); xx < Math.ceil((x + 1) * sx); xx++) {
          const w = wy * (Math.min(xx + 1, (x + 1) * sx) - Math.max(xx, x * sx));
          const at = (yy * source.width + xx) * 4;
          const alpha = source.data[at + 3]! / 255;
          r += source.data[at]! * alpha * w;
          g += source.data[at + 1]! * alpha * w;
          b += source.data[at + 2]! * alpha * w;
          a += alpha * w;
          area += w;
        }
      }
      const at = (y * size + x) * 4;
      data[at] = a > 0 ? Math.round(r / a) : 0;
      data[at + 1] = a > 0 ? Math.round(g / a) : 0;
      data[at + 2] = a > 0 ? Math.round(b / a) : 0;
      data[at + 3] = Math.round((a / area) * 255);
    }
  }
  return { width: size, height: size, data };
}

/** A 32-bit BI_RGB bitmap as an .ico entry stores it: header with doubled height, BGRA rows bottom-up, AND mask. */
function encodeDib(image: Rgba): Buffer {
  const { width, height } = image;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(width, 4);
  header.writeInt32LE(height * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(width * height * 4, 20);
  const pixels = Buffer.alloc(width * height * 4);
  const maskStride = Math.ceil(width / 32) * 4;
  const mask = Buffer.alloc(maskStride * height);
  for (let y = 0; y < height; y++) {
    const row = height - 1 - y;
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4;
      const to = (row * width + x) * 4;
      pixels[to] = image.data[from + 2]!;
      pixels[to + 1] = image.data[from + 1]!;
      pixels[to + 2] = image.data[from]!;
      pixels[to + 3] = image.data[from + 3]!;
      if (image.data[from + 3] === 0) mask[row * maskStride + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

/** The .ico file: the 256 px entry as PNG, the smaller ones as bitmaps. */
export function buildIco(png: Buffer): Buffer {
  const source = decodePng(png);
  if (source.width !== 256 || source.height !== 256) throw new Error(`Ikon harus 256×256 px, bukan ${source.width}×${source.height}`);
  const images = ICON_SIZES.map((size) => (size === 256 ? encodePng(source) : encodeDib(resize(source, size))));
  const directory = Buffer.alloc(6 + 16 * images.length);
  directory.writeUInt16LE(1, 2);
  directory.writeUInt16LE(images.length, 4);
  let offset = directory.length;
  images.forEach((bytes, i) => {
    const size = ICON_SIZES[i]!;
    const at = 6 + 16 * i;
    directory[at] = size === 256 ? 0 : size;
    directory[at + 1] = size === 256 ? 0 : size;
    directory.writeUInt16LE(1, at + 4);
    directory.writeUInt16LE(32, at + 6);
    directory.writeUInt32LE(bytes.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += bytes.length;
  });
  return Buffer.concat([directory, ...images]);
}

export interface IcoEntry {
  width: number;
  height: number;
  format: 'png' | 'bmp';
  image: Rgba;
}

/** Reads an .ico written by buildIco back into pictures (the test's view of what Windows shows). */
export function readIco(ico: Buffer): IcoEntry[] {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('Bukan berkas .ico');
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const at = 6 + 16 * i;
    const width = ico[at] || 256;
    const height = ico[at + 1] || 256;
    const bytes = ico.subarray(ico.readUInt32LE(at + 12), ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8));
    if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return { width, height, format: 'png' as const, image: decodePng(bytes) };
    const data = Buffer.alloc(width * height * 4);
    const pixels = bytes.subarray(bytes.readUInt32LE(0));
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const from = ((height - 1 - y) * width + x) * 4;
        const to = (y * width + x) * 4;
        data.set([pixels[from + 2]!, pixels[from + 1]!, pixels[from]!, pixels[from + 3]!], to);
      }
    }
    return { width, height, format: 'bmp' as const, image: { width, height, data } };
  });
}

export const ICON_PNG = resolve(__dirname, '../../resources/build/icon.png');
export const ICON_ICO = join(__dirname, '../../resources/build/icon.ico');

if (require.main === module) {
  const ico = buildIco(readFileSync(ICON_PNG));
  writeFileSync(ICON_ICO, ico);
  console.log(`resources/build/icon.ico: ${ICON_SIZES.join(', ')} px, ${ico.length} bytes`);
}
