import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { inspectBackup } from '../../../electron/core/backup/inspect';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { DTKS_HEADERS, dtksRow, makeFamilies, seedRegistry } from '../../helpers/registryFixtures';
import { ROOT, tempDbPath } from '../../helpers/webApp';
import { writeLargeXlsx } from '../../helpers/xlsx';
import { sqliteOnly } from '../../helpers/engines';

const CHILD = join(ROOT, 'test/helpers/security/crashChild.ts');

/**
 * Starts the child, waits for `marker` on its stdout, waits `delayMs` more, then SIGKILLs it.
 * Returns the markers seen. If the child finished before the kill, `finished` says so.
 */
function runAndKill(args: string[], marker: RegExp, delayMs: number): Promise<{ lines: string[]; finished: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    // node itself (not the tsx launcher, which would leave its child running after a SIGKILL).
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let readyAt = 0;
    const lines: string[] = [];
    let buffer = '';
    let armed = false;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line === 'READY') readyAt = Date.now();
        if (!armed && marker.test(line)) {
          armed = true;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ lines, finished: signal !== 'SIGKILL', ms: Date.now() - readyAt });
    });
  });
}

async function checkDb(path: string) {
  const db = await openDatabase(path); // the app's own open: quick_check, ownership, schema guard, migrate
  const { rows } = await sql<Record<string, string>>`pragma integrity_check`.execute(db);
  const count = async (table: 'anggota' | 'keluarga' | 'import_batch' | 'audit_log') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const result = {
    integrity: Object.values(rows[0] ?? {})[0],
    anggota: await count('anggota'),
    keluarga: await count('keluarga'),
    batches: await count('import_batch'),
    audit: await count('audit_log'),
  };
  await db.destroy();
  return result;
}

/** An .xlsx's parts and their text, but for its document properties (they carry the time it was made). */
async function xlsxParts(file: string): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) if (!name.startsWith('docProps/')) parts[name] = await zip.files[name]!.async('string');
  return parts;
}

