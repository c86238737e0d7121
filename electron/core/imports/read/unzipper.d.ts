/**
 * The part of `unzipper` (0.10.x, a dependency of exceljs) used by xlsxIndex.ts: random access to a zip's
 * entries through its central directory. The package ships no types.
 */
declare module 'unzipper' {
  import type { Readable } from 'node:stream';

  export interface ZipEntryFile {
    path: string;
    type: 'File' | 'Directory';
    uncompressedSize: number;
    compressedSize: number;
    compressionMethod: number;
    crc32: number;
    flags: number;
    offsetToLocalFileHeader: number;
    stream(password?: string): Readable;
    buffer(password?: string): Promise<Buffer>;
  }

  export interface CentralDirectory {
    files: ZipEntryFile[];
  }

  export const Open: {
    file(path: string, options?: Record<string, unknown>): Promise<CentralDirectory>;
    buffer(data: Buffer, options?: Record<string, unknown>): Promise<CentralDirectory>;
  };
}
