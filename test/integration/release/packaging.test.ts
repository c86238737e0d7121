/**
 * The packaging check that runs on this Linux machine: electron-builder packs the app with a stand-in Electron
 * folder (it cannot download Electron here, see ../shared/TOOLCHAIN.md) as `--linux --dir`, and the packed result
 * is read back: app.asar holds the three bundles, the region data sits beside it, sqlite3's binary is unpacked
 * and built for the target, no build tool rode along, and the packed node_modules are enough to load every
 * module the bundles require (the exclusion list in electron-builder.yml cannot remove a package the app needs).
 * The Windows installer itself is built and started only on the Windows runner (.github/workflows/windows.yml).
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { extractAll, extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNativeModules, readNativeFile } from '../../../scripts/release/nativeFormat';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');
const temp = mkdtempSync(join(tmpdir(), 'dinsos-pack-'));
const appOut = join(temp, 'out', 'linux-unpacked');
const resourcesOut = join(appOut, 'resources');
let packed: string[] = [];
let packSeconds = 0;

/** Names of every package inside the asar (scoped names kept whole), nested ones included. */
function packedPackageNames(files: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) for (const match of file.matchAll(/node_modules\/(@[^/]+\/[^/]+|[^@/][^/]*)/g)) names.add(match[1]!);
  return names;
}

/**
 * The packages the app needs when it runs: the production dependencies and theirs, following the lockfile,
 * without sqlite3's install-time tools (node-gyp, prebuild-install, node-addon-api's headers, and tar, which
 * only unpacks a prebuilt binary).
 */
function runtimePackageNames(): Set<string> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }>;
  };
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const installTime = new Set(['node-gyp', 'prebuild-install', 'node-addon-api']);
  const locate = (from: string, name: string): string | null => {
    for (let base = from; ; ) {
      const key = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (lock.packages[key]) return key;
      if (!base) return null;
      const at = base.lastIndexOf('/node_modules/');
      base = at < 0 ? '' : base.slice(0, at);
    }
  };
  const seen = new Set<string>();
  const stack = Object.keys(pkg.dependencies).map((name) => `node_modules/${name}`);
  while (stack.length) {
    const key = stack.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    const info = lock.packages[key]!;
    for (const dep of Object.keys({ ...info.dependencies, ...info.optionalDependencies })) {
      if (installTime.has(dep) || (key === 'node_modules/sqlite3' && dep === 'tar')) continue;
      const found = locate(key, dep);
      if (found) stack.push(found);
    }
  }
  return new Set([...seen].map((key) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)));
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(dir, name)).isFile());
}

