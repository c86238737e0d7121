/**
 * Sources over the aid tables of migration 0003 (program, penyerahan, penerima, penerima_item, intervensi).
 * Written in SQL against those table names so that this module does not depend on the handovers feature's
 * TypeScript types; a database without the tables gets a clear message instead of an SQL error.
 */
import { sql, type RawBuilder } from 'kysely';
import { formatTanggal } from '../../../../shared/domain/tanggal';
import { AppError } from '../../api/errors';
import { anggotaConditions, personGetters } from './anggota';
import { periodCondition, sumberDanaLabel, wilayahCondition } from './common';
import { PerUnit, quantityValue, recipientQuantity, type ItemLine } from '../quantity';
import type { PivotGroup, SourceEnv, SourceImpl, SourceRecord } from './types';

const PERSON_COLUMNS = sql`a.id as anggota_id, a.nik, a.nama, a.jenis_kelamin, a.tempat_lahir, a.tanggal_lahir, k.no_kk, k.alamat, k.dusun, k.rt, k.rw, k.desa_kode`;

interface PersonRow {
  anggota_id: number;
  nik: string;
  nama: string;
  jenis_kelamin: 'L' | 'P' | null;
  tempat_lahir: string | null;
  tanggal_lahir: string | null;
  no_kk: string;
  alamat: string;
  dusun: string | null;
  rt: string | null;
  rw: string | null;
  desa_kode: string;
}

function personFields(env: SourceEnv) {
  const all = personGetters(env);
  // personGetters reads anggota-shaped rows; the aid rows carry the same column names for these fields.
  return (r: PersonRow, no: number, fields: ReadonlySet<string>, extra: Record<string, unknown>): SourceRecord => {
    const rec: SourceRecord = {};
    for (const f of fields) {
      if (f in extra) rec[f] = extra[f];
      else {
        const g = all[f];
        rec[f] = g ? g(r as never, { programs: [], usulan: undefined, no }) : null;
      }
    }
    return rec;
  };
}

function recipientConditions(env: SourceEnv): RawBuilder<unknown> {
  const f = env.filters;
  const parts: RawBuilder<unknown>[] = [
    wilayahCondition(f.wilayah),
    periodCondition(sql`coalesce(pn.tanggal_terima, p.tanggal)`, f.dari, f.sampai),
  ];
  if (f.program) parts.push(sql`lower(pr.nama) = ${f.program.toLowerCase()}`);
  if (f.sumberDana) parts.push(sql`pr.sumber_dana = ${f.sumberDana}`);
  return sql.join(parts, sql` and `);
}

/** Registry programme members (PKH, BPNT, …) first, then recipients of handovers marked diterima. */
export const penerimaProgramSource: SourceImpl = {
  open(env) {
    const registryWhere = () => {
      const base = anggotaConditions({ ...env.filters, dari: null, sampai: null, program: null });
      return env.filters.program ? sql`${base} and lower(ap.program) = ${env.filters.program.toLowerCase()}` : base;
    };
    // A period or a funding source describes handovers; registry programmes have neither.
    const withRegistry = !env.filters.sumberDana && !env.filters.dari && !env.filters.sampai;
    return {
      async count() {
        let n = 0;
        if (withRegistry) {
          const r = await sql<{ n: number }>`select count(*) as n from anggota_program ap join anggota a on a.id = ap.anggota_id join keluarga k on k.id = a.keluarga_id where ${registryWhere()}`.execute(env.db);
          n += Number(r.rows[0]?.n ?? 0);
        }
        const r = await sql<{ n: number }>`select count(*) as n from penerima pn join penyerahan p on p.id = pn.penyerahan_id join program pr on pr.id = p.program_id
          join anggota a on a.id = pn.anggota_id join keluarga k on k.id = a.keluarga_id where pn.status = 'diterima' and ${recipientConditions(env)}`.execute(env.db);
        n += Number(r.rows[0]?.n ?? 0);
        return n;
      },
      async *pages(fields, pageSize) {
        const build = personFields(env);
        let no = 0;
        if (withRegistry) {
          let lastA = -1;
          let lastP = '';
          for (;;) {
            const res = await sql<PersonRow & { program: string; keterangan: string | null }>`select ${PERSON_COLUMNS}, ap.program, ap.keterangan
              from anggota_program ap join anggota a on a.id = ap.anggota_id join keluarga k on k.id = a.keluarga_id
              where (ap.anggota_id, ap.program) > (${lastA}, ${lastP}) and ${registryWhere()} order by ap.anggota_id, ap.program limit ${pageSize}`.execute(env.db);
            const rows = res.rows;
            if (rows.length === 0) break;
            yield rows.map((r) => build(r, ++no, fields, { program: r.program, sumberDana: null, tanggalTerima: null, nomorKartu: null, keterangan: r.keterangan, kosong: null }));
            const last = rows[rows.length - 1]!;
            lastA = last.anggota_id;
            lastP = last.program;
            if (rows.length < pageSize) break;
          }
        }
        let lastId = -1;
        for (;;) {
          const res = await sql<PersonRow & { id: number; program: string; sumber_dana: string; tanggal: string; nomor_bast: string | null }>`select pn.id, ${PERSON_COLUMNS}, pr.nama as program, pr.sumber_dana,
              coalesce(pn.tanggal_terima, p.tanggal) as tanggal, coalesce(pn.nomor_bast, p.nomor_bast) as nomor_bast
            from penerima pn join penyerahan p on p.id = pn.penyerahan_id join program pr on pr.id = p.program_id
            join anggota a on a.id = pn.anggota_id join keluarga k on k.id = a.keluarga_id
            where pn.id > ${lastId} and pn.status = 'diterima' and ${recipientConditions(env)} order by pn.id limit ${pageSize}`.execute(env.db);
          const rows = res.rows;
          if (rows.length === 0) return;
          yield rows.map((r) =>
            build(r, ++no, fields, {
              program: r.program,
              sumberDana: sumberDanaLabel[r.sumber_dana] ?? r.sumber_dana,
              tanggalTerima: r.tanggal,
              nomorKartu: r.nomor_bast,
              keterangan: `Diterima ${formatTanggal(r.tanggal)}`,
              kosong: null,
            }),
          );
          lastId = rows[rows.length - 1]!.id;
          if (rows.length < pageSize) return;
        }
      },
    };
  },
};

