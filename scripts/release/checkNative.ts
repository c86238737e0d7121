/**
 * `npm run dist:win` runs this first: every native module the installer would carry (the `.node` files of the
 * production dependencies, sqlite3's node_sqlite3.node above all) must have been built for the target, read
 * from the file's header. Run on Linux, npm leaves Linux's sqlite3 binary in node_modules, and electron-builder
 * (npmRebuild: false; sqlite3 is N-API and needs no rebuild on Windows) would pack it into a Windows installer
 * that fails on its first database call. Usage: tsx scripts/release/checkNative.ts [--target win32-x64]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkNativeModules, describeTarget, type NativeArch, type NativeOs, type Target } from './nativeFormat';

const ROOT = resolve(__dirname, '..', '..');

/** The installed folders of the production dependencies, from the lockfile (what electron-builder packs). */
export function productionPackageFolders(root: string): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([key, info]) => key.startsWith('node_modules/') && !info.dev && !info.devOptional)
    .map(([key]) => join(root, key))
    .filter((folder) => existsSync(folder));
}

export function parseTarget(text: string): Target {
  const [os, arch] = text.split('-') as [NativeOs, NativeArch];
  if (!['win32', 'linux', 'darwin'].includes(os) || !['x64', 'arm64', 'ia32', 'arm'].includes(arch)) {
    throw new Error(`Target tidak dikenal: ${text} (contoh: win32-x64)`);
  }
  return { os, arch };
}

function main(argv: string[]) {
  const at = argv.indexOf('--target');
  const target = parseTarget(at >= 0 ? (argv[at + 1] ?? '') : 'win32-x64');
  const { checked, problems } = checkNativeModules(productionPackageFolders(ROOT), target, ROOT);
  if (!checked.some((name) => name.endsWith('node_sqlite3.node'))) {
    problems.push('node_sqlite3.node tidak ditemukan di node_modules/sqlite3: jalankan npm ci dulu.');
  }
  if (problems.length) {
    console.error(`Installer ${describeTarget(target)} tidak dibuat:`);
    for (const problem of problems) console.error(`- ${problem}`);
    process.exit(1);
  }
  console.log(`Modul native cocok untuk ${describeTarget(target)}: ${checked.join(', ')}`);
}

if (require.main === module) main(process.argv.slice(2));
