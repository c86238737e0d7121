import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { openTestCore, setUpOfficeTyped as setUpOffice, signedInAs, typedClient } from '../../helpers/core';

const now = '2026-03-01T00:00:00.000Z';

async function family(core: Core, noKk: string, desa: string, opts: { desil?: number; ekstrem?: boolean; members: string[] }) {
  const keluarga = await core.db
    .insertInto('keluarga')
    .values({ no_kk: noKk, desa_kode: desa, kecamatan_kode: desa.slice(0, 8), desil: opts.desil ?? null, miskin_ekstrem: opts.ekstrem ? 1 : 0, alamat: 'Jl. Uji', dusun: null, rt: '001', rw: '002', id_dtks: null, sumber: null, import_batch_id: null, catatan: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (const [i, nik] of opts.members.entries()) {
    const a = await core.db
      .insertInto('anggota')
      .values({ keluarga_id: keluarga.id, nik, nama: `Warga ${nik.slice(-4)}`, nama_key: `warga ${nik.slice(-4)}`, jenis_kelamin: 'L', tempat_lahir: null, tanggal_lahir: null, hubungan: i === 0 ? 'Kepala Keluarga' : 'Anak', ibu_kandung: null, status_kawin: null, pekerjaan: null, pendidikan: null, disabilitas: null, status_tanggal: null, status_alasan: null, id_dtks: null, import_batch_id: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(a.id);
  }
  return { keluargaId: keluarga.id, anggotaIds: ids };
}

describe('dashboard summary', () => {
  let core: Core;
  let admin: Awaited<ReturnType<typeof setUpOffice>>;
  beforeAll(async () => {
    core = await openTestCore({ now: () => new Date(now) });
    admin = await setUpOffice(core);
    // Kota Besi (62.02.01): a desil-2 extreme-poor family that received aid, and a desil-7 family.
    const helped = await family(core, '6202010101200001', '62.02.01.2003', { desil: 2, ekstrem: true, members: ['6202011501800001', '6202015501820002', '6202011010100003'] });
    await family(core, '6202010101200002', '62.02.01.2003', { desil: 7, members: ['6202010101750004'] });
    // Baamang (62.02.05): an extreme-poor family nobody has reached, with one member who moved away.
    const unreached = await family(core, '6202050101200003', '62.02.05.1001', { desil: 1, ekstrem: true, members: ['6202051201700005', '6202054201720006'] });
    await core.db.updateTable('anggota').set({ status: 'pindah' }).where('id', '=', unreached.anggotaIds[1]!).execute();

    const program = await core.db.selectFrom('program').select(['id', 'nama']).where('nama', 'like', '%Kaki Palsu%').executeTakeFirstOrThrow();
    const s = await core.db
      .insertInto('penyerahan')
      .values({ program_id: program.id, tanggal: '2026-02-10', tempat: 'Aula Dinsos', mode: 'kolektif', pertama_nama: 'Kabid', pertama_jabatan: 'Kepala Bidang', created_at: now, updated_at: now } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await core.db
      .insertInto('penerima')
      .values({ penyerahan_id: s.id, anggota_id: helped.anggotaIds[0]!, urutan: 1, status: 'diterima', tanggal_terima: '2026-02-10', created_at: now, updated_at: now } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await core.db.insertInto('penerima_item').values({ penerima_id: r.id, nama: 'Kaki palsu', jumlah: 1, satuan: 'unit', nilai_satuan: 3_250_000 }).execute();
    await core.db.insertInto('intervensi').values({ anggota_id: helped.anggotaIds[0]!, keluarga_id: helped.keluargaId, opd: 'Dinas Sosial', jenis: program.nama, program_id: program.id, penyerahan_id: s.id, tanggal: '2026-02-10', nilai: 3_250_000, sumber: 'penyerahan', created_at: now }).execute();
  });
  afterAll(async () => core.close());

  it('counts families, active people, desil 1–4, extreme poor and the unreached, per kecamatan of the office', async () => {
    const result = await admin.call('dashboard.summary', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const s = result.value;
    expect(s.totals).toEqual({ keluarga: 3, jiwa: 5, desil14: 2, ekstrem: 2, ekstremTanpaIntervensi: 1 });
    expect(s.perKecamatan).toHaveLength(17); // every kecamatan of Kotim, with zeros where nothing is registered
    expect(s.perKecamatan.find((k) => k.kode === '62.02.01')).toMatchObject({ nama: 'Kota Besi', keluarga: 2, jiwa: 4, ekstremTanpaIntervensi: 0 });
    expect(s.perKecamatan.find((k) => k.kode === '62.02.05')).toMatchObject({ nama: 'Baamang', keluarga: 1, jiwa: 1, ekstrem: 1, ekstremTanpaIntervensi: 1 });
    expect(s.perKecamatan.find((k) => k.kode === '62.02.10')).toMatchObject({ keluarga: 0, jiwa: 0 });
  });

  it('sums aid received in the chosen year per programme, and nothing for another year', async () => {
    const thisYear = await admin.call('dashboard.summary', { tahun: 2026 });
    expect(thisYear.ok && thisYear.value.bantuan).toEqual([
      expect.objectContaining({ program: expect.stringContaining('Kaki Palsu'), penerima: 1, nilai: 3_250_000 }),
    ]);
    const lastYear = await admin.call('dashboard.summary', { tahun: 2025 });
    expect(lastYear.ok && lastYear.value.bantuan).toEqual([]);
  });

  it('limits an operator to their own kecamatan', async () => {
    const operator = await signedInAs({ createClient: () => typedClient(core) }, admin, 'operator', ['62.02.05']);
    const result = await operator.call('dashboard.summary', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.perKecamatan.map((k) => k.kode)).toEqual(['62.02.05']);
    expect(result.value.totals.keluarga).toBe(1);
  });
});
