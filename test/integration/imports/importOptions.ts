/** The options of a test import into the office set up by setUpOffice (Kotawaringin Timur, 62.02), as admin. */
import { afterEach } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { openTestCore, setUpOffice } from '../../helpers/core';
import type { ImportOptions, ImportResult } from '../../../electron/core/imports/pipeline';
import { sha256File } from '../../../electron/core/imports/staging';

export async function importOptions(core: Core, path: string, extra: Partial<ImportOptions> = {}): Promise<ImportOptions> {
  return {
    db: core.db,
    regions: await core.services.regions(),
    officeKabKota: '62.02',
    session: { userId: 1, username: 'admin', nama: 'Admin', role: 'admin', permissions: [], wilayah: [] },
    path,
    fileName: 'usulan baamang.xlsx',
    sha256: await sha256File(path),
    duplicateMode: 'merge',
    commit: false,
    now: new Date('2024-06-01T03:00:00Z'),
    ...extra,
  };
}

/** What an operator sees of a pass: everything but its timing and batch id, with the rejected rows' cells (the spool is disposed of). */
export async function operatorView(result: ImportResult) {
  const rejected = [];
  for await (const r of result.rejected.rows()) rejected.push(r);
  result.rejected.dispose();
  const { seconds: _s, rejected: _r, batchId: _b, ...rest } = result;
  return { ...rest, rejected };
}

/**
 * Cores a test opens, closed after each test: `office()` opens one with the Kotim office set up and its clock at
 * `now`, and returns its admin client beside it; `closing(core)` adds a core opened otherwise.
 */
export function officesPerTest(now: Date) {
  const cores: Core[] = [];
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.close();
  });
  const closing = (core: Core): Core => {
    cores.push(core);
    return core;
  };
  const office = async () => {
    const core = closing(await openTestCore({ now: () => now }));
    return Object.assign(core, { admin: await setUpOffice(core) });
  };
  return { office, closing };
}
