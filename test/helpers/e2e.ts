import type { Page } from 'playwright-core';
import type { WebServer } from '../../electron/web/server';
import { kotimSetup } from './core';

export const ADMIN = { username: kotimSetup().admin.username, password: kotimSetup().admin.password };

/** Opens the app with its per-run token and signs in through the login page, as a clerk would. */
export async function signIn(page: Page, web: WebServer, user: { username: string; password: string } = ADMIN): Promise<void> {
  await page.goto(web.openUrl);
  await page.getByLabel('Nama pengguna').fill(user.username);
  await page.getByLabel('Kata sandi').fill(user.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByTestId('office-name').waitFor();
}
