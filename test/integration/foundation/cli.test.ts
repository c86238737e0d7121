import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { migrationNames } from '../../../electron/core/db/migrations';
import { RESOURCES, emptyDbPath } from '../../helpers/webApp';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, RESOURCES);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('command line', () => {
  it('prints help listing its commands', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    expect(out).toContain('Pemakaian: npm run cli -- <perintah>');
    expect(out).toMatch(/init \[--db PATH\]/);
    expect(out).toMatch(/info \[--db PATH\]/);
  });

  it('init creates and migrates a database at --db and loads the regions; info reports it as JSON', async () => {
    const db = emptyDbPath();
    const init = await cli('init', '--db', db, '--json');
    expect(init.code).toBe(0);
    expect(JSON.parse(init.out)).toEqual({ db, regions: 91_599 });
    const info = await cli('info', '--db', db, '--json');
    const parsed = JSON.parse(info.out);
    expect(parsed.schemaVersion).toBe(migrationNames.length);
    expect(parsed.latestSchemaVersion).toBe(migrationNames.length);
    expect(parsed.office).toBeNull();
    expect(parsed.counts.region).toBe(91_599);
  });

  it('refuses an unknown command and a file that is not a database, with exit codes', async () => {
    const unknown = await cli('hapus-semua');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Perintah tidak dikenal: hapus-semua');
    const { writeFileSync } = await import('node:fs');
    const notDb = emptyDbPath();
    writeFileSync(notDb, 'bukan basis data');
    const bad = await cli('info', '--db', notDb);
    expect(bad.code).toBe(3);
    expect(bad.err).toContain('bukan basis data Dinsos Desk');
  });
});
