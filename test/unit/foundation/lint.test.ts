import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/webApp';

// The layering rules are only as good as the lint config: prove it refuses what it must.
describe('lint boundaries', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const messages = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.map((m) => m.message);
  };

  it("refuses 'electron' in main-side data code but allows it in the shell", async () => {
    const code = "import { app } from 'electron';\nexport const name = app.getName();\n";
    expect((await messages(code, 'electron/core/registry/sample.ts')).join('\n')).toMatch(/Only electron\/shell and electron\/preload/);
    expect(await messages(code, 'electron/shell/sample.ts')).toEqual([]);
  });

  it("refuses queries in a feature's handlers but allows them in its query modules", async () => {
    const builder = "export const h = { list: (_i: unknown, ctx: { db: any }) => ctx.db.selectFrom('keluarga').selectAll().execute() };\n";
    expect((await messages(builder, 'electron/core/registry/handlers.ts')).join('\n')).toMatch(/No queries in handlers/);
    const raw = "import { sql } from 'kysely';\nexport const q = sql`select 1`;\n";
    expect((await messages(raw, 'electron/core/registry/handlers.ts')).join('\n')).toMatch(/No SQL in handlers/);
    expect((await messages(raw, 'electron/core/registry/queries.ts')).filter((m) => /handlers/.test(m))).toEqual([]);
  });

  it('refuses ipcRenderer, SQL and Node in the renderer', async () => {
    expect((await messages("import { ipcRenderer } from 'electron';\nipcRenderer.send('x');\n", 'renderer/src/sample.ts')).join('\n')).toMatch(/api object/);
    expect((await messages("import { sql } from 'kysely';\nexport const q = sql`select 1`;\n", 'renderer/src/sample.ts')).join('\n')).toMatch(/No SQL in the renderer/);
    expect((await messages("import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", 'renderer/src/sample.ts')).join('\n')).toMatch(/no Node/);
    expect((await messages("import { openCore } from '../../electron/core/app';\nexport const o = openCore;\n", 'renderer/src/sample.ts')).join('\n')).toMatch(/only through the contract/);
  });
});
