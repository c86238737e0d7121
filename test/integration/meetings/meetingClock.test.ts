import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { MeetingInput } from '../../../shared/api/meetings';
import { kotimSetup, openTestCore } from '../../helpers/core';
import { caller } from './fixtures';

const meeting: MeetingInput = {
  judul: 'Rapat Operator DTKS Juni',
  jenis: 'operator_dtks',
  tanggal: '2024-06-03',
  jamMulai: '09:00',
  tempat: 'Aula Dinas Sosial',
  pimpinan: { nama: 'Kepala Dinas Sosial', jabatan: 'Kepala Dinas Sosial' },
  agenda: [{ judul: 'Pemutakhiran data' }],
};

const minutes = (rapatId: number, agendaId: number, selesai: boolean) => ({
  rapatId,
  notulis: { nama: 'Dewi Lestari', jabatan: 'Analis' },
  pembukaan: 'Dibuka oleh Kepala Dinas.',
  agenda: [{ id: agendaId, pembahasan: 'Disiapkan sebelum rapat.', keputusan: [] }],
  selesai,
});

describe("meetings run on the office's clock", () => {
  let core: Core;
  let clock: Date;
  afterEach(async () => core.close());

  async function office(kabKotaKode: string, provinsiKode: string) {
    core = await openTestCore({ now: () => clock });
    const client = core.createClient();
    const setup = kotimSetup({ provinsiKode, kabKotaKode });
    const done = await client.call('admin.completeSetup', setup);
    if (!done.ok) throw new Error(done.error.message);
    return caller(core, client);
  }

  it('a meeting not yet begun (office time, WIB) cannot be marked Selesai, by status or with the minutes; once begun it can', async () => {
    clock = new Date('2024-06-03T01:59:00Z'); // 08.59 WIB
    const api = await office('62.02', '62');
    const m = await api.ok('meetings.saveMeeting', meeting);
    const refused = await api.fail('meetings.setMeetingStatus', { id: m.id, status: 'selesai' });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe('Rapat belum berlangsung: dijadwalkan 03/06/2024 pukul 09:00 WIB. Tandai "Selesai" setelah rapat dimulai.');
    expect((await api.fail('meetings.saveMinutes', minutes(m.id, m.agenda[0]!.id, true))).code).toBe('CONFLICT');
    // Minutes prepared ahead are kept; the meeting stays planned.
    const drafted = await api.ok('meetings.saveMinutes', minutes(m.id, m.agenda[0]!.id, false));
    expect(drafted.status).toBe('rencana');
    expect(drafted.pembukaan).toBe('Dibuka oleh Kepala Dinas.');

    clock = new Date('2024-06-03T02:00:00Z'); // 09.00 WIB
    expect((await api.ok('meetings.setMeetingStatus', { id: m.id, status: 'selesai' })).status).toBe('selesai');
  });

  it("a follow-up is overdue from the office's midnight, not the PC's", async () => {
    clock = new Date('2024-06-03T16:59:30Z'); // 23.59 WIB on the 3rd
    const api = await office('62.02', '62');
    const m = await api.ok('meetings.saveMeeting', { ...meeting, tanggal: '2024-05-30' });
    const tl = await api.ok('meetings.saveFollowUp', { rapatId: m.id, uraian: 'Rekap usulan PBI-JK', pjNama: 'Bidang Linjamsos', batasWaktu: '2024-06-03' });
    expect(tl.terlambat).toBe(false);
    clock = new Date('2024-06-03T17:00:30Z'); // 00.00 WIB on the 4th (still the 3rd in UTC)
    const [row] = await api.ok('meetings.listFollowUps', { status: 'semua', rapatId: m.id, q: '' });
    expect(row!.terlambat).toBe(true);
  });

  it('the zone follows the province: 09.00 has come in Makassar (WITA) an hour before it comes in Sampit; arrival times are WITA', async () => {
    clock = new Date('2024-06-03T01:05:00Z'); // 09.05 WITA, 08.05 WIB
    const api = await office('73.71', '73');
    const m = await api.ok('meetings.saveMeeting', meeting);
    const guest = await api.ok('meetings.addGuest', { rapatId: m.id, nama: 'Andi Baso', instansi: 'Bappeda', jabatan: 'Kabid' });
    const hadir = await api.ok('meetings.checkIn', { rapatId: m.id, kind: 'peserta', id: guest.id });
    expect(hadir.jamDatang).toBe('09:05');
    const done = await api.ok('meetings.saveMinutes', minutes(m.id, m.agenda[0]!.id, true));
    expect(done.status).toBe('selesai');
  });
});
