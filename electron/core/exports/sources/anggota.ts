/** Registry members, one row per person, read in keyset pages (families stay together). */
import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { ExportFilters } from '../../../../shared/api/exports';
import { labelJenisKelamin } from '../../../../shared/domain/jenisKelamin';
import { padanLabel, PROGRAM_FLAGS, periodCondition, programKey, statusLabel, usia, usulanProgram, wilayahCondition, wilayahLookup, yaTidak } from './common';
import type { RegistryTables } from '../../registry/tables';
import type { SourceEnv, SourceImpl, SourceRecord } from './types';

type Anggota = Selectable<RegistryTables['anggota']>;
type Keluarga = Selectable<RegistryTables['keluarga']>;

/** A member joined to their family, as the raw SQL below selects it (ids of both sides renamed). */
type AnggotaRow = Pick<
  Anggota,
  'id' | 'keluarga_id' | 'nik' | 'nama' | 'jenis_kelamin' | 'tempat_lahir' | 'tanggal_lahir' | 'hubungan' | 'ibu_kandung' | 'status_kawin' | 'pekerjaan' | 'pendidikan' | 'disabilitas' | 'hamil' | 'padan' | 'status' | 'id_p3ke_individu' | 'p3ke_resiko_stunting'
> &
  Pick<Keluarga, 'no_kk' | 'alamat' | 'dusun' | 'rt' | 'rw' | 'desa_kode' | 'desil' | 'miskin_ekstrem'> & { a_id_dtks: string | null; k_id_dtks: string | null; k_id_p3ke: string | null };

/** Registry filters on anggota (alias a) joined to keluarga (alias k). */
export function anggotaConditions(filters: ExportFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [wilayahCondition(filters.wilayah), periodCondition(sql`a.created_at`, filters.dari, filters.sampai)];
  const status = filters.status ?? 'aktif';
  if (['aktif', 'pindah', 'meninggal', 'keluar'].includes(status)) parts.push(sql`a.status = ${status}`);
  if (filters.program) {
    const program = filters.program.toLowerCase();
    parts.push(
      sql`(exists (select 1 from anggota_program p where p.anggota_id = a.id and lower(p.program) = ${program}) or exists (select 1 from usulan u where u.anggota_id = a.id and lower(u.program) = ${program}))`,
    );
  }
  return sql.join(parts, sql` and `);
}

const upper = (s: string | null | undefined) => (s ? s.toLocaleUpperCase('id-ID') : s);

/** A row's extras: the person's programmes, a proposal (the row's own when `proposal`, else the person's last). */
type Extra = { programs: string[]; usulan: { program: string; hasil: string | null } | undefined; proposal?: boolean; no: number };
type Getter = (r: AnggotaRow, extra: Extra) => unknown;

