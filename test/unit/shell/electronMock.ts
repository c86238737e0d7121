import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** A stand-in for the `electron` module: records what the shell registers, so its wiring can be checked. */
export function createElectronMock() {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: FakeWindow[] = [];
  class FakeWebContents {
    listeners = new Map<string, (...args: unknown[]) => void>();
    windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
    mainFrame = { url: 'app://dinsos/index.html' };
    on(event: string, fn: (...args: unknown[]) => void) {
      this.listeners.set(event, fn);
      return this;
    }
    setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
      this.windowOpenHandler = fn;
    }
    /** A PDF "printed" from the loaded file: records the options; the bytes start like a PDF. */
    printed: Record<string, unknown>[] = [];
    printToPDF(options: Record<string, unknown>) {
      this.printed.push(options);
      return Promise.resolve(Buffer.from('%PDF-1.4 stand-in'));
    }
  }
  class FakeWindow {
    webContents = new FakeWebContents();
    loaded: string | null = null;
    focused = false;
    constructor(public options: Record<string, unknown>) {
      windows.push(this);
    }
    once() {}
    on() {}
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    loadFile(file: string) {
      this.loaded = file;
      return Promise.resolve();
    }
    destroyed = false;
    destroy() {
      this.destroyed = true;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      this.focused = true;
    }
  }
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  /** Utility processes the shell forked: each an event emitter with the UtilityProcess methods it uses. */
  const utilityChildren: FakeUtilityProcess[] = [];
  class FakeUtilityProcess extends EventEmitter {
    posted: unknown[] = [];
    killed = false;
    pid = 4242 + utilityChildren.length;
    constructor(public script: string, public options: Record<string, unknown>) {
      super();
      utilityChildren.push(this);
    }
    postMessage(message: unknown) {
      this.posted.push(message);
    }
    kill() {
      this.killed = true;
      return true;
    }
  }
  const mock = {
    BrowserWindow: FakeWindow,
    ipcMain: { handle: vi.fn((channel: string, fn: (...args: unknown[]) => unknown) => handlers.set(channel, fn)) },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((scheme: string, fn: (...args: unknown[]) => unknown) => handlers.set(`protocol:${scheme}`, fn)),
    },
    utilityProcess: { fork: vi.fn((script: string, _args: string[], options: Record<string, unknown>) => new FakeUtilityProcess(script, options)) },
    net: { fetch: vi.fn(() => Promise.resolve(new Response('file'))) },
    dialog: { showErrorBox: vi.fn(), showSaveDialog: vi.fn() },
    session: { defaultSession: {} },
    app: {
      requestSingleInstanceLock: vi.fn(() => true),
      on: vi.fn((event: string, fn: (...args: unknown[]) => void) => appListeners.set(event, fn)),
      whenReady: vi.fn(() => new Promise(() => undefined)),
      quit: vi.fn(),
      exit: vi.fn(),
      setPath: vi.fn(),
      isPackaged: false,
      getPath: vi.fn(() => '/tmp'),
      getAppPath: vi.fn(() => '/tmp'),
    },
  };
  return { mock, handlers, windows, appListeners, FakeWebContents, utilityChildren };
}
