import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { AppError } from '../core/api/errors';
import { openCore } from '../core/app';
import { isPostgresTarget } from '../core/db/dialect';
import type { Platform } from '../core/platform';
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
    '  --db PATH   berkas basis data, atau server kantor postgres://pengguna:sandi@host:5432/basisdata',
    '              (bawaan: folder data pengguna, atau variabel DINSOS_DB)',
    '  --json      keluaran JSON untuk skrip',
    '  --help      bantuan ini',
  ].join('\n');
}

const cliPlatform: Platform = {
  kind: 'cli',
  async htmlToPdf() {
    throw new AppError('NOT_SUPPORTED', 'PDF tidak dibuat dari baris perintah; gunakan aplikasi.');
  },
};

/** --db names a file (made absolute) or the office server's postgres:// URL (kept as it is). */
function dbTarget(value: string): string {
  return isPostgresTarget(value) ? value : resolve(value);
}

/** Runs one command; returns the exit code. Separate from main.ts so tests can call it in-process. */
export async function runCli(argv: string[], io: Omit<CliIo, 'json'>, resourcesDir: string): Promise<number> {
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
  let core;
  try {
    core = await openCore({
      resourcesDir,
      platform: cliPlatform,
      ...(typeof parsed.values.db === 'string' ? { dbPath: dbTarget(parsed.values.db) } : {}),
    });
  } catch (error) {
    io.err(error instanceof AppError ? error.message : String(error));
    if (error instanceof AppError && error.code.startsWith('DB_')) {
      io.err('Jalan keluar: pulihkan dari berkas cadangan dengan  npm run cli -- restore BERKAS.dsbak  (berkas saat ini disimpan terpisah, tidak dihapus).');
    }
    if (json) io.out(JSON.stringify({ error: error instanceof AppError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: String(error) } }));
    return 3;
  }
  try {
    return await command.run({ positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | undefined> }, core, { ...io, json });
  } catch (error) {
    const e = error instanceof AppError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: (error as Error).message };
    if (json) io.out(JSON.stringify({ error: e }));
    io.err(e.message);
    return 1;
  } finally {
    await core.close();
  }
}
