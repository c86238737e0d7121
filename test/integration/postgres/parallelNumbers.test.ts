/**
 * BAST and undangan numbers stay unique and gap-free when two PCs of one office act at once (issue 18): every
 * handover is printed, and every meeting's invitation saved, from PC A and PC B at the same moment. On
 * PostgreSQL the second print of a handover used to take a number too, which its guard then threw away (a gap
 * in the office's register) while it printed without one; the second invitation took a second number and
 * replaced the first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PenyerahanDetail } from '../../../shared/api/handovers';
import type { MeetingDetail, MeetingInput } from '../../../shared/api/meetings';
import type { Program } from '../../../shared/api/programs';
import type { Core } from '../../../electron/core/app';
import { kotimSetup, ok, setUpOffice } from '../../helpers/core';
import { seedPeople } from '../handovers/fixtures';
import { bothEngines, openPc } from '../../helpers/engines';

const { engines, database } = bothEngines();

describe.each(engines)('document numbers when two PCs act at once (%s)', (engine) => {
  let pcA: Core;
  let pcB: Core;

  beforeAll(async () => {
    const target = await database(engine, 'parallel_numbers');
    pcA = await openPc(target);
    await setUpOffice(pcA);
    pcB = await openPc(target);
  }, 120_000);
  afterAll(async () => {
    await pcA?.close();
    await pcB?.close();
  });

  it('every handover printed from both PCs at once gets one number, the same on both prints, and no number is skipped', async () => {
    const signIn = async (core: Core) => {
      const c = core.createClient();
      await ok(c, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
      return c;
    };
    const [clerkA, clerkB] = [await signIn(pcA), await signIn(pcB)];
    const ids = await seedPeople(pcA);
    const sembako = (await ok<Program[]>(clerkA, 'programs.list', { q: 'Sembako' }))[0]!;
    const handovers: PenyerahanDetail[] = [];
    for (const id of ids) {
      const h = await ok<PenyerahanDetail>(clerkA, 'handovers.create', {
        programId: sembako.id, tanggal: '2026-05-08', tempat: 'Aula Dinas Sosial', mode: 'kolektif', dasarNomor: null, dasarTanggal: null, dasarTentang: null,
        pertamaNama: 'Hj. Rina Kartika, S.Sos', pertamaNip: '19750312 200003 2 004', pertamaJabatan: 'Kepala Bidang Rehabilitasi Sosial', saksi: [],
      });
      handovers.push(await ok<PenyerahanDetail>(clerkA, 'handovers.addRecipients', { penyerahanId: h.id, anggotaIds: [id] }));
    }

    const prints = await Promise.all(
      handovers.flatMap((h) => [clerkA, clerkB].map((c) => ok<{ html: string }>(c, 'handovers.print', { penyerahanId: h.id, kind: 'bast' }).then((r) => ({ id: h.id, html: r.html })))),
    );

    const stored = await pcA.db.selectFrom('penyerahan').select(['id', 'nomor_bast']).orderBy('id').execute();
    const numbers = stored.map((r) => r.nomor_bast ?? '');
    expect(new Set(numbers).size).toBe(handovers.length);
    // 001 … 00n: each number once, none skipped; the office's counter stands at the last one given.
    expect(numbers.map((n) => Number(n.split('/')[0])).sort((a, b) => a - b)).toEqual(handovers.map((_, i) => i + 1));
    const counter = await pcB.db.selectFrom('document_counter').select('last_seq').where('kind', '=', 'bast').executeTakeFirstOrThrow();
    expect(counter.last_seq).toBe(handovers.length);
    // Both PCs printed the handover's own number, neither the provisional text.
    for (const p of prints) {
      expect(p.html).toContain(stored.find((r) => r.id === p.id)!.nomor_bast!);
      expect(p.html).not.toContain('nomor diberikan saat dicetak');
    }
  });

  it('every invitation saved from both PCs at once keeps one number, and no number is skipped', async () => {
    const signIn = async (core: Core) => {
      const c = core.createClient();
      await ok(c, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
      return c;
    };
    const [clerkA, clerkB] = [await signIn(pcA), await signIn(pcB)];
    const meeting: MeetingInput = {
      judul: 'Rapat Pertemuan Operator DTKS Desa/Kelurahan', jenis: 'operator_dtks', tanggal: '2027-03-10', jamMulai: '09:00', jamSelesai: '12.00',
      tempat: 'Aula Dinas Sosial Kab. Kotawaringin Timur', pimpinan: { nama: 'Drs. H. Ahmad Yani, M.Si', jabatan: 'Kepala Dinas Sosial', nip: '19680412 199303 1 007', pangkat: 'Pembina Utama Muda' },
      agenda: [{ judul: 'Pemutakhiran data DTKS' }],
    };
    const meetings: MeetingDetail[] = [];
    for (let i = 0; i < 3; i++) meetings.push(await ok<MeetingDetail>(clerkA, 'meetings.saveMeeting', { ...meeting, judul: `${meeting.judul} ${i + 1}` }));
    const saved = await Promise.all(
      meetings.flatMap((m) => [clerkA, clerkB].map((c) => ok<MeetingDetail>(c, 'meetings.saveUndangan', { rapatId: m.id, tanggalSurat: '2027-03-01', kepada: ['Operator DTKS Desa/Kelurahan'] }))),
    );
    const stored = await pcA.db.selectFrom('rapat').select(['id', 'undangan_nomor']).orderBy('id').execute();
    const numbers = stored.map((r) => r.undangan_nomor ?? '');
    expect(new Set(numbers).size).toBe(3);
    expect(numbers.every((n) => n !== '')).toBe(true);
    const counter = await pcB.db.selectFrom('document_counter').select('last_seq').where('kind', '=', 'undangan').executeTakeFirstOrThrow();
    expect(counter.last_seq).toBe(3);
    expect(saved.map((m) => m.undangan?.nomor).sort()).toEqual([...numbers, ...numbers].sort());
  });
});
