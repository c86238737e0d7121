import type { Core } from '../../../electron/core/app';
import { normalizeKey } from '../../../shared/domain/text';

export interface Orang {
  nama: string;
  nik: string;
  noKk: string;
  desaKode: string;
  alamat?: string;
  rt?: string;
  rw?: string;
  jk?: 'L' | 'P';
}

/** Real-shaped Kotim people (Kota Besi / Baamang). */
export const ORANG: Orang[] = [
  { nama: 'Sutrisno', nik: '6202011205750001', noKk: '6202011503100004', desaKode: '62.02.01.2003', alamat: 'Jl. Tjilik Riwut Gg. Damai', rt: '004', rw: '002', jk: 'L' },
  { nama: 'Mariana Dewi', nik: '6202015708820003', noKk: '6202012208120007', desaKode: '62.02.01.2004', alamat: 'Jl. Pelita', rt: '001', rw: '001', jk: 'P' },
  { nama: 'Ahmad Fauzi', nik: '6202010304900002', noKk: '6202010901150005', desaKode: '62.02.01.1009', alamat: 'Jl. Ahmad Yani No. 12', rt: '007', rw: '003', jk: 'L' },
  { nama: 'Rusmini', nik: '6202014101600004', noKk: '6202011204080002', desaKode: '62.02.01.2005', alamat: 'Dusun Simpur Hilir', rt: '002', rw: '001', jk: 'P' },
];

export async function seedPeople(core: Core, people: Orang[] = ORANG): Promise<number[]> {
  const at = new Date().toISOString();
  const ids: number[] = [];
  for (const p of people) {
    const kel = await core.db
      .insertInto('keluarga')
      .values({
        no_kk: p.noKk,
        alamat: p.alamat ?? '',
        rt: p.rt ?? null,
        rw: p.rw ?? null,
        desa_kode: p.desaKode,
        kecamatan_kode: p.desaKode.slice(0, 8),
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = await core.db
      .insertInto('anggota')
      .values({ keluarga_id: kel.id, nik: p.nik, nama: p.nama, nama_key: normalizeKey(p.nama), jenis_kelamin: p.jk ?? null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(a.id);
  }
  return ids;
}

export { fail, ok } from '../../helpers/core';

/** A collective handover of `programId` by the office's Kabid, as handovers.create takes it (fields overridable). */
export function handoverInput(programId: number, overrides: { tanggal?: string; tempat?: string } = {}) {
  return {
    programId, tanggal: overrides.tanggal ?? '2026-05-08', tempat: overrides.tempat ?? 'Aula Dinas Sosial', mode: 'kolektif' as const, dasarNomor: null, dasarTanggal: null, dasarTentang: null,
    pertamaNama: 'Hj. Rina Kartika, S.Sos', pertamaNip: '19750312 200003 2 004', pertamaJabatan: 'Kepala Bidang Rehabilitasi Sosial', saksi: [],
  };
}
