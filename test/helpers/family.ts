import type { Kysely } from 'kysely';
import type { Database } from '../../electron/core/db/schema';

export interface FamilyMember {
  nik: string;
  /** Default `WARGA <last 4 digits of the NIK>`. */
  nama?: string;
  /** Default 'Kepala Keluarga' for the first member, 'Anak' after. */
  hubungan?: string;
}

/**
 * A family written straight into the registry tables (no import, no audit): a test's own small registry.
 * Returns the keluarga id and the anggota ids in order.
 */
export async function insertFamily(
  db: Kysely<Database>,
  f: { noKk: string; desaKode: string; now: string; desil?: number | null; ekstrem?: boolean; members: FamilyMember[] },
): Promise<{ keluargaId: number; anggotaIds: number[] }> {
  const k = await db
    .insertInto('keluarga')
    .values({ no_kk: f.noKk, desa_kode: f.desaKode, kecamatan_kode: f.desaKode.slice(0, 8), desil: f.desil === undefined ? 1 : f.desil, miskin_ekstrem: (f.ekstrem ?? true) ? 1 : 0, alamat: 'Jl. Uji', dusun: null, rt: null, rw: null, id_dtks: null, sumber: null, import_batch_id: null, catatan: null, created_at: f.now, updated_at: f.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const anggotaIds: number[] = [];
  for (const [i, m] of f.members.entries()) {
    const nama = m.nama ?? `WARGA ${m.nik.slice(-4)}`;
    const a = await db
      .insertInto('anggota')
      .values({ keluarga_id: k.id, nik: m.nik, nama, nama_key: nama.toLowerCase(), jenis_kelamin: 'L', tempat_lahir: null, tanggal_lahir: null, hubungan: m.hubungan ?? (i === 0 ? 'Kepala Keluarga' : 'Anak'), ibu_kandung: null, status_kawin: null, pekerjaan: null, pendidikan: null, disabilitas: null, status_tanggal: null, status_alasan: null, id_dtks: null, import_batch_id: null, created_at: f.now, updated_at: f.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    anggotaIds.push(a.id);
  }
  return { keluargaId: k.id, anggotaIds };
}
