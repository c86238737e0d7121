/**
 * A PC on the office server whose server does not answer at start (issue 18): the desktop app says so and tries
 * again when asked, instead of closing at the first refusal (mocked electron).
 */
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../electron/core/api/errors';
import { createElectronMock } from './electronMock';

const electron = createElectronMock();
electron.mock.app.whenReady = vi.fn(() => Promise.resolve());
const showMessageBox = vi.fn(async () => ({ response: 0 }));
Object.assign(electron.mock.dialog, { showMessageBox, showErrorBox: vi.fn() });
Object.assign(electron.mock.session.defaultSession, {
  setPermissionRequestHandler: vi.fn(),
  setPermissionCheckHandler: vi.fn(),
  webRequest: { onHeadersReceived: vi.fn() },
});
vi.mock('electron', () => electron.mock);

const DOWN = 'Server basis data postgres://dinsos:***@192.168.1.10:5432/dinsos tidak dapat dihubungi: connect ECONNREFUSED.';
const start = vi.fn();
vi.mock('../../../electron/core/host/host', () => ({
  CoreHost: class {
    start = start;
    createClient = () => ({ call: vi.fn() });
  },
}));

describe('the office server down at start (mocked electron)', () => {
  it('says the server cannot be reached, tries again on "Coba lagi", then opens the window', async () => {
    start.mockRejectedValueOnce(new AppError('DB_UNREACHABLE', DOWN)).mockRejectedValueOnce(new AppError('DB_UNREACHABLE', DOWN)).mockResolvedValue(undefined);
    await import('../../../electron/shell/main');
    await vi.waitFor(() => expect(electron.windows.length).toBe(1));
    expect(start).toHaveBeenCalledTimes(3);
    expect(showMessageBox).toHaveBeenCalledTimes(2);
    const shown = (showMessageBox.mock.calls[0] as unknown as [{ message: string; detail: string; buttons: string[] }])[0];
    expect(shown.message).toBe('Server kantor tidak dapat dihubungi');
    expect(shown.detail).toContain(DOWN);
    expect(shown.detail).toContain('lalu pilih "Coba lagi"');
    expect(shown.buttons).toEqual(['Coba lagi', 'Tutup aplikasi']);
  });
});
