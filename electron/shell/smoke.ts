import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CoreHost } from '../core/host/host';
import { assertFreshDataDir, runSmoke, smokeFailure } from '../core/smoke/smoke';
import { utilityCore } from './coreProcess';
import { appResourcesDir } from './dataDir';
import { desktopPlatform } from './platform';

export interface SmokeOptions {
  /** A fresh folder to use and keep; default: a temporary folder removed afterwards. */
  dataDir?: string;
  /** Also write the JSON line to this file (a Windows GUI executable's stdout is not always captured). */
  out?: string;
}

function option(argv: string[], name: string): string | undefined {
  const at = argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (at < 0) return undefined;
  const arg = argv[at]!;
  return arg.includes('=') ? arg.slice(name.length + 1) : argv[at + 1];
}

/** `--smoke [--data-dir DIR] [--smoke-out FILE]`; null when the app starts normally. */
export function smokeOptions(argv: string[]): SmokeOptions | null {
  if (!argv.includes('--smoke')) return null;
  const dataDir = option(argv, '--data-dir');
  const out = option(argv, '--smoke-out');
  return { ...(dataDir ? { dataDir: resolve(dataDir) } : {}), ...(out ? { out: resolve(out) } : {}) };
}

/**
 * The installed app's self-test (see electron/core/smoke/smoke.ts): the core in its utility process, as in
 * normal use, on a fresh data folder, with Electron's printToPDF as the printer; no window is shown and the
 * office's own data folder is never opened. Prints one JSON line; the exit code is 0 only when all passed.
 */
export async function runShellSmoke(options: SmokeOptions, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dinsos-smoke-'));
  let host: CoreHost | null = null;
  let result: Record<string, unknown> & { ok: boolean };
  try {
    assertFreshDataDir(dataDir);
    host = new CoreHost({
      spawn: utilityCore(join(__dirname, 'coreChild.js')),
      init: { dataDir, resourcesDir: appResourcesDir(), autoBackup: false },
      platform: desktopPlatform(() => null),
    });
    await host.start();
    result = { ...(await runSmoke(host.createClient())), dataDir, kept: !!options.dataDir };
  } catch (error) {
    result = { ...smokeFailure(error), dataDir };
  }
  await host?.close().catch(() => undefined);
  if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  const line = JSON.stringify(result);
  write(line);
  if (options.out) writeFileSync(options.out, `${line}\n`);
  return result.ok ? 0 : 1;
}
