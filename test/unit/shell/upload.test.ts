/**
 * The desktop app's picked files (mocked electron): the preload sends a picked file's path, never its bytes;
 * the main side streams that path into the data folder and has the window's own client claim it.
 */
import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createElectronMock } from './electronMock';

const electron = createElectronMock();
const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: { uploadId: 'a'.repeat(32), fileName: 'dtks.xlsx', size: 5 } }));
vi.mock('electron', () => ({
  ...electron.mock,
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { invoke },
  webUtils: { getPathForFile: (file: File) => (file.name === 'dibuat-halaman.jpg' ? '' : `/home/clerk/Unduhan/${file.name}`) },
}));

const { setupIpc, UPLOAD_CHANNEL } = await import('../../../electron/shell/ipc');

describe('desktop uploads (mocked electron)', () => {
  beforeEach(() => vi.clearAllMocks());

  it('the preload hands over the path of a picked file, and only a page-made file (a thumbnail) as bytes', async () => {
    await import('../../../electron/preload/index');
    const bridge = exposed.dinsos as { upload(file: File, purpose: string): Promise<unknown> };
    await bridge.upload(new File([new Uint8Array(5)], 'dtks.xlsx'), 'import');
    expect(invoke).toHaveBeenCalledWith('dinsos:upload', { path: '/home/clerk/Unduhan/dtks.xlsx' }, 'import');
    await bridge.upload(new File([new Uint8Array([0xff, 0xd8, 0xff])], 'dibuat-halaman.jpg'), 'photo');
    expect(invoke).toHaveBeenLastCalledWith('dinsos:upload', { name: 'dibuat-halaman.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff]) }, 'photo');
  });

  it('the main side streams the picked path into the data folder and claims it through the window\'s client', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dinsos-upload-'));
    const picked = join(mkdtempSync(join(tmpdir(), 'dinsos-picked-')), 'dtks kotim.xlsx');
    writeFileSync(picked, 'PK isi lembar');
    const claims: { input: { incomingId: string; fileName: string; purpose: string }; bytes: string }[] = [];
    const call = vi.fn(async (name: unknown, input: unknown) => {
      const claim = input as { incomingId: string; fileName: string; purpose: string };
      if (name === 'files.claimUpload') claims.push({ input: claim, bytes: readFileSync(join(dataDir, 'staging', 'incoming', claim.incomingId), 'utf8') });
      return { ok: true, value: { uploadId: 'b'.repeat(32), fileName: claim.fileName, size: 13 } };
    });
    const own = new electron.FakeWebContents();
    setupIpc({ createClient: () => ({ call, file: async () => null }), dataDir } as never, () => own as never);
    const handler = electron.handlers.get(UPLOAD_CHANNEL)!;

    const result = await handler({ sender: own, senderFrame: own.mainFrame }, { path: picked }, 'import');
    expect(result).toEqual({ ok: true, value: { uploadId: 'b'.repeat(32), fileName: 'dtks kotim.xlsx', size: 13 } });
    expect(claims).toEqual([{ input: { incomingId: expect.stringMatching(/^[a-f0-9]{32}$/), fileName: 'dtks kotim.xlsx', purpose: 'import' }, bytes: 'PK isi lembar' }]);

    // Another window, a relative path, a folder, a file over the purpose's limit, page-made bytes over 512 KB:
    // refused, and nothing is claimed.
    const other = new electron.FakeWebContents();
    expect(await handler({ sender: other, senderFrame: other.mainFrame }, { path: picked }, 'import')).toMatchObject({ error: { code: 'FOREIGN_SENDER' } });
    expect(await handler({ sender: own, senderFrame: own.mainFrame }, { path: 'dtks.xlsx' }, 'import')).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(await handler({ sender: own, senderFrame: own.mainFrame }, { path: tmpdir() }, 'import')).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const bigPhoto = join(tmpdir(), `foto-${process.pid}.jpg`);
    writeFileSync(bigPhoto, '');
    truncateSync(bigPhoto, 9 * 1024 * 1024);
    expect(await handler({ sender: own, senderFrame: own.mainFrame }, { path: bigPhoto }, 'photo')).toEqual({
      ok: false,
      error: { code: 'TOO_LARGE', message: 'Berkas terlalu besar: batasnya 8 MB.' },
    });
    // A file without a path on disk (still inside a zip) is not "too large": the clerk is told to save it first.
    expect(await handler({ sender: own, senderFrame: own.mainFrame }, { name: 'x.jpg', bytes: new Uint8Array(600 * 1024) }, 'photo')).toMatchObject({ error: { code: 'UPLOAD_NO_PATH', message: expect.stringContaining('Simpan dulu ke folder') } });
    // A network or device path is never looked at (on Windows it would contact another host).
    // ('//' + an existing path is that file on POSIX: refused by its form, not because it is missing.)
    for (const path of ['\\\\kantor-pc\\berkas\\dtks.xlsx', `/${picked}`, '\\\\?\\C:\\dtks.xlsx']) {
      expect(await handler({ sender: own, senderFrame: own.mainFrame }, { path }, 'import')).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    }
    // A picked file that cannot be read answers in Indonesian, without the path or the system's error.
    const unreadable = await handler({ sender: own, senderFrame: own.mainFrame }, { path: '/proc/self/mem' }, 'import');
    expect(unreadable).toEqual({ ok: false, error: { code: 'UPLOAD_FAILED', message: expect.stringMatching(/^Berkas tidak dapat dibaca atau disimpan/) } });
    expect(readdirSync(join(dataDir, 'staging', 'incoming'))).toEqual([]);
    expect(await handler({ sender: own, senderFrame: own.mainFrame }, { path: picked }, 'semua')).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(claims).toHaveLength(1);
  });
});
