/**
 * The office server's password on the desktop (issue 18): kept by Electron's safeStorage, so the connection
 * file holds only its ciphertext; without protected storage nothing is saved (never the plain password).
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createElectronMock } from './electronMock';

const electron = createElectronMock();
const scramble = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x3c)).reverse();
const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  encryptString: vi.fn((plain: string) => Buffer.concat([Buffer.from('v10'), scramble(Buffer.from(plain, 'utf8'))])),
  decryptString: vi.fn((cipher: Buffer) => scramble(cipher.subarray(3)).toString('utf8')),
};
Object.assign(electron.mock, { safeStorage });
vi.mock('electron', () => electron.mock);

const { desktopPlatform, NO_SAFE_STORAGE } = await import('../../../electron/shell/platform');
const { savedTarget, storedServer, writeConnection } = await import('../../../electron/core/connection/settings');

const PASSWORD = 'Sandi-Server#2026';
const server = { host: 'server-dinsos', port: 5432, database: 'dinsos', user: 'kantor', password: PASSWORD, ssl: true, certCheck: 'none' as const, caCert: null };

describe('the desktop keeps the server password with safeStorage', () => {
  it('stores only safeStorage\'s ciphertext, and opens the server with the decrypted password at the next start', async () => {
    const platform = desktopPlatform(() => null);
    const dataDir = mkdtempSync(join(tmpdir(), 'dinsos-pc-'));
    writeConnection(dataDir, await storedServer(server, platform));
    expect(safeStorage.encryptString).toHaveBeenCalledWith(PASSWORD);

    const file = readFileSync(join(dataDir, 'koneksi.json'), 'utf8');
    expect(file).not.toContain(PASSWORD);
    expect(file).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(JSON.parse(file)).toMatchObject({ mode: 'server', host: 'server-dinsos', port: 5432, database: 'dinsos', user: 'kantor', ssl: true });

    const url = await savedTarget(dataDir, platform);
    expect(safeStorage.decryptString).toHaveBeenCalled();
    expect(url).toBe('postgres://kantor:Sandi-Server%232026@server-dinsos:5432/dinsos?sslmode=require');
    expect(decodeURIComponent(new URL(url!).password)).toBe(PASSWORD);
  });

  it('refuses to store the password when the system has no protected storage, and writes nothing', async () => {
    safeStorage.isEncryptionAvailable.mockReturnValue(false);
    safeStorage.encryptString.mockClear();
    const dataDir = mkdtempSync(join(tmpdir(), 'dinsos-pc-'));
    const error = await storedServer(server, desktopPlatform(() => null)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SECRETS_UNAVAILABLE', message: NO_SAFE_STORAGE });
    expect(NO_SAFE_STORAGE).toContain('sandi server tidak disimpan');
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    expect(existsSync(join(dataDir, 'koneksi.json'))).toBe(false);
  });

  it('says which file to remove when this PC can no longer read the saved password (Windows profile reset, folder copied)', async () => {
    safeStorage.isEncryptionAvailable.mockReturnValue(true);
    const platform = desktopPlatform(() => null);
    const dataDir = mkdtempSync(join(tmpdir(), 'dinsos-pc-'));
    writeConnection(dataDir, await storedServer(server, platform));
    safeStorage.decryptString.mockImplementationOnce(() => {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    });
    const error = await savedTarget(dataDir, platform).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SECRETS_UNREADABLE' });
    expect((error as Error).message).toContain('Sandi server kantor yang tersimpan tidak dapat dibuka lagi di komputer ini');
    expect((error as Error).message).toContain(`Hapus berkas ${join(dataDir, 'koneksi.json')}`);
  });
});