interface PenyerahanInfo {
  id: number;
  tanggal: string;
  tempat: string;
  program: string;
  satuan: string;
  nomor_bast: string | null;
}

async function loadPenyerahan(env: SourceEnv): Promise<PenyerahanInfo> {
  const id = env.filters.penyerahanId;
  if (!id) throw new AppError('INVALID_INPUT', 'Pilih kegiatan serah terima yang penerimanya akan diekspor.');
  const r = await sql<PenyerahanInfo>`select p.id, p.tanggal, p.tempat, pr.nama as program, pr.satuan, p.nomor_bast from penyerahan p join program pr on pr.id = p.program_id where p.id = ${id}`.execute(env.db);
  const info = r.rows[0];
  if (!info) throw new AppError('NOT_FOUND', 'Kegiatan serah terima tidak ditemukan.');
  return info;
}

type ItemRow = { penerima_id: number; nama: string; jumlah: number; satuan: string; nilai_satuan: number };

/** What a recipient received, named: one item by its name, several each with its quantity. */
function barangText(items: readonly ItemRow[]): string {
  if (items.length <= 1) return items[0]?.nama ?? '';
  return items.map((i) => `${i.nama} (${new PerUnit().add(i.satuan, i.jumlah).toString()})`).join(', ');
}

export const penerimaPenyerahanSource: SourceImpl = {
  open(env) {
    const statusWhere = () => {
      const s = env.filters.status;
      if (s === 'diterima' || s === 'belum' || s === 'batal') return sql`pn.status = ${s}`;
      return s === 'semua' ? sql`1 = 1` : sql`pn.status <> 'batal'`;
    };
    // The JUMLAH row's quantity, per unit, of the rows written.
    const total = new PerUnit();
    return {
      async titleValues() {
        const p = await loadPenyerahan(env);
        return { program: p.program.toUpperCase(), periode: `${formatTanggal(p.tanggal)}, ${p.tempat}${p.nomor_bast ? ` — BAST ${p.nomor_bast}` : ''}` };
      },
      async count() {
        const p = await loadPenyerahan(env);
        const r = await sql<{ n: number }>`select count(*) as n from penerima pn where pn.penyerahan_id = ${p.id} and ${statusWhere()}`.execute(env.db);
        return Number(r.rows[0]?.n ?? 0);
      },
      totals() {
        return quantityValue(total);
      },
      async *pages(fields) {
        const p = await loadPenyerahan(env);
        const build = personFields(env);
        const res = await sql<PersonRow & { id: number; status: string; tanggal_terima: string | null; alasan_batal: string | null; program: string }>`select pn.id, ${PERSON_COLUMNS},
            pn.status, pn.tanggal_terima, pn.alasan_batal, pr.nama as program
          from penerima pn join penyerahan p on p.id = pn.penyerahan_id join program pr on pr.id = p.program_id
          join anggota a on a.id = pn.anggota_id join keluarga k on k.id = a.keluarga_id
          where pn.penyerahan_id = ${p.id} and ${statusWhere()} order by pn.urutan, pn.id`.execute(env.db);
        const items = await sql<ItemRow>`select i.penerima_id, i.nama, i.jumlah, i.satuan, i.nilai_satuan
          from penerima_item i join penerima pn on pn.id = i.penerima_id where pn.penyerahan_id = ${p.id} order by i.id`.execute(env.db);
        const byPenerima = new Map<number, ItemRow[]>();
        for (const i of items.rows) byPenerima.set(i.penerima_id, [...(byPenerima.get(i.penerima_id) ?? []), i]);
        const statusText: Record<string, string> = { diterima: 'Diterima', belum: 'Belum', batal: 'Batal' };
        let no = 0;
        yield res.rows.map((r) => {
          const list = byPenerima.get(r.id) ?? [];
          const q = list.length ? recipientQuantity(p.satuan, list) : new PerUnit();
          total.addAll(q);
          return build(r, ++no, fields, {
            program: r.program,
            barang: barangText(list),
            ...quantityValue(q),
            nilai: list.length ? list.reduce((s, i) => s + i.jumlah * i.nilai_satuan, 0) : null,
            statusTerima: statusText[r.status] ?? r.status,
            tanggalTerima: r.tanggal_terima,
            keterangan: r.status === 'batal' ? (r.alasan_batal ?? 'Batal') : null,
            kosong: null,
          });
        });
      },
    };
  },
};

