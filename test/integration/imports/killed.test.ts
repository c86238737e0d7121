import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../electron/core/imports/pipeline';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../../helpers/registryFixtures';
import { ROOT, tempDbPath } from '../../helpers/webApp';
import { tempDir, writeXlsx } from '../../helpers/xlsx';

describe('an import whose process is killed half-way', () => {
  it('leaves the database exactly as it was, and the same file imports cleanly afterwards', async () => {
    const dir = await tempDir('dinsos-kill-');
    const rows: (string | number)[][] = [[...DTKS_HEADERS]];
    for (const k of makeFamilies(12_000, 5)) for (const a of k.anggota) rows.push(dtksRow(k, a, rows.length));
    const file = await writeXlsx(join(dir, 'dtks besar.xlsx'), [{ name: 'DTKS', rows }]);
    const db = tempDbPath();
    const core = await openTestCore({ dbPath: db });
    await setUpOffice(core);
    await core.close();

    // The real command line, killed with SIGKILL once it reports rows written inside its transaction.
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), 'import', file, '--db', db], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let progress = '';
    const killedAt = await new Promise<number>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        progress += d.toString();
        const done = [...progress.matchAll(/(\d+)(?:\/\d+)? baris/g)].map((m) => Number(m[1]));
        const last = done.at(-1) ?? 0;
        if (last >= 3000) {
          child.kill('SIGKILL');
          resolve(last);
        }
      });
      child.on('exit', () => reject(new Error(`the import finished before it could be killed:\n${progress}`)));
    });
    await new Promise((r) => child.once('exit', r));
    expect(killedAt).toBeGreaterThanOrEqual(3000);

    const after = await openTestCore({ dbPath: db });
    try {
      const count = async (t: 'anggota' | 'keluarga' | 'import_batch' | 'anggota_program') =>
        Number((await after.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      expect(await count('anggota')).toBe(0);
      expect(await count('keluarga')).toBe(0);
      expect(await count('anggota_program')).toBe(0);
      expect(await count('import_batch')).toBe(0);

      const result = await runImport({
        db: after.db, regions: await after.services.regions(), officeKabKota: '62.02', session: null, path: file, fileName: 'dtks besar.xlsx',
        sha256: 'x', duplicateMode: 'merge', commit: true, now: new Date(),
      });
      expect(result.counts.imported).toBe(rows.length - 1);
      expect(await count('anggota')).toBe(rows.length - 1);
    } finally {
      await after.close();
    }
  }, 180_000);
});
