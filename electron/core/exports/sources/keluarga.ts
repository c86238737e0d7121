/** Registry families, one row per keluarga with its head of family's data. */
import { sql, type RawBuilder } from 'kysely';
import type { ExportFilters } from '../../../../shared/api/exports';
import { labelJenisKelamin } from '../../../../shared/domain/jenisKelamin';
import { padanLabel, PROGRAM_FLAGS, periodCondition, programKey, wilayahCondition, wilayahLookup, yaTidak } from './common';
import type { SourceImpl, SourceRecord } from './types';

interface KeluargaRow {
  id: number;
  /** Null while the family is known only by its ID Keluarga P3KE. */
  no_kk: string | null;
  alamat: string;
  dusun: string | null;
  rt: string | null;
  rw: string | null;
  desa_kode: string;
  id_dtks: string | null;
  id_p3ke: string | null;
  p3ke_resiko_stunting: number | null;
  desil: number | null;
  miskin_ekstrem: number;
}

interface MemberRow {
  id: number;
  keluarga_id: number;
  nik: string;
  nama: string;
  jenis_kelamin: 'L' | 'P' | null;
  tanggal_lahir: string | null;
  hubungan: string | null;
  pekerjaan: string | null;
  pendidikan: string | null;
  padan: string;
  status: string;
}

function conditions(filters: ExportFilters): RawBuilder<unknown> {
  // A family merged into another (registry/merge.ts) is an empty record kept for history: not listed.
  const parts: RawBuilder<unknown>[] = [sql`k.digabung_ke is null`, wilayahCondition(filters.wilayah), periodCondition(sql`k.created_at`, filters.dari, filters.sampai)];
  const status = filters.status ?? 'aktif';
  // A family is listed under a member status when at least one member has it (aktif: someone still lives there).
  if (['aktif', 'pindah', 'meninggal', 'keluar'].includes(status)) {
    parts.push(sql`exists (select 1 from anggota a where a.keluarga_id = k.id and a.status = ${status})`);
  }
  if (filters.program) {
    parts.push(sql`exists (select 1 from anggota a join anggota_program p on p.anggota_id = a.id where a.keluarga_id = k.id and lower(p.program) = ${filters.program.toLowerCase()})`);
  }
  return sql.join(parts, sql` and `);
}

const isKepala = (m: MemberRow) => /kepala/i.test(m.hubungan ?? '');

export const keluargaSource: SourceImpl = {
  open(env) {
    const wilayah = wilayahLookup(env.regions);
    return {
      async count() {
        const r = await sql<{ n: number }>`select count(*) as n from keluarga k where ${conditions(env.filters)}`.execute(env.db);
        return Number(r.rows[0]?.n ?? 0);
      },
      async *pages(fields, pageSize) {
        const where = conditions(env.filters);
        let lastId = -1;
        let no = 0;
        for (;;) {
          const result = await sql<KeluargaRow>`select k.id, k.no_kk, k.alamat, k.dusun, k.rt, k.rw, k.desa_kode, k.id_dtks, k.id_p3ke, k.p3ke_resiko_stunting, k.desil, k.miskin_ekstrem
            from keluarga k where k.id > ${lastId} and ${where} order by k.id limit ${pageSize}`.execute(env.db);
          const rows = result.rows;
          if (rows.length === 0) return;
          const ids = sql.join(rows.map((r) => sql.lit(r.id)));
          const members = await sql<MemberRow>`select id, keluarga_id, nik, nama, jenis_kelamin, tanggal_lahir, hubungan, pekerjaan, pendidikan, padan, status
            from anggota where keluarga_id in (${ids}) order by keluarga_id, id`.execute(env.db);
          const byKeluarga = new Map<number, MemberRow[]>();
          for (const m of members.rows) byKeluarga.set(m.keluarga_id, [...(byKeluarga.get(m.keluarga_id) ?? []), m]);
          const programs = new Map<number, string[]>();
          if ([...fields].some((f) => f in PROGRAM_FLAGS)) {
            const p = await sql<{ keluarga_id: number; program: string }>`select a.keluarga_id, p.program from anggota_program p join anggota a on a.id = p.anggota_id where a.keluarga_id in (${ids})`.execute(env.db);
            for (const r of p.rows) programs.set(r.keluarga_id, [...(programs.get(r.keluarga_id) ?? []), r.program]);
          }
          const page: SourceRecord[] = rows.map((k) => {
            const list = byKeluarga.get(k.id) ?? [];
            const aktif = list.filter((m) => m.status === 'aktif');
            const head = aktif.find(isKepala) ?? list.find(isKepala) ?? aktif[0] ?? list[0];
            const progs = programs.get(k.id) ?? [];
            const w = wilayah(k.desa_kode);
            const all: Record<string, unknown> = {
              no: ++no,
              idKeluarga: k.id_p3ke ?? k.id_dtks,
              resikoStunting: k.p3ke_resiko_stunting === null ? null : yaTidak(k.p3ke_resiko_stunting === 1),
              noKk: k.no_kk,
              provinsi: w.provinsi,
              kabupaten: w.kabupaten,
              kecamatan: w.kecamatan,
              desa: w.desa,
              kodeWilayah: w.kodeWilayah,
              alamat: k.alamat,
              dusun: k.dusun,
              rt: k.rt,
              rw: k.rw,
              desil: k.desil,
              miskinEkstrem: yaTidak(k.miskin_ekstrem === 1),
              kepalaKeluarga: head?.nama ?? null,
              nik: head?.nik ?? null,
              padan: head ? (padanLabel[head.padan] ?? head.padan) : null,
              jenisKelamin: head?.jenis_kelamin ? labelJenisKelamin(head.jenis_kelamin) : null,
              tanggalLahir: head?.tanggal_lahir ?? null,
              pekerjaan: head?.pekerjaan ?? null,
              pendidikan: head?.pendidikan ?? null,
              jumlahAnggota: aktif.length,
              kosong: null,
            };
            for (const [key, test] of Object.entries(PROGRAM_FLAGS)) all[key] = yaTidak(progs.some((p) => test(programKey(p))));
            const rec: SourceRecord = {};
            for (const f of fields) rec[f] = all[f] ?? null;
            return rec;
          });
          yield page;
          lastId = rows[rows.length - 1]!.id;
          if (rows.length < pageSize) return;
        }
      },
    };
  },
};
