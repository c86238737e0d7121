import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { Foto, PenyerahanDetail } from '../../../shared/api/handovers';
import type { Program } from '../../../shared/api/programs';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { asOldPhotoFile } from '../../helpers/oldPhotoFile';
import { closeBrowser, htmlToPdf, pdfInfo, pdfPages, pdfText, savePdf } from '../../helpers/pdf';
import { fail, ok, ORANG, seedPeople } from './fixtures';

// A 1×1 PNG, and bytes that start like a JPEG for the small version.
const THUMB = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));

let core: Core;
let admin: Awaited<ReturnType<typeof setUpOffice>>;
let ids: number[];
let h: PenyerahanDetail;

beforeAll(async () => {
  core = await openTestCore();
  admin = await setUpOffice(core);
  ids = await seedPeople(core);
  const program = (await ok<Program[]>(admin, 'programs.list', { q: 'Kaki Palsu' }))[0]!;
  h = await ok<PenyerahanDetail>(admin, 'handovers.create', {
    programId: program.id,
    tanggal: '2026-05-08',
    tempat: 'Kantor Dinas Sosial Kabupaten Kotawaringin Timur',
    mode: 'perorangan',
    pertamaNama: 'Drs. H. Ahmad Yani, M.Si',
    pertamaNip: '196804121993031007',
    pertamaJabatan: 'Kepala Dinas Sosial',
    saksi: [{ nama: 'Yuliani', nip: null, jabatan: 'TKSK Kecamatan Kota Besi' }],
  });
  h = await ok<PenyerahanDetail>(admin, 'handovers.addRecipients', { penyerahanId: h.id, anggotaIds: [ids[0], ids[1]] });
});
afterAll(async () => {
  await closeBrowser();
  await core.close();
});

describe('individual BAST as printed', () => {
  it('names the one recipient with NIK and full address, groups the NIP, and has no "Mengetahui" when the Kepala Dinas signs himself', async () => {
    const doc = await ok<{ html: string; paper: 'A4' | 'F4'; landscape: boolean; nomorSementara: boolean }>(admin, 'handovers.preview', {
      penyerahanId: h.id,
      kind: 'bast',
      penerimaId: h.penerima[1]!.id,
    });
    expect(doc.nomorSementara).toBe(true);
    const pdf = await htmlToPdf(doc.html, doc);
    if (process.env.E2E_SHOTS) savePdf(pdf, join(process.env.E2E_SHOTS, 'p5-bast-perorangan.pdf'));
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain(`NIK : ${ORANG[1]!.nik}`);
    expect(text).toContain('Jl. Pelita, RT 001/RW 001, Desa/Kel. Hanjalipan, Kec. Kota Besi');
    expect(text).toContain('NIP. 19680412 199303 1 007');
    expect(text).toContain('Rp 3.250.000,- (Tiga Juta Dua Ratus Lima Puluh Ribu Rupiah)');
    expect(text).toContain('Saksi');
    expect(text).toContain('Yuliani');
    expect(text).not.toContain('Mengetahui');
    expect(text).not.toContain(ORANG[0]!.nik);
    const info = pdfInfo(pdf);
    expect(Math.round(info.width)).toBe(609); // F4 215 mm
    // Items are said in the BAST's sentence: one sheet, no lampiran page repeating the signatures (issue 14).
    expect(pdfPages(pdf)).toHaveLength(1);
  });

  it('prints every individual BAST of the handover in one document, each starting on its own page', async () => {
    const out = await ok<{ html: string; paper: 'A4' | 'F4'; landscape: boolean }>(admin, 'handovers.print', { penyerahanId: h.id, kind: 'bast' });
    const pages = pdfPages(await htmlToPdf(out.html, out));
    const firstPages = pages.filter((p) => p.includes('BERITA ACARA SERAH TERIMA BANTUAN'));
    expect(firstPages).toHaveLength(2);
    expect(firstPages[0]).toContain('001/BAST/DINSOS/V/2026');
    expect(firstPages[0]).toContain(ORANG[0]!.nik);
    expect(firstPages[1]).toContain('002/BAST/DINSOS/V/2026');
    expect(firstPages[1]).toContain(ORANG[1]!.nik);
  });
});

