import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { roles, roleMay, type Permission, type Role } from '../../shared/api/access';
import { navItems } from '../../renderer/src/shell/nav';
import { newPage } from '../helpers/browser';
import { ok } from '../helpers/core';
import { ADMIN, browserApp, signIn, watchErrors } from '../helpers/e2e';
import { seedRegistry } from '../helpers/registryFixtures';
import { ROOT } from '../helpers/webApp';

/**
 * Every address of the app, read from the router definition itself: App.tsx's `featurePages` (one per menu entry,
 * whose permission the menu table gives) and, below each, the <Route> elements of the feature's routes file, their
 * paths written out or taken from the tab table they map over, with the permission of an <Allowed to> wrapper or
 * of the tab. A route added to any of these files is visited without touching this test.
 */
interface AppRoute {
  path: string;
  permissions: Permission[];
}

const RENDERER = join(ROOT, 'renderer/src');

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void) {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

function tagName(n: ts.JsxElement | ts.JsxSelfClosingElement): string {
  return (ts.isJsxElement(n) ? n.openingElement.tagName : n.tagName).getText();
}

function attributes(n: ts.JsxElement | ts.JsxSelfClosingElement): ts.JsxAttributes {
  return ts.isJsxElement(n) ? n.openingElement.attributes : n.attributes;
}

function attr(n: ts.JsxElement | ts.JsxSelfClosingElement, name: string): ts.JsxAttribute | undefined {
  return attributes(n).properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText() === name);
}

/** The file a component named in `file` comes from (a relative import), if it is one of ours. */
function moduleOf(file: ts.SourceFile, component: string): string | null {
  for (const st of file.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.moduleSpecifier.text.startsWith('.')) continue;
    const named = st.importClause?.namedBindings;
    if (named && ts.isNamedImports(named) && named.elements.some((e) => e.name.text === component)) {
      const base = resolve(dirname(file.fileName), st.moduleSpecifier.text);
      return ['.tsx', '.ts'].map((ext) => base + ext).find(existsSync) ?? null;
    }
  }
  return null;
}

/** Object literals of `{ path: '...', permission?: '...' }` arrays in a file (the tab tables routes map over). */
function tabTables(file: ts.SourceFile): { path: string; permission?: Permission }[] {
  const rows: { path: string; permission?: Permission }[] = [];
  walk(file, (n) => {
    if (!ts.isArrayLiteralExpression(n)) return;
    for (const el of n.elements) {
      if (!ts.isObjectLiteralExpression(el)) continue;
      const prop = (name: string) => {
        const p = el.properties.find((x): x is ts.PropertyAssignment => ts.isPropertyAssignment(x) && x.name.getText() === name);
        return p && ts.isStringLiteral(p.initializer) ? p.initializer.text : undefined;
      };
      const path = prop('path');
      if (path !== undefined && !path.startsWith('/')) rows.push({ path, ...(prop('permission') ? { permission: prop('permission') as Permission } : {}) });
    }
  });
  return rows;
}

/** The routes a component's file defines below `prefix`, following nested `…/*` routes into their own files. */
function routesOf(fileName: string, prefix: string, inherited: Permission[]): AppRoute[] {
  const file = parse(fileName);
  const found: AppRoute[] = [];
  walk(file, (n) => {
    if (!(ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n)) || tagName(n) !== 'Route') return;
    const element = attr(n, 'element')?.initializer;
    const permissions = [...inherited];
    let component: string | null = null;
    if (element) {
      walk(element, (e) => {
        if (!(ts.isJsxElement(e) || ts.isJsxSelfClosingElement(e))) return;
        const name = tagName(e);
        const to = attr(e, 'to')?.initializer;
        if (name === 'Allowed' && to && ts.isStringLiteral(to)) permissions.push(to.text as Permission);
        else if (name !== 'Allowed' && name !== 'Navigate' && component === null) component = name;
      });
    }
    const pathInit = attr(n, 'path')?.initializer;
    let paths: { path: string; permission?: Permission }[];
    if (attr(n, 'index')) paths = [{ path: '' }];
    else if (pathInit && ts.isStringLiteral(pathInit)) paths = [{ path: pathInit.text }];
    else if (pathInit && ts.isJsxExpression(pathInit) && pathInit.expression?.getText().endsWith('.path')) paths = tabTables(file);
    else return;
    for (const p of paths) {
      if (p.path === '*') continue;
      const concrete = p.path.replace(/:[a-zA-Z]+/g, '1');
      const full = [prefix, concrete.replace(/\/?\*$/, '')].filter(Boolean).join('/');
      const perms = p.permission ? [...permissions, p.permission] : permissions;
      const target = component ? moduleOf(file, component) : null;
      if (p.path.endsWith('*') && target) {
        const nested = routesOf(target, full, perms);
        if (nested.length > 0) {
          found.push(...nested);
          continue;
        }
      }
      found.push({ path: `/${full}`, permissions: perms });
    }
  });
  return found;
}

