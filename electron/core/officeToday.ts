import type { Kysely } from 'kysely';
import { tanggalKantor } from '../../shared/domain/zonaWaktu';
import { readOfficeProfile } from './admin/office';
import type { Database } from './db/schema';

/**
 * The office's date today for the main side's rules and the dates it fills in (a receipt or an intervention
 * cannot be dated after it), in the zone of the office's province (shared/domain/zonaWaktu.ts), never the PC's
 * zone or UTC.
 */
export async function officeToday(db: Kysely<Database>, now: Date): Promise<string> {
  return tanggalKantor(now, (await readOfficeProfile(db))?.profile.provinsiKode);
}

/**
 * officeToday() for code that also wants it as a Date read with local getters (validateNik's century choice):
 * `today` is that date at local noon, so getFullYear/getMonth/getDate give the office's date in any PC zone.
 */
export async function officeDay(db: Kysely<Database>, now: Date): Promise<{ today: Date; todayIso: string }> {
  const todayIso = await officeToday(db, now);
  return { today: new Date(`${todayIso}T12:00:00`), todayIso };
}
