import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Platform } from '../../../electron/core/platform';
import { createElectronMock } from './electronMock';

const electron = createElectronMock();
electron.mock.app.whenReady = vi.fn(() => Promise.resolve());
vi.mock('electron', () => electron.mock);

const temp = mkdtempSync(join(tmpdir(), 'dinsos-shell-smoke-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The core host: records how the shell builds it; its calls are what runSmoke (mocked) would use. */
const hosts: FakeHost[] = [];
class FakeHost {
  closed = false;
  /** The one client the shell asks for: the smoke calls the contract and fetches its files through it. */
  client = { call: vi.fn(), file: vi.fn() };
  constructor(readonly options: { spawn: () => unknown; init: Record<string, unknown>; platform: Platform }) {
    hosts.push(this);
  }
  start = vi.fn(async () => undefined);
  createClient = () => this.client;
  close = vi.fn(async () => void (this.closed = true));
}
vi.mock('../../../electron/core/host/host', () => ({ CoreHost: FakeHost }));
const runSmoke = vi.fn();
vi.mock('../../../electron/core/smoke/smoke', async (original) => ({ ...(await original<object>()), runSmoke }));

const report = { ok: true, version: '0.1.0', schemaVersion: 15, regionsLoaded: 91599, anggotaId: 1, penyerahanId: 1, bast: { bytes: 17, nomor: '001/BAST/DINSOS/XII/2026' }, backup: {}, ms: {} };

describe('--smoke in the Electron shell (mocked electron)', () => {
  it('runs the smoke on the given fresh folder in a utility process with printToPDF, prints one JSON line, exits 0, opens no window', async () => {
    const dataDir = join(temp, 'fresh');
    const out = join(temp, 'smoke.json');
    const written: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    runSmoke.mockImplementationOnce(async () => {
      // While it runs, the hidden PDF window closing must not quit the app.
      electron.appListeners.get('window-all-closed')?.();
      return report;
    });
    process.argv = ['/opt/Dinsos Desk/dinsos-desk', '--smoke', '--data-dir', dataDir, `--smoke-out=${out}`];

    await import('../../../electron/shell/main');
    await vi.waitFor(() => expect(electron.mock.app.exit).toHaveBeenCalled());
    stdout.mockRestore();

    expect(electron.mock.app.exit).toHaveBeenCalledWith(0);
    expect(electron.mock.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(electron.mock.app.quit).not.toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
    expect(hosts).toHaveLength(1);
    const host = hosts[0]!;
    expect(host.options.init).toEqual({ dataDir, resourcesDir: join('/tmp', 'resources'), autoBackup: false });
    expect(host.start).toHaveBeenCalled();
    expect(host.closed).toBe(true);
    expect(runSmoke).toHaveBeenCalledWith(host.client);
    // The core runs in a utility process forked from the bundled coreChild.js.
    host.options.spawn();
    expect(electron.mock.utilityProcess.fork).toHaveBeenCalledWith(expect.stringMatching(/coreChild\.js$/), [], expect.anything());
    // The printer is Electron's printToPDF in a hidden window, destroyed afterwards.
    const pdf = await host.options.platform.htmlToPdf('<p>BAST</p>', { paper: 'F4', landscape: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(electron.windows[0]!.options).toMatchObject({ show: false });
    expect((electron.windows[0]!.webContents as unknown as { printed: unknown[] }).printed).toHaveLength(1);
    expect((electron.windows[0] as unknown as { destroyed: boolean }).destroyed).toBe(true);
    // One JSON line on stdout, the same in the --smoke-out file.
    const lines = written.join('').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ ...report, dataDir, kept: true });
    expect(readFileSync(out, 'utf8')).toBe(`${lines[0]}\n`);
  });

  it('prints ok:false with the failed step and exits non-zero; a temporary folder is removed', async () => {
    const { runShellSmoke } = await import('../../../electron/shell/smoke');
    const { SmokeStepError } = await import('../../../electron/core/smoke/smoke');
    runSmoke.mockRejectedValueOnce(new SmokeStepError('bast', 'INTERNAL', 'handovers.savePdf: printer gone'));
    const lines: string[] = [];
    expect(await runShellSmoke({}, (line) => lines.push(line))).toBe(1);
    const result = JSON.parse(lines[0]!) as { ok: boolean; step: string; error: { code: string; message: string }; dataDir: string };
    expect(result).toMatchObject({ ok: false, step: 'bast', error: { code: 'INTERNAL', message: 'handovers.savePdf: printer gone' } });
    expect(existsSync(result.dataDir)).toBe(false);
    expect(hosts.at(-1)!.closed).toBe(true);
  });

  it('refuses a --data-dir that is not empty, before starting any core', async () => {
    const { runShellSmoke, smokeOptions } = await import('../../../electron/shell/smoke');
    const used = join(temp, 'used');
    mkdirSync(used);
    writeFileSync(join(used, 'dinsos.sqlite'), 'office data');
    const before = hosts.length;
    const lines: string[] = [];
    expect(await runShellSmoke(smokeOptions(['exe', '--smoke', `--data-dir=${used}`])!, (line) => lines.push(line))).toBe(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ ok: false, error: { code: 'SMOKE_DATA_DIR_NOT_EMPTY' } });
    expect(hosts.length).toBe(before);
    expect(readFileSync(join(used, 'dinsos.sqlite'), 'utf8')).toBe('office data');
    expect(smokeOptions(['exe'])).toBeNull();
  });
});

describe('portable mode in the shell (mocked electron)', () => {
  it('moves the data folder and Electron\'s profile beside the executable when portable.txt is there', async () => {
    const { appDataDir } = await import('../../../electron/shell/dataDir');
    const usb = join(temp, 'usb');
    mkdirSync(usb);
    const getPath = electron.mock.app.getPath;
    getPath.mockImplementation(((name: string) => (name === 'exe' ? join(usb, 'Dinsos Desk.exe') : '/home/u/.config/Dinsos Desk')) as never);
    expect(appDataDir()).toBe('/home/u/.config/Dinsos Desk');
    expect(electron.mock.app.setPath).not.toHaveBeenCalled();
    writeFileSync(join(usb, 'portable.txt'), '');
    expect(appDataDir()).toBe(join(usb, 'data'));
    expect(electron.mock.app.setPath).toHaveBeenCalledWith('userData', join(usb, 'data'));
  });
});
