/**
 * A PC whose saved server password can no longer be decrypted (issue 18): a Windows profile reset or a data folder
 * copied to another PC leaves koneksi.json with ciphertext this user's DPAPI cannot open. The app's core process
 * asks its parent to decrypt at start; the refusal must say what happened and which file to remove, not that the
 * window could not print.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Secrets } from '../../../electron/core/platform';
import { CoreHost } from '../../../electron/core/host/host';
import { forkNodeCore } from '../../../electron/core/host/nodeChild';
import { platformWith } from '../../helpers/connection';
import { coreScripts, RESOURCES } from '../../helpers/webApp';
import { childEnv } from '../../bench/bundle';

/** What safeStorage does with ciphertext made under another Windows profile. */
const otherProfile: Secrets = {
  async encrypt() {
    throw new Error('not used');
  },
  async decrypt() {
    throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  },
};

it('a saved server password this PC cannot decrypt stops the start with words naming koneksi.json, not a window failure', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dinsos-pc-'));
  const file = join(dataDir, 'koneksi.json');
  writeFileSync(file, JSON.stringify({ mode: 'server', host: '127.0.0.1', port: 5432, database: 'dinsos', user: 'kantor', ssl: false, passwordCipher: 'AAAA' }));
  const scripts = coreScripts();
  const host = new CoreHost({
    spawn: forkNodeCore(scripts.child, { env: childEnv() }),
    init: { dataDir, resourcesDir: RESOURCES, autoBackup: false, workerPath: scripts.worker },
    platform: platformWith(otherProfile),
  });
  const refused = await host.start().then(
    () => null,
    (error: unknown) => error as { code?: string; message?: string },
  );
  await host.close().catch(() => undefined);
  expect(refused?.code).toBe('SECRETS_UNREADABLE');
  expect(refused?.message).toContain('Sandi server kantor yang tersimpan tidak dapat dibuka lagi di komputer ini');
  expect(refused?.message).toContain(`Hapus berkas ${file}`);
  expect(refused?.message).not.toContain('cetak, PDF');
}, 60_000);
