/**
 * Issue 15: aid is received on a day that has come, counted in the office's zone. At 23:30 UTC on 9 May it is
 * 06:30 on 10 May in Sampit (WIB): a receipt dated 10 May is accepted, 11 May is refused, for one recipient and
 * for "all received".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { PenyerahanDetail } from '../../../shared/api/handovers';
import type { Program } from '../../../shared/api/programs';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { fail, ok, seedPeople } from './fixtures';

let core: Core;
let admin: Awaited<ReturnType<typeof setUpOffice>>;
let ids: number[];

beforeAll(async () => {
  core = await openTestCore({ now: () => new Date('2026-05-09T23:30:00Z') });
  admin = await setUpOffice(core);
  ids = await seedPeople(core);
});
afterAll(async () => core.close());

describe("a handover's receipt date against the office's today", () => {
  it('at 23:30 UTC, WIB today is accepted and the day after refused', async () => {
    const program = (await ok<Program[]>(admin, 'programs.list', {})).find((p) => p.nama === 'Sembako')!;
    let h = await ok<PenyerahanDetail>(admin, 'handovers.create', {
      programId: program.id,
      tanggal: '2026-05-09',
      tempat: 'Aula Dinas Sosial Kabupaten Kotawaringin Timur',
      mode: 'kolektif',
      dasarNomor: '460/125/SK-DINSOS/IV/2026',
      dasarTanggal: '2026-04-29',
      dasarTentang: 'Penetapan Penerima Sembako Tahun 2026',
      pertamaNama: 'Hj. Rina Kartika, S.Sos',
      pertamaNip: '19750312 200003 2 004',
      pertamaJabatan: 'Kepala Bidang Rehabilitasi Sosial',
      saksi: [],
    });
    h = await ok<PenyerahanDetail>(admin, 'handovers.addRecipients', { penyerahanId: h.id, anggotaIds: [ids[0], ids[1]] });
    const tomorrow = await fail(admin, 'handovers.setReceipt', { penerimaId: h.penerima[0]!.id, status: 'diterima', tanggal: '2026-05-11' });
    expect(tomorrow.message).toBe('Tanggal terima tidak boleh setelah hari ini (10/05/2026).');
    const all = await fail(admin, 'handovers.receiveAll', { penyerahanId: h.id, tanggal: '2026-05-11' });
    expect(all.message).toBe('Tanggal terima tidak boleh setelah hari ini (10/05/2026).');
    h = await ok<PenyerahanDetail>(admin, 'handovers.setReceipt', { penerimaId: h.penerima[0]!.id, status: 'diterima', tanggal: '2026-05-10' });
    expect(h.penerima.find((p) => p.status === 'diterima')).toBeDefined();
  });
});