interface RekapRow {
  penerima_id: number;
  anggota_id: number;
  kecamatan_kode: string;
  desa_kode: string;
  program_id: number;
  program: string;
  program_satuan: string;
  program_nilai: number;
  item_jumlah: number | null;
  item_satuan: string | null;
  item_nilai: number | null;
}

/**
 * Kecamatan (or desa) × jenis bantuan: recipients (distinct people), quantities per unit (a column per unit
 * where a programme's items come in several; 1 paket per recipient where the programme hands out packages) and
 * Rupiah.
 */
export const rekapPenyaluranSource: SourceImpl = {
  open(env) {
    let built: Promise<{ groups: PivotGroup[]; records: SourceRecord[] }> | null = null;
    const build = async () => {
      const res = await sql<RekapRow>`select pn.id as penerima_id, pn.anggota_id, k.kecamatan_kode, k.desa_kode, pr.id as program_id, pr.nama as program,
          pr.satuan as program_satuan, pr.nilai_satuan as program_nilai, i.jumlah as item_jumlah, i.satuan as item_satuan, i.nilai_satuan as item_nilai
        from penerima pn join penyerahan p on p.id = pn.penyerahan_id join program pr on pr.id = p.program_id
        join anggota a on a.id = pn.anggota_id join keluarga k on k.id = a.keluarga_id
        left join penerima_item i on i.penerima_id = pn.id
        where pn.status = 'diterima' and ${recipientConditions(env)} order by pn.id, i.id`.execute(env.db);
      // One receipt: its programme, area, person, item lines and value.
      const receipts = new Map<number, { row: RekapRow; items: ItemLine[]; nilai: number }>();
      for (const r of res.rows) {
        const hit = receipts.get(r.penerima_id) ?? { row: r, items: [], nilai: 0 };
        receipts.set(r.penerima_id, hit);
        if (r.item_jumlah !== null) {
          hit.items.push({ jumlah: r.item_jumlah, satuan: r.item_satuan ?? r.program_satuan });
          hit.nilai += r.item_jumlah * (r.item_nilai ?? 0);
        } else hit.nilai += r.program_nilai;
      }
      const programs = new Map<string, { label: string; units: PerUnit }>();
      const cells = new Map<string, Map<string, { people: Set<number>; units: PerUnit; nilai: number }>>();
      const totals = new Map<string, { people: Set<number>; nilai: number }>();
      for (const { row: r, items, nilai } of receipts.values()) {
        const area = env.groupBy === 'desa' ? r.desa_kode : r.kecamatan_kode;
        const gkey = String(r.program_id);
        const q = recipientQuantity(r.program_satuan, items);
        const program = programs.get(gkey) ?? { label: r.program, units: new PerUnit() };
        programs.set(gkey, program);
        program.units.addAll(q);
        const byGroup = cells.get(area) ?? new Map();
        cells.set(area, byGroup);
        const cell = byGroup.get(gkey) ?? { people: new Set<number>(), units: new PerUnit(), nilai: 0 };
        byGroup.set(gkey, cell);
        const total = totals.get(area) ?? { people: new Set<number>(), nilai: 0 };
        totals.set(area, total);
        cell.people.add(r.anggota_id);
        total.people.add(r.anggota_id);
        cell.units.addAll(q);
        cell.nilai += nilai;
        total.nilai += nilai;
      }
      const groups: PivotGroup[] = [...programs].map(([key, p]) => {
        const units = p.units.units();
        return units.length === 1 ? { key, label: `${p.label} (${units[0]!.label})` } : { key, label: p.label, units: units.map((u) => ({ key: u.key, label: u.label })) };
      });
      groups.sort((a, b) => a.label.localeCompare(b.label, 'id'));
      const areaKode = rowAreas(env);
      const areas = [...new Set([...areaKode, ...cells.keys()])];
      const records: SourceRecord[] = areas.map((kode, i) => {
        const per: Record<string, Record<string, number>> = {};
        for (const g of groups) {
          const cell = cells.get(kode)?.get(g.key);
          const metrics: Record<string, number> = { penerima: cell?.people.size ?? 0, nilai: cell?.nilai ?? 0 };
          const units = cell?.units.units() ?? [];
          // One unit: that amount; several: an amount per unit column (and no sum across them).
          if (!g.units) metrics.unit = units[0]?.n ?? 0;
          else for (const u of g.units) metrics[`unit:${u.key}`] = units.find((x) => x.key === u.key)?.n ?? 0;
          per[g.key] = metrics;
        }
        const t = totals.get(kode);
        return {
          no: i + 1,
          wilayah: env.regions.nameOf(kode),
          kodeWilayah: kode.replace(/\./g, ''),
          'total.penerima': t?.people.size ?? 0,
          'total.nilai': t?.nilai ?? 0,
          per,
        };
      });
      return { groups, records };
    };
    const get = () => (built ??= build());
    return {
      async count() {
        return (await get()).records.length;
      },
      async groups() {
        return (await get()).groups;
      },
      async *pages() {
        yield (await get()).records;
      },
    };
  },
};

