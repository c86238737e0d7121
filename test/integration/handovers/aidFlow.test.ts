import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { Platform } from '../../../electron/core/platform';
import type { PenyerahanDetail, Permohonan, PersonSummary } from '../../../shared/api/handovers';
import type { Program } from '../../../shared/api/programs';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { fail, ok, ORANG, seedPeople } from './fixtures';

const pdfCalls: { html: string; paper: string; landscape: boolean }[] = [];
const fakePlatform: Platform = {
  kind: 'web',
  async htmlToPdf(html, o) {
    pdfCalls.push({ html, ...o });
    return Buffer.from('%PDF-1.4 fake');
  },
};

let core: Core;
let admin: Awaited<ReturnType<typeof setUpOffice>>;
let ids: number[];

beforeAll(async () => {
  core = await openTestCore({ platform: fakePlatform });
  admin = await setUpOffice(core);
  ids = await seedPeople(core);
});
afterAll(async () => core.close());

async function signIn(role: 'petugas' | 'pimpinan') {
  await ok(admin, 'users.create', { nama: `Pengguna ${role}`, username: role, role, password: 'sandi-rahasia-123' });
  const c = core.createClient();
  await ok(c, 'auth.login', { username: role, password: 'sandi-rahasia-123' });
  return c;
}

const handoverInput = (programId: number, over: Record<string, unknown> = {}) => ({
  programId,
  tanggal: '2026-05-08',
  tempat: 'Aula Dinas Sosial Kabupaten Kotawaringin Timur',
  mode: 'kolektif',
  dasarNomor: '460/125/SK-DINSOS/IV/2026',
  dasarTanggal: '2026-04-29',
  dasarTentang: 'Penetapan Penerima Bantuan Alat Bantu Disabilitas Tahun 2026',
  pertamaNama: 'Hj. Rina Kartika, S.Sos',
  pertamaNip: '19750312 200003 2 004',
  pertamaJabatan: 'Kepala Bidang Rehabilitasi Sosial',
  saksi: [],
  ...over,
});

