import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Office, SetupStatus } from '../../../shared/api/admin';
import { runCli } from '../../../electron/cli/run';
import type { Core } from '../../../electron/core/app';
import { fail, kotimSetup, ok, openTestCore } from '../../helpers/core';
import { RESOURCES, emptyDbPath } from '../../helpers/webApp';

const admin = kotimSetup().admin;

/** `npm run cli -- init --db … --kabupaten 62.02 --kantor …`, as a technician runs it before handing the PC over. */
async function initFromCli(db: string) {
  const err: string[] = [];
  const code = await runCli(['init', '--db', db, '--kabupaten', '62.02', '--kantor', 'Dinas Sosial Kotim', '--kota', 'Sampit', '--kepala', 'Drs. H. Ahmad Yani, M.Si'], { out: () => {}, err: (t) => err.push(t) }, RESOURCES);
  expect(err.join('\n')).toBe('');
  expect(code).toBe(0);
}

describe('first start after `init --kabupaten` set the office', () => {
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  it('creates the admin alone, signs them in, and leaves the stored office exactly as the command line wrote it', async () => {
    const db = emptyDbPath();
    await initFromCli(db);
    core = await openTestCore({ dbPath: db });
    const before = await core.db.selectFrom('office').selectAll().executeTakeFirstOrThrow();

    const client = core.createClient();
    const status = await ok<SetupStatus>(client, 'admin.setupStatus');
    expect(status).toMatchObject({ needsSetup: true, needsRecovery: false, officeName: 'Dinas Sosial Kotim' });

    const office = await ok<Office>(client, 'admin.completeSetup', { admin });
    expect(office).toMatchObject({ namaInstansi: 'Dinas Sosial Kotim', kabKotaKode: '62.02', kota: 'Sampit', kabKotaNama: 'Kabupaten Kotawaringin Timur' });
    const after = await core.db.selectFrom('office').selectAll().executeTakeFirstOrThrow();
    expect(after).toEqual(before);

    const users = await core.db.selectFrom('app_user').select(['username', 'nama', 'role']).execute();
    expect(users).toEqual([{ username: 'admin', nama: 'Siti Rahmawati', role: 'admin' }]);
    expect(client.client.session?.username).toBe('admin');
    expect((await ok<SetupStatus>(client, 'admin.setupStatus')).needsSetup).toBe(false);

    // The wizard's call: once an admin exists it needs a sign-in, and the admin gets no second set-up either.
    const again = await fail(core.createClient(), 'admin.completeSetup', { admin: { ...admin, username: 'admin2' } });
    expect(again.code).toBe('UNAUTHENTICATED');
    const withOffice = await fail(client, 'admin.completeSetup', { ...kotimSetup(), admin: { ...admin, username: 'admin3' } });
    expect(withOffice.code).toBe('CONFLICT');
    expect(await core.db.selectFrom('office').selectAll().executeTakeFirstOrThrow()).toEqual(before);
    expect(await core.db.selectFrom('app_user').select('username').execute()).toEqual([{ username: 'admin' }]);
  });

  it('refuses the admin alone when no office is stored, in Indonesian, and creates nothing', async () => {
    core = await openTestCore();
    const refused = await fail(core.createClient(), 'admin.completeSetup', { admin });
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.message).toBe('Data kantor belum diisi. Lengkapi data kantor bersama akun admin pertama.');
    expect(await core.db.selectFrom('app_user').select('username').execute()).toEqual([]);
    expect(await core.db.selectFrom('office').select('id').execute()).toEqual([]);
  });

  it('refuses the admin alone in a folder that needs recovery (set up before, no accounts now)', async () => {
    const db = emptyDbPath();
    await initFromCli(db);
    core = await openTestCore({ dbPath: db });
    mkdirSync(core.paths.dataDir, { recursive: true });
    writeFileSync(join(core.paths.dataDir, 'dinsos-2026-12-01.dsbak'), 'kept backup'); // a backup kept in the folder: it was in use
    const client = core.createClient();
    expect(await ok<SetupStatus>(client, 'admin.setupStatus')).toMatchObject({ needsSetup: false, needsRecovery: true });
    const refused = await fail(client, 'admin.completeSetup', { admin });
    expect(refused.code).toBe('UNAUTHENTICATED');
    expect(await core.db.selectFrom('app_user').select('username').execute()).toEqual([]);
  });
});
