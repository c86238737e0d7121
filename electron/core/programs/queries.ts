import type { Kysely } from 'kysely';
import type { Program, ProgramInput } from '../../../shared/api/programs';
import { type programInputSchema } from '../../../shared/api/programs';
import { AppError, notFound } from '../api/errors';
import type { Database } from '../db/schema';
import type { z } from 'zod';

type ProgramData = z.output<typeof programInputSchema>;

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('program')
    .selectAll('program')
    .select((eb) =>
      eb.selectFrom('penyerahan').whereRef('penyerahan.program_id', '=', 'program.id').select((e) => e.fn.countAll<number>().as('n')).as('jumlah_penyerahan'),
    );
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toProgram(r: Row): Program {
  return {
    id: r.id,
    nama: r.nama,
    jenis: r.jenis,
    satuan: r.satuan,
    nilaiSatuan: r.nilai_satuan,
    sumberDana: r.sumber_dana,
    opd: r.opd,
    tahun: r.tahun,
    kategori: r.kategori,
    aktif: r.aktif === 1,
    keterangan: r.keterangan,
    jumlahPenyerahan: Number(r.jumlah_penyerahan ?? 0),
    updatedAt: r.updated_at,
  };
}

export async function listPrograms(db: Kysely<Database>, f: { tahun: number | null; aktif: boolean | null; q: string }): Promise<Program[]> {
  let q = baseQuery(db);
  if (f.tahun !== null) q = q.where('program.tahun', '=', f.tahun);
  if (f.aktif !== null) q = q.where('program.aktif', '=', f.aktif ? 1 : 0);
  if (f.q) q = q.where('program.nama', 'like', `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  const rows = await q.orderBy('program.aktif', 'desc').orderBy('program.tahun', 'desc').orderBy('program.nama').execute();
  return rows.map(toProgram);
}

export async function getProgram(db: Kysely<Database>, id: number): Promise<Program> {
  const row = await baseQuery(db).where('program.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Program bantuan');
  return toProgram(row);
}

async function assertUniqueName(db: Kysely<Database>, data: ProgramData, exceptId: number | null) {
  let q = db.selectFrom('program').select('id').where('nama', '=', data.nama).where('tahun', '=', data.tahun);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) {
    throw new AppError('CONFLICT', `Program "${data.nama}" tahun ${data.tahun} sudah ada. Ubah nama atau tahunnya.`);
  }
}

function columns(data: ProgramData) {
  return {
    nama: data.nama,
    jenis: data.jenis,
    satuan: data.satuan,
    nilai_satuan: data.nilaiSatuan,
    sumber_dana: data.sumberDana,
    opd: data.opd,
    tahun: data.tahun,
    kategori: data.kategori,
    keterangan: data.keterangan,
  };
}

export async function insertProgram(db: Kysely<Database>, data: ProgramData, at: string): Promise<number> {
  await assertUniqueName(db, data, null);
  const row = await db
    .insertInto('program')
    .values({ ...columns(data), aktif: 1, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateProgram(db: Kysely<Database>, id: number, data: ProgramData, at: string): Promise<void> {
  await assertUniqueName(db, data, id);
  await db.updateTable('program').set({ ...columns(data), updated_at: at }).where('id', '=', id).execute();
}

export async function setProgramAktif(db: Kysely<Database>, id: number, aktif: boolean, at: string): Promise<void> {
  await db.updateTable('program').set({ aktif: aktif ? 1 : 0, updated_at: at }).where('id', '=', id).execute();
}

export type { ProgramInput };
