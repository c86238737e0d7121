import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ItemBantuan, PenerimaRow, PenyerahanDetail, penyerahanInputSchema, PenyerahanSummary, Saksi } from '../../../shared/api/handovers';
import { AppError, conflict, notFound } from '../api/errors';
import type { Database } from '../db/schema';
import { getProgram } from '../programs';
import type { RegionIndex } from '../regions';
import { hambatanCetak, sumNilai, withNilai } from './guards';
import { loadPeople } from './people';

type Db = Kysely<Database>;
type PenyerahanData = z.output<typeof penyerahanInputSchema>;

function columns(d: PenyerahanData) {
  return {
    program_id: d.programId,
    tanggal: d.tanggal,
    tempat: d.tempat,
    mode: d.mode,
    dasar_jenis: d.dasarJenis,
    dasar_nomor: d.dasarNomor,
    dasar_tanggal: d.dasarTanggal,
    dasar_tentang: d.dasarTentang,
    pertama_nama: d.pertamaNama,
    pertama_nip: d.pertamaNip,
    pertama_pangkat: d.pertamaPangkat,
    pertama_jabatan: d.pertamaJabatan,
    wakil_nama: d.wakilNama,
    wakil_jabatan: d.wakilJabatan,
    wakil_nip: d.wakilNip,
    wakil_pangkat: d.wakilPangkat,
    kelompok: d.kelompok,
    cara_bayar: d.caraBayar,
    rekening: d.caraBayar === 'transfer' ? d.rekening : null,
    saksi_json: JSON.stringify(d.saksi),
    catatan: d.catatan,
  };
}

async function activeProgram(db: Db, id: number) {
  const program = await db.selectFrom('program').select(['id', 'nama', 'aktif']).where('id', '=', id).executeTakeFirst();
  if (!program) throw notFound('Program bantuan');
  if (program.aktif !== 1) throw conflict(`Program ${program.nama} sudah ditutup. Buka kembali program itu untuk mencatat serah terima baru.`);
}

