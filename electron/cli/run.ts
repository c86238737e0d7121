import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { AppError } from '../core/api/errors';
import type { Core } from '../core/app';
import { isPostgresTarget } from '../core/db/dialect';
import { cliPlatform, openCliApi, type CliApi, type CoreScripts } from './api';
import type { CliIo } from './command';
import { commands } from './commands';

function help(): string {
  return [
    'Dinsos Desk — baris perintah',
    '',
    'Pemakaian: npm run cli -- <perintah> [opsi]',
    '',
    'Perintah:',
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    'Opsi umum:',
    '  --db PATH   berkas basis data, atau server kantor postgres://pengguna@host:5432/basisdata',
    '              (sandi server lewat variabel PGPASSWORD, agar tidak tersimpan di riwayat perintah)',
    '              (bawaan: folder data pengguna, atau variabel DINSOS_DB)',
    '  --json      keluaran JSON untuk skrip',
    '  --help      bantuan ini',
  ].join('\n');
}

/** --db names a file (made absolute) or the office server's postgres:// URL (kept as it is). */
function dbTarget(value: string): string {
  return isPostgresTarget(value) ? value : resolve(value);
}

export interface CliOptions {
  /**
   * Runs the core of the contract commands (import, export, backup, info) in its own process from these
   * scripts, as the app does (main.ts: always). Without it the core opens in this process: for tests where a
   * fork is pointless.
   */
  fork?: CoreScripts;
}

/** Runs one command; returns the exit code. Separate from main.ts so tests can call it in-process. */
export async function runCli(argv: string[], io: Omit<CliIo, 'json'>, resourcesDir: string, options: CliOptions = {}): Promise<number> {
  const name = argv[0];
  const command = commands.find((c) => c.name === name);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : 1;
  }
  if (!command) {
    io.err(`Perintah tidak dikenal: ${name}\n\n${help()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      options: { db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...command.options },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\nPemakaian: npm run cli -- ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(`Pemakaian: npm run cli -- ${command.usage}\n${command.summary}`);
    return 0;
  }
  const json = parsed.values.json === true;
  if (command.standalone) {
    try {
      return await command.standalone(
        { positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | undefined> },
        { resourcesDir, ...(typeof parsed.values.db === 'string' ? { dbPath: dbTarget(parsed.values.db) } : {}) },
        { ...io, json },
      );
    } catch (error) {
      const e = error instanceof AppError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: (error as Error).message };
      if (json) io.out(JSON.stringify({ error: e }));
      io.err(e.message);
      return 1;
    }
  }
  const dbPath = typeof parsed.values.db === 'string' ? dbTarget(parsed.values.db) : undefined;
  let core: Core | null = null;
  let api: CliApi | null = null;
  try {
    if (command.api) api = await openCliApi({ resourcesDir, ...(dbPath ? { dbPath } : {}), ...(options.fork ? { fork: options.fork } : {}) });
    // Loaded only when needed: the commands on a forked core never load the core into this process.
    else core = await (await import('../core/app')).openCore({ resourcesDir, platform: cliPlatform, ...(dbPath ? { dbPath } : {}) });
  } catch (error) {
    io.err(error instanceof AppError ? error.message : String(error));
    if (error instanceof AppError && error.code.startsWith('DB_')) {
      io.err('Jalan keluar: pulihkan dari berkas cadangan dengan  npm run cli -- restore BERKAS.dsbak  (berkas saat ini disimpan terpisah, tidak dihapus).');
    }
    if (json) io.out(JSON.stringify({ error: error instanceof AppError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: String(error) } }));
    return 3;
  }
  const args = { positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | undefined> };
  try {
    if (api) return await command.api!(args, api, { ...io, json });
    return await command.run!(args, core!, { ...io, json });
  } catch (error) {
    const e = error instanceof AppError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: (error as Error).message };
    if (json) io.out(JSON.stringify({ error: e }));
    io.err(e.message);
    return 1;
  } finally {
    await (api ?? core)?.close();
  }
}
