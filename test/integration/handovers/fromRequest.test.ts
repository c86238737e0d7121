/**
 * A handover made from an approved request (issue 15): the SK that approved the request (number, date, what it
 * is about) is the dasar of the BAST without being typed again, and the handover and its applicant as recipient
 * are written by one call in one transaction: when adding the applicant fails, no handover is left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { PenyerahanDetail, Permohonan } from '../../../shared/api/handovers';
import type { Program } from '../../../shared/api/programs';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { fail, ok, seedPeople } from './fixtures';

let core: Core;
let admin: Awaited<ReturnType<typeof setUpOffice>>;
let ids: number[];
let program: Program;

beforeAll(async () => {
  core = await openTestCore();
  admin = await setUpOffice(core);
  ids = await seedPeople(core);
  program = (await ok<Program[]>(admin, 'programs.list', {})).find((p) => p.nama === 'Bantuan Kaki Palsu')!;
});
afterAll(async () => core.close());

const SK = { skNomor: '460/77/SK-DINSOS/IV/2026', skTanggal: '2026-04-29', skTentang: 'Penetapan Penerima Bantuan Kaki Palsu Tahun 2026' };

async function approvedRequest(anggotaId: number, sk: Record<string, string> = SK): Promise<Permohonan> {
  const r = await ok<Permohonan>(admin, 'handovers.createRequest', { programId: program.id, anggotaId, tanggal: '2026-03-02', pembawa: 'sendiri' });
  await ok(admin, 'handovers.verifyRequest', { id: r.id, asesmen: 'Amputasi bawah lutut kanan, soket 26 cm' });
  return ok<Permohonan>(admin, 'handovers.decideRequest', { id: r.id, keputusan: 'disetujui', ...sk });
}

/** The handover form as the clerk saves it from a request: the SK fields left as the request gave them. */
const form = (over: Record<string, unknown> = {}) => ({
  programId: program.id,
  tanggal: '2026-05-08',
  tempat: 'Kantor Dinas Sosial Kabupaten Kotawaringin Timur',
  mode: 'perorangan',
  pertamaNama: 'Hj. Rina Kartika, S.Sos',
  pertamaJabatan: 'Kepala Bidang Rehabilitasi Sosial',
  saksi: [],
  ...over,
});

