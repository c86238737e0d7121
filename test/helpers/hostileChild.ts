/**
 * The hostile files of issue 13, each read by openSource() in a child process of its own (peak RSS is the child's
 * own): the cases and the child runners, shared by test/integration/imports/hostile.test.ts (which asserts the
 * error and the memory) and `npm run bench hostile` (which times them).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { DirectoryBombKind, HostileKind } from './hostileXlsx';

const ROOT = path.resolve(__dirname, '../..');
const HELPER = path.join(ROOT, 'test/helpers/hostileXlsx.ts');

export interface ChildResult {
  code: string | null;
  message: string;
  rows: number;
  ms: number;
  maxRssMb: number;
}

/** Reads `file` in a child; a child still running after 15 s is killed (and the promise rejects). */
export function readInChild(file: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const script = `import(${JSON.stringify(HELPER)}).then((m) => (m.readInChild ?? m.default.readInChild)(${JSON.stringify(file)}))`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      if (status !== 0 || line === '') reject(new Error(`child ended ${signal ?? status}: ${err.slice(-500)}`));
      else resolve(JSON.parse(line) as ChildResult);
    });
  });
}

/** Writes a directory bomb from a child of its own: the bytes never swell this process, whose peak RSS a child started later inherits (Linux keeps ru_maxrss across fork and exec). */
export function writeBombInChild(file: string, kind: DirectoryBombKind): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = `import(${JSON.stringify(HELPER)}).then((m) => (m.writeDirectoryBomb ?? m.default.writeDirectoryBomb)(${JSON.stringify(file)}, ${JSON.stringify(kind)}))`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (status) => (status === 0 ? resolve() : reject(new Error(`writing ${kind} failed: ${err.slice(-500)}`))));
  });
}

/**
 * Each file twice: with its true sizes (refused from the zip's directory) and with a small size stated for the big
 * part, so the reader meets the content itself.
 */
export const HOSTILE_CASES: { kind: HostileKind; lie: boolean; code: string }[] = [
  { kind: 'huge-cell', lie: false, code: 'FILE_TOO_EXPANDED' },
  { kind: 'huge-cell', lie: true, code: 'CELL_TOO_LARGE' },
  { kind: 'huge-shared-string', lie: false, code: 'FILE_TOO_EXPANDED' },
  { kind: 'huge-shared-string', lie: true, code: 'CELL_TOO_LARGE' },
  { kind: 'junk-after-sheetdata', lie: false, code: 'FILE_TOO_EXPANDED' },
  { kind: 'junk-after-sheetdata', lie: true, code: 'FILE_CHECKSUM' },
  { kind: 'cell-ref-out-of-grid', lie: false, code: 'CELL_REF_INVALID' },
];

/** The zip's central directory as the attack (read by unzipper whole before any limit above applied). */
export const DIRECTORY_BOMBS: { kind: DirectoryBombKind; code: string; says: string }[] = [
  { kind: 'many-entries', code: 'FILE_TOO_EXPANDED', says: '1.000.005 bagian' },
  { kind: 'records-claimed', code: 'FILE_TOO_EXPANDED', says: '4.294.967.295 bagian' },
  { kind: 'extra-fields', code: 'FILE_TOO_EXPANDED', says: 'daftar isi zip-nya berukuran' },
  { kind: 'directory-size-lie', code: 'FILE_NOT_XLSX', says: 'bukan file Excel' },
];
