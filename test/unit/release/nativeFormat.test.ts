import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { productionPackageFolders } from '../../../scripts/release/checkNative';
import { checkNativeModules, mismatch, readNativeFile, readNativeFormat } from '../../../scripts/release/nativeFormat';

const ROOT = resolve(__dirname, '../../..');
const SQLITE_NODE = join(ROOT, 'node_modules/sqlite3/build/Release/node_sqlite3.node');
const WIN_X64 = { os: 'win32', arch: 'x64' } as const;

/** A PE image's first bytes: "MZ", the PE header's offset at 0x3C, "PE\0\0" there, then the machine. */
function peHeader(machine: number, peOffset = 0x80): Buffer {
  const bytes = Buffer.alloc(peOffset + 24);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(peOffset, 0x3c);
  bytes.write('PE\0\0', peOffset, 'latin1');
  bytes.writeUInt16LE(machine, peOffset + 4);
  return bytes;
}
function elfHeader(machine: number): Buffer {
  const bytes = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]).copy(bytes);
  bytes.writeUInt16LE(machine, 18);
  return bytes;
}
function machoHeader(cpu: number): Buffer {
  const bytes = Buffer.alloc(32);
  bytes.writeUInt32LE(0xfeedfacf, 0);
  bytes.writeUInt32LE(cpu, 4);
  return bytes;
}
function machoUniversal(cpus: number[]): Buffer {
  const bytes = Buffer.alloc(8 + cpus.length * 20);
  bytes.writeUInt32BE(0xcafebabe, 0);
  bytes.writeUInt32BE(cpus.length, 4);
  cpus.forEach((cpu, i) => bytes.writeUInt32BE(cpu, 8 + i * 20));
  return bytes;
}

const temp = mkdtempSync(join(tmpdir(), 'dinsos-native-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('native module format (the dist:win guard)', () => {
  it('reads PE, ELF and Mach-O headers', () => {
    expect(readNativeFormat(peHeader(0x8664))).toEqual({ os: 'win32', archs: ['x64'], label: 'PE x64' });
    expect(readNativeFormat(peHeader(0xaa64, 0xf8))).toMatchObject({ os: 'win32', archs: ['arm64'] });
    expect(readNativeFormat(elfHeader(0x3e))).toEqual({ os: 'linux', archs: ['x64'], label: 'ELF x86-64' });
    expect(readNativeFormat(elfHeader(0xb7))).toMatchObject({ os: 'linux', archs: ['arm64'] });
    expect(readNativeFormat(machoHeader(0x0100000c))).toMatchObject({ os: 'darwin', archs: ['arm64'] });
    expect(readNativeFormat(machoUniversal([0x01000007, 0x0100000c]))).toMatchObject({ os: 'darwin', archs: ['x64', 'arm64'] });
  });

  it('refuses bytes that only look like a header', () => {
    // "MZ" without "PE\0\0" where 0x3C points (a DOS program, or a text file starting with MZ).
    const dos = peHeader(0x8664);
    dos.write('XX', 0x80, 'latin1');
    expect(readNativeFormat(dos)).toBeNull();
    // A PE offset beyond the bytes read.
    const far = peHeader(0x8664);
    far.writeUInt32LE(100_000, 0x3c);
    expect(readNativeFormat(far)).toBeNull();
    expect(readNativeFormat(Buffer.from('#!/bin/sh\n'))).toBeNull();
    expect(readNativeFormat(Buffer.alloc(0))).toBeNull();
    expect(mismatch('x.node', null, WIN_X64)).toMatch(/bukan modul native yang dikenali/);
  });

  it('accepts only a PE x64 module for a Windows x64 installer, and says why otherwise', () => {
    expect(mismatch('node_sqlite3.node', readNativeFormat(peHeader(0x8664)), WIN_X64)).toBeNull();
    expect(mismatch('node_sqlite3.node', readNativeFormat(elfHeader(0x3e)), WIN_X64)).toBe(
      'node_sqlite3.node dibuat untuk Linux (ELF x86-64), bukan Windows x64: jalankan dist:win di Windows (lihat README, bagian "Membuat installer Windows").',
    );
    expect(mismatch('node_sqlite3.node', readNativeFormat(peHeader(0xaa64)), WIN_X64)).toMatch(/dibuat untuk Windows \(PE arm64\), bukan Windows x64/);
    expect(mismatch('node_sqlite3.node', readNativeFormat(machoUniversal([0x01000007, 0x0100000c])), WIN_X64)).toMatch(/dibuat untuk macOS/);
    expect(mismatch('a.node', readNativeFormat(machoUniversal([0x01000007, 0x0100000c])), { os: 'darwin', arch: 'arm64' })).toBeNull();
  });

  it('reads this machine\'s real node_sqlite3.node as the Linux ELF it is', () => {
    expect(process.platform).toBe('linux'); // the guard's point: this host must not build the Windows installer
    const format = readNativeFile(SQLITE_NODE);
    expect(format?.os).toBe('linux');
    expect(format?.label).toMatch(/^ELF /);
    expect(mismatch('node_sqlite3.node', format, WIN_X64)).toMatch(/^node_sqlite3\.node dibuat untuk Linux \(ELF/);
    expect(mismatch('node_sqlite3.node', format, { os: 'linux', arch: process.arch as 'x64' })).toBeNull();
  });

  it('walks a dependency tree once, skipping node-gyp\'s obj.target copies', () => {
    const pkg = join(temp, 'node_modules', 'native-pkg');
    mkdirSync(join(pkg, 'build', 'Release', 'obj.target'), { recursive: true });
    mkdirSync(join(pkg, 'node_modules', 'inner'), { recursive: true });
    writeFileSync(join(pkg, 'build', 'Release', 'good.node'), peHeader(0x8664));
    writeFileSync(join(pkg, 'build', 'Release', 'obj.target', 'good.node'), elfHeader(0x3e));
    writeFileSync(join(pkg, 'node_modules', 'inner', 'bad.node'), elfHeader(0x3e));
    const result = checkNativeModules([pkg, join(pkg, 'node_modules', 'inner')], WIN_X64, temp);
    expect(result.checked).toEqual(['node_modules/native-pkg/build/Release/good.node', 'node_modules/native-pkg/node_modules/inner/bad.node']);
    expect(result.problems).toEqual([expect.stringMatching(/^node_modules\/native-pkg\/node_modules\/inner\/bad\.node dibuat untuk Linux/)]);
  });

  it('takes the production dependencies from the lockfile: sqlite3 in, build tools for the bundle out', () => {
    const folders = productionPackageFolders(ROOT).map((folder) => folder.slice(ROOT.length + 1).split('\\').join('/'));
    expect(folders).toContain('node_modules/sqlite3');
    expect(folders).not.toContain('node_modules/vite');
    expect(folders).not.toContain('node_modules/electron');
  });

  it('npm run dist:win stops before building on this Linux host, naming the file', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['dist:win']).toMatch(/^tsx scripts\/release\/checkNative\.ts --target win32-x64 && /);
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/release/checkNative.ts', '--target', 'win32-x64'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('node_modules/sqlite3/build/Release/node_sqlite3.node dibuat untuk Linux (ELF x86-64), bukan Windows x64');
  });
});
