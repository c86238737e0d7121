/**
 * The office server's address (issue 18): a bracketed IPv6 address the URL cannot parse ("[:::]", "[1::2::3]")
 * is refused in words, never silently turned into this PC (localhost). No server is needed: the refusal comes
 * before any connection.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { startPc } from '../../helpers/connection';
import { fail } from '../../helpers/core';

const cores: Core[] = [];
afterAll(async () => {
  for (const core of cores) await core.close().catch(() => undefined);
});

const server = (host: string) => ({ host, port: 1, database: 'dinsos', user: 'kantor', password: 'sandi', ssl: false });

it('an IPv6 address that cannot be parsed is refused as invalid, not tried on this PC; nothing is stored', async () => {
  const pc = await startPc();
  cores.push(pc.core);
  const wizard = pc.core.createClient();
  for (const host of ['[:::]', '[1::2::3]']) {
    const tested = await fail(wizard, 'connection.test', server(host));
    expect(tested.code).toBe('INVALID_INPUT');
    expect(tested.message).toBe(`Alamat server "${host}" tidak valid. Tulis nama komputer atau alamat IP, mis. 192.168.1.10, server-dinsos atau [fe80::1].`);
    const saved = await fail(wizard, 'connection.save', { mode: 'server', ...server(host) });
    expect(saved.code).toBe('INVALID_INPUT');
  }
  expect(pc.core.paths.dbPath).toBe(join(pc.dataDir, 'dinsos.sqlite'));
  expect(existsSync(join(pc.dataDir, 'koneksi.json'))).toBe(false);

  // A valid IPv6 address and "localhost" are tried (nothing listens on port 1 here).
  for (const host of ['[::1]', 'localhost']) {
    const tried = await fail(wizard, 'connection.test', server(host));
    expect(tried.code).toBe('SERVER_UNREACHABLE');
    expect(tried.message).toContain(`Server ${host}:1 tidak dapat dihubungi.`);
  }
}, 60_000);
