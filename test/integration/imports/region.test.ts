/**
 * A person's region is their family's: anggota.kec_kode (the copy the kecamatan filter and the scope checks
 * read) always equals keluarga.kecamatan_kode, which is the parent of the family's desa. Members and families
 * are moved every way the app allows — import (a member to another family, a family to another kecamatan),
 * import undo, the registry's forms, the duplicate merge — and every derived region column is checked after
 * each step, as is the registry's kecamatan filter a clerk uses.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { ImportReport, StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import type { AnggotaListItem } from '../../../shared/api/registry';
import { ok, openTestCore, setUpOffice } from '../../helpers/core';
import { DTKS_HEADERS, dtksRow, kotimDesa, makeKeluarga, makeNik, type FixtureKeluarga } from '../../helpers/registryFixtures';
import { xlsxBytes } from '../../helpers/xlsx';

type Client = ReturnType<Core['createClient']>;

function familyIn(kecamatan: string, from: number): FixtureKeluarga {
  for (let i = from; ; i++) {
    const k = makeKeluarga(i, 5);
    if (k.desa.kecamatanKode === kecamatan && k.anggota.length >= 3) return k;
  }
}

async function commit(core: Core, client: Client, rows: (string | number)[][], fileName: string): Promise<ImportReport> {
  const staged = await ok<StagedFile>(client, 'imports.upload', { fileName, bytes: await xlsxBytes([{ name: 'DTKS', rows: [[...DTKS_HEADERS], ...rows] }]) });
  const end = await core.services.jobs.wait((await ok<JobStatus>(client, 'imports.commit', { stagingId: staged.stagingId })).id);
  if (end.state !== 'done') throw new Error(`import: ${end.state} ${JSON.stringify(end.error ?? null)}`);
  return end.result as ImportReport;
}

/** Every member's kecamatan copy, its family's kecamatan and its desa's parent agree; returns nik → kecamatan. */
async function regions(core: Core): Promise<Map<string, string>> {
  const { rows } = await sql<{ nik: string; kec_kode: string | null; kecamatan_kode: string; parent_kode: string | null }>`
    select a.nik, a.kec_kode, k.kecamatan_kode, r.parent_kode
    from anggota a join keluarga k on k.id = a.keluarga_id join region r on r.kode = k.desa_kode`.execute(core.db);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.filter((r) => r.kec_kode !== r.kecamatan_kode || r.kecamatan_kode !== r.parent_kode)).toEqual([]);
  return new Map(rows.map((r) => [r.nik, r.kec_kode!]));
}

/** The NIKs the registry list shows under a kecamatan filter (what a clerk sees). */
async function listed(admin: Client, kecamatan: string): Promise<string[]> {
  const page = await ok<{ rows: AnggotaListItem[] }>(admin, 'registry.list', { kecamatan, limit: 500 });
  return page.rows.map((r) => r.nik).sort();
}

