import type { Kysely } from 'kysely';
import type { Office, OfficeProfileData } from '../../../shared/api/admin';
import { AppError } from '../api/errors';
import type { Database } from '../db/schema';
import type { RegionIndex } from '../regions';

export async function readOfficeProfile(db: Kysely<Database>): Promise<{ profile: OfficeProfileData; updatedAt: string } | null> {
  const row = await db.selectFrom('office').selectAll().where('id', '=', 1).executeTakeFirst();
  return row ? { profile: JSON.parse(row.profile_json) as OfficeProfileData, updatedAt: row.updated_at } : null;
}

export function toOffice(profile: OfficeProfileData, updatedAt: string, regions: RegionIndex): Office {
  const provinsi = regions.get(profile.provinsiKode);
  const kabKota = regions.get(profile.kabKotaKode);
  if (!provinsi || !kabKota || kabKota.parentKode !== provinsi.kode) {
    throw new AppError('INVALID_INPUT', 'Kabupaten/kota tidak berada di provinsi yang dipilih.');
  }
  return {
    ...profile,
    kopPemerintah: profile.pemerintah || `PEMERINTAH ${kabKota.nama.toUpperCase()}`,
    provinsiNama: provinsi.nama,
    kabKotaNama: kabKota.nama,
    updatedAt,
  };
}

/** The office profile, which every document and per-region rule needs; SETUP_REQUIRED before the wizard ran. */
export async function loadOffice(db: Kysely<Database>, regions: RegionIndex): Promise<Office> {
  const stored = await readOfficeProfile(db);
  if (!stored) throw new AppError('SETUP_REQUIRED', 'Data kantor belum diisi. Selesaikan pengaturan awal terlebih dahulu.');
  return toOffice(stored.profile, stored.updatedAt, regions);
}

export async function writeOfficeProfile(db: Kysely<Database>, profile: OfficeProfileData, at: Date) {
  const values = { id: 1, profile_json: JSON.stringify(profile), updated_at: at.toISOString() };
  await db
    .insertInto('office')
    .values(values)
    .onConflict((oc) => oc.column('id').doUpdateSet({ profile_json: values.profile_json, updated_at: values.updated_at }))
    .execute();
}