describe('photos of the handover', () => {
  const stored = () => core.db.selectFrom('penyerahan_foto_berkas').select(['stored_name', 'dihapus_at']).execute();

  it('stores a photo in the database, shows it back, and refuses what is not an image', async () => {
    const foto = await ok<Foto>(admin, 'handovers.addPhoto', {
      penyerahanId: h.id,
      penerimaId: h.penerima[0]!.id,
      keterangan: 'Penyerahan kaki palsu',
      file: { fileName: 'IMG_2026.png', bytes: PNG },
      thumb: THUMB,
    });
    // In the database with its row (issue 18: every PC of an office server sees it), not in this PC's folder.
    expect(await stored()).toHaveLength(1);
    const dir = join(core.paths.attachmentsDir, 'foto-penyerahan');
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    const shown = await ok<{ dataUrl: string; fileName: string }>(admin, 'handovers.photo', { id: foto.id });
    expect(shown.dataUrl).toBe(`data:image/png;base64,${Buffer.from(PNG).toString('base64')}`);
    const small = await ok<{ dataUrl: string }>(admin, 'handovers.photo', { id: foto.id, thumb: true });
    expect(small.dataUrl).toBe(`data:image/jpeg;base64,${Buffer.from(THUMB).toString('base64')}`);
    const detail = await ok<PenyerahanDetail>(admin, 'handovers.get', { id: h.id });
    expect(detail.foto).toEqual([expect.objectContaining({ fileName: 'IMG_2026.png', penerimaId: h.penerima[0]!.id })]);
    expect(detail.penerima[0]!.jumlahFoto).toBe(1);

    const svg = await fail(admin, 'handovers.addPhoto', { penyerahanId: h.id, file: { fileName: 'x.png', bytes: new TextEncoder().encode('<svg onload=alert(1)>') } });
    expect(svg.message).toContain('JPG atau PNG');
    const traversal = await fail(admin, 'handovers.addPhoto', { penyerahanId: h.id, file: { fileName: '../../etc/passwd', bytes: PNG } });
    expect(traversal.code).toBe('INVALID_INPUT');
    // A thumbnail that cannot be had refuses the photo before anything is stored.
    const badThumb = await fail(admin, 'handovers.addPhoto', { penyerahanId: h.id, file: { fileName: 'IMG_2027.png', bytes: PNG }, thumb: { uploadId: 'f'.repeat(32), fileName: 'kecil.jpg', size: 10 } });
    expect(badThumb.code).toBe('NOT_FOUND');
    expect(await stored()).toHaveLength(1);

    await ok(admin, 'handovers.removePhoto', { id: foto.id });
    expect((await ok<PenyerahanDetail>(admin, 'handovers.get', { id: h.id })).foto).toEqual([]);
    // Kept, marked as removed, never silently destroyed.
    expect(await stored()).toEqual([{ stored_name: expect.any(String), dihapus_at: expect.any(String) }]);
  });

  it('still shows, and removes aside, a photo stored as a file before photos moved into the database', async () => {
    const foto = await ok<Foto>(admin, 'handovers.addPhoto', { penyerahanId: h.id, file: { fileName: 'LAMA.png', bytes: PNG } });
    const stored = await asOldPhotoFile(core.db, core.paths.attachmentsDir, foto.id, PNG);
    const dir = join(core.paths.attachmentsDir, 'foto-penyerahan');
    const shown = await ok<{ dataUrl: string }>(admin, 'handovers.photo', { id: foto.id, thumb: true });
    expect(shown.dataUrl).toBe(`data:image/png;base64,${Buffer.from(PNG).toString('base64')}`);
    await ok(admin, 'handovers.removePhoto', { id: foto.id });
    expect(readdirSync(dir)).toEqual([`${stored}.dihapus`]);
  });

  it('never reads or renames a file outside the photo folder that a photo row names (a hand-made backup restored)', async () => {
    const foto = await ok<Foto>(admin, 'handovers.addPhoto', { penyerahanId: h.id, file: { fileName: 'BUATAN.png', bytes: PNG } });
    await asOldPhotoFile(core.db, core.paths.attachmentsDir, foto.id, null);
    // A file beside the attachments folder, as the data folder's own files are (a PNG, so it would show as one).
    const outside = join(core.paths.attachmentsDir, '..', 'bukan-foto.png');
    writeFileSync(outside, PNG);
    await core.db.updateTable('penyerahan_foto').set({ stored_name: '../../bukan-foto.png' }).where('id', '=', foto.id).execute();
    expect((await fail(admin, 'handovers.photo', { id: foto.id })).code).toBe('NOT_FOUND');
    expect((await fail(admin, 'handovers.photo', { id: foto.id, thumb: true })).code).toBe('NOT_FOUND');
    await ok(admin, 'handovers.removePhoto', { id: foto.id });
    expect(readFileSync(outside)).toEqual(Buffer.from(PNG));
  });
});

