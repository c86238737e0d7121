/**
 * Issue 15: a manual intervention's date is the office's (WIB for Kalimantan Tengah), not the PC's or UTC's.
 * At 23:30 UTC on 1 March it is 06:30 on 2 March in Sampit: left out, the date is 2 March; 2 March is allowed;
 * 3 March has not come yet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { openTestCore, setUpOfficeTyped as setUpOffice } from '../../helpers/core';
import { insertFamily } from '../../helpers/family';

const now = '2026-03-01T23:30:00.000Z';
const nik = '6202011501800001';

describe("an intervention's 'today' is the office's", () => {
  let core: Core;
  let admin: Awaited<ReturnType<typeof setUpOffice>>;
  beforeAll(async () => {
    core = await openTestCore({ now: () => new Date(now) });
    admin = await setUpOffice(core);
    await insertFamily(core.db, { noKk: '6202010101200001', desaKode: '62.02.01.2003', now, members: [{ nik, nama: 'WARGA UJI' }] });
  });
  afterAll(async () => core.close());

  it('at 23:30 UTC the default date is tomorrow in UTC terms (today in WIB), and the day after is refused', async () => {
    const made = await admin.call('interventions.create', { nik, opd: 'Dinkes', jenis: 'Imunisasi', nilai: 0 });
    if (!made.ok) throw new Error(made.error.message);
    const stored = await core.db.selectFrom('intervensi').select('tanggal').execute();
    expect(stored.map((r) => r.tanggal)).toEqual(['2026-03-02']);

    const today = await admin.call('interventions.create', { nik, opd: 'Dinkes', jenis: 'Imunisasi', tanggal: '2026-03-02', nilai: 0 });
    expect(today.ok).toBe(true);
    const tomorrow = await admin.call('interventions.create', { nik, opd: 'Dinkes', jenis: 'Imunisasi', tanggal: '2026-03-03', nilai: 0 });
    expect(tomorrow.ok).toBe(false);
    if (!tomorrow.ok) expect(tomorrow.error.message).toBe('Tanggal intervensi tidak boleh setelah hari ini (02/03/2026).');
  });
});
