/**
 * Kinds of intervention have other names, like OPD (issue 15, migration 0015): an agency's list that writes
 * "RTLH" or "BEDAH RUMAH" lands on Disperkim's "Bedah rumah (RTLH)" without a mapping step; a value the clerk maps
 * once is kept as such a name, so the next list is mapped already; the admin edits them with the kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { ImportIntervensiResult, IntervensiRow, OpdRef } from '../../../shared/api/interventions';
import { fail, ok, openTestCore, setUpOffice } from '../../helpers/core';
import { ORANG, seedPeople } from '../handovers/fixtures';

let core: Core;
let admin: Awaited<ReturnType<typeof setUpOffice>>;
beforeAll(async () => {
  core = await openTestCore();
  admin = await setUpOffice(core);
  await seedPeople(core);
});
afterAll(async () => core.close());

const csv = (rows: [string, string, string][]) =>
  new TextEncoder().encode(['NIK;Nama;Jenis Bantuan;Tanggal Penyaluran;Nilai', ...rows.map(([nik, jenis, tgl]) => `${nik};Warga;${jenis};${tgl};15000000`)].join('\r\n'));
const disperkim = async () => (await ok<OpdRef[]>(admin, 'interventions.opdList')).find((o) => o.singkatan === 'Disperkim')!;
const kind = (o: OpdRef, nama: string) => o.jenis.find((j) => j.nama === nama)!;

describe('other names of intervention kinds', () => {
  it('are edited by the admin with the kind; a name another kind of the OPD has is refused', async () => {
    const o = await disperkim();
    const bedah = kind(o, 'Bedah rumah (RTLH)');
    expect(bedah.alias).toEqual([]);
    await ok(admin, 'interventions.jenisSave', { id: bedah.id, opdId: o.id, nama: bedah.nama, alias: ['RTLH', 'Bedah Rumah'] });
    expect(kind(await disperkim(), 'Bedah rumah (RTLH)').alias).toEqual(['Bedah Rumah', 'RTLH']);
    const taken = await fail(admin, 'interventions.jenisSave', { id: bedah.id, opdId: o.id, nama: bedah.nama, alias: ['RTLH', 'jamban SEHAT'] });
    expect(taken.code).toBe('CONFLICT');
    expect(taken.message).toBe('"jamban SEHAT" sudah dipakai sebagai nama jenis "Jamban sehat" pada OPD ini.');
    expect(kind(await disperkim(), 'Bedah rumah (RTLH)').alias).toEqual(['Bedah Rumah', 'RTLH']);
    const audit = await core.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('entity', '=', 'jenis_intervensi').where('action', '=', 'update').execute();
    expect(audit.map((a) => JSON.parse(a.after_json!).alias)).toEqual([['RTLH', 'Bedah Rumah']]);
  });

  it("map an agency's list without asking, and a manual entry too", async () => {
    const bytes = csv([
      [ORANG[0]!.nik, 'rtlh', '10/02/2026'],
      [ORANG[1]!.nik, 'BEDAH RUMAH', '11/02/2026'],
    ]);
    const preview = await ok<ImportIntervensiResult>(admin, 'interventions.importList', { fileName: 'rtlh.csv', bytes, opd: 'Disperkim', dryRun: true });
    expect(preview.tidakDikenal).toEqual([]);
    expect(preview.rejected).toEqual([]);
    const done = await ok<ImportIntervensiResult>(admin, 'interventions.importList', { fileName: 'rtlh.csv', bytes, opd: 'Disperkim', dryRun: false });
    expect(done.imported).toBe(2);
    const manual = await ok<IntervensiRow>(admin, 'interventions.create', { nik: ORANG[2]!.nik, opd: 'Perkim', jenis: ' Rtlh ', tanggal: '2026-02-12', nilai: 0 });
    expect(manual.jenis).toBe('Bedah rumah (RTLH)');
    const rows = await core.db.selectFrom('intervensi').select(['jenis', 'jenis_id']).orderBy('id').execute();
    const bedah = kind(await disperkim(), 'Bedah rumah (RTLH)');
    expect(rows).toEqual([0, 1, 2].map(() => ({ jenis: 'Bedah rumah (RTLH)', jenis_id: bedah.id })));
  });

  it('keep a value mapped once, so the next list of the OPD is mapped already', async () => {
    const bytes = csv([[ORANG[3]!.nik, 'Rehab Rumah Tidak Layak Huni', '01/03/2026']]);
    const first = await ok<ImportIntervensiResult>(admin, 'interventions.importList', { fileName: 'rehab.csv', bytes, opd: 'Disperkim', dryRun: true });
    expect(first.tidakDikenal.map((t) => t.nilai)).toEqual(['Rehab Rumah Tidak Layak Huni']);
    const bedah = kind(await disperkim(), 'Bedah rumah (RTLH)');
    // A dry run with the mapping stores nothing; the import does.
    await ok(admin, 'interventions.importList', { fileName: 'rehab.csv', bytes, opd: 'Disperkim', dryRun: true, petaJenis: { 'Rehab Rumah Tidak Layak Huni': bedah.id } });
    expect(kind(await disperkim(), 'Bedah rumah (RTLH)').alias).not.toContain('Rehab Rumah Tidak Layak Huni');
    const done = await ok<ImportIntervensiResult>(admin, 'interventions.importList', { fileName: 'rehab.csv', bytes, opd: 'Disperkim', dryRun: false, petaJenis: { 'Rehab Rumah Tidak Layak Huni': bedah.id } });
    expect(done.imported).toBe(1);
    expect(kind(await disperkim(), 'Bedah rumah (RTLH)').alias).toContain('Rehab Rumah Tidak Layak Huni');

    const next = csv([[ORANG[3]!.nik, 'REHAB RUMAH TIDAK LAYAK HUNI', '02/04/2026']]);
    const again = await ok<ImportIntervensiResult>(admin, 'interventions.importList', { fileName: 'rehab-april.csv', bytes: next, opd: 'Disperkim', dryRun: true });
    expect(again.tidakDikenal).toEqual([]);
    expect(again.rejected).toEqual([]);
  });

  it('go with their kind when two OPD are merged', async () => {
    const perkim = await disperkim();
    const pupr = (await ok<OpdRef[]>(admin, 'interventions.opdList')).find((o) => o.singkatan === 'Dinas PUPR')!;
    const sanitasi = kind(pupr, 'Sanitasi');
    await ok(admin, 'interventions.jenisSave', { id: sanitasi.id, opdId: pupr.id, nama: 'Sanitasi', alias: ['IPAL komunal'] });
    await ok(admin, 'interventions.opdMerge', { dariId: pupr.id, keId: perkim.id });
    const merged = await disperkim();
    expect(kind(merged, 'Sanitasi').alias).toEqual(['IPAL komunal']);
    expect(kind(merged, 'Bedah rumah (RTLH)').alias).toContain('RTLH');
  });
});