beforeAll(async () => {
  // `npm test` builds first (npm run check ends with electron-vite build); alone, this test builds if needed.
  if (!existsSync(join(ROOT, 'out/main/index.js')) || !existsSync(join(ROOT, 'out/renderer/index.html'))) {
    await run(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT });
  }
  // The stand-in Electron: electron-builder copies this folder and renames its `electron` executable.
  const dist = join(temp, 'electron-dist');
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho "stand-in Electron: this package cannot run"\nexit 1\n');
  chmodSync(join(dist, 'electron'), 0o755);
  const started = performance.now();
  await run(
    process.execPath,
    [join(ROOT, 'node_modules/electron-builder/cli.js'), '--linux', '--dir', `-c.electronDist=${dist}`, `-c.directories.output=${join(temp, 'out')}`],
    { cwd: ROOT, env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, maxBuffer: 32 * 1024 * 1024 },
  );
  packSeconds = (performance.now() - started) / 1000;
  packed = listPackage(join(resourcesOut, 'app.asar'), { isPack: false }).map((file) => file.replace(/\\/g, '/'));
}, 240_000);

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('packed app (electron-builder --linux --dir with a stand-in Electron)', () => {
  it('holds the main, core, preload and renderer bundles and starts at the main bundle', () => {
    console.log(`electron-builder --linux --dir: ${packSeconds.toFixed(1)} s, ${packed.length} entries in app.asar`);
    for (const file of ['/out/main/index.js', '/out/main/coreChild.js', '/out/main/jobWorker.js', '/out/preload/index.cjs', '/out/renderer/index.html']) {
      expect(packed).toContain(file);
    }
    for (const file of filesUnder(join(ROOT, 'out/renderer'))) expect(packed).toContain(`/out/renderer/${file.split('\\').join('/')}`);
    const manifest = JSON.parse(extractFile(join(resourcesOut, 'app.asar'), 'package.json').toString('utf8')) as { main?: string };
    expect(manifest.main).toBe('out/main/index.js');
  });

  it('ships the region reference and any fonts beside app.asar, byte for byte', () => {
    const shipped = ['wilayah', 'fonts'].flatMap((folder) => filesUnder(join(ROOT, 'resources', folder)).map((file) => join(folder, file)));
    expect(shipped.some((file) => file.endsWith('wilayah.csv'))).toBe(true);
    for (const file of shipped) {
      const packedFile = join(resourcesOut, 'resources', file);
      expect(existsSync(packedFile), file).toBe(true);
      expect(statSync(packedFile).size, file).toBe(statSync(join(ROOT, 'resources', file)).size);
    }
  });

  it('unpacks sqlite3\'s binary from the asar, built for the target it packs for', () => {
    const binary = join(resourcesOut, 'app.asar.unpacked/node_modules/sqlite3/build/Release/node_sqlite3.node');
    expect(existsSync(binary)).toBe(true);
    expect(packed).toContain('/node_modules/sqlite3/build/Release/node_sqlite3.node'); // listed, stored outside
    expect(readNativeFile(binary)?.os).toBe('linux');
    const target = { os: 'linux', arch: process.arch as 'x64' } as const;
    const result = checkNativeModules([join(resourcesOut, 'app.asar.unpacked')], target, resourcesOut);
    expect(result.checked).toEqual(['app.asar.unpacked/node_modules/sqlite3/build/Release/node_sqlite3.node']);
    expect(result.problems).toEqual([]);
    // What dist:win's guard says about the very same packed file.
    expect(checkNativeModules([join(resourcesOut, 'app.asar.unpacked')], { os: 'win32', arch: 'x64' }, resourcesOut).problems).toEqual([
      expect.stringContaining('dibuat untuk Linux (ELF'),
    ]);
  });

  it('carries no build tool, source, map, or package the app does not use at run time', () => {
    const names = packedPackageNames(packed);
    for (const tool of ['node-gyp', 'node-addon-api', 'prebuild-install', 'typescript', 'vite', 'vitest', 'electron', 'electron-builder', 'electron-vite', 'tsx', 'esbuild', 'rolldown']) {
      expect(names.has(tool), tool).toBe(false);
    }
    expect(packed.filter((file) => /\.(ts|tsx|map)$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
    // Of sqlite3, only its JavaScript and the compiled binary: no C sources, headers, gyp files or objects.
    const sqliteFiles = packed.filter((file) => file.startsWith('/node_modules/sqlite3/') && /\.[a-z]+$/i.test(file));
    expect(sqliteFiles.filter((file) => !/^\/node_modules\/sqlite3\/(package\.json|lib\/[\w-]+\.js|build\/Release\/node_sqlite3\.node)$/.test(file))).toEqual([]);
    expect(packed.filter((file) => /node-addon-api|\.(gyp|gypi|cc|o|a)$/.test(file))).toEqual([]);
    expect(packed.filter((file) => file.startsWith('/out/security'))).toEqual([]);
    const runtime = runtimePackageNames();
    expect([...names].filter((name) => !runtime.has(name))).toEqual([]);
    expect(runtime.has('sqlite3') && names.has('sqlite3') && names.has('exceljs')).toBe(true);
  });

  it('loads every module the bundles require from the packed node_modules alone', async () => {
    const extracted = join(temp, 'extracted');
    extractAll(join(resourcesOut, 'app.asar'), extracted);
    const bundles = filesUnder(join(extracted, 'out/main')).map((file) => readFileSync(join(extracted, 'out/main', file), 'utf8'));
    const required = new Set(bundles.flatMap((code) => [...code.matchAll(/require\("([^".][^"]*)"\)/g)].map((m) => m[1]!)));
    required.delete('electron');
    for (const name of [...required]) if (name.startsWith('node:')) required.delete(name);
    expect([...required].sort()).toEqual(expect.arrayContaining(['exceljs', 'kysely', 'sqlite3', 'zod']));
    // A child Node in the extracted folder (no access to the project's node_modules) requires each and uses
    // sqlite3's binary and exceljs's writer for real.
    const script = `
      for (const name of ${JSON.stringify([...required])}) require(name);
      const sqlite3 = require('sqlite3');
      const db = new sqlite3.Database(':memory:');
      db.get('select sqlite_version() as v', async (error, row) => {
        if (error) throw error;
        const ExcelJS = require('exceljs');
        const book = new ExcelJS.Workbook();
        book.addWorksheet('a').addRow(['ok']);
        const bytes = await book.xlsx.writeBuffer();
        console.log(JSON.stringify({ sqlite: row.v, xlsx: bytes.byteLength, from: require.resolve('kysely') }));
      });`;
    const { stdout } = await run(process.execPath, ['-e', script], { cwd: extracted, env: { PATH: process.env.PATH ?? '' } });
    const result = JSON.parse(stdout.trim()) as { sqlite: string; xlsx: number; from: string };
    expect(result.sqlite).toMatch(/^3\.\d+/);
    expect(result.xlsx).toBeGreaterThan(1000);
    expect(relative(extracted, result.from).startsWith('node_modules')).toBe(true);
  });
});