describe("a person's region", () => {
  it('follows their family through every move the app makes', async () => {
    let clock = new Date('2024-06-01T03:00:00Z');
    const core = await openTestCore({ now: () => clock });
    try {
      const admin = await setUpOffice(core);
      const X = '62.02.05';
      const Y = '62.02.13';
      const Z = kotimDesa().find((d) => d.kecamatanKode !== X && d.kecamatanKode !== Y)!.kecamatanKode;
      const desaZ = kotimDesa().find((d) => d.kecamatanKode === Z)!;
      const f1 = familyIn(X, 0);
      const f2 = familyIn(Y, 0);
      let no = 0;
      const rowsOf = (k: FixtureKeluarga) => k.anggota.map((a) => dtksRow(k, a, ++no));
      await commit(core, admin, [...rowsOf(f1), ...rowsOf(f2)], 'awal.xlsx');
      let kec = await regions(core);
      expect(kec.get(f2.anggota[1]!.nik)).toBe(Y);

      // Import: f2's second member is listed under f1's No KK (moves to X); f2's own rows now say desa in Z.
      clock = new Date('2024-06-01T03:05:00Z');
      const moved = f2.anggota[1]!;
      const f2InZ = { ...f2, desa: desaZ };
      const batch = await commit(core, admin, [dtksRow(f1, moved, ++no), ...f2.anggota.filter((a) => a !== moved).map((a) => dtksRow(f2InZ, a, ++no))], 'pindah.xlsx');
      expect(batch.counts.updated).toBeGreaterThan(0);
      kec = await regions(core);
      expect(kec.get(moved.nik)).toBe(X);
      for (const a of f2.anggota.filter((m) => m !== moved)) expect(kec.get(a.nik)).toBe(Z);
      expect(await listed(admin, X)).toEqual([...f1.anggota.map((a) => a.nik), moved.nik].sort());
      expect(await listed(admin, Z)).toEqual(f2.anggota.filter((a) => a !== moved).map((a) => a.nik).sort());
      expect(await listed(admin, Y)).toEqual([]);

      // Undo puts everyone back.
      clock = new Date('2024-06-01T03:10:00Z');
      await ok(admin, 'imports.undo', { batchId: batch.batchId });
      kec = await regions(core);
      for (const a of f2.anggota) expect(kec.get(a.nik)).toBe(Y);
      expect(await listed(admin, Y)).toEqual(f2.anggota.map((a) => a.nik).sort());

      // The registry's family form moves f1 to a desa of Z.
      clock = new Date('2024-06-01T03:15:00Z');
      const f1Id = (await core.db.selectFrom('keluarga').select('id').where('no_kk', '=', f1.noKk).executeTakeFirstOrThrow()).id;
      await ok(admin, 'registry.updateKeluarga', { id: f1Id, keluarga: { noKk: f1.noKk, alamat: f1.alamat, desaKode: desaZ.kode, rt: f1.rt, rw: f1.rw, desil: f1.desil } });
      kec = await regions(core);
      for (const a of f1.anggota) expect(kec.get(a.nik)).toBe(Z);

      // New people by the forms take their family's kecamatan.
      const f2Id = (await core.db.selectFrom('keluarga').select('id').where('no_kk', '=', f2.noKk).executeTakeFirstOrThrow()).id;
      const baru = { nik: makeNik(Y, '2015-02-03', 'P', 8801), nama: 'Anak Baru', jenisKelamin: 'P', tanggalLahir: '2015-02-03', hubungan: 'Anak' };
      await ok(admin, 'registry.addAnggota', { keluargaId: f2Id, anggota: baru });
      const kepala = { nik: makeNik(X, '1980-01-01', 'L', 8802), nama: 'Kepala Baru', jenisKelamin: 'L', tanggalLahir: '1980-01-01', hubungan: 'Kepala Keluarga' };
      const desaX = kotimDesa().find((d) => d.kecamatanKode === X)!;
      await ok(admin, 'registry.createKeluarga', { keluarga: { noKk: '6202050101249901', alamat: 'Jl. Baru', desaKode: desaX.kode }, kepala });
      kec = await regions(core);
      expect(kec.get(baru.nik)).toBe(Y);
      expect(kec.get(kepala.nik)).toBe(X);

      // Merging a duplicate (f1's head into f2's head) leaves each in their own family's kecamatan.
      const id = async (nik: string) => (await core.db.selectFrom('anggota').select('id').where('nik', '=', nik).executeTakeFirstOrThrow()).id;
      await ok(admin, 'registry.decideDuplicate', { a: await id(f2.anggota[0]!.nik), b: await id(f1.anggota[0]!.nik), keputusan: 'sama' });
      kec = await regions(core);
      expect(kec.get(f1.anggota[0]!.nik)).toBe(Z);
      expect(kec.get(f2.anggota[0]!.nik)).toBe(Y);

      // A writer that puts a wrong copy in by hand does not make it stick.
      await sql`update anggota set kec_kode = ${X} where nik = ${baru.nik}`.execute(core.db);
      expect((await regions(core)).get(baru.nik)).toBe(Y);
    } finally {
      await core.close();
    }
  }, 60_000);
});
