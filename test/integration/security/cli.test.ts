import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { RESOURCES, tempDbPath } from '../../helpers/webApp';
import { sqliteOnly } from '../../helpers/engines';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, RESOURCES);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run cli -- backup / restore', () => {
  it.skipIf(sqliteOnly('restores over a database file that no longer opens'))('backs up to a file, and restores it over a database that no longer opens (the way out)', async () => {
    const db = tempDbPath();
    const core = await openTestCore({ dbPath: db });
    const admin = await setUpOffice(core);
    const created = await admin.call('users.create', { nama: 'Budi Petugas', username: 'budi', role: 'petugas', wilayah: [], password: 'petugas-budi-01' });
    expect(created.ok).toBe(true);
    await core.close();

    const dir = mkdtempSync(join(tmpdir(), 'dinsos-cli-cadangan-'));
    const file = join(dir, 'kantor.dsbak');
    const backup = await cli(['backup', '--out', file, '--db', db, '--json']);
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.out)).toMatchObject({ path: file, integrity: 'ok' });
    expect(readdirSync(dir)).toEqual(['kantor.dsbak']);
    // Never overwrites by accident.
    const again = await cli(['backup', '--out', file, '--db', db]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/sudah ada/);

    // The database file is destroyed (a disk error, a bad copy): the app refuses it with a message…
    writeFileSync(db, 'ini bukan basis data lagi');
    const info = await cli(['info', '--db', db]);
    expect(info.code).toBe(3);
    expect(info.err).toMatch(/bukan basis data Dinsos Desk/);
    expect(info.err).toMatch(/npm run cli -- restore/);
    // …and restore works without opening it, keeping the broken file aside.
    const restore = await cli(['restore', file, '--db', db, '--json']);
    expect(restore.err).toBe('');
    expect(restore.code).toBe(0);
    const result = JSON.parse(restore.out) as { keptAsidePath: string; info: { counts: { users: number } } };
    expect(result.info.counts.users).toBe(2);
    expect(existsSync(result.keptAsidePath)).toBe(true);
    const after = JSON.parse((await cli(['info', '--db', db, '--json'])).out) as { counts: Record<string, number> };
    expect(after.counts.app_user).toBe(2);
  });

  it('refuses to restore a file that is not a backup, with the reason, and leaves the database alone', async () => {
    const db = tempDbPath();
    const core = await openTestCore({ dbPath: db });
    await setUpOffice(core);
    await core.close();
    const bogus = join(mkdtempSync(join(tmpdir(), 'dinsos-cli-')), 'foto.jpg');
    writeFileSync(bogus, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    const r = await cli(['restore', bogus, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bukan cadangan Dinsos Desk/);
    const missing = await cli(['restore', join(tmpdir(), 'tidak-ada.dsbak'), '--db', db]);
    expect(missing.err).toMatch(/tidak ditemukan/);
    const info = JSON.parse((await cli(['info', '--db', db, '--json'])).out) as { counts: Record<string, number> };
    expect(info.counts.app_user).toBe(1);
  });
});
