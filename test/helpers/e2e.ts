import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { SetupInput } from '../../shared/api/admin';
import { rolePermissions } from '../../shared/api/access';
import type { Core } from '../../electron/core/app';
import type { WebServer } from '../../electron/web/server';
import { CLI_SESSION } from '../../electron/cli/command';
import { launchBrowser, newPage } from './browser';
import { kotimSetup } from './core';
import { startTestApp } from './webApp';
import { startPostgres, type PgCluster } from '../support/postgres';

export const ADMIN = { username: kotimSetup().admin.username, password: kotimSetup().admin.password };

/** Opens the app with its per-run token and signs in through the login page, as a clerk would. */
export async function signIn(page: Page, web: WebServer, user: { username: string; password: string } = ADMIN): Promise<void> {
  await page.goto(web.openUrl);
  await page.getByLabel('Nama pengguna').fill(user.username);
  await page.getByLabel('Kata sandi').fill(user.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByTestId('office-name').waitFor();
}

/** Types into a searchable select (by its test id) and picks the option named exactly `option`. */
export async function pickOption(page: Page, testId: string, text: string, option: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(text);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Collects the page's console errors and uncaught exceptions into `into` (a test expects it to stay empty). */
export function watchErrors(page: Page, into: string[] = []): string[] {
  page.on('console', (m) => {
    if (m.type() === 'error') into.push(m.text());
  });
  page.on('pageerror', (e) => into.push(e.message));
  return into;
}

/** Types a date (dd/mm/yyyy) into the date field and leaves it, which is when the field takes it. */
export async function typeDate(page: Page, testId: string, ddmmyyyy: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Tab');
}

/**
 * Sets files on the file input of the picker button the user would click. Waits for that button first: after a
 * navigation click the previous page (with a file input of its own) may still be shown, and a file set there is
 * lost when it unmounts.
 */
export async function pickFile(button: Locator, files: Parameters<Locator['setInputFiles']>[0]): Promise<void> {
  await button.waitFor();
  await fileInputOf(button).setInputFiles(files);
}

/** The hidden file input of a picker button (Mantine's FileButton puts it beside the button). */
export function fileInputOf(button: Locator): Locator {
  return button.locator('xpath=../input[@type="file"]');
}

/** What `init --kabupaten` does before any account exists: the office saved through the API as the CLI's own session. */
export async function saveOfficeAsCli(core: Core, office: SetupInput['office'] = kotimSetup().office): Promise<void> {
  const { client, call } = core.createClient();
  client.session = { ...CLI_SESSION, permissions: [...rolePermissions.admin] };
  const saved = await call('admin.saveOffice', office);
  if (!saved.ok) throw new Error(saved.error.message);
  client.session = null;
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;
export type CoreClient = ReturnType<Core['createClient']>;

export interface BrowserAppOptions {
  /** The main side's clock (the browser keeps the real one). */
  now?: () => Date;
  /** Prepares the database file to open (default: a fresh copy of the migrated template). */
  dbPath?: () => Promise<string>;
  /** The office set up through the wizard's call before the browser starts (default kotimSetup()); false: first start. */
  office?: SetupInput | false;
  /** Runs once the office is set up and before the browser starts: data through the admin client or the database. */
  seed?: (ctx: { app: TestApp; admin: CoreClient }) => Promise<unknown>;
  /**
   * The page the tests share: 'signedIn' (the office's admin, through the login page; the default with an office),
   * 'blank' (not opened yet; the default without an office) or false when each test opens its own from `browser`.
   */
  page?: 'signedIn' | 'blank' | false;
  /** Extra options of the page's browser context (e.g. its time zone). */
  context?: BrowserContextOptions;
  /** Called on the new page before anything loads in it, e.g. to collect console errors. */
  onPage?: (page: Page) => void;
  /** After signing in, waits for this link of the menu (the one the first test clicks). */
  menuLink?: RegExp;
  /** Waits after signing in for anything else the first test needs. */
  afterSignIn?: (page: Page) => Promise<unknown>;
  /** The set-up hook's timeout in ms (vitest's hookTimeout otherwise). */
  timeout?: number;
}

export interface BrowserApp {
  app: TestApp;
  browser: Browser;
  page: Page;
  /** The client that set the office up (signed in as its admin); only with an office. */
  admin: CoreClient;
}

/**
 * One e2e fixture: the real main side behind the browser-mode server on a fresh database, Chromium, and a page,
 * opened in a beforeAll of the calling describe and closed in its afterAll. The returned fields are live
 * references: usable in the tests and hooks (not while the describe is being collected), e.g.
 * `const { app, page } = browserApp({ seed: ({ app }) => seedRegistry(app.core.db, 40) });`.
 */
export function browserApp(options: BrowserAppOptions = {}): BrowserApp {
  const opened: Partial<BrowserApp> = {};
  const office = options.office ?? kotimSetup();
  const pageMode = options.page ?? (office ? 'signedIn' : 'blank');
  beforeAll(async () => {
    const app = await startTestApp({ ...(options.dbPath ? { dbPath: await options.dbPath() } : {}), ...(options.now ? { now: options.now } : {}) });
    opened.app = app;
    if (office) {
      const admin = app.core.createClient();
      const result = await admin.call('admin.completeSetup', office);
      if (!result.ok) throw new Error(`setup failed: ${result.error.message}`);
      opened.admin = admin;
    }
    await options.seed?.({ app, admin: live('admin', () => opened.admin) });
    opened.browser = await launchBrowser();
    if (pageMode === false) return;
    const page = await newPage(opened.browser, options.context);
    opened.page = page;
    options.onPage?.(page);
    if (pageMode === 'signedIn') {
      if (!office) throw new Error('browserApp: signing in needs an office');
      await signIn(page, app.web, { username: office.admin.username, password: office.admin.password });
      if (options.menuLink) await page.getByRole('link', { name: options.menuLink }).first().waitFor();
      await options.afterSignIn?.(page);
    }
  }, options.timeout);
  afterAll(async () => {
    await opened.browser?.close();
    await opened.app?.stop();
  });
  return {
    app: live('app', () => opened.app),
    browser: live('browser', () => opened.browser),
    page: live('page', () => opened.page),
    admin: live('admin', () => opened.admin),
  };
}

/**
 * A describe block's office server (a throw-away PostgreSQL cluster) and browser, opened before its tests. An app
 * (a PC) given to `track` is stopped after them, before the server.
 */
export function serverAndBrowser(): { pg: PgCluster; browser: Browser; track: <T extends { stop(): Promise<void> }>(app: T) => T } {
  const opened: { pg?: PgCluster; browser?: Browser } = {};
  const apps: { stop(): Promise<void> }[] = [];
  beforeAll(async () => {
    opened.pg = await startPostgres();
    opened.browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await opened.browser?.close();
    for (const app of apps) await app.stop().catch(() => undefined);
    await opened.pg?.stop();
  });
  return {
    pg: live('pg', () => opened.pg),
    browser: live('browser', () => opened.browser),
    track: (app) => {
      apps.push(app);
      return app;
    },
  };
}

/** Stands for the object `current()` returns once the fixture has opened it; methods are bound to it. */
function live<T extends object>(name: string, current: () => T | undefined): T {
  const target = (): T => {
    const value = current();
    if (!value) throw new Error(`browserApp: ${name} is not open (used outside a test or hook, or not asked for)`);
    return value;
  };
  return new Proxy({} as T, {
    get(_, key) {
      const object = target();
      const value: unknown = Reflect.get(object, key, object);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
    set(_, key, value) {
      return Reflect.set(target(), key, value);
    },
    has(_, key) {
      return Reflect.has(target(), key);
    },
  });
}
