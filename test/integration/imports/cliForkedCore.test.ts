/**
 * Issue 13: `npm run cli -- import FILE --json` reads the file in the core's own process (forked as in browser
 * mode, through the contract), gives the hostile-file behaviour, and prints what the import page shows.
 * The real command line is started as `npm run cli` starts it (tsx electron/cli/main.ts).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import { kotimSetup, nullPlatform, ok, openTestCore } from '../../helpers/core';
import { sqliteOnly } from '../../helpers/engines';
import { writeHostile } from '../../helpers/hostileXlsx';
import { ROOT, startForkedCore, tempDbPath } from '../../helpers/webApp';
import { tempDir, writeXlsx } from '../../helpers/xlsx';
import { messySheets } from './messySheet';

interface CliRun {
  code: number | null;
  out: string;
  err: string;
  /** Processes started under the command line, seen while it ran: pid → command line. */
  descendants: Map<number, string>;
  pid: number;
}

function parentOf(pid: number): number | null {
  try {
    // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** Every process below `root` now. */
function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentOf(Number(name));
    if (ppid !== null) children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      found.push(c);
      walk(c);
    }
  };
  walk(root);
  return found;
}

/** `npm run cli -- ARGS` as npm starts it (tsx electron/cli/main.ts), watching the processes it starts. */
function runCliProcess(args: string[]): Promise<CliRun> {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'electron/cli/main.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const descendants = new Map<number, string>();
  const watch = setInterval(() => {
    // Read again each time: a process seen between its fork and its exec still shows its parent's command line.
    for (const pid of descendantsOf(child.pid!)) descendants.set(pid, cmdline(pid) || (descendants.get(pid) ?? ''));
  }, 50);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearInterval(watch);
      resolve({ code, out, err, descendants, pid: child.pid! });
    });
  });
}

/** The processes that ran the core (coreChild), below the command line's own. */
function coreProcesses(run: CliRun): number[] {
  return [...run.descendants].filter(([, cmd]) => /^\S*node\b.*electron\/core\/host\/coreChild/.test(cmd)).map(([pid]) => pid);
}

