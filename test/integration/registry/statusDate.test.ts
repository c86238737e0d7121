/**
 * A member's status change is dated by the office's day (Kotim: WIB), as the form's date picker offers it:
 * at 20:00 UTC it is already the next day in Sampit, and that day is not "in the future".
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { makeNik } from '../../helpers/registryFixtures';

let core: Core;
let admin: Awaited<ReturnType<typeof setUpOffice>>;
// 2024-06-01 20:00 UTC = 2024-06-02 03:00 WIB.
const clock = new Date('2024-06-01T20:00:00Z');

beforeEach(async () => {
  core = await openTestCore({ now: () => clock });
  admin = await setUpOffice(core);
});
afterEach(async () => core.close());

it("accepts the office's today and refuses its tomorrow", async () => {
  const nik = makeNik('62.02.05', '1980-03-12', 'L', 11);
  const created = await admin.call('registry.createKeluarga', {
    keluarga: { noKk: '6202051203100011', alamat: 'Jl. Pelita', desaKode: '62.02.05.1003' },
    kepala: { nik, nama: 'Budi', jenisKelamin: 'L', hubungan: 'Kepala Keluarga' },
  });
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.value as { anggotaId: number }).anggotaId;
  const tomorrow = await admin.call('registry.setStatus', { id, status: 'pindah', tanggal: '2024-06-03', alasan: 'Pindah ke Seruyan' });
  expect(tomorrow.ok).toBe(false);
  const today = await admin.call('registry.setStatus', { id, status: 'pindah', tanggal: '2024-06-02', alasan: 'Pindah ke Seruyan' });
  expect(today.ok).toBe(true);
});