function appRoutes(): AppRoute[] {
  const app = parse(join(RENDERER, 'App.tsx'));
  const out: AppRoute[] = [];
  walk(app, (n) => {
    if (!ts.isVariableDeclaration(n) || n.name.getText() !== 'featurePages' || !n.initializer || !ts.isObjectLiteralExpression(n.initializer)) return;
    for (const prop of n.initializer.properties) {
      if (!ts.isPropertyAssignment(prop) || !ts.isStringLiteral(prop.name)) continue;
      const item = navItems.find((i) => i.path === (prop.name as ts.StringLiteral).text);
      if (!item) throw new Error(`featurePages has ${prop.name.text}, which the menu does not`);
      const el = prop.initializer;
      if (!(ts.isJsxElement(el) || ts.isJsxSelfClosingElement(el))) continue;
      const file = moduleOf(app, tagName(el));
      const nested = item.path !== '/' && file ? routesOf(file, item.path.slice(1), [item.permission]) : [];
      out.push(...(nested.length > 0 ? nested : [{ path: item.path, permissions: [item.permission] }]));
    }
  });
  return [...new Map(out.map((r) => [r.path, r])).values()];
}

const PASSWORD = 'sandi-rahasia-123';

describe('Every page as every role: the page or "Tidak punya akses", never a redirect loop', () => {
  const routes = appRoutes();

  const { app, browser } = browserApp({
    seed: async ({ app, admin }) => {
      await seedRegistry(app.core.db, 30, { seed: 3 });
      // A held meeting with follow-ups (one overdue), so the meeting pages have their badges to show.
      const m = await ok<{ id: number }>(admin, 'meetings.saveMeeting', {
        judul: 'Rapat Operator DTKS', jenis: 'operator_dtks', tanggal: '2024-05-02', jamMulai: '09:00', tempat: 'Aula Dinas Sosial',
        pimpinan: { nama: 'Kepala Dinas Sosial', jabatan: 'Kepala Dinas Sosial' }, agenda: [{ judul: 'Pemutakhiran data' }],
      });
      await ok(admin, 'meetings.saveFollowUp', { rapatId: m.id, uraian: 'Verifikasi data ganda Kelurahan Ketapang', pjNama: 'Operator Ketapang', batasWaktu: '2024-05-20', status: 'proses' });
      await ok(admin, 'meetings.saveFollowUp', { rapatId: m.id, uraian: 'Rekap usulan PBI-JK per kecamatan', pjNama: 'Bidang Linjamsos', batasWaktu: '2024-05-21' });
      for (const role of roles.filter((r) => r !== 'admin')) {
        await ok(admin, 'users.create', { nama: `Pengguna ${role}`, username: role, role, password: PASSWORD, wilayah: role === 'operator' ? ['62.02.06'] : [] });
      }
    },
    page: false,
  });

  const userOf = (role: Role) => (role === 'admin' ? ADMIN : { username: role, password: PASSWORD });

  /**
   * The hash once it has stopped changing for 200 ms; a redirect loop never settles (or keeps growing). Watched in
   * the page itself: a round trip per look made the walk over every route and role most of this file's time.
   */
  async function settledHash(page: Page): Promise<string> {
    const settled = await page.evaluate(async () => {
      let last = location.hash;
      let since = performance.now();
      for (let i = 0; i < 100; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        if (location.hash !== last) [last, since] = [location.hash, performance.now()];
        else if (performance.now() - since >= 200) return { settled: true, hash: last };
      }
      return { settled: false, hash: last };
    });
    if (!settled.settled) throw new Error(`address keeps changing: ${settled.hash.slice(0, 200)}`);
    return settled.hash;
  }

  /** The web server keeps one session (as the desktop app does): sign out so the next role can sign in. */
  async function signOut(page: Page) {
    await page.getByRole('button', { name: 'Keluar akun', exact: true }).click();
    await page.getByLabel('Nama pengguna').waitFor();
    await page.context().close();
  }

  it('derives the routes from the router, including the admin tabs and detail pages', () => {
    const paths = routes.map((r) => r.path);
    for (const p of ['/', '/registri', '/registri/baru', '/pengaturan/kantor', '/pengaturan/audit', '/pengaturan/cadangan', '/rapat/1', '/bantuan/program']) {
      expect(paths).toContain(p);
    }
    expect(routes.find((r) => r.path === '/pengaturan/kantor')?.permissions).toEqual(['session', 'office.manage']);
    expect(routes.length).toBeGreaterThan(25);
  });

  for (const role of roles) {
    it(`${role}: menu shows only what the role may open; every route shows its page or "Tidak punya akses"`, { timeout: 240_000 }, async () => {
      const page = await newPage(browser);
      const errors = watchErrors(page);
      await signIn(page, app.web, userOf(role));

      const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
      for (const item of navItems) {
        expect(await nav.getByRole('link', { name: item.label, exact: true }).count(), `${role} menu ${item.label}`).toBe(roleMay(role, item.permission) ? 1 : 0);
      }

      for (const route of routes) {
        const allowed = route.permissions.every((p) => roleMay(role, p));
        await page.evaluate((hash) => (location.hash = hash), `#${route.path}`);
        const hash = await settledHash(page);
        expect(hash.length, `${role} ${route.path} -> ${hash}`).toBeLessThan(route.path.length + 30);
        const noAccess = page.getByTestId('tidak-punya-akses');
        if (allowed) {
          // Either this page or, for an index route, the tab it opens by default: never the no-access page.
          await expect.poll(() => page.locator('main').innerText({ timeout: 5_000 }).catch(() => ''), { message: `${role} ${route.path}: page has content` }).not.toBe('');
          expect(await noAccess.count(), `${role} may open ${route.path}`).toBe(0);
          expect(await page.getByTestId('halaman-tidak-ada').count(), `${role} ${route.path} is a page`).toBe(0);
          expect(hash.startsWith(`#${route.path}`), `${role} ${route.path} stays (${hash})`).toBe(true);
          // Badges (statuses, "terlambat") are read whole, never cut off with an ellipsis.
          const cut = await page.evaluate(() =>
            [...document.querySelectorAll('.mantine-Badge-root')]
              .filter((b) => [b, b.querySelector('.mantine-Badge-label') ?? b].some((e) => e.scrollWidth > e.clientWidth + 1))
              .map((b) => b.textContent),
          );
          expect(cut, `${role} ${route.path}: badges cut off`).toEqual([]);
          // No page the role may open asks for data the role may not read (a query's failure is shown as this message).
          expect(await page.getByText('Data tidak dapat dimuat').allTextContents(), `${role} ${route.path}: a read failed`).toEqual([]);
        } else {
          await expect.poll(() => noAccess.isVisible(), { message: `${role} may not open ${route.path}` }).toBe(true);
          expect(hash, `${role} ${route.path}`).toBe(`#${route.path}`);
        }
      }
      expect(errors).toEqual([]);
      await signOut(page);
    });
  }

  it('an operator signing in where an admin left off, or typing an admin address, gets the no-access page', async () => {
    const page = await newPage(browser);
    const errors = watchErrors(page);
    await signIn(page, app.web);
    await page.evaluate(() => (location.hash = '#/pengaturan/kantor'));
    await page.getByRole('button', { name: 'Keluar akun', exact: true }).click();
    await page.getByLabel('Nama pengguna').fill('operator');
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByTestId('office-name').waitFor();
    expect(await settledHash(page)).toBe('#/pengaturan/kantor');
    await expect.poll(() => page.getByTestId('tidak-punya-akses').isVisible()).toBe(true);
    expect(await page.getByText('Tidak punya akses').isVisible()).toBe(true);
    await page.screenshot({ path: join(ROOT, 'docs/tidak-punya-akses.png') });

    for (const typed of ['#/audit', '#/cadangan']) {
      await page.evaluate((h) => (location.hash = h), typed);
      expect(await settledHash(page)).toBe(typed);
      await expect.poll(() => page.getByTestId('halaman-tidak-ada').isVisible()).toBe(true);
    }
    expect(errors).toEqual([]);
    await signOut(page);
  });
});