describe('receiving everyone at once', () => {
  it('marks every "belum" recipient diterima in one transaction and leaves cancelled ones alone', async () => {
    let d = await ok<PenyerahanDetail>(admin, 'handovers.addRecipients', { penyerahanId: h.id, anggotaIds: [ids[2]] });
    d = await ok<PenyerahanDetail>(admin, 'handovers.setReceipt', { penerimaId: d.penerima[2]!.id, status: 'batal', alasan: 'Tidak hadir, pindah domisili' });
    d = await ok<PenyerahanDetail>(admin, 'handovers.receiveAll', { penyerahanId: h.id, tanggal: '2026-05-08' });
    expect(d.penerima.map((p) => p.status)).toEqual(['diterima', 'diterima', 'batal']);
    const rows = await core.db.selectFrom('intervensi').select('anggota_id').where('penyerahan_id', '=', h.id).orderBy('anggota_id').execute();
    expect(rows.map((r) => r.anggota_id)).toEqual([ids[0], ids[1]]);
    const early = await fail(admin, 'handovers.receiveAll', { penyerahanId: h.id, tanggal: '2026-05-01' });
    expect(early.code).toBe('INVALID_INPUT');
  });
});

describe('print guard per document', () => {
  it('lets a valid recipient\'s own BAST print while another recipient\'s NIK is invalid, but not the whole set', async () => {
    const at = new Date().toISOString();
    const kel = await core.db.insertInto('keluarga').values({ no_kk: '6202011111110009', desa_kode: '62.02.01.2003', kecamatan_kode: '62.02.01', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    const bad = await core.db.insertInto('anggota').values({ keluarga_id: kel.id, nik: '6202019999990001', nama: 'Nik Rusak', nama_key: 'nik rusak', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    const d = await ok<PenyerahanDetail>(admin, 'handovers.addRecipients', { penyerahanId: h.id, anggotaIds: [bad.id] });
    const own = await ok<{ html: string }>(admin, 'handovers.print', { penyerahanId: h.id, kind: 'bast', penerimaId: d.penerima[0]!.id });
    expect(own.html).toContain(ORANG[0]!.nik);
    const all = await fail(admin, 'handovers.print', { penyerahanId: h.id, kind: 'bast' });
    expect(all.code).toBe('NOT_PRINTABLE');
    const badOwn = await fail(admin, 'handovers.savePdf', { penyerahanId: h.id, kind: 'bast', penerimaId: d.penerima.find((p) => p.orang.nama === 'Nik Rusak')!.id });
    expect(badOwn.message).toContain('Nik Rusak');
  });
});