describe.skipIf(sqliteOnly('copies and reopens the database file after a kill'))('SIGKILL in the middle of work leaves a database that opens, is whole, and has all or nothing', () => {
  let baseDb: string;
  beforeAll(async () => {
    baseDb = tempDbPath();
    const core = await openTestCore({ dbPath: baseDb });
    await setUpOffice(core);
    await core.close();
  });

  it('backup: killed at several points, never a file with a backup name that is not a whole backup', { timeout: 240_000 }, async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'dinsos-kill-')), 'dinsos.sqlite');
    copyFileSync(baseDb, db);
    const folder = mkdtempSync(join(tmpdir(), 'dinsos-kill-cadangan-'));
    mkdirSync(join(db, '..', 'dinsos-data', 'lampiran'), { recursive: true });
    writeFileSync(join(db, '..', 'dinsos-data', 'lampiran', 'foto.jpg'), Buffer.alloc(200_000, 7));
    const points: [RegExp, number][] = [
      [/^WROTE 0$/, 0], // between the audit transaction and the backup
      [/^STEP copy 0$/, 5], // inside VACUUM INTO
      [/^STEP copy 1$/, 150],
      [/^STEP attachments 1 1$/, 0], // attachments written, before verifying
      [/^STEP verify 1$/, 2], // inside integrity_check of the copy
      [/^STEP done 2$/, 0], // just after the rename
    ];
    let auditBefore = (await checkDb(db)).audit;
    for (const [marker, delay] of points) {
      const { lines } = await runAndKill(['backup', db, folder], marker, delay);
      expect(lines).toContain('READY');
      const state = await checkDb(db);
      expect(state.integrity).toBe('ok');
      // Each batch of 50 audit rows is one transaction: whole batches only.
      expect((state.audit - auditBefore) % 50).toBe(0);
      auditBefore = state.audit;
      for (const name of readdirSync(folder).filter((f) => f.endsWith('.dsbak'))) {
        const info = await inspectBackup(join(folder, name), name); // throws unless whole and ours
        expect(info.counts.users).toBe(1);
      }
    }
    expect(readdirSync(folder).filter((f) => f.endsWith('.dsbak')).length).toBeGreaterThan(0);
  });

  it('import: killed at several points of a real import, the registry has none or all of the file', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dinsos-kill-impor-'));
    const families = makeFamilies(6000, 77);
    const rows = families.flatMap((k) => k.anggota.map((a) => ({ k, a })));
    const file = await writeLargeXlsx(join(dir, 'dtks.xlsx'), DTKS_HEADERS, rows.length, (i) => dtksRow(rows[i]!.k, rows[i]!.a, i + 1));

    // The uninterrupted run, for the "all" count.
    const full = join(dir, 'penuh.sqlite');
    copyFileSync(baseDb, full);
    const done = await runAndKill(['import', full, file], /^NEVER$/, 0);
    expect(done.finished).toBe(true);
    expect(done.lines.some((l) => l.startsWith('OUT {'))).toBe(true);
    const all = await checkDb(full);
    expect(all.anggota).toBeGreaterThan(5000);

    const outcomes: string[] = [];
    // Kill at fractions of the measured duration: reading, checking, inside the commit, right at its end.
    for (const fraction of [0.15, 0.5, 0.8, 0.93, 0.99]) {
      const delay = Math.round(done.ms * fraction);
      const db = join(dir, `mati-${fraction}.sqlite`);
      copyFileSync(baseDb, db);
      const { finished } = await runAndKill(['import', db, file], /^READY$/, delay);
      const state = await checkDb(db);
      expect(state.integrity).toBe('ok');
      expect([0, all.anggota]).toContain(state.anggota);
      expect(state.keluarga).toBe(state.anggota === 0 ? 0 : all.keluarga);
      expect(state.batches).toBe(state.anggota === 0 ? 0 : 1);
      outcomes.push(finished ? 'finished' : state.anggota === 0 ? 'none' : 'all');
    }
    // At least one kill landed before the commit ended; the point of the test is lost if none did.
    expect(outcomes).toContain('none');
  });

  it('export: killed while writing, no file appears under the requested name and the database is unchanged', { timeout: 240_000 }, async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'dinsos-kill-ekspor-')), 'dinsos.sqlite');
    copyFileSync(baseDb, db);
    const seeded = await openDatabase(db);
    await seedRegistry(seeded, 30_000, { seed: 5 });
    await seeded.destroy();
    const before = await checkDb(db);
    const whole = join(mkdtempSync(join(tmpdir(), 'dinsos-kill-out-')), 'dtks.xlsx');
    const measured = await runAndKill(['export', db, whole], /^NEVER$/, 0);
    expect(measured.finished).toBe(true);
    expect(existsSync(whole)).toBe(true);
    let killedMidway = 0;
    for (const fraction of [0.3, 0.7, 0.95]) {
      const delay = Math.round(measured.ms * fraction);
      const out = join(mkdtempSync(join(tmpdir(), 'dinsos-kill-out-')), 'dtks.xlsx');
      const { finished } = await runAndKill(['export', db, out], /^READY$/, delay);
      const state = await checkDb(db);
      expect(state.integrity).toBe('ok');
      expect(state.anggota).toBe(before.anggota);
      if (!finished) {
        killedMidway += 1;
        // Either not yet renamed (nothing under the name) or renamed whole; never a partial file by that name.
        // Whole: the same parts with the same content (the compressed size may differ by a byte or so, as the
        // document's own timestamp differs between two runs).
        if (existsSync(out)) expect(await xlsxParts(out)).toEqual(await xlsxParts(whole));
      }
    }
    expect(killedMidway).toBeGreaterThan(0);
  });

  it('handover save: killed while recipients are being added, a handover has all of them or none', { timeout: 240_000 }, async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'dinsos-kill-bast-')), 'dinsos.sqlite');
    copyFileSync(baseDb, db);
    const seeded = await openDatabase(db);
    await seedRegistry(seeded, 8000, { seed: 9 });
    await seeded.destroy();
    const PER = 400;
    let sawPartialWindow = false;
    for (const [marker, delay] of [[/^CREATED 0$/, 0], [/^CREATED 1$/, 15], [/^ADDED 2$/, 0], [/^CREATED 4$/, 60]] as const) {
      const { finished, lines } = await runAndKill(['handover', db, String(PER)], marker, delay);
      expect(finished).toBe(false);
      const opened = await openDatabase(db);
      const { rows } = await sql<Record<string, string>>`pragma integrity_check`.execute(opened);
      expect(Object.values(rows[0] ?? {})[0]).toBe('ok');
      const counts = await opened
        .selectFrom('penyerahan')
        .leftJoin('penerima', 'penerima.penyerahan_id', 'penyerahan.id')
        .select(['penyerahan.id', (eb) => eb.fn.count<number>('penerima.id').as('n')])
        .groupBy('penyerahan.id')
        .execute();
      await opened.destroy();
      // Each save is one transaction: a handover with recipients has every one of the batch, never part.
      for (const c of counts) expect([0, PER]).toContain(Number(c.n));
      if (lines.some((l) => l.startsWith('CREATED')) && !lines.at(-1)?.startsWith('ADDED')) sawPartialWindow = true;
    }
    expect(sawPartialWindow).toBe(true);
  });
});
