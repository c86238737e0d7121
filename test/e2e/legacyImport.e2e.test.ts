/**
 * Issue 15: the import wizard takes the .xls (Excel 97–2003) and .ods (LibreOffice) an operator sends, and previews
 * them like the same sheet saved as .xlsx (test/fixtures/usulan/, scripts/usulan/make.ts). A password-protected
 * .xls is refused with the Indonesian message naming the password.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserApp, fileInputOf, pickFile } from '../helpers/e2e';
import { ROOT } from '../helpers/webApp';

const DIR = join(ROOT, 'test/fixtures/usulan');

describe('the import wizard with .xls and .ods', () => {
  const { app, page } = browserApp({ menuLink: /Impor/ });

  async function counts(file: string) {
    await page.goto(`${app.web.url}/#/impor`);
    await page.reload();
    const picker = page.getByTestId('pick-file');
    expect(await fileInputOf(picker).getAttribute('accept')).toContain('.xls');
    expect(await fileInputOf(picker).getAttribute('accept')).toContain('.ods');
    await pickFile(picker, join(DIR, file));
    await page.getByTestId('count-data').waitFor({ timeout: 30_000 });
    const out: Record<string, string | null> = {};
    for (const id of ['count-data', 'count-new', 'count-rejected']) out[id] = await page.getByTestId(id).textContent();
    return out;
  }

  it('previews usulan.xls and usulan.ods with the counts of usulan.xlsx', async () => {
    const xlsx = await counts('usulan.xlsx');
    expect(xlsx['count-data']).toBe('11');
    expect(await counts('usulan.xls')).toEqual(xlsx);
    expect(await counts('usulan.ods')).toEqual(xlsx);
  });

  it('a password-protected .xls: says so in Indonesian and what to do', async () => {
    await page.goto(`${app.web.url}/#/impor`);
    await page.reload();
    await pickFile(page.getByTestId('pick-file'), join(DIR, 'usulan-sandi.xls'));
    await page.getByText('dilindungi kata sandi').first().waitFor({ timeout: 30_000 });
  });
});
