/**
 * Issue 13: the hostile files (1–2 MB that inflate to 0.7–2 GB, or a reference outside the grid) each end with
 * a clear ImportReadError in under 5 s at under 300 MB peak RSS. Each is read by openSource() in its own
 * child process (peak RSS is the child's own); a child still running after 15 s is killed and fails the test.
 * Each file twice: with its true sizes (refused from the zip's directory) and with a small size stated for
 * the big part, so the reader meets the content itself.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHostile, type DirectoryBombKind, type HostileKind } from '../../helpers/hostileXlsx';
import { tempDir } from '../../helpers/xlsx';

const ROOT = path.resolve(__dirname, '../../..');
const HELPER = path.join(ROOT, 'test/helpers/hostileXlsx.ts');

interface ChildResult {
  code: string | null;
  message: string;
  rows: number;
  ms: number;
  maxRssMb: number;
}

function readInChild(file: string): Promise<ChildResult> {
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
function writeBombInChild(file: string, kind: DirectoryBombKind): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = `import(${JSON.stringify(HELPER)}).then((m) => (m.writeDirectoryBomb ?? m.default.writeDirectoryBomb)(${JSON.stringify(file)}, ${JSON.stringify(kind)}))`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (status) => (status === 0 ? resolve() : reject(new Error(`writing ${kind} failed: ${err.slice(-500)}`))));
  });
}

const CASES: { kind: HostileKind; lie: boolean; code: string }[] = [
  { kind: 'huge-cell', lie: false, code: 'FILE_TOO_EXPANDED' },
  { kind: 'huge-cell', lie: true, code: 'CELL_TOO_LARGE' },
  { kind: 'huge-shared-string', lie: false, code: 'FILE_TOO_EXPANDED' },
  { kind: 'huge-shared-string', lie: true, code: 'CELL_TOO_LARGE' },
  { kind: 'junk-after-sheetdata', lie: false, code: 'FILE_TOO_EXPANDED' },
  { kind: 'junk-after-sheetdata', lie: true, code: 'FILE_CHECKSUM' },
  { kind: 'cell-ref-out-of-grid', lie: false, code: 'CELL_REF_INVALID' },
];

describe('hostile xlsx files end with a clear error, fast and small', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('dinsos-hostile-');
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  for (const c of CASES) {
    it(`${c.kind}${c.lie ? ' (stated size a lie)' : ''} → ${c.code}`, async () => {
      const file = path.join(dir, `${c.kind}${c.lie ? '-lie' : ''}.xlsx`);
      const size = await writeHostile(file, c.kind, { lie: c.lie });
      expect(size).toBeLessThan(2.5 * 1024 * 1024);
      const r = await readInChild(file);
      await fs.rm(file);
      expect(r.code).toBe(c.code);
      expect(r.message).toContain(path.basename(file));
      expect(r.ms).toBeLessThan(5000);
      expect(r.maxRssMb).toBeLessThan(300);
    }, 30_000);
  }

  // The zip's central directory as the attack (read by unzipper whole before any limit above applied).
  const BOMBS: { kind: DirectoryBombKind; code: string; says: string }[] = [
    { kind: 'many-entries', code: 'FILE_TOO_EXPANDED', says: '1.000.005 bagian' },
    { kind: 'records-claimed', code: 'FILE_TOO_EXPANDED', says: '4.294.967.295 bagian' },
    { kind: 'extra-fields', code: 'FILE_TOO_EXPANDED', says: 'daftar isi zip-nya berukuran' },
    { kind: 'directory-size-lie', code: 'FILE_NOT_XLSX', says: 'bukan file Excel' },
  ];
  for (const c of BOMBS) {
    it(`central directory: ${c.kind} → ${c.code}`, async () => {
      const file = path.join(dir, `${c.kind}.xlsx`);
      await writeBombInChild(file, c.kind);
      const r = await readInChild(file);
      await fs.rm(file);
      expect(r.code).toBe(c.code);
      expect(r.message).toContain(path.basename(file));
      expect(r.message).toContain(c.says);
      expect(r.ms).toBeLessThan(5000);
      expect(r.maxRssMb).toBeLessThan(300);
    }, 60_000);
  }
});
