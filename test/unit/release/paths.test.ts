import { mkdtempSync, rmSync } from 'node:fs';
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
