/**
 * The plain-Node part of `--smoke`, run for real: the core in its own process (the bundled coreChild and job
 * worker, as the app ships them; a Node child here instead of Electron's utility process) on a fresh data
 * folder, with browser mode's PDF renderer (headless Chromium) standing in for Electron's printToPDF. The
 * shell's wiring around it is tested with the mocked electron module in test/unit/shell/smoke.test.ts; the
 * installed Windows app runs it in .github/workflows/windows.yml.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationNames } from '../../../electron/core/db/migrations';
import { CoreHost } from '../../../electron/core/host/host';
import { forkNodeCore } from '../../../electron/core/host/nodeChild';
import type { Platform } from '../../../electron/core/platform';
import { assertFreshDataDir, runSmoke, smokeFailure, SmokeStepError } from '../../../electron/core/smoke/smoke';
import { webPlatform } from '../../../electron/web/pdf';
import { childEnv } from '../../bench/bundle';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { pdfText } from '../../helpers/pdf';
import { coreScripts, RESOURCES } from '../../helpers/webApp';

const temp = mkdtempSync(join(tmpdir(), 'dinsos-smoke-'));
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
  rmSync(temp, { recursive: true, force: true });
});

describe('smoke run of the core (what --smoke does)', () => {
  it('on a fresh folder: migrates, loads regions, records a person and a handover, prints the BAST, writes a backup that reads back', async () => {
    const dataDir = join(temp, 'fresh');
    assertFreshDataDir(dataDir);
    const web = webPlatform();
    cleanup.push(() => web.dispose());
    const pdfs: Buffer[] = [];
    const platform: Platform = { kind: 'desktop', htmlToPdf: async (html, options) => pdfs[pdfs.push(await web.htmlToPdf(html, options)) - 1]! };
    const scripts = coreScripts();
    const host = new CoreHost({
      spawn: forkNodeCore(scripts.child, { env: childEnv() }),
      init: { dataDir, resourcesDir: RESOURCES, autoBackup: false, workerPath: scripts.worker },
      platform,
    });
    await host.start();
    cleanup.push(() => host.close());

    const report = await runSmoke(host.createClient());
    console.log(`smoke: ${JSON.stringify(report.ms)}`);

    expect(report).toMatchObject({ ok: true, schemaVersion: migrationNames.length, anggotaId: expect.any(Number), backup: { anggota: 1, schemaVersion: migrationNames.length } });
    expect(report.regionsLoaded).toBeGreaterThan(90_000);
    expect(existsSync(join(dataDir, 'dinsos.sqlite'))).toBe(true);
    // The BAST as the printer made it: one PDF, numbered, naming the recipient.
    expect(pdfs).toHaveLength(1);
    expect(report.bast.bytes).toBe(pdfs[0]!.byteLength);
    expect(report.bast.nomor).toMatch(/^001\/BAST\/DINSOS\/[IVX]+\/\d{4}$/);
    const text = pdfText(pdfs[0]!).replace(/\s+/g, ' ');
    expect(text).toContain('BERITA ACARA SERAH TERIMA');
    expect(text).toContain('Penerima Uji Asap');
    expect(text).toContain(report.bast.nomor);
    // The backup file in the data folder's outbox is the one the report describes.
    const backups = readFileSync(join(dataDir, 'outbox', readdirOutbox(dataDir, report.backup.bytes)));
    expect(createHash('sha256').update(backups).digest('hex')).toBe(report.backup.sha256);
    expect(report.backup.fileName).toMatch(/^dinsos-\d{4}-\d{2}-\d{2}-\d{6}-manual\.dsbak$/);
  }, 180_000);

  it('refuses a folder that already holds anything, and an office that is already set up', async () => {
    const used = join(temp, 'used');
    mkdirSync(used);
    writeFileSync(join(used, 'dinsos.sqlite'), '');
    expect(() => assertFreshDataDir(used)).toThrow(expect.objectContaining({ code: 'SMOKE_DATA_DIR_NOT_EMPTY' }));

    const core = await openTestCore();
    cleanup.push(() => core.close());
    await setUpOffice(core);
    const error = await runSmoke(core.createClient()).catch((e: unknown) => e);
    expect(smokeFailure(error)).toEqual({ ok: false, step: 'open', error: { code: 'SMOKE_DATA_DIR_NOT_EMPTY', message: expect.stringContaining('folder data baru') } });
    expect(Number((await core.db.selectFrom('anggota').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it('names the step that failed when the printer fails', async () => {
    const core = await openTestCore({ platform: { kind: 'desktop', htmlToPdf: () => Promise.reject(new Error('printer gone')) } });
    cleanup.push(() => core.close());
    const error = await runSmoke(core.createClient()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmokeStepError);
    const failure = smokeFailure(error);
    expect(failure).toMatchObject({ ok: false, step: 'bast', error: { code: expect.any(String), message: expect.stringContaining('handovers.savePdf') } });
    expect(JSON.parse(JSON.stringify(failure))).toEqual(failure);
  });
});

/** The outbox entry with the backup's size (the outbox names files by id). */
function readdirOutbox(dataDir: string, size: number): string {
  const match = readdirSync(join(dataDir, 'outbox')).filter((name) => !name.endsWith('.json') && statSync(join(dataDir, 'outbox', name)).size === size);
  expect(match.length).toBeGreaterThan(0);
  return match[0]!;
}
