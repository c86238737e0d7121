/** The options of a test import into the office set up by setUpOffice (Kotawaringin Timur, 62.02), as admin. */
import type { Core } from '../../../electron/core/app';
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