describe('aid programmes, requests and handovers against a real SQLite file', () => {
  let kakiPalsu: Program;
  let petugas: Awaited<ReturnType<typeof signIn>>;
  let pimpinan: Awaited<ReturnType<typeof signIn>>;

  it('seeds a starter list of programmes the office can edit and close', async () => {
    const list = await ok<Program[]>(admin, 'programs.list', {});
    expect(list.map((p) => p.nama)).toEqual(expect.arrayContaining(['Bantuan Kaki Palsu', 'Sembako', 'Permakanan Lanjut Usia', 'Sandang']));
    kakiPalsu = list.find((p) => p.nama === 'Bantuan Kaki Palsu')!;
    expect(kakiPalsu).toMatchObject({ jenis: 'barang', satuan: 'unit', sumberDana: 'apbd_kab', kategori: 'bansos', aktif: true });

    const edited = await ok<Program>(admin, 'programs.update', { ...kakiPalsu, id: kakiPalsu.id, nilaiSatuan: 3_250_000, opd: 'Dinas Sosial', keterangan: null });
    expect(edited.nilaiSatuan).toBe(3_250_000);
    const dup = await fail(admin, 'programs.create', { ...kakiPalsu, keterangan: null });
    expect(dup.code).toBe('CONFLICT');
    expect(dup.message).toContain('sudah ada');

    const closed = await ok<Program>(admin, 'programs.setAktif', { id: edited.id, aktif: false });
    expect(closed.aktif).toBe(false);
    const refused = await fail(admin, 'handovers.create', handoverInput(edited.id));
    expect(refused.message).toContain('ditutup');
    await ok(admin, 'programs.setAktif', { id: edited.id, aktif: true });
  });

  let permohonan: Permohonan;
  it('moves a prosthetic-leg request forward only, with approval reserved for pimpinan', async () => {
    petugas = await signIn('petugas');
    pimpinan = await signIn('pimpinan');
    permohonan = await ok<Permohonan>(petugas, 'handovers.createRequest', {
      programId: kakiPalsu.id,
      anggotaId: ids[0],
      tanggal: '2026-03-02',
      pembawa: 'tksk',
      pembawaNama: 'Yuliani (TKSK Kota Besi)',
      dokumen: ['surat_permohonan', 'ktp', 'kk', 'sktm'],
      kebutuhan: 'Kaki palsu bawah lutut kanan',
    });
    expect(permohonan.status).toBe('diajukan');

    const again = await fail(petugas, 'handovers.createRequest', { programId: kakiPalsu.id, anggotaId: ids[0], tanggal: '2026-03-03', pembawa: 'sendiri' });
    expect(again.message).toContain('masih berjalan');

    const early = await fail(pimpinan, 'handovers.decideRequest', { id: permohonan.id, keputusan: 'disetujui', skNomor: '460/77/SK/2026', skTanggal: '2026-04-29' });
    expect(early.message).toContain('diverifikasi');

    await ok(petugas, 'handovers.verifyRequest', { id: permohonan.id, asesmen: 'Amputasi bawah lutut kanan, ukuran soket 26 cm' });
    const forbidden = await fail(petugas, 'handovers.decideRequest', { id: permohonan.id, keputusan: 'disetujui', skNomor: '460/77/SK/2026', skTanggal: '2026-04-29' });
    expect(forbidden.code).toBe('FORBIDDEN');

    permohonan = await ok<Permohonan>(pimpinan, 'handovers.decideRequest', { id: permohonan.id, keputusan: 'disetujui', skNomor: '460/77/SK/2026', skTanggal: '2026-04-29' });
    expect(permohonan).toMatchObject({ status: 'disetujui', skNomor: '460/77/SK/2026', asesmen: expect.stringContaining('26 cm') });
    expect(permohonan.riwayat.map((r) => r.status)).toEqual(['diajukan', 'diverifikasi', 'disetujui']);

    const back = await fail(pimpinan, 'handovers.decideRequest', { id: permohonan.id, keputusan: 'ditolak', alasan: 'berubah pikiran' });
    expect(back.code).toBe('STATUS_BACKWARD');
    const noEdit = await fail(petugas, 'handovers.updateRequest', { id: permohonan.id, tanggal: '2026-03-02', pembawa: 'sendiri' });
    expect(noEdit.message).toContain('tidak dapat diubah');
  });

  let h: PenyerahanDetail;
  it('creates a handover with recipients from an approved request and from the registry, items and totals adding up', async () => {
    h = await ok<PenyerahanDetail>(petugas, 'handovers.create', handoverInput(kakiPalsu.id));
    h = await ok<PenyerahanDetail>(petugas, 'handovers.addRecipients', { penyerahanId: h.id, permohonanIds: [permohonan.id], anggotaIds: [ids[1], ids[2]] });
    expect(h.penerima.map((p) => p.orang.nama)).toEqual(['Sutrisno', 'Mariana Dewi', 'Ahmad Fauzi']);
    expect(h.penerima[0]!.permohonanId).toBe(permohonan.id);
    expect(h.penerima[0]!.items).toEqual([{ nama: 'Bantuan Kaki Palsu', jumlah: 1, satuan: 'unit', nilaiSatuan: 3_250_000, nilai: 3_250_000 }]);

    h = await ok<PenyerahanDetail>(petugas, 'handovers.setItems', {
      penyerahanId: h.id,
      penerimaId: h.penerima[2]!.id,
      items: [
        { nama: 'Kaki Palsu Bawah Lutut', jumlah: 1, satuan: 'unit', nilaiSatuan: 3_250_000 },
        { nama: 'Kruk Ketiak', jumlah: 2, satuan: 'buah', nilaiSatuan: 137_500 },
      ],
    });
    expect(h.penerima[2]!.total).toBe(3_525_000);
    expect(h.total).toBe(3_250_000 * 2 + 3_525_000);
    expect(h.total).toBe(h.penerima.reduce((s, p) => s + p.items.reduce((t, i) => t + i.jumlah * i.nilaiSatuan, 0), 0));
    const listed = await ok<{ id: number; total: number; jumlahPenerima: number }[]>(petugas, 'handovers.list', {});
    expect(listed.find((x) => x.id === h.id)).toMatchObject({ total: h.total, jumlahPenerima: 3 });
  });

  it('refuses the same person twice in one programme year unless a clerk gives the reason', async () => {
    const second = await ok<PenyerahanDetail>(petugas, 'handovers.create', handoverInput(kakiPalsu.id, { tanggal: '2026-09-10' }));
    const refused = await fail(petugas, 'handovers.addRecipients', { penyerahanId: second.id, anggotaIds: [ids[1], ids[3]] });
    expect(refused.code).toBe('DUPLICATE_RECIPIENT');
    expect(refused.message).toContain('Mariana Dewi');
    expect((refused.details as { duplicates: { nama: string }[] }).duplicates.map((d) => d.nama)).toEqual(['Mariana Dewi']);
    const after = await ok<PenyerahanDetail>(petugas, 'handovers.get', { id: second.id });
    expect(after.penerima).toHaveLength(0);

    const confirmed = await ok<PenyerahanDetail>(petugas, 'handovers.addRecipients', {
      penyerahanId: second.id,
      anggotaIds: [ids[1], ids[3]],
      alasanGanda: 'Kaki palsu pertama rusak karena banjir, penggantian disetujui Kabid',
    });
    expect(confirmed.penerima.map((p) => [p.orang.nama, p.alasanGanda])).toEqual([
      ['Mariana Dewi', 'Kaki palsu pertama rusak karena banjir, penggantian disetujui Kabid'],
      ['Rusmini', null],
    ]);
    const nextYear = await ok<PenyerahanDetail>(petugas, 'handovers.create', handoverInput(kakiPalsu.id, { tanggal: '2027-01-15' }));
    const fine = await ok<PenyerahanDetail>(petugas, 'handovers.addRecipients', { penyerahanId: nextYear.id, anggotaIds: [ids[1]] });
    expect(fine.penerima).toHaveLength(1);
  });

  it('writes an intervensi row when a receipt is diterima and removes it when batal; the request becomes diserahkan', async () => {
    const sutrisno = h.penerima[0]!;
    h = await ok<PenyerahanDetail>(petugas, 'handovers.setReceipt', { penerimaId: sutrisno.id, status: 'diterima', tanggal: '2026-05-08' });
    h = await ok<PenyerahanDetail>(petugas, 'handovers.setReceipt', { penerimaId: h.penerima[2]!.id, status: 'diterima', tanggal: '2026-05-09' });
    const early = await fail(petugas, 'handovers.setReceipt', { penerimaId: h.penerima[1]!.id, status: 'diterima', tanggal: '2026-05-01' });
    expect(early.message).toContain('sebelum tanggal serah terima');

    const rows = await core.db.selectFrom('intervensi').selectAll().where('penyerahan_id', '=', h.id).orderBy('anggota_id').execute();
    expect(rows.map((r) => [r.anggota_id, r.opd, r.jenis, r.tanggal, r.nilai, r.sumber])).toEqual([
      [ids[0], 'Dinas Sosial', 'Bantuan Kaki Palsu', '2026-05-08', 3_250_000, 'penyerahan'],
      [ids[2], 'Dinas Sosial', 'Bantuan Kaki Palsu', '2026-05-09', 3_525_000, 'penyerahan'],
    ]);
    expect(rows[0]!.keluarga_id).not.toBeNull();
    expect((await ok<Permohonan>(petugas, 'handovers.getRequest', { id: permohonan.id })).status).toBe('diserahkan');

    h = await ok<PenyerahanDetail>(petugas, 'handovers.setReceipt', { penerimaId: h.penerima[2]!.id, status: 'batal', alasan: 'Penerima pindah ke luar daerah' });
    const left = await core.db.selectFrom('intervensi').select('anggota_id').where('penyerahan_id', '=', h.id).execute();
    expect(left.map((r) => r.anggota_id)).toEqual([ids[0]]);
    expect(h.total).toBe(3_250_000 * 2);
    const removeDone = await fail(petugas, 'handovers.removeRecipient', { penerimaId: h.penerima[0]!.id });
    expect(removeDone.message).toContain('Batal');
  });

  it('will not print while a recipient has an invalid NIK; prints, keeps the number on reprint, audits every print', async () => {
    const at = new Date().toISOString();
    const kel = await core.db.insertInto('keluarga').values({ no_kk: '6202011111110009', desa_kode: '62.02.01.2003', kecamatan_kode: '62.02.01', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    const bad = await core.db
      .insertInto('anggota')
      .values({ keluarga_id: kel.id, nik: '6202019999990001', nama: 'Nik Rusak', nama_key: 'nik rusak', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    h = await ok<PenyerahanDetail>(petugas, 'handovers.addRecipients', { penyerahanId: h.id, anggotaIds: [bad.id] });
    expect(h.hambatanCetak.join(' ')).toContain('Nik Rusak');
    const refused = await fail(petugas, 'handovers.savePdf', { penyerahanId: h.id, kind: 'bast' });
    expect(refused.code).toBe('NOT_PRINTABLE');
    expect(refused.message).toContain('6202019999990001');
    h = await ok<PenyerahanDetail>(petugas, 'handovers.removeRecipient', { penerimaId: h.penerima.find((p) => p.orang.nama === 'Nik Rusak')!.id });
    expect(h.hambatanCetak).toEqual([]);

    const preview = await ok<{ html: string; nomorSementara: boolean }>(petugas, 'handovers.preview', { penyerahanId: h.id, kind: 'bast' });
    expect(preview.nomorSementara).toBe(true);
    expect(preview.html).toContain('nomor diberikan saat dicetak');

    const file = await ok<{ name: string; mime: string }>(petugas, 'handovers.savePdf', { penyerahanId: h.id, kind: 'bast' });
    expect(file.mime).toBe('application/pdf');
    const first = await ok<PenyerahanDetail>(petugas, 'handovers.get', { id: h.id });
    expect(first.nomorBast).toBe('001/BAST/DINSOS/V/2026');
    expect(file.name).toBe('Berita Acara Serah Terima 001-BAST-DINSOS-V-2026.pdf');
    expect(pdfCalls.at(-1)).toMatchObject({ paper: 'F4', landscape: false });
    expect(pdfCalls.at(-1)!.html).toContain('001/BAST/DINSOS/V/2026');
    expect(pdfCalls.at(-1)!.html).toContain('Rp 6.500.000,- (Enam Juta Lima Ratus Ribu Rupiah)');

    const reprint = await ok<{ html: string; printed: boolean }>(petugas, 'handovers.print', { penyerahanId: h.id, kind: 'bast' });
    expect(reprint.printed).toBe(false); // browser mode: the renderer prints the returned HTML
    expect((await ok<PenyerahanDetail>(petugas, 'handovers.get', { id: h.id })).nomorBast).toBe('001/BAST/DINSOS/V/2026');
    const tt = await ok<{ html: string; landscape: boolean }>(petugas, 'handovers.print', { penyerahanId: h.id, kind: 'tandaTerima' });
    expect(tt.landscape).toBe(false); // compact portrait rows (issue 14)
    expect(tt.html).toContain('6202015708820003');
    expect(tt.html).not.toContain('Ahmad Fauzi'); // batal is not on the list

    const audit = await core.db.selectFrom('audit_log').select(['action', 'username']).where('entity', '=', 'penyerahan').where('entity_id', '=', String(h.id)).where('action', 'in', ['print', 'export']).execute();
    expect(audit).toEqual([
      { action: 'export', username: 'petugas' },
      { action: 'print', username: 'petugas' },
      { action: 'print', username: 'petugas' },
    ]);
  });

  it('gives each recipient of a perorangan handover its own BAST number, taken once', async () => {
    const sembako = (await ok<Program[]>(admin, 'programs.list', { q: 'Sembako' }))[0]!;
    let p = await ok<PenyerahanDetail>(petugas, 'handovers.create', handoverInput(sembako.id, { mode: 'perorangan', tanggal: '2026-06-02', dasarNomor: null, dasarTanggal: null, dasarTentang: null }));
    p = await ok<PenyerahanDetail>(petugas, 'handovers.addRecipients', { penyerahanId: p.id, anggotaIds: [ids[0], ids[3]] });
    const all = await ok<{ html: string; title: string }>(petugas, 'handovers.print', { penyerahanId: p.id, kind: 'bast' });
    expect(all.html).toContain('002/BAST/DINSOS/VI/2026');
    expect(all.html).toContain('003/BAST/DINSOS/VI/2026');
    expect(all.html.match(/<body>/g)).toHaveLength(1);
    const one = await ok<{ html: string }>(petugas, 'handovers.print', { penyerahanId: p.id, kind: 'bast', penerimaId: (await ok<PenyerahanDetail>(petugas, 'handovers.get', { id: p.id })).penerima[1]!.id });
    expect(one.html).toContain('003/BAST/DINSOS/VI/2026');
    expect(one.html).toContain(ORANG[3]!.nik);
    expect(one.html).not.toContain(ORANG[0]!.nik);
    const modeChange = await fail(petugas, 'handovers.update', { id: p.id, data: handoverInput(sembako.id, { mode: 'kolektif', tanggal: '2026-06-02' }) });
    expect(modeChange.message).toContain('sudah dicetak');
  });

  it('adds an applicant on the spot with NIK, No KK and desa checks', async () => {
    const base = {
      noKk: '6202011503100004',
      nik: '6202024506880005',
      nama: 'Siti Aminah',
      jenisKelamin: 'P',
      tanggalLahir: '1988-06-05',
      alamat: 'Jl. Pelita',
      rt: '4',
      rw: '2',
      desaKode: '62.02.01.2003',
    };
    const badNik = await fail(petugas, 'handovers.addPerson', { ...base, nik: '620201450688' });
    expect(badNik.code).toBe('INVALID_INPUT');
    expect((badNik.details as { issues: { path: string }[] }).issues[0]!.path).toBe('nik');
    const outside = await fail(petugas, 'handovers.addPerson', { ...base, desaKode: '62.71.01.1001' });
    expect(outside.message).toContain('Kotawaringin Timur');
    const taken = await fail(petugas, 'handovers.addPerson', { ...base, nik: ORANG[0]!.nik, jenisKelamin: 'L', tanggalLahir: null });
    expect(taken.message).toContain('Sutrisno');

    const created = await ok<PersonSummary>(petugas, 'handovers.addPerson', base);
    expect(created).toMatchObject({ nama: 'Siti Aminah', nik: '6202024506880005', desa: 'Palangan', nikMasalah: [] });
    expect(created.keluargaId).toBe(ids[0] && (await core.db.selectFrom('anggota').select('keluarga_id').where('id', '=', ids[0]).executeTakeFirstOrThrow()).keluarga_id);
    const fresh = await ok<PersonSummary>(petugas, 'handovers.addPerson', { ...base, noKk: '6202010707190003', nik: '6202010101700001', nama: 'Darmawan', jenisKelamin: 'L', tanggalLahir: '1970-01-01', desaKode: '62.02.01.1010' });
    expect(fresh).toMatchObject({ noKk: '6202010707190003', desa: 'Kota Besi Hilir', kecamatan: 'Kota Besi' });
    const history = await core.db.selectFrom('audit_log').select(['entity', 'username']).where('action', '=', 'create').where('entity', 'in', ['keluarga', 'anggota']).orderBy('id', 'desc').limit(2).execute();
    expect(history).toEqual([
      { entity: 'anggota', username: 'petugas' },
      { entity: 'keluarga', username: 'petugas' },
    ]);
    const noAlamat = await fail(petugas, 'handovers.addPerson', { ...base, noKk: '6202010808190004', nik: '6202010202700002', nama: 'Tanpa Alamat', jenisKelamin: 'L', tanggalLahir: null, alamat: '' });
    expect((noAlamat.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain('alamat');
    const found = await ok<PersonSummary[]>(petugas, 'handovers.searchPeople', { q: 'aminah' });
    expect(found.map((f) => f.nik)).toEqual(['6202024506880005']);
    const byNik = await ok<PersonSummary[]>(petugas, 'handovers.searchPeople', { q: '62020112' });
    expect(byNik.map((f) => f.nama)).toEqual(['Sutrisno']);
  });
});
