import { describe, expect, it } from 'vitest';
import { canMovePermohonan, hambatanCetak, itemNilai, sumNilai, withNilai } from '../../../electron/core/handovers/guards';
import { namaProgramDokumen, pdfFileName } from '../../../electron/core/handovers/documents';
import { imageMime } from '../../../electron/core/handovers/photos';
import { addRecipientsSchema, penyerahanInputSchema, setReceiptSchema } from '../../../shared/api/handovers';
import type { PenyerahanDetail } from '../../../shared/api/handovers';
import { formatNip } from '../../../shared/domain/nip';
import { tanggalDalamKata } from '../../../shared/domain/tanggal';
import { terbilangRupiah } from '../../../shared/domain/terbilang';

describe('permohonan status moves forward only', () => {
  it.each([
    ['diajukan', 'diverifikasi', true],
    ['diajukan', 'ditolak', true],
    ['diajukan', 'disetujui', false],
    ['diverifikasi', 'disetujui', true],
    ['disetujui', 'diserahkan', true],
    ['disetujui', 'ditolak', false],
    ['diverifikasi', 'diajukan', false],
    ['ditolak', 'disetujui', false],
    ['diserahkan', 'disetujui', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canMovePermohonan(from, to)).toBe(allowed);
  });
});

describe('value totals', () => {
  it('multiplies quantity by unit value in whole Rupiah and sums lines', () => {
    expect(itemNilai(2, 137_500)).toBe(275_000);
    expect(itemNilai(2.5, 12_345)).toBe(30_863); // 30862.5 rounds half up
    const items = [withNilai({ nama: 'Kaki Palsu', jumlah: 1, satuan: 'unit', nilaiSatuan: 3_250_000 }), withNilai({ nama: 'Kruk', jumlah: 2, satuan: 'buah', nilaiSatuan: 137_500 })];
    expect(sumNilai(items)).toBe(3_525_000);
    expect(terbilangRupiah(sumNilai(items))).toBe('tiga juta lima ratus dua puluh lima ribu rupiah');
  });
});

describe('print guard', () => {
  const item = [{ nama: 'Sembako', jumlah: 1 }];
  it('is clear when every recipient has a valid NIK and items', () => {
    expect(hambatanCetak([{ nama: 'Sutrisno', nik: '6202011205750001', status: 'belum', items: item }])).toEqual([]);
  });
  it('names the recipient with an invalid NIK, ignoring cancelled ones', () => {
    const out = hambatanCetak([
      { nama: 'Sutrisno', nik: '6202011205750001', status: 'belum', items: item },
      { nama: 'Nik Rusak', nik: '6202019999990001', status: 'diterima', items: item },
      { nama: 'Dibatalkan', nik: '123', status: 'batal', items: item },
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('Nik Rusak');
    expect(out[0]).toContain('6202019999990001');
  });
  it('refuses an empty handover and a recipient without items', () => {
    expect(hambatanCetak([])[0]).toContain('Belum ada penerima');
    expect(hambatanCetak([{ nama: 'Rusmini', nik: '6202014101600004', status: 'belum', items: [] }])[0]).toContain('Rusmini belum punya rincian');
  });
});

describe('document wording used on the BAST', () => {
  it('writes the date in words and the NIP grouped', () => {
    expect(tanggalDalamKata('2026-05-08')).toMatchObject({ hari: 'Jumat' });
    expect(formatNip('197503122000032004')).toBe('19750312 200003 2 004');
  });
  it('names the programme as a Bantuan of the handover year', () => {
    const d = (nama: string) => ({ tanggal: '2026-05-08', programDetail: { nama } }) as unknown as PenyerahanDetail;
    expect(namaProgramDokumen(d('Sembako'))).toBe('Bantuan Sembako Tahun 2026');
    expect(namaProgramDokumen(d('Bantuan Kaki Palsu'))).toBe('Bantuan Kaki Palsu Tahun 2026');
  });
  it('makes a PDF file name without folder separators', () => {
    expect(pdfFileName({ title: 'Berita Acara Serah Terima 001/BAST/../V/2026' })).toBe('Berita Acara Serah Terima 001-BAST-..-V-2026.pdf');
    expect(pdfFileName({ title: 'Berita Acara Serah Terima 001/BAST/../V/2026' })).not.toMatch(/[\\/]/);
  });
});

describe('input schemas', () => {
  const base = {
    programId: 1,
    tanggal: '2026-05-08',
    tempat: 'Aula Dinas Sosial',
    mode: 'kolektif',
    pertamaNama: 'Hj. Rina Kartika',
    pertamaJabatan: 'Kepala Bidang',
  };
  it('requires the legal basis to be complete when started, and a real date', () => {
    expect(penyerahanInputSchema.safeParse(base).success).toBe(true);
    const partial = penyerahanInputSchema.safeParse({ ...base, dasarNomor: '460/1/SK' });
    expect(partial.success).toBe(false);
    expect(partial.error?.issues.map((i) => i.path.join('.'))).toEqual(['dasarTanggal', 'dasarTentang']);
    expect(penyerahanInputSchema.safeParse({ ...base, tanggal: '2026-02-30' }).success).toBe(false);
    expect(penyerahanInputSchema.safeParse({ ...base, pertamaNip: '1975 0312' }).error?.issues[0]?.message).toContain('18 angka');
  });
  it('needs a reason to cancel a receipt and at least one recipient to add', () => {
    expect(setReceiptSchema.safeParse({ penerimaId: 1, status: 'batal', alasan: '' }).success).toBe(false);
    expect(setReceiptSchema.safeParse({ penerimaId: 1, status: 'diterima' }).success).toBe(false);
    expect(addRecipientsSchema.safeParse({ penyerahanId: 1 }).success).toBe(false);
  });
});

describe('photo type by content', () => {
  it('accepts JPEG and PNG signatures only', () => {
    expect(imageMime(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg');
    expect(imageMime(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(imageMime(new TextEncoder().encode('<svg onload=alert(1)>'))).toBeNull();
  });
});