export async function insertPenyerahan(trx: Db, d: PenyerahanData, at: string): Promise<number> {
  await activeProgram(trx, d.programId);
  const row = await trx
    .insertInto('penyerahan')
    .values({ ...columns(d), created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The stored row of a handover (its state before a change), or undefined. */
export function penyerahanRow(db: Db, id: number) {
  return db.selectFrom('penyerahan').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updatePenyerahan(trx: Db, id: number, d: PenyerahanData, at: string): Promise<void> {
  const before = await trx.selectFrom('penyerahan').select(['program_id', 'nomor_bast', 'mode']).where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('Serah terima');
  if (before.program_id !== d.programId) {
    const n = await trx.selectFrom('penerima').select((eb) => eb.fn.countAll<number>().as('n')).where('penyerahan_id', '=', id).executeTakeFirstOrThrow();
    if (Number(n.n) > 0) throw conflict('Program tidak dapat diganti setelah ada penerima. Buat serah terima baru untuk program lain.');
    await activeProgram(trx, d.programId);
  }
  if (before.mode !== d.mode) {
    const printed = await trx.selectFrom('penerima').select('id').where('penyerahan_id', '=', id).where('nomor_bast', 'is not', null).executeTakeFirst();
    if (before.nomor_bast || printed) throw conflict('BAST sudah dicetak dengan nomornya; cara pembuatan BAST (kolektif/perorangan) tidak dapat diganti lagi.');
  }
  await trx.updateTable('penyerahan').set({ ...columns(d), updated_at: at }).where('id', '=', id).execute();
}

export async function listPenyerahan(db: Db, f: { programId: number | null; tahun: number | null }): Promise<PenyerahanSummary[]> {
  let q = db
    .selectFrom('penyerahan as s')
    .innerJoin('program as g', 'g.id', 's.program_id')
    .select(['s.id', 's.tanggal', 's.tempat', 's.mode', 's.nomor_bast', 'g.id as program_id', 'g.nama as program_nama', 'g.satuan as program_satuan'])
    .select((eb) => [
      eb.selectFrom('penerima').whereRef('penerima.penyerahan_id', '=', 's.id').where('penerima.status', '!=', 'batal').select((e) => e.fn.countAll<number>().as('n')).as('n_penerima'),
      eb.selectFrom('penerima').whereRef('penerima.penyerahan_id', '=', 's.id').where('penerima.status', '=', 'diterima').select((e) => e.fn.countAll<number>().as('n')).as('n_diterima'),
      eb
        .selectFrom('penerima_item as i')
        .innerJoin('penerima as r', 'r.id', 'i.penerima_id')
        .whereRef('r.penyerahan_id', '=', 's.id')
        .where('r.status', '!=', 'batal')
        .select((e) => e.fn.sum<number>(e.fn('round', [e('i.jumlah', '*', e.ref('i.nilai_satuan'))])).as('t'))
        .as('total'),
    ]);
  if (f.programId) q = q.where('s.program_id', '=', f.programId);
  if (f.tahun) q = q.where('s.tanggal', 'like', `${f.tahun}-%`);
  const rows = await q.orderBy('s.tanggal', 'desc').orderBy('s.id', 'desc').limit(1000).execute();
  return rows.map((r) => ({
    id: r.id,
    program: { id: r.program_id, nama: r.program_nama, satuan: r.program_satuan },
    tanggal: r.tanggal,
    tempat: r.tempat,
    mode: r.mode,
    nomorBast: r.nomor_bast,
    jumlahPenerima: Number(r.n_penerima ?? 0),
    jumlahDiterima: Number(r.n_diterima ?? 0),
    total: Number(r.total ?? 0),
  }));
}

export async function loadItems(db: Db, penerimaIds: readonly number[]): Promise<Map<number, ItemBantuan[]>> {
  const out = new Map<number, ItemBantuan[]>();
  for (let i = 0; i < penerimaIds.length; i += 500) {
    const rows = await db
      .selectFrom('penerima_item')
      .selectAll()
      .where('penerima_id', 'in', penerimaIds.slice(i, i + 500))
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.penerima_id) ?? [];
      list.push(withNilai({ nama: r.nama, jumlah: r.jumlah, satuan: r.satuan, nilaiSatuan: r.nilai_satuan }));
      out.set(r.penerima_id, list);
    }
  }
  return out;
}

export async function getPenyerahan(db: Db, regions: RegionIndex, id: number): Promise<PenyerahanDetail> {
  const s = await db.selectFrom('penyerahan').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) throw notFound('Serah terima');
  const program = await getProgram(db, s.program_id);
  const rows = await db.selectFrom('penerima').selectAll().where('penyerahan_id', '=', id).orderBy('urutan').orderBy('id').execute();
  const people = await loadPeople(db, regions, rows.map((r) => r.anggota_id));
  const items = await loadItems(db, rows.map((r) => r.id));
  const foto = await db.selectFrom('penyerahan_foto').selectAll().where('penyerahan_id', '=', id).orderBy('id').execute();
  const fotoPer = new Map<number, number>();
  for (const f of foto) if (f.penerima_id) fotoPer.set(f.penerima_id, (fotoPer.get(f.penerima_id) ?? 0) + 1);

  const penerima: PenerimaRow[] = rows.flatMap((r) => {
    const orang = people.get(r.anggota_id);
    if (!orang) return [];
    const list = items.get(r.id) ?? [];
    return [
      {
        id: r.id,
        urutan: r.urutan,
        orang,
        permohonanId: r.permohonan_id,
        status: r.status,
        tanggalTerima: r.tanggal_terima,
        alasanBatal: r.alasan_batal,
        alasanGanda: r.alasan_ganda,
        nomorBast: r.nomor_bast,
        items: list,
        total: sumNilai(list),
        jumlahFoto: fotoPer.get(r.id) ?? 0,
      },
    ];
  });
  const aktif = penerima.filter((p) => p.status !== 'batal');
  return {
    id: s.id,
    program: { id: program.id, nama: program.nama, satuan: program.satuan },
    programDetail: program,
    tanggal: s.tanggal,
    tempat: s.tempat,
    mode: s.mode,
    nomorBast: s.nomor_bast,
    jumlahPenerima: aktif.length,
    jumlahDiterima: penerima.filter((p) => p.status === 'diterima').length,
    total: sumNilai(aktif.map((p) => ({ nilai: p.total }))),
    dasar:
      s.dasar_nomor && s.dasar_tanggal && s.dasar_tentang
        ? { jenis: s.dasar_jenis, nomor: s.dasar_nomor, tanggal: s.dasar_tanggal, tentang: s.dasar_tentang }
        : null,
    pihakPertama: { nama: s.pertama_nama, nip: s.pertama_nip, pangkat: s.pertama_pangkat, jabatan: s.pertama_jabatan },
    wakil: s.wakil_nama ? { nama: s.wakil_nama, jabatan: s.wakil_jabatan ?? 'Wakil Para Penerima', nip: s.wakil_nip, pangkat: s.wakil_pangkat } : null,
    kelompok: s.kelompok,
    pembayaran: s.cara_bayar ? { cara: s.cara_bayar, rekening: s.rekening } : null,
    saksi: JSON.parse(s.saksi_json) as Saksi[],
    catatan: s.catatan,
    penerima,
    foto: foto.map((f) => ({ id: f.id, penerimaId: f.penerima_id, fileName: f.file_name, keterangan: f.keterangan, createdAt: f.created_at })),
    hambatanCetak: hambatanCetak(penerima.map((p) => ({ nama: p.orang.nama, nik: p.orang.nik, status: p.status, items: p.items }))),
  };
}

export function assertPenerimaOf(detail: PenyerahanDetail, penerimaId: number): PenerimaRow {
  const p = detail.penerima.find((r) => r.id === penerimaId);
  if (!p) throw new AppError('NOT_FOUND', 'Penerima tidak ada pada serah terima ini.');
  return p;
}
