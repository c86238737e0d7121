import ExcelJS from 'exceljs';
import { afterAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { Platform } from '../../../electron/core/platform';
import type { MeetingInput } from '../../../shared/api/meetings';
import { openTestCore, setUpOffice, signedInAs } from '../../helpers/core';
import { closeBrowser, htmlToPdf, pdfInfo, pdfText } from '../../helpers/pdf';
import { caller, DESA, KEC_MBK, KEC_MHU, nik } from './fixtures';

const pdfPlatform: Platform = { kind: 'web', htmlToPdf: (html, o) => htmlToPdf(html, o) };

const meeting: MeetingInput = {
  judul: 'Rapat Pertemuan Operator DTKS Desa/Kelurahan Tahun 2022',
  jenis: 'operator_dtks',
  tanggal: '2022-11-17',
  jamMulai: '09:00',
  jamSelesai: '12.00',
  tempat: 'Aula Dinas Sosial Kab. Kotawaringin Timur',
  pimpinan: { nama: 'Drs. H. Ahmad Yani, M.Si', jabatan: 'Kepala Dinas Sosial', nip: '19680412 199303 1 007', pangkat: 'Pembina Utama Muda' },
  agenda: [{ judul: 'Pemutakhiran data DTKS bulan November' }, { judul: 'Usulan peserta baru PBI-JK' }],
};

describe('a meeting from invitation to recap', () => {
  let core: Core;
  let api: ReturnType<typeof caller>;
  // 2022-11-20 10.30 WIB (the office's clock, whatever the PC's zone): the meeting of the 17th is past; a
  // follow-up due on the 18th is overdue.
  const now = () => new Date('2022-11-20T03:30:00Z');
  beforeEach(async () => {
    core = await openTestCore({ platform: pdfPlatform, now });
    api = caller(core, await setUpOffice(core));
    const ops: [string, string, string | null][] = [
      ['Rina Marlina', DESA.ketapang, '081251234567'],
      ['Agus Salim', DESA.sawahan, '081251234568'],
      ['Budi Hartono', DESA.pasirPutih, null],
      ['Joko Susilo', DESA.pondokDamar, '081251234569'],
      ['Yanti Rahayu', DESA.bagendangHilir, '081251234570'],
    ];
    for (const [i, [nama, desaKode, noHp]] of ops.entries()) await api.ok('meetings.saveOperator', { nama, nik: nik(i + 1), desaKode, noHp });
    // An operator of another kecamatan is not invited when only two kecamatan are chosen.
    await api.ok('meetings.saveOperator', { nama: 'Operator Kota Besi', desaKode: '62.02.01.2003', noHp: '081251234599' });
  });
  afterEach(async () => core.close());
  afterAll(async () => closeBrowser());

  it('validates the meeting form: end after start, at least one agenda item', async () => {
    const bad = await api.fail('meetings.saveMeeting', { ...meeting, jamSelesai: '08:00', agenda: [] });
    const paths = bad.issues!.map((i) => i.path);
    expect(paths).toContain('jamSelesai');
    expect(paths).toContain('agenda');
  });

  it('plans, invites by kecamatan, records attendance and minutes, prints and exports', async () => {
    let m = await api.ok('meetings.saveMeeting', meeting);
    expect(m.jamSelesai).toBe('12:00');
    expect(m.agenda.map((a) => a.judul)).toEqual(['Pemutakhiran data DTKS bulan November', 'Usulan peserta baru PBI-JK']);

    const inv = await api.ok('meetings.inviteOperators', { rapatId: m.id, kecamatanKodes: [KEC_MBK, KEC_MHU] });
    expect(inv).toEqual({ ditambahkan: 5, sudahDiundang: 0 });
    expect(await api.ok('meetings.inviteOperators', { rapatId: m.id, kecamatanKodes: [KEC_MBK] })).toEqual({ ditambahkan: 0, sudahDiundang: 3 });
    const guest = await api.ok('meetings.addGuest', { rapatId: m.id, nama: 'Hj. Nurhayati, S.Sos', instansi: 'Bappelitbangda Kotim', jabatan: 'Kabid Sosial Budaya', noHp: '0812 1111 2222' });
    expect(guest.noHp).toBe('081211112222');
    const dupGuest = await api.fail('meetings.addGuest', { rapatId: m.id, nama: 'HJ. NURHAYATI, S.Sos', instansi: 'Bappelitbangda Kotim' });
    expect(dupGuest.code).toBe('CONFLICT');

    // The invitation: number taken once from the office pattern and kept.
    m = await api.ok('meetings.saveUndangan', { rapatId: m.id, tanggalSurat: '2022-11-10', kepada: ['Operator DTKS Desa/Kelurahan', 'se-Kecamatan MB Ketapang dan Mentaya Hilir Utara'], catatan: ['Membawa laptop dan data usulan desa'] });
    const nomor = m.undangan!.nomor;
    expect(nomor).toMatch(/2022/);
    m = await api.ok('meetings.saveUndangan', { rapatId: m.id, tanggalSurat: '2022-11-11', kepada: ['Operator DTKS Desa/Kelurahan'] });
    expect(m.undangan!.nomor).toBe(nomor);
    const undanganPdf = pdfText(await pdfOf(m.id, 'undangan'));
    expect(undanganPdf).toContain(nomor);
    expect(undanganPdf).toMatch(/Kamis, 17 November 2022/);
    expect(undanganPdf).toContain('DAFTAR UNDANGAN');
    expect(undanganPdf).toContain('Bappelitbangda Kotim');

    // Attendance: quick entry by NIK and by name, a walk-in from another kecamatan, izin, and a late marker.
    const byNik = await api.ok('meetings.checkInCandidates', { rapatId: m.id, q: nik(1) });
    expect(byNik[0]).toMatchObject({ kind: 'peserta', nama: 'Rina Marlina', desaInstansi: 'Kelurahan Ketapang' });
    const rina = await api.ok('meetings.checkIn', { rapatId: m.id, kind: 'peserta', id: byNik[0]!.id, jamDatang: '08:45' });
    expect(rina).toMatchObject({ kehadiran: 'hadir', jamDatang: '08:45' });
    const byName = await api.ok('meetings.checkInCandidates', { rapatId: m.id, q: 'joko' });
    await api.ok('meetings.checkIn', { rapatId: m.id, kind: 'peserta', id: byName[0]!.id });
    const walkIn = await api.ok('meetings.checkInCandidates', { rapatId: m.id, q: 'kota besi' });
    expect(walkIn).toEqual([expect.objectContaining({ kind: 'operator', nama: 'Operator Kota Besi', desaInstansi: 'Desa Palangan' })]);
    const wi = await api.ok('meetings.checkIn', { rapatId: m.id, kind: 'operator', id: walkIn[0]!.id });
    expect(wi).toMatchObject({ diundang: false, jamDatang: '10:30' });
    m = await api.ok('meetings.getMeeting', { id: m.id });
    const agus = m.peserta.find((p) => p.nama === 'Agus Salim')!;
    await api.ok('meetings.setAttendance', { pesertaId: agus.id, kehadiran: 'izin', keterangan: 'Sakit' });
    await api.ok('meetings.setAttendance', { pesertaId: guest.id, kehadiran: 'hadir', jamDatang: '09:05' });
    const removeMarked = await api.fail('meetings.removeParticipant', { id: agus.id });
    expect(removeMarked.code).toBe('CONFLICT');

    m = await api.ok('meetings.getMeeting', { id: m.id });
    expect(m).toMatchObject({ jumlahPeserta: 7, hadir: 4, izin: 1, belum: 2 });
    // Officials first, then villages by kecamatan and desa.
    expect(m.peserta[0]!.nama).toBe('Hj. Nurhayati, S.Sos');
    const mbk = m.rekapDesa.find((k) => k.kode === KEC_MBK)!;
    expect(mbk.terwakili.map((d) => d.nama)).toEqual(['Ketapang']);
    expect(mbk.tidakTerwakili.map((d) => d.nama)).toContain('Sawahan');
    expect(mbk.tidakTerwakili.map((d) => d.nama)).toContain('Pasir Putih');
    expect(m.rekapDesa.find((k) => k.kode === KEC_MHU)!.terwakili.map((d) => d.nama)).toEqual(['Pondok Damar']);
    expect(m.rekapDesa.map((k) => k.nama)).toContain('Kota Besi');

    // Daftar hadir PDF: F4 paper of the office, landscape unless asked otherwise, every invitee, the chair's Mengetahui block.
    const portrait = pdfInfo(await pdfOf(m.id, 'daftarHadir', { barisKosong: 3, landscape: false }));
    expect([Math.round(portrait.width / 72 * 25.4), Math.round(portrait.height / 72 * 25.4)]).toEqual([215, 330]);
    const dh = await pdfOf(m.id, 'daftarHadir', { barisKosong: 3 });
    const info = pdfInfo(dh);
    expect(Math.round(info.width / 72 * 25.4)).toBe(330);
    expect(Math.round(info.height / 72 * 25.4)).toBe(215);
    const dhText = pdfText(dh);
    expect(dhText).toContain('DAFTAR HADIR');
    // Long names wrap inside their cell: compare the first line of each.
    for (const p of m.peserta) expect(dhText).toContain(p.nama.slice(0, 14));
    expect(dhText).toMatch(/^\s*7\s+Joko Susilo\s+Desa Pondok/m);
    // Landscape gives each column room: the desa and the jabatan stay on one line.
    expect(dhText).toMatch(/^\s*3\s+Rina Marlina\s+Kelurahan Ketapang\s+Operator DTKS\s+081251234567\s*$/m);
    expect(dhText).toContain('081251234567');
    expect(dhText).toContain('Mengetahui');
    expect(dhText).toContain('19680412 199303 1 007');

    // Minutes with two follow-ups; the meeting becomes "selesai".
    const [a1, a2] = m.agenda;
    m = await api.ok('meetings.saveMinutes', {
      rapatId: m.id,
      notulis: { nama: 'Dewi Lestari, S.E.', jabatan: 'Analis Data Kesejahteraan Sosial', nip: '', pangkat: '' },
      pembukaan: 'Rapat dibuka oleh Kepala Dinas pukul 09.10 WIB.',
      agenda: [
        { id: a1!.id, pembahasan: 'Operator melaporkan kendala akses SIKS-NG.\n\nBanyak data ganda di Kelurahan Ketapang.', keputusan: ['Verifikasi data ganda paling lambat akhir November'] },
        { id: a2!.id, pembahasan: 'Usulan PBI-JK dikumpulkan lewat kecamatan.', keputusan: [] },
      ],
    });
    expect(m.status).toBe('selesai');
    const tl1 = await api.ok('meetings.saveFollowUp', { rapatId: m.id, agendaId: a1!.id, uraian: 'Verifikasi data ganda Kelurahan Ketapang', pjNama: 'Rina Marlina', pjDesaKode: DESA.ketapang, batasWaktu: '2022-11-18' });
    expect(tl1).toMatchObject({ terlambat: true, status: 'belum', pjDesaNama: 'Kelurahan Ketapang' });
    const tl2 = await api.ok('meetings.saveFollowUp', { rapatId: m.id, agendaId: a2!.id, uraian: 'Rekap usulan PBI-JK per kecamatan', pjNama: 'Bidang Linjamsos', batasWaktu: '2022-12-15', status: 'proses' });
    expect(tl2.terlambat).toBe(false);
    const overdue = await api.ok('meetings.listFollowUps', { status: 'terlambat' });
    expect(overdue.map((t) => t.id)).toEqual([tl1.id]);
    const done = await api.ok('meetings.setFollowUpStatus', { id: tl1.id, status: 'selesai' });
    expect(done).toMatchObject({ terlambat: false, selesaiTanggal: '2022-11-20' });
    expect((await api.ok('meetings.listFollowUps', { status: 'terbuka' })).map((t) => t.id)).toEqual([tl2.id]);

    const notulen = pdfText(await pdfOf(m.id, 'notulen'));
    expect(notulen).toContain('NOTULEN RAPAT');
    expect(notulen).toContain('Banyak data ganda di Kelurahan Ketapang.');
    expect(notulen).toContain('Verifikasi data ganda paling lambat akhir November');
    expect(notulen).toContain('Rekap usulan PBI-JK per kecamatan');
    expect(notulen).toContain('Dewi Lestari, S.E.');
    expect(notulen).toMatch(/Sawahan/);
    const withNomor = await api.ok('meetings.getMeeting', { id: m.id });
    expect(withNomor.notulenNomor).toBeTruthy();
    expect(notulen).toContain(`Nomor : ${withNomor.notulenNomor}`);
    // Printed again: the same number.
    expect(pdfText(await pdfOf(m.id, 'notulen'))).toContain(`Nomor : ${withNomor.notulenNomor}`);
    expect((await api.ok('meetings.getMeeting', { id: m.id })).notulenNomor).toBe(withNomor.notulenNomor);

    // Every print/PDF is in the audit log.
    const printed = await core.db.selectFrom('audit_log').select(['action', 'after_json']).where('entity', '=', 'rapat_dokumen').execute();
    expect(printed.map((p) => JSON.parse(p.after_json!).kind)).toEqual(['undangan', 'daftarHadir', 'daftarHadir', 'notulen', 'notulen']);

    // A second meeting a month later where Ketapang stays away: the recap shows who never attends.
    const m2 = await api.ok('meetings.saveMeeting', { ...meeting, judul: 'Rapat Operator DTKS Desember 2022', tanggal: '2022-12-08' });
    await api.ok('meetings.inviteOperators', { rapatId: m2.id, kecamatanKodes: [KEC_MHU] });
    const m2d = await api.ok('meetings.getMeeting', { id: m2.id });
    for (const p of m2d.peserta) await api.ok('meetings.setAttendance', { pesertaId: p.id, kehadiran: p.nama === 'Joko Susilo' ? 'hadir' : 'tidak_hadir', jamDatang: '09:00' });

    const recap = await api.ok('meetings.attendanceRecap', { dari: '2022-11-01', sampai: '2022-12-31' });
    expect(recap.rapat.map((r) => r.tanggal)).toEqual(['2022-11-17', '2022-12-08']);
    const row = (kode: string) => recap.desa.find((d) => d.desaKode === kode)!;
    expect(row(DESA.pondokDamar)).toMatchObject({ diundang: 2, hadir: 2, perRapat: ['hadir', 'hadir'] });
    expect(row(DESA.bagendangHilir)).toMatchObject({ diundang: 2, hadir: 0, tidakHadir: 2 });
    expect(row(DESA.sawahan)).toMatchObject({ diundang: 1, izin: 1, perRapat: ['izin', null] });
    expect(row(DESA.natai)).toMatchObject({ diundang: 0, operatorAktif: 0 });

    const ref = await api.ok('meetings.exportAttendanceRecap', { dari: '2022-11-01', sampai: '2022-12-31' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(core.services.outbox.get(ref.id).path);
    const perDesa = wb.getWorksheet('Per Desa')!;
    expect(perDesa.getRow(4).getCell(3).value).toBe('Desa/Kelurahan');
    expect(perDesa.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const find = (ws: ExcelJS.Worksheet, col: number, value: string) => {
      for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col).value === value) return ws.getRow(r);
      throw new Error(`${value} not in sheet ${ws.name}`);
    };
    const bh = find(perDesa, 3, 'Bagendang Hilir');
    expect(bh.getCell(4).value).toBe(DESA.bagendangHilir);
    expect([bh.getCell(6).value, bh.getCell(7).value, bh.getCell(9).value]).toEqual([2, 0, 2]);
    expect(bh.getCell(11).value).toBe('Tidak pernah hadir');
    expect([bh.getCell(12).value, bh.getCell(13).value]).toEqual(['T', 'T']);
    const pd = find(perDesa, 3, 'Pondok Damar');
    expect(pd.getCell(10).value).toBe(1);
    expect(pd.getCell(11).value).toBe('Selalu hadir');
    const peserta = wb.getWorksheet('Peserta')!;
    const rinaRow = find(peserta, 5, 'Rina Marlina');
    expect(rinaRow.getCell(6).value).toBe(nik(1));
    expect(rinaRow.getCell(6).numFmt).toBe('@');
    expect(rinaRow.getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(rinaRow.getCell(11).value).toBe('Hadir');
    expect(rinaRow.getCell(12).value).toBe('08:45');
    expect(find(peserta, 5, 'Agus Salim').getCell(14).value).toBe('Sakit');
    const exported = await core.db.selectFrom('audit_log').select('entity').where('action', '=', 'export').where('entity', '=', 'rapat_rekap').execute();
    expect(exported).toHaveLength(1);
  });

  it('keeps a cancelled meeting read-only until it is planned again', async () => {
    const m = await api.ok('meetings.saveMeeting', meeting);
    await api.ok('meetings.setMeetingStatus', { id: m.id, status: 'batal' });
    const refused = await api.fail('meetings.inviteOperators', { rapatId: m.id, kecamatanKodes: [] });
    expect(refused.code).toBe('CONFLICT');
    await api.ok('meetings.setMeetingStatus', { id: m.id, status: 'rencana' });
    expect(await api.ok('meetings.inviteOperators', { rapatId: m.id, kecamatanKodes: [] })).toEqual({ ditambahkan: 6, sudahDiundang: 0 });
  });

  async function pdfOf(rapatId: number, kind: 'undangan' | 'daftarHadir' | 'notulen', extra: object = {}) {
    const ref = await api.ok('meetings.documentPdf', { rapatId, kind, ...extra });
    const { readFileSync, writeFileSync } = await import('node:fs');
    const pdf = readFileSync(core.services.outbox.get(ref.id).path);
    // Kept for looking at (pdftoppm -png -r 60 /tmp/p6-notulen.pdf /tmp/p6-notulen).
    writeFileSync(`${process.env.E2E_SHOTS ?? '/tmp'}/p6-${kind}.pdf`, pdf);
    return pdf;
  }
});

describe('who may do what with meetings', () => {
  let core: Core;
  let admin: Awaited<ReturnType<typeof setUpOffice>>;
  beforeEach(async () => {
    core = await openTestCore({ platform: pdfPlatform });
    admin = await setUpOffice(core);
  });
  afterEach(async () => core.close());

  const as = async (role: 'petugas' | 'operator' | 'pimpinan') => caller(core, await signedInAs(core, admin, role, role === 'operator' ? [KEC_MBK] : []));

  it('lets petugas run meetings, pimpinan read, print and export only, and keeps desa operators out', async () => {
    const petugas = await as('petugas');
    const m = await petugas.ok('meetings.saveMeeting', meeting);
    await petugas.ok('meetings.saveOperator', { nama: 'Rina Marlina', desaKode: DESA.ketapang, noHp: '081251234567' });

    const pimpinan = await as('pimpinan');
    expect((await pimpinan.ok('meetings.listMeetings', {})).map((x) => x.id)).toEqual([m.id]);
    expect((await pimpinan.fail('meetings.saveMeeting', { ...meeting, id: m.id })).code).toBe('FORBIDDEN');
    expect((await pimpinan.fail('meetings.saveOperator', { nama: 'Orang Lain', desaKode: DESA.sawahan })).code).toBe('FORBIDDEN');
    await pimpinan.ok('meetings.documentPdf', { rapatId: m.id, kind: 'daftarHadir' });
    await pimpinan.ok('meetings.exportAttendanceRecap', { dari: '2022-01-01', sampai: '2022-12-31' });

    const operator = await as('operator');
    expect((await operator.fail('meetings.listOperators', {})).code).toBe('FORBIDDEN');
    expect((await operator.fail('meetings.getMeeting', { id: m.id })).code).toBe('FORBIDDEN');
  });
});
