import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callNames } from '../../../shared/api/contract';
import { createElectronMock } from './electronMock';

const electron = createElectronMock();
vi.mock('electron', () => electron.mock);

const { mainWindowOptions, createMainWindow } = await import('../../../electron/shell/window');
const { setupSessionSecurity, setupContentsSecurity, openExternalSafely } = await import('../../../electron/shell/security');
const { setupIpc, CALL_CHANNEL } = await import('../../../electron/shell/ipc');
const { setupAppProtocol, registerAppScheme } = await import('../../../electron/shell/protocol');

describe('Electron shell wiring (mocked electron)', () => {
  beforeEach(() => vi.clearAllMocks());

  it('creates the window isolated and sandboxed, without Node', () => {
    const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.webviewTag).toBe(false);
    const window = createMainWindow() as unknown as { loaded: string };
    expect(window.loaded).toBe('app://dinsos/index.html');
  });

  it('sends a strict Content-Security-Policy with every response and refuses every permission', () => {
    let headersHook: ((d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | null = null;
    let permissionHook: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    const session = {
      setPermissionRequestHandler: (fn: typeof permissionHook) => (permissionHook = fn),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: (fn: typeof headersHook) => (headersHook = fn) },
    };
    setupSessionSecurity(session as never);
    let csp = '';
    headersHook!({ responseHeaders: {} }, (r) => (csp = r.responseHeaders['Content-Security-Policy']![0]!));
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("object-src 'none'");
    let granted: boolean | null = null;
    permissionHook!(null, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
  });

  it('denies navigation away from the app and every new window; only https links leave, via the gate', () => {
    const contents = new electron.FakeWebContents();
    setupContentsSecurity(contents as never);
    const navigate = contents.listeners.get('will-navigate')!;
    const foreign = { preventDefault: vi.fn() };
    navigate(foreign, 'https://evil.example/phish');
    expect(foreign.preventDefault).toHaveBeenCalled();
    const own = { preventDefault: vi.fn() };
    navigate(own, 'app://dinsos/index.html#/registri');
    expect(own.preventDefault).not.toHaveBeenCalled();
    expect(contents.windowOpenHandler!({ url: 'https://kemensos.go.id' })).toEqual({ action: 'deny' });
    expect(electron.mock.shell.openExternal).toHaveBeenCalledWith('https://kemensos.go.id/');
    expect(openExternalSafely('file:///C:/Windows/system32/calc.exe')).toBe(false);
    expect(openExternalSafely('javascript:alert(1)')).toBe(false);
    expect(openExternalSafely('http://insecure.example')).toBe(false);
    const webview = { preventDefault: vi.fn() };
    contents.listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('serves every contract call on one channel, only to the main frame of its own window', async () => {
    const seen: unknown[] = [];
    const core = { createClient: () => ({ client: { session: null }, call: async (name: unknown, input: unknown) => (seen.push([name, input]), { ok: true, value: name }) }) };
    const own = new electron.FakeWebContents();
    setupIpc(core as never, () => own as never);
    const handler = electron.handlers.get(CALL_CHANNEL)!;
    expect(handler).toBeTypeOf('function');

    for (const name of callNames) {
      const result = (await handler({ sender: own, senderFrame: own.mainFrame }, name, undefined)) as { ok: boolean; value: unknown };
      expect(result).toEqual({ ok: true, value: name });
    }
    expect(seen).toHaveLength(callNames.length);

    const other = new electron.FakeWebContents();
    const fromOtherWindow = (await handler({ sender: other, senderFrame: other.mainFrame }, 'admin.getOffice', undefined)) as { ok: boolean; error: { code: string } };
    expect(fromOtherWindow.error.code).toBe('FOREIGN_SENDER');
    const fromIframe = (await handler({ sender: own, senderFrame: { url: 'app://dinsos/index.html' } }, 'admin.getOffice', undefined)) as { error: { code: string } };
    expect(fromIframe.error.code).toBe('FOREIGN_SENDER');
    own.mainFrame.url = 'https://evil.example/';
    const navigatedAway = (await handler({ sender: own, senderFrame: own.mainFrame }, 'admin.getOffice', undefined)) as { error: { code: string } };
    expect(navigatedAway.error.code).toBe('FOREIGN_SENDER');
    expect(seen).toHaveLength(callNames.length);
  });

  it('serves the renderer over app:// with a path-traversal guard and the CSP', async () => {
    registerAppScheme();
    expect(electron.mock.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    const { join } = await import('node:path');
    setupAppProtocol(join(__dirname, '../../../renderer'));
    const serve = electron.handlers.get('protocol:app') as (r: { url: string }) => Promise<Response>;
    const index = await serve({ url: 'app://dinsos/index.html' });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const url of ['app://dinsos/../package.json', 'app://dinsos/%2e%2e/package.json', 'app://dinsos/..%5cpackage.json', 'app://other/index.html']) {
      expect((await serve({ url })).status, url).toBe(404);
    }
  });

  it('asks for the single-instance lock and focuses the first window on a second start', async () => {
    await import('../../../electron/shell/main');
    expect(electron.mock.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.appListeners.has('second-instance')).toBe(true);
  });
});