describe('npm run cli -- import, on a core in its own process', () => {
  let dir: string;
  let db: string;
  let sheet: string;
  let page: ImportReport;

  beforeAll(async () => {
    dir = await tempDir('dinsos-cli-fork-');
    sheet = await writeXlsx(join(dir, 'usulan.xlsx'), messySheets().sheets);
    db = tempDbPath();
    // What the import page shows for this file: the office set up and the sheet previewed in a forked core.
    const host = await startForkedCore({ dbPath: db, platform: nullPlatform });
    try {
      const admin = host.createClient();
      await ok(admin, 'admin.completeSetup', kotimSetup());
      const staged = await ok<StagedFile>(admin, 'imports.upload', { fileName: 'usulan.xlsx', bytes: new Uint8Array(await readFile(sheet)) });
      let status = await ok<JobStatus<ImportReport>>(admin, 'imports.preview', { stagingId: staged.stagingId });
      while (status.state === 'running') {
        await new Promise((r) => setTimeout(r, 50));
        status = await ok<JobStatus<ImportReport>>(admin, 'jobs.status', { id: status.id });
      }
      expect(status.state).toBe('done');
      page = status.result!;
    } finally {
      await host.close();
    }
  }, 180_000);

  afterAll(async () => {
    const { rm } = await import('node:fs/promises');
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a sheet as the import page shows it, read in the forked core, audited as the command line', async () => {
    const run = await runCliProcess(['import', sheet, '--json', '--db', db]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    // The core ran in a process of its own below the command line (old code: opened in the CLI's process).
    const cores = coreProcesses(run);
    expect(cores.length).toBeGreaterThan(0);
    expect(cores).not.toContain(run.pid);

    const j = JSON.parse(run.out) as {
      counts: ImportReport['counts']; imported: number; batchId: number;
      rejected: { row: number; reasons: { code?: string; message: string }[] }[];
    };
    // The same counts as the page's preview (nothing was in the registry before), and the same rejected rows
    // with the same reasons, codes included (row 12: no name, and a NIK whose date part is no date).
    expect(j.counts).toEqual(page.counts);
    expect(j.imported).toBe(page.counts.imported);
    const pageRejected = page.rows.filter((r) => r.outcome === 'rejected');
    expect(j.rejected.map((r) => r.row)).toEqual(pageRejected.map((r) => r.row));
    expect(j.rejected.map((r) => r.row)).toEqual([9, 11, 12, 17]);
    for (const r of pageRejected) {
      expect(j.rejected.find((x) => x.row === r.row)!.reasons).toEqual(r.reasons.map((p) => ({ code: p.code, message: p.message })));
    }
    expect(j.rejected.find((r) => r.row === 12)!.reasons.map((p) => p.code).sort()).toEqual(['NAMA_EMPTY', 'NIK_DATE']);

    // Stored, and recorded under the command line's name.
    const core = await openTestCore({ dbPath: db });
    try {
      const batch = await core.db.selectFrom('import_batch').selectAll().where('id', '=', j.batchId).executeTakeFirstOrThrow();
      expect(batch).toMatchObject({ imported: page.counts.imported, rejected: page.counts.rejected, username: 'cli' });
    } finally {
      await core.close();
    }
  }, 180_000);

  it('info, export and backup answer from the forked core too, audited as the command line', async () => {
    const info = await runCliProcess(['info', '--json', '--db', db]);
    expect(info.code).toBe(0);
    expect(coreProcesses(info).length).toBeGreaterThan(0);
    const counts = (JSON.parse(info.out) as { counts: Record<string, number> }).counts;
    expect(counts.anggota).toBeGreaterThan(0);

    const xlsx = join(dir, 'dtks.xlsx');
    const exported = await runCliProcess(['export', 'dtks', '--out', xlsx, '--json', '--db', db]);
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.out)).toMatchObject({ file: xlsx, template: 'dtks', rows: counts.anggota });
    expect(coreProcesses(exported).length).toBeGreaterThan(0);

    const target = join(dir, 'kantor.dsbak');
    const backup = await runCliProcess(['backup', '--out', target, '--json', '--db', db]);
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.out)).toMatchObject({ path: target, integrity: 'ok' });
    expect(readdirSync(dir).filter((f) => f.startsWith('kantor.dsbak'))).toEqual(['kantor.dsbak']);

    const core = await openTestCore({ dbPath: db });
    try {
      const audit = await core.db.selectFrom('audit_log').select(['username', 'action']).where('action', 'in', ['export', 'backup']).execute();
      expect(audit.map((a) => `${a.action}:${a.username}`).sort()).toEqual(['backup:cli', 'export:cli']);
    } finally {
      await core.close();
    }
  }, 300_000);

  // The refusal is the sheet reader's; the command line's forked core on the server is the two tests above.
  it.skipIf(sqliteOnly('a hostile file refused by the reader in the forked core')).each([
    ['cell-ref-out-of-grid', 'IMPORT_CELL_REF_INVALID'],
    ['huge-cell', 'IMPORT_FILE_TOO_EXPANDED'],
  ] as const)('a hostile file (%s) ends with %s and exit code 4, refused in the forked core', async (kind, code) => {
    const file = join(dir, `${kind}.xlsx`);
    await writeHostile(file, kind);
    const run = await runCliProcess(['import', file, '--json', '--db', db]);
    expect(run.code).toBe(4);
    const j = JSON.parse(run.out) as { file: string; error: { code: string; message: string } };
    expect(j).toMatchObject({ file, error: { code } });
    expect(j.error.message).toContain(basename(file));
    // The one line on stderr is the same Indonesian message.
    expect(run.err.trim()).toBe(j.error.message);
    expect(coreProcesses(run).length).toBeGreaterThan(0);
  }, 180_000);
});
