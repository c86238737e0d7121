import { describe, expect, it } from 'vitest';
import { isTerlambat } from '../../../electron/core/meetings/followUps';
import { fieldOf } from '../../../electron/core/meetings/operatorExcel';
import { keteranganDesa } from '../../../electron/core/meetings/recap';
import { waktuRapat } from '../../../electron/core/meetings/documents';
import { meetingSchema, normalizeNoHp, operatorSchema, type RecapDesaRow } from '../../../shared/api/meetings';

describe('phone numbers', () => {
  it.each([
    ['0812-5123-4567', '081251234567'],
    ['+62 812 5123 4567', '081251234567'],
    ['62812.5123.4567', '081251234567'],
    ['812 5123 4567', '081251234567'],
    ['(0531) 21050', '053121050'],
  ])('%s → %s', (raw, want) => expect(normalizeNoHp(raw)).toBe(want));

  it.each(['12', '0812abc', '+1 202 555 0100', '08123'])('refuses %s', (raw) => expect(normalizeNoHp(raw)).toBeNull());
});

describe('operator schema', () => {
  it('cleans NIK separators and refuses a structurally wrong NIK with the domain message', () => {
    const ok = operatorSchema.safeParse({ nama: 'Rina', nik: '6202 0612 0390 0001', desaKode: '62.02.06.1003' });
    expect(ok.success && ok.data.nik).toBe('6202061203900001');
    const bad = operatorSchema.safeParse({ nama: 'Rina', nik: '6202061203900000', desaKode: '62.02.06.1003' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['nik']);
    expect(bad.error!.issues[0]!.message).toMatch(/palsu|0000/);
  });
  it('keeps empty optional fields as null, not empty strings', () => {
    const ok = operatorSchema.parse({ nama: 'Rina', nik: '', noHp: '', email: '', desaKode: '62.02.06.1003', skTanggal: '' });
    expect(ok).toMatchObject({ nik: null, noHp: null, email: null, skTanggal: null, aktif: true, jabatan: 'Operator DTKS' });
  });
});

describe('meeting schema', () => {
  const base = { judul: 'Rapat Operator', jenis: 'operator_dtks', tanggal: '2022-11-17', jamMulai: '09.00', tempat: 'Aula', pimpinan: { nama: 'Ahmad Yani', jabatan: 'Kepala Dinas' }, agenda: [{ judul: 'Pemutakhiran' }] };
  it('accepts 09.00 as 09:00 and no end time', () => {
    const m = meetingSchema.parse(base);
    expect([m.jamMulai, m.jamSelesai]).toEqual(['09:00', null]);
    expect(waktuRapat({ jamMulai: m.jamMulai, jamSelesai: m.jamSelesai })).toBe('09.00 WIB s.d. selesai');
  });
  it('refuses 31 February, 25:00 and an end before the start', () => {
    const r = meetingSchema.safeParse({ ...base, tanggal: '2022-02-31', jamMulai: '25:00' });
    expect(r.error!.issues.map((i) => i.path[0])).toEqual(expect.arrayContaining(['tanggal', 'jamMulai']));
    const early = meetingSchema.safeParse({ ...base, jamMulai: '10:00', jamSelesai: '09:30' });
    expect(early.error!.issues[0]!.message).toBe('Jam selesai harus setelah jam mulai.');
  });
});

describe('operator sheet headers', () => {
  it.each([
    ['NAMA OPERATOR', 'nama'],
    ['Nama Desa/Kel.', 'desa'],
    ['KEC.', 'kecamatan'],
    ['NO. HP / WA AKTIF', 'noHp'],
    ['Nomor WhatsApp', 'noHp'],
    ['NIK KTP', 'nik'],
    ['Tgl. SK', 'skTanggal'],
    ['No. SK Penunjukan', 'skNomor'],
    ['Kode Desa', 'kodeWilayah'],
    ['E-mail', 'email'],
    ['KET', 'catatan'],
    ['NO', null],
    ['Tanda tangan', null],
  ])('%s → %s', (header, field) => expect(fieldOf(header)).toBe(field));
});

describe('follow-up and recap rules', () => {
  it('a follow-up is overdue only when unfinished and its due date has passed', () => {
    expect(isTerlambat('belum', '2022-11-18', '2022-11-20')).toBe(true);
    expect(isTerlambat('proses', '2022-11-20', '2022-11-20')).toBe(false);
    expect(isTerlambat('selesai', '2022-11-01', '2022-11-20')).toBe(false);
    expect(isTerlambat('belum', null, '2022-11-20')).toBe(false);
  });
  it('labels villages by their attendance', () => {
    const row = (o: Partial<RecapDesaRow>): RecapDesaRow => ({ kecamatanKode: '', kecamatanNama: '', desaKode: '', desaNama: '', operatorAktif: 1, diundang: 0, hadir: 0, izin: 0, tidakHadir: 0, perRapat: [], ...o });
    expect(keteranganDesa(row({ operatorAktif: 0 }))).toBe('Belum ada operator aktif');
    expect(keteranganDesa(row({}))).toBe('Belum pernah diundang');
    expect(keteranganDesa(row({ diundang: 3, izin: 1, tidakHadir: 2 }))).toBe('Tidak pernah hadir');
    expect(keteranganDesa(row({ diundang: 2, hadir: 2 }))).toBe('Selalu hadir');
    expect(keteranganDesa(row({ diundang: 3, hadir: 2, tidakHadir: 1 }))).toBe('');
  });
});
