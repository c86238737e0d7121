import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../electron/core/api/errors';
import { createElectronMock } from './electronMock';

const electron = createElectronMock();
electron.mock.app.whenReady = vi.fn(() => Promise.resolve());
Object.assign(electron.mock.dialog, { showMessageBox: vi.fn(), showOpenDialog: vi.fn() });
Object.assign(electron.mock.session.defaultSession, {
  setPermissionRequestHandler: vi.fn(),
  setPermissionCheckHandler: vi.fn(),
  webRequest: { onHeadersReceived: vi.fn() },
});
vi.mock('electron', () => electron.mock);

const order: string[] = [];
const start = vi.fn();
const hosts: { options: { init: Record<string, unknown>; spawn: () => unknown } }[] = [];
class FakeHost {
  constructor(readonly options: { init: Record<string, unknown>; spawn: () => unknown }) {
    hosts.push(this);
  }
  start = start;
  createClient = () => ({ call: vi.fn() });
  backupOnExit = vi.fn(async () => void order.push('backup'));
  close = vi.fn(async () => void order.push('close'));
}
vi.mock('../../../electron/core/host/host', () => ({ CoreHost: FakeHost }));
const restoreOffline = vi.fn(async () => ({ keptAsidePath: '/data/sebelum-pulih/2026' }));
vi.mock('../../../electron/core/backup/offline', () => ({ restoreOffline }));

describe('Electron shell lifecycle (mocked electron)', () => {
  it('offers a restore from backup when the database cannot be opened, then opens the restored data', async () => {
    start.mockRejectedValueOnce(new AppError('DB_CORRUPT', 'Basis data rusak.')).mockResolvedValue(undefined);
    const dialog = electron.mock.dialog as unknown as { showMessageBox: ReturnType<typeof vi.fn>; showOpenDialog: ReturnType<typeof vi.fn> };
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0 }).mockResolvedValue({ response: 0 });
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/usb/dinsos-2026-03-01.dsbak'] });

    await import('../../../electron/shell/main');
    await vi.waitFor(() => expect(electron.windows.length).toBe(1));

    expect(dialog.showMessageBox.mock.calls[0]![0]).toMatchObject({ message: 'Basis data tidak dapat dibuka', buttons: ['Pulihkan dari cadangan…', 'Keluar'] });
    expect(restoreOffline).toHaveBeenCalledWith('/usb/dinsos-2026-03-01.dsbak', expect.objectContaining({ dataDir: '/tmp' }), expect.anything(), expect.any(Date), { acceptWarnings: [] });
    expect(start).toHaveBeenCalledTimes(2);
    expect(electron.mock.ipcMain.handle).toHaveBeenCalledWith('dinsos:call', expect.any(Function));
  });

  it('names the warnings of another office\'s backup in a dialog and restores only when the user confirms them', async () => {
    const { offerRestore } = await import('../../../electron/shell/recovery');
    const dialog = electron.mock.dialog as unknown as { showMessageBox: ReturnType<typeof vi.fn>; showOpenDialog: ReturnType<typeof vi.fn> };
    const warning = { code: 'OTHER_OFFICE', message: 'Cadangan ini milik Dinas Sosial Kota Palangka Raya (62.71).' };
    const needsConfirm = () => new AppError('RESTORE_NEEDS_CONFIRM', 'Pemulihan perlu persetujuan Anda.', { warnings: [warning] });
    const where = { dataDir: '/tmp', resourcesDir: '/res' };
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/usb/lain.dsbak'] });

    // Declined: nothing restored, the user is asked again (and leaves).
    restoreOffline.mockClear().mockRejectedValueOnce(needsConfirm());
    dialog.showMessageBox.mockReset().mockResolvedValueOnce({ response: 0 }).mockResolvedValueOnce({ response: 1 }).mockResolvedValueOnce({ response: 1 });
    expect(await offerRestore(new AppError('DB_CORRUPT', 'rusak'), where)).toBe(false);
    expect(dialog.showMessageBox.mock.calls[1]![0]).toMatchObject({ message: 'Periksa cadangan ini sebelum memulihkan', detail: expect.stringContaining('Palangka Raya') });
    expect(restoreOffline).toHaveBeenCalledTimes(1);
    expect((restoreOffline.mock.calls[0] as unknown[])[4]).toEqual({ acceptWarnings: [] });

    // Confirmed: restored with exactly the warnings shown.
    restoreOffline.mockClear().mockRejectedValueOnce(needsConfirm());
    dialog.showMessageBox.mockReset().mockResolvedValueOnce({ response: 0 }).mockResolvedValueOnce({ response: 0 }).mockResolvedValue({ response: 0 });
    expect(await offerRestore(new AppError('DB_CORRUPT', 'rusak'), where)).toBe(true);
    expect((restoreOffline.mock.calls[1] as unknown[])[4]).toEqual({ acceptWarnings: ['OTHER_OFFICE'] });
  });

  it('runs the core in an Electron utility process from the built coreChild.js, with the data folder and daily backups', () => {
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.options.init).toMatchObject({ dataDir: '/tmp', autoBackup: true });
    const child = hosts[0]!.options.spawn() as { send(m: unknown): void };
    const forked = electron.utilityChildren.at(-1)!;
    expect(forked.script).toMatch(/coreChild\.js$/);
    child.send({ t: 'call', id: 1, client: 1, name: 'auth.current', input: undefined });
    expect(forked.posted).toEqual([{ t: 'call', id: 1, client: 1, name: 'auth.current', input: undefined }]);
  });

  it('tells the user with a dialog when the core process is given up after repeated crashes (not on a restart)', () => {
    const dialog = electron.mock.dialog as unknown as { showMessageBox: ReturnType<typeof vi.fn> };
    dialog.showMessageBox.mockClear();
    const onCrash = (hosts[0]!.options as unknown as { onCrash: (restarting: boolean) => void }).onCrash;
    onCrash(true);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    onCrash(false);
    expect(dialog.showMessageBox.mock.calls[0]![0]).toMatchObject({ type: 'error', message: 'Proses inti berhenti', detail: expect.stringContaining('tidak dimulai ulang') });
  });

  it('backs up on exit before closing the database, then quits', async () => {
    const willQuit = electron.appListeners.get('will-quit')!;
    const event = { preventDefault: vi.fn() };
    willQuit(event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.mock.app.quit).toHaveBeenCalled());
    expect(order).toEqual(['backup', 'close']);
    // The second will-quit (from app.quit) passes straight through.
    const again = { preventDefault: vi.fn() };
    willQuit(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('focuses the existing window when a second instance starts', () => {
    electron.appListeners.get('second-instance')!();
    expect((electron.windows[0] as unknown as { focused: boolean }).focused).toBe(true);
  });
});