const counts = async () => ({
  penyerahan: Number((await core.db.selectFrom('penyerahan').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  penerima: Number((await core.db.selectFrom('penerima').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
});

describe('handover from an approved request', () => {
  let first: PenyerahanDetail;

  it('keeps what the SK is about on the request, beside its number and date', async () => {
    const r = await approvedRequest(ids[0]!);
    expect(r).toMatchObject({ status: 'disetujui', skNomor: SK.skNomor, skTanggal: SK.skTanggal, skTentang: SK.skTentang });
    const stored = await core.db.selectFrom('permohonan').select(['sk_nomor', 'sk_tanggal', 'sk_tentang']).where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ sk_nomor: SK.skNomor, sk_tanggal: SK.skTanggal, sk_tentang: SK.skTentang });

    // One call: the handover, with the SK of the request as its dasar and the applicant as its recipient.
    first = await ok<PenyerahanDetail>(admin, 'handovers.createFromRequest', { permohonanId: r.id, data: form() });
    expect(first.dasar).toMatchObject({ nomor: SK.skNomor, tanggal: SK.skTanggal, tentang: SK.skTentang });
    expect(first.penerima).toHaveLength(1);
    expect(first.penerima[0]).toMatchObject({ permohonanId: r.id, orang: expect.objectContaining({ nama: 'Sutrisno' }) });
    const audit = await core.db.selectFrom('audit_log').select(['entity', 'action']).where('entity', 'in', ['penyerahan', 'penerima']).orderBy('id').execute();
    expect(audit).toEqual([{ entity: 'penyerahan', action: 'create' }, { entity: 'penerima', action: 'create' }]);
  });

  it('keeps an SK the clerk typed in the form over the request’s', async () => {
    const r = await approvedRequest(ids[1]!);
    const typed = { dasarNomor: '460/90/SK-DINSOS/V/2026', dasarTanggal: '2026-05-02', dasarTentang: 'Perubahan Penetapan Penerima Bantuan Kaki Palsu Tahun 2026' };
    const h = await ok<PenyerahanDetail>(admin, 'handovers.createFromRequest', { permohonanId: r.id, data: form(typed) });
    expect(h.dasar).toMatchObject({ nomor: typed.dasarNomor, tanggal: typed.dasarTanggal, tentang: typed.dasarTentang });
  });

  it('asks for what the SK is about when the request did not record it, and writes nothing meanwhile', async () => {
    const r = await approvedRequest(ids[2]!, { skNomor: SK.skNomor, skTanggal: SK.skTanggal });
    expect(r.skTentang).toBeNull();
    const before = await counts();
    const refused = await fail(admin, 'handovers.createFromRequest', { permohonanId: r.id, data: form() });
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.message).toBe('Lengkapi perihal SK (tentang …).');
    expect(refused.details).toMatchObject({ issues: [{ path: 'data.dasarTentang' }] });
    expect(await counts()).toEqual(before);
    // The form, prefilled with the request's number and date, sends them with what the clerk typed.
    const done = await ok<PenyerahanDetail>(admin, 'handovers.createFromRequest', { permohonanId: r.id, data: form({ dasarNomor: r.skNomor, dasarTanggal: r.skTanggal, dasarTentang: SK.skTentang }) });
    expect(done.dasar).toMatchObject({ nomor: SK.skNomor, tentang: SK.skTentang });
  });

  it('leaves no handover behind when the applicant cannot be added (received this programme this year)', async () => {
    // Sutrisno already has a kaki palsu handover in 2026 (the first test); a second request of his is approved.
    await ok(admin, 'handovers.setReceipt', { penerimaId: first.penerima[0]!.id, status: 'diterima', tanggal: '2026-05-08' });
    const again = await approvedRequest(ids[0]!);
    const before = await counts();
    const refused = await fail(admin, 'handovers.createFromRequest', { permohonanId: again.id, data: form({ tanggal: '2026-10-01' }) });
    expect(refused.code).toBe('DUPLICATE_RECIPIENT');
    expect(refused.message).toContain('Sudah menerima Bantuan Kaki Palsu tahun 2026');
    // The handover row was inserted before the recipient failed; the transaction took it back.
    expect(await counts()).toEqual(before);
    expect((await ok<Permohonan>(admin, 'handovers.getRequest', { id: again.id })).penyerahanId).toBeNull();

    const withReason = await ok<PenyerahanDetail>(admin, 'handovers.createFromRequest', {
      permohonanId: again.id,
      data: form({ tanggal: '2026-10-01' }),
      alasanGanda: 'Kaki palsu pertama patah, diganti sesuai asesmen ulang',
    });
    expect(withReason.penerima[0]).toMatchObject({ permohonanId: again.id, alasanGanda: 'Kaki palsu pertama patah, diganti sesuai asesmen ulang' });
  });

  it('refuses a request that is not approved, or one for another programme, writing nothing', async () => {
    const open = await ok<Permohonan>(admin, 'handovers.createRequest', { programId: program.id, anggotaId: ids[3]!, tanggal: '2026-03-02', pembawa: 'sendiri' });
    const before = await counts();
    const notYet = await fail(admin, 'handovers.createFromRequest', { permohonanId: open.id, data: form() });
    expect(notYet.code).toBe('CONFLICT');
    expect(notYet.message).toContain('hanya permohonan yang disetujui');
    const sembako = (await ok<Program[]>(admin, 'programs.list', {})).find((p) => p.nama === 'Sembako')!;
    await ok(admin, 'handovers.verifyRequest', { id: open.id, asesmen: 'Layak, rumah tidak layak huni' });
    await ok(admin, 'handovers.decideRequest', { id: open.id, keputusan: 'disetujui', ...SK });
    const other = await fail(admin, 'handovers.createFromRequest', { permohonanId: open.id, data: form({ programId: sembako.id }) });
    expect(other.message).toContain('program bantuan lain');
    expect(await counts()).toEqual(before);
  });
});
