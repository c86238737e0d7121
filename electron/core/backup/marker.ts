import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/database';
import { readOfficeProfile } from '../admin';
import { rememberServerOffice } from '../connection';
import { writePrivateFile, type AppPaths } from '../paths';

/**
 * The data folder remembers that it was set up, so a missing or emptied database is never taken for a first
 * start (whose wizard would let anyone create the first admin account).
 */
export interface SetupMarker {
  setUpAt: string;
  officeName: string | null;
  kabKotaKode: string | null;
}

const markerPath = (paths: Pick<AppPaths, 'dataDir'>) => join(paths.dataDir, 'terpasang.json');

export function writeSetupMarker(paths: Pick<AppPaths, 'dataDir'>, marker: SetupMarker) {
  writePrivateFile(markerPath(paths), JSON.stringify(marker));
}

export function readSetupMarker(paths: Pick<AppPaths, 'dataDir'>): SetupMarker | null {
  try {
    return JSON.parse(readFileSync(markerPath(paths), 'utf8')) as SetupMarker;
  } catch {
    return null;
  }
}

const hasEntries = (dir: string) => {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
};

/** Set up = the marker, or anything only a set-up office leaves: kept-aside data, attachments, backups. */
export function dataFolderWasSetUp(paths: Pick<AppPaths, 'dataDir' | 'attachmentsDir'>): boolean {
  if (existsSync(markerPath(paths))) return true;
  if (hasEntries(join(paths.dataDir, 'sebelum-pulih')) || hasEntries(paths.attachmentsDir)) return true;
  try {
    return readdirSync(paths.dataDir).some((f) => f.endsWith('.dsbak'));
  } catch {
    return false;
  }
}

/**
 * Writes (or refreshes) the marker from a database that has an office and accounts; a no-op otherwise. On the
 * office server this PC also remembers the server as one it worked with (connection/known.ts).
 */
export async function markSetUpFrom(db: Db, paths: Pick<AppPaths, 'dataDir' | 'dbPath'>, now: Date): Promise<boolean> {
  const users = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(users.n) === 0) return false;
  await rememberServerOffice(db, paths);
  const office = await readOfficeProfile(db);
  const existing = readSetupMarker(paths);
  const next: SetupMarker = { setUpAt: existing?.setUpAt ?? now.toISOString(), officeName: office?.profile.namaInstansi ?? null, kabKotaKode: office?.profile.kabKotaKode ?? null };
  if (!existing || existing.officeName !== next.officeName || existing.kabKotaKode !== next.kabKotaKode) writeSetupMarker(paths, next);
  return true;
}
