import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../../electron/core/paths';

const temp = mkdtempSync(join(tmpdir(), 'dinsos-paths-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('data folder resolution', () => {
  it('keeps the named data folder when the database path is named too (the job worker gets both from the core)', () => {
    const dataDir = join(temp, 'Dinsos Desk');
    const core = resolvePaths({ dataDir, resourcesDir: '/res' });
    const worker = resolvePaths({ dataDir: core.dataDir, dbPath: core.dbPath, resourcesDir: '/res' });
    expect(worker).toEqual(core);
    expect(worker.outboxDir).toBe(join(dataDir, 'outbox'));
  });

  it('puts a named database\'s files beside it when no data folder is named (CLI --db, tests)', () => {
    const paths = resolvePaths({ dbPath: join(temp, 'cli', 'x.sqlite'), resourcesDir: '/res' });
    expect(paths.outboxDir).toBe(join(temp, 'cli', 'dinsos-data', 'outbox'));
  });
});

describe('portable mode', () => {
  it('uses data/ beside the executable only when portable.txt sits there', async () => {
    const { portableDataDir } = await import('../../../electron/core/paths');
    const usb = join(temp, 'usb');
    mkdirSync(usb);
    const exe = join(usb, 'Dinsos Desk.exe');
    expect(portableDataDir(exe, {})).toBeNull();
    writeFileSync(join(usb, 'portable.txt'), '');
    expect(portableDataDir(exe, {})).toBe(join(usb, 'data'));
    // electron-builder's portable .exe runs from a temp folder and names its own folder in the environment.
    expect(portableDataDir(join(temp, 'unpacked', 'app.exe'), { PORTABLE_EXECUTABLE_DIR: usb })).toBe(join(usb, 'data'));
    expect(portableDataDir(exe, { PORTABLE_EXECUTABLE_DIR: join(temp, 'elsewhere') })).toBeNull();
  });
});
