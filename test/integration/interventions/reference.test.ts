import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { OpdRef } from '../../../shared/api/interventions';
import { openTestCore, setUpOfficeTyped as setUpOffice, typedClient } from '../../helpers/core';
import { insertFamily } from '../../helpers/family';

const now = '2026-03-01T00:00:00.000Z';
type Client = Awaited<ReturnType<typeof setUpOffice>>;

async function member(core: Core, noKk: string, desa: string, nik: string) {
  await insertFamily(core.db, { noKk, desaKode: desa, now, members: [{ nik }] });
}

const nik = '6202011501800001';

/** A set-up office whose registry holds one member, NIK `nik`, and its signed-in admin. */
async function officeWithMember(): Promise<{ core: Core; admin: Client }> {
  const core = await openTestCore({ now: () => new Date(now) });
  const admin = await setUpOffice(core);
  await member(core, '6202010101200001', '62.02.01.2003', nik);
  return { core, admin };
}

function value<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('OPD and intervention kinds as reference data', () => {
  let core: Core;
  let admin: Client;
  beforeAll(async () => ({ core, admin } = await officeWithMember()));
  afterAll(async () => core.close());

  it('ships the usual agencies with their kinds, and a short name or alias records the same agency', async () => {
    const list = value(await admin.call('interventions.opdList', undefined));
    const dinkes = list.find((o) => o.singkatan === 'Dinkes')!;
    expect(dinkes.nama).toBe('Dinas Kesehatan');
    expect(list.find((o) => o.singkatan === 'Disperkim')!.jenis.map((j) => j.nama)).toEqual(expect.arrayContaining(['Jamban sehat', 'Bedah rumah (RTLH)']));
    value(await admin.call('interventions.create', { nik, opd: 'DINKES', jenis: 'imunisasi', tanggal: '2026-01-10', nilai: 0 }));
    value(await admin.call('interventions.create', { nik, opd: 'Dinas Kesehatan Kabupaten Kotawaringin Timur', jenis: 'Imunisasi', tanggal: '2026-01-11', nilai: 0 }));
    const rows = value(await admin.call('interventions.list', { opd: 'dinkes' })).rows;
    expect(rows.map((r) => [r.opd, r.jenis])).toEqual([
      ['Dinas Kesehatan', 'Imunisasi'],
      ['Dinas Kesehatan', 'Imunisasi'],
    ]);
    const opts = value(await admin.call('interventions.options', undefined));
    expect(opts.opd.filter((o) => /kesehatan/i.test(o))).toEqual(['BPJS Kesehatan', 'Dinas Kesehatan']);
    const unknown = await admin.call('interventions.create', { nik, opd: 'Dinas Entah', jenis: 'Sembako', tanggal: '2026-01-10', nilai: 0 });
    expect(unknown.ok || unknown.error.message).toMatch(/belum ada di daftar OPD/);
  });

  it('lets the admin add and edit an OPD with aliases, refusing a name another OPD already answers to', async () => {
    const made = value(await admin.call('interventions.opdSave', { nama: 'Yayasan Peduli Sampit', singkatan: 'YPS', alias: ['Yayasan Peduli'] }));
    expect(made).toMatchObject({ nama: 'Yayasan Peduli Sampit', singkatan: 'YPS', alias: ['Yayasan Peduli'], jenis: [], dipakai: 0 });
    const taken = await admin.call('interventions.opdSave', { id: made.id, nama: 'Yayasan Peduli Sampit', singkatan: 'YPS', alias: ['Dinkes'] });
    expect(taken.ok || taken.error.message).toMatch(/"Dinkes" sudah dipakai sebagai nama Dinas Kesehatan.*gabungkan/);
    const kind = value(await admin.call('interventions.jenisSave', { opdId: made.id, nama: 'Paket sembako' }));
    value(await admin.call('interventions.create', { nik, opd: 'yps', jenis: 'paket sembako', tanggal: '2026-02-01', nilai: 150_000 }));
    const renamed = value(await admin.call('interventions.opdSave', { id: made.id, nama: 'Yayasan Peduli Sampit Bersatu', singkatan: 'YPS', alias: ['Yayasan Peduli'] }));
    expect(renamed.jenis).toEqual([{ id: kind.id, nama: 'Paket sembako', alias: [], dipakai: 1 }]);
    const rows = value(await admin.call('interventions.list', { opd: 'Yayasan Peduli' })).rows;
    expect(rows.map((r) => r.opd)).toEqual(['Yayasan Peduli Sampit Bersatu']);
    const audit = await core.db.selectFrom('audit_log').select(['action', 'entity']).where('entity', 'in', ['opd', 'jenis_intervensi']).execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'create', entity: 'opd' }, { action: 'update', entity: 'opd' }, { action: 'create', entity: 'jenis_intervensi' }]));
  });

  it('merges two OPD that are one: the history moves, kinds of one name become one, the merged name becomes an alias, audited', async () => {
    // Recorded as a separate agency before anyone noticed it is Disperkim.
    const perkim = value(await admin.call('interventions.opdSave', { nama: 'Bidang Perumahan Rakyat', singkatan: null, alias: [] }));
    value(await admin.call('interventions.jenisSave', { opdId: perkim.id, nama: 'Jamban Sehat' }));
    value(await admin.call('interventions.create', { nik, opd: 'Bidang Perumahan Rakyat', jenis: 'Jamban sehat', tanggal: '2026-02-03', nilai: 2_000_000 }));
    value(await admin.call('interventions.create', { nik, opd: 'Bidang Perumahan Rakyat', jenis: 'Septic tank komunal', tanggal: '2026-02-04', nilai: 0 }));
    const list = value(await admin.call('interventions.opdList', undefined));
    const disperkim = list.find((o) => o.singkatan === 'Disperkim')!;
    const merged = value(await admin.call('interventions.opdMerge', { dariId: perkim.id, keId: disperkim.id }));
    expect(merged.dipindah).toBe(2);
    expect(merged.ke.alias).toContain('Bidang Perumahan Rakyat');
    expect(merged.ke.jenis.find((j) => j.nama === 'Jamban sehat')!.dipakai).toBe(1);
    expect(merged.ke.jenis.map((j) => j.nama)).toContain('Septic tank komunal');
    expect(merged.ke.jenis.filter((j) => /jamban/i.test(j.nama))).toHaveLength(1);
    const after = value(await admin.call('interventions.opdList', undefined));
    expect(after.find((o: OpdRef) => o.id === perkim.id)).toBeUndefined();
    const rows = value(await admin.call('interventions.list', { opd: 'Disperkim' })).rows;
    expect(rows.map((r) => [r.opd, r.jenis]).sort()).toEqual([
      ['Dinas Perumahan dan Kawasan Permukiman', 'Jamban sehat'],
      ['Dinas Perumahan dan Kawasan Permukiman', 'Septic tank komunal'],
    ]);
    // A later list or handover still written with the old name lands on the kept agency.
    value(await admin.call('interventions.create', { nik, opd: 'Bidang Perumahan Rakyat', jenis: 'Jamban sehat', tanggal: '2026-02-05', nilai: 0 }));
    expect(value(await admin.call('interventions.list', { opd: 'Disperkim' })).total).toBe(3);
    const audit = await core.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('entity', '=', 'opd').where('action', '=', 'merge').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toMatchObject({ dari: { nama: 'Bidang Perumahan Rakyat' } });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ dipindah: 2, ke: { id: disperkim.id } });
  });

  it('a name-only writer (handover receipts) lands on the OPD and kind it names, punctuation and case aside', async () => {
    const before = (await core.db.selectFrom('opd').select('id').execute()).length;
    const anggota = await core.db.selectFrom('anggota').select(['id', 'keluarga_id']).where('nik', '=', nik).executeTakeFirstOrThrow();
    const nama = 'DINAS PEMBERDAYAAN PEREMPUAN, PERLINDUNGAN ANAK, PENGENDALIAN PENDUDUK DAN KELUARGA BERENCANA';
    await core.db.insertInto('intervensi').values({ anggota_id: anggota.id, keluarga_id: anggota.keluarga_id, opd: nama, jenis: 'kb gratis', program_id: null, penyerahan_id: null, tanggal: '2026-02-09', nilai: 0, sumber: 'penyerahan', created_at: now }).execute();
    const row = await core.db.selectFrom('intervensi as i').innerJoin('opd as o', 'o.id', 'i.opd_id').select(['o.singkatan', 'i.jenis']).where('i.tanggal', '=', '2026-02-09').executeTakeFirstOrThrow();
    expect(row).toEqual({ singkatan: 'DP3AP2KB', jenis: 'KB gratis' });
    expect((await core.db.selectFrom('opd').select('id').execute()).length).toBe(before);
  });

  it('a petugas reads the lists and records interventions but may not change the lists', async () => {
    value(await admin.call('users.create', { username: 'petugas1', nama: 'Petugas Satu', role: 'petugas', password: 'rahasia-petugas-1', wilayah: [] }));
    const petugas = typedClient(core);
    value(await petugas.call('auth.login', { username: 'petugas1', password: 'rahasia-petugas-1' }));
    expect(value(await petugas.call('interventions.opdList', undefined)).length).toBeGreaterThan(10);
    const refused = await petugas.call('interventions.opdSave', { nama: 'Dinas Baru', singkatan: null, alias: [] });
    expect(refused.ok || refused.error.code).toBe('FORBIDDEN');
  });
});