export function personGetters(env: SourceEnv): Record<string, Getter> {
  const wilayah = wilayahLookup(env.regions);
  const age = (r: AnggotaRow) => usia(r.tanggal_lahir, env.today);
  const band = (lo: number, hi: number) => (r: AnggotaRow) => {
    const u = age(r);
    return u === null ? '' : yaTidak(u >= lo && u <= hi);
  };
  const flag = (key: string) => (_r: AnggotaRow, x: { programs: string[] }) => {
    const test = PROGRAM_FLAGS[key];
    return yaTidak(!!test && x.programs.some((p) => test(programKey(p))));
  };
  return {
    no: (_r, x) => x.no,
    nik: (r) => r.nik,
    noKk: (r) => r.no_kk,
    nama: (r) => r.nama,
    namaKapital: (r) => upper(r.nama),
    tempatLahir: (r) => r.tempat_lahir,
    tempatLahirKapital: (r) => upper(r.tempat_lahir),
    tanggalLahir: (r) => r.tanggal_lahir,
    usia: (r) => age(r),
    jenisKelamin: (r) => (r.jenis_kelamin ? labelJenisKelamin(r.jenis_kelamin) : null),
    jenisKelaminKapital: (r) => (r.jenis_kelamin ? labelJenisKelamin(r.jenis_kelamin).toUpperCase() : null),
    jenisKelaminKode: (r) => r.jenis_kelamin,
    alamat: (r) => r.alamat,
    alamatKapital: (r) => upper(r.alamat),
    dusun: (r) => r.dusun,
    rt: (r) => r.rt,
    rw: (r) => r.rw,
    provinsi: (r) => wilayah(r.desa_kode).provinsi,
    kabupaten: (r) => wilayah(r.desa_kode).kabupaten,
    kecamatan: (r) => wilayah(r.desa_kode).kecamatan,
    desa: (r) => wilayah(r.desa_kode).desa,
    kodeWilayah: (r) => wilayah(r.desa_kode).kodeWilayah,
    ibuKandung: (r) => r.ibu_kandung,
    ibuKandungKapital: (r) => upper(r.ibu_kandung),
    hubungan: (r) => r.hubungan,
    statusKawin: (r) => r.status_kawin,
    pekerjaan: (r) => r.pekerjaan,
    pendidikan: (r) => r.pendidikan,
    statusDisabilitas: (r) => (r.disabilitas ? 'YA' : 'TIDAK'),
    disabilitas: (r) => r.disabilitas,
    // The importer keeps SIKS-NG's two columns as "Ya (kode N)"; other sources' free text is its own code.
    kodeDisabilitas: (r) => (r.disabilitas ? (/^Ya \(kode (.+)\)$/.exec(r.disabilitas)?.[1] ?? (/^ya$/i.test(r.disabilitas) ? null : r.disabilitas)) : null),
    statusHamil: (r) => (r.hamil ? 'YA' : r.jenis_kelamin === 'P' ? 'TIDAK' : ''),
    tanggalMulaiHamil: () => null,
    idDtks: (r) => r.a_id_dtks,
    idKeluarga: (r) => r.k_id_p3ke ?? r.k_id_dtks,
    idIndividu: (r) => r.id_p3ke_individu ?? r.a_id_dtks,
    resikoStunting: (r) => ((r.p3ke_resiko_stunting ?? null) === null ? null : yaTidak(r.p3ke_resiko_stunting === 1)),
    desil: (r) => r.desil,
    miskinEkstrem: (r) => yaTidak(r.miskin_ekstrem === 1),
    padan: (r) => padanLabel[r.padan] ?? r.padan,
    status: (r) => statusLabel[r.status] ?? r.status,
    // A proposal row is for its own programme; a registry row for the chosen programme, else the last proposal's.
    programBansos: (_r, x) => (x.proposal ? x.usulan?.program : (env.filters.program ?? x.usulan?.program)) ?? '',
    hasilUsulan: (_r, x) => x.usulan?.hasil ?? '',
    bansosBpnt: flag('bansosBpnt'),
    bansosPkh: flag('bansosPkh'),
    bansosPbi: flag('bansosPbi'),
    bansosBpntPpkm: flag('bansosBpntPpkm'),
    bansosBpum: flag('bansosBpum'),
    bansosBst: flag('bansosBst'),
    bansosSembako: flag('bansosSembako'),
    usiaBawah7: band(0, 6),
    usia7_12: band(7, 12),
    usia13_15: band(13, 15),
    usia16_18: band(16, 18),
    usia19_21: band(19, 21),
    usia22_59: band(22, 59),
    usia60: band(60, 200),
    kosong: () => null,
  };
}

const SELECT = sql`a.id, a.keluarga_id, a.nik, a.nama, a.jenis_kelamin, a.tempat_lahir, a.tanggal_lahir, a.hubungan, a.ibu_kandung,
  a.status_kawin, a.pekerjaan, a.pendidikan, a.disabilitas, a.hamil, a.padan, a.status, a.id_dtks as a_id_dtks, a.id_p3ke_individu, a.p3ke_resiko_stunting,
  k.no_kk, k.alamat, k.dusun, k.rt, k.rw, k.desa_kode, k.id_dtks as k_id_dtks, k.id_p3ke as k_id_p3ke, k.desil, k.miskin_ekstrem`;

/** Programmes and proposals of one page of members, fetched only when a column needs them. */
export async function pageExtras(env: SourceEnv, ids: number[], wantPrograms: boolean, wantUsulan: boolean) {
  const programs = new Map<number, string[]>();
  const usulan = new Map<number, { program: string; hasil: string | null }>();
  if (ids.length === 0) return { programs, usulan };
  const idList = sql.join(ids.map((id) => sql.lit(id)));
  if (wantPrograms) {
    const rows = await sql<{ anggota_id: number; program: string }>`select anggota_id, program from anggota_program where anggota_id in (${idList})`.execute(env.db);
    for (const r of rows.rows) programs.set(r.anggota_id, [...(programs.get(r.anggota_id) ?? []), r.program]);
  }
  if (wantUsulan) {
    const rows = await sql<{ anggota_id: number; program: string; hasil: string | null }>`select anggota_id, program, hasil from usulan where anggota_id in (${idList}) order by updated_at`.execute(env.db);
    for (const r of rows.rows) usulan.set(r.anggota_id, { program: usulanProgram(r.program), hasil: r.hasil });
  }
  return { programs, usulan };
}

const PROGRAM_FIELDS = new Set(Object.keys(PROGRAM_FLAGS));

type Usulan = { program: string; hasil: string | null };

/**
 * People in keyset pages, mapped to records. `fetchPage` reads the page after a row (null: the first); the
 * next page is read by SQLite's worker thread while this one is mapped and written. A row's proposal comes from
 * `usulanOf` when the rows are proposals, else from the usulan table when a column needs it.
 */