/** The rows of an area report: every kecamatan (or desa) of the chosen area, zero rows included. */
export function rowAreas(env: SourceEnv): string[] {
  const filter = env.filters.wilayah ? env.regions.get(env.filters.wilayah) : null;
  const root = filter?.kode ?? env.office?.kabKotaKode ?? null;
  if (!root) return [];
  const level = env.groupBy === 'desa' ? 13 : 8;
  if (root.length === level) return [root];
  if (root.length > level) return [root.slice(0, level)];
  const kecamatan = root.length === 8 ? [root] : env.regions.children(root).map((r) => r.kode);
  return level === 8 ? kecamatan : kecamatan.flatMap((k) => env.regions.children(k).map((r) => r.kode));
}

interface IntervensiRow {
  opd: string;
  jenis: string;
  orang: number;
  keluarga: number;
  ekstrem: number;
  nilai: number;
  awal: string;
  akhir: string;
}

export const intervensiSource: SourceImpl = {
  open(env) {
    let rows: Promise<IntervensiRow[]> | null = null;
    let jumlah: SourceRecord = {};
    const load = async () => {
      const f = env.filters;
      const where = sql.join(
        [periodCondition(sql`i.tanggal`, f.dari, f.sampai), wilayahCondition(f.wilayah), f.opd ? sql`lower(i.opd) = ${f.opd.toLowerCase()}` : sql`1 = 1`],
        sql` and `,
      );
      const res = await sql<IntervensiRow>`select i.opd, i.jenis, count(distinct i.anggota_id) as orang, count(distinct k.id) as keluarga,
          count(distinct case when k.miskin_ekstrem = 1 then k.id end) as ekstrem, coalesce(sum(i.nilai), 0) as nilai, min(i.tanggal) as awal, max(i.tanggal) as akhir
        from intervensi i left join anggota a on a.id = i.anggota_id
        left join keluarga k on k.id = coalesce(i.keluarga_id, a.keluarga_id)
        where ${where} group by i.opd, i.jenis order by i.opd, i.jenis`.execute(env.db);
      // JUMLAH counts people and families, not rows: one reached by several kinds or OPD counts once.
      const all = await sql<{ orang: number; keluarga: number; ekstrem: number }>`select count(distinct i.anggota_id) as orang, count(distinct k.id) as keluarga,
          count(distinct case when k.miskin_ekstrem = 1 then k.id end) as ekstrem
        from intervensi i left join anggota a on a.id = i.anggota_id
        left join keluarga k on k.id = coalesce(i.keluarga_id, a.keluarga_id)
        where ${where}`.execute(env.db);
      const t = all.rows[0];
      jumlah = { jumlahOrang: Number(t?.orang ?? 0), jumlahKeluarga: Number(t?.keluarga ?? 0), keluargaEkstrem: Number(t?.ekstrem ?? 0) };
      return res.rows;
    };
    const get = () => (rows ??= load());
    return {
      async count() {
        return (await get()).length;
      },
      async *pages() {
        yield (await get()).map((r, i) => ({
          no: i + 1,
          opd: r.opd,
          jenis: r.jenis,
          jumlahOrang: Number(r.orang),
          jumlahKeluarga: Number(r.keluarga),
          keluargaEkstrem: Number(r.ekstrem),
          nilai: Number(r.nilai),
          tanggalAwal: r.awal,
          tanggalAkhir: r.akhir,
        }));
      },
      totals() {
        return jumlah;
      },
    };
  },
};