describe('manual interventions can be corrected, deleted and the change undone', () => {
  let core: Core;
  let admin: Client;
  beforeAll(async () => ({ core, admin } = await officeWithMember()));
  afterAll(async () => core.close());

  it('edits with audit, undoes the edit, deletes and undoes the delete; an undone change cannot be undone twice', async () => {
    const made = value(await admin.call('interventions.create', { nik, opd: 'Dinsos', jenis: 'Sembako', tanggal: '2026-01-10', nilai: 200_000 }));
    const edited = value(await admin.call('interventions.update', { id: made.id, opd: 'Baznas', jenis: 'Zakat konsumtif', tanggal: '2026-01-12', nilai: 300_000 }));
    expect(edited).toMatchObject({ id: made.id, opd: 'Badan Amil Zakat Nasional', jenis: 'Zakat konsumtif', tanggal: '2026-01-12', nilai: 300_000 });
    value(await admin.call('interventions.undo', { auditId: edited.auditId }));
    const back = value(await admin.call('interventions.list', {})).rows[0]!;
    expect(back).toMatchObject({ id: made.id, opd: 'Dinas Sosial', jenis: 'Sembako', tanggal: '2026-01-10', nilai: 200_000 });
    const twice = await admin.call('interventions.undo', { auditId: edited.auditId });
    expect(twice.ok || twice.error.message).toMatch(/sudah dibatalkan/);

    const removed = value(await admin.call('interventions.remove', { id: made.id }));
    expect(value(await admin.call('interventions.list', {})).total).toBe(0);
    value(await admin.call('interventions.undo', { auditId: removed.auditId }));
    expect(value(await admin.call('interventions.list', {})).rows).toEqual([expect.objectContaining({ id: made.id, opd: 'Dinas Sosial', jenis: 'Sembako', nik })]);
    const actions = await core.db.selectFrom('audit_log').select('action').where('entity', '=', 'intervensi').where('entity_id', '=', String(made.id)).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['create', 'update', 'undo', 'delete', 'undo']);
  });

  it('refuses to edit or delete an intervention that comes from a handover or an import', async () => {
    const made = value(await admin.call('interventions.create', { nik, opd: 'Dinsos', jenis: 'Sembako', tanggal: '2026-01-20', nilai: 0 }));
    await core.db.updateTable('intervensi').set({ sumber: 'penyerahan' }).where('id', '=', made.id).execute();
    const edit = await admin.call('interventions.update', { id: made.id, opd: 'Dinsos', jenis: 'Sembako', tanggal: '2026-01-21', nilai: 0 });
    expect(edit.ok || edit.error.message).toMatch(/serah terima/);
    const del = await admin.call('interventions.remove', { id: made.id });
    expect(del.ok || del.error.code).toBe('CONFLICT');
  });
});