async function* personPages<R extends AnggotaRow>(
  env: SourceEnv,
  fields: ReadonlySet<string>,
  pageSize: number,
  fetchPage: (after: R | null) => Promise<R[]>,
  usulanOf: ((r: R) => Usulan) | null,
): AsyncGenerator<SourceRecord[], void, undefined> {
  const all = personGetters(env);
  const getters = [...fields].map((f) => [f, all[f] ?? (() => null)] as const);
  const wantPrograms = [...fields].some((f) => PROGRAM_FIELDS.has(f));
  const wantUsulan = !usulanOf && (fields.has('programBansos') || fields.has('hasilUsulan'));
  let no = 0;
  const prefetch = (after: R | null) => {
    const p = fetchPage(after);
    // Awaited below; this only keeps a page nobody reads any more (export cancelled) from crashing the app.
    p.catch(() => undefined);
    return p;
  };
  let next: Promise<R[]> | null = prefetch(null);
  while (next) {
    const rows: R[] = await next;
    if (rows.length === 0) return;
    const extras = await pageExtras(env, rows.map((r) => r.id), wantPrograms, wantUsulan);
    next = rows.length < pageSize ? null : prefetch(rows[rows.length - 1]!);
    const page: SourceRecord[] = new Array<SourceRecord>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const x: Extra = { programs: extras.programs.get(r.id) ?? [], usulan: usulanOf ? usulanOf(r) : extras.usulan.get(r.id), proposal: !!usulanOf, no: ++no };
      const rec: SourceRecord = {};
      for (const [f, g] of getters) rec[f] = g(r, x);
      page[i] = rec;
    }
    yield page;
  }
}

export const anggotaSource: SourceImpl = {
  open(env) {
    return {
      async count() {
        const where = anggotaConditions(env.filters);
        const r = await sql<{ n: number }>`select count(*) as n from anggota a join keluarga k on k.id = a.keluarga_id where ${where}`.execute(env.db);
        return Number(r.rows[0]?.n ?? 0);
      },
      pages(fields, pageSize) {
        const where = anggotaConditions(env.filters);
        const fetchPage = async (after: AnggotaRow | null) =>
          (
            await sql<AnggotaRow>`select ${SELECT} from anggota a join keluarga k on k.id = a.keluarga_id
              where (a.keluarga_id, a.id) > (${after?.keluarga_id ?? -1}, ${after?.id ?? -1}) and ${where}
              order by a.keluarga_id, a.id limit ${pageSize}`.execute(env.db)
          ).rows;
        return personPages(env, fields, pageSize, fetchPage, null);
      },
    };
  },
};

type UsulanRow = AnggotaRow & { u_id: number; u_program: string; u_hasil: string | null };

/**
 * The recorded proposals (usulan), one row per person and programme proposed, by the period the proposal was
 * recorded in, the area and the programme; each row carries the programme it was proposed for (NON BANSOS
 * where none). Stored spellings (PBI-JK, "(tanpa program)") are matched and written as SIKS-NG's labels.
 */
export const usulanSource: SourceImpl = {
  open(env) {
    const f = env.filters;
    let where: Promise<RawBuilder<unknown>> | null = null;
    const conditions = async () => {
      const parts = [anggotaConditions({ ...f, dari: null, sampai: null, program: null }), periodCondition(sql`u.created_at`, f.dari, f.sampai)];
      if (f.program) {
        const wanted = usulanProgram(f.program);
        const stored = await sql<{ program: string }>`select distinct program from usulan`.execute(env.db);
        const matching = stored.rows.map((r) => r.program).filter((p) => usulanProgram(p) === wanted);
        parts.push(matching.length > 0 ? sql`u.program in (${sql.join(matching)})` : sql`0 = 1`);
      }
      return sql.join(parts, sql` and `);
    };
    const whereOnce = () => (where ??= conditions());
    return {
      async count() {
        const r = await sql<{ n: number }>`select count(*) as n from usulan u join anggota a on a.id = u.anggota_id join keluarga k on k.id = a.keluarga_id where ${await whereOnce()}`.execute(env.db);
        return Number(r.rows[0]?.n ?? 0);
      },
      async *pages(fields, pageSize) {
        const cond = await whereOnce();
        const fetchPage = async (after: UsulanRow | null) =>
          (
            await sql<UsulanRow>`select u.id as u_id, u.program as u_program, u.hasil as u_hasil, ${SELECT}
              from usulan u join anggota a on a.id = u.anggota_id join keluarga k on k.id = a.keluarga_id
              where u.id > ${after?.u_id ?? -1} and ${cond} order by u.id limit ${pageSize}`.execute(env.db)
          ).rows;
        yield* personPages(env, fields, pageSize, fetchPage, (r) => ({ program: usulanProgram(r.u_program), hasil: r.u_hasil }));
      },
    };
  },
};
