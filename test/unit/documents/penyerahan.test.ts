import { describe, expect, it } from 'vitest';
import {
  aggregateItems,
  alamatLengkap,
  jumlahPerSatuan,
  totalItems,
  totalNilai,
  uraianItems,
} from '../../../electron/core/documents/penyerahan';
import { PENERIMA } from './fixtures';

const SEMBAKO = { nama: 'Paket Sembako', jumlah: 1, satuan: 'Paket', nilai: 300_000 };
const BERAS = { nama: 'Beras', jumlah: 10, satuan: 'Kg', nilai: 140_000 };

describe('items of a handover', () => {
  it('sums the common items over every recipient, a recipient’s own items replacing them', () => {
    const penerima = [PENERIMA[0]!, { ...PENERIMA[1]!, items: [{ ...BERAS, jumlah: 20, nilai: 280_000 }] }, PENERIMA[2]!];
    const all = totalItems(penerima, [SEMBAKO, BERAS]);
    expect(all).toEqual([
      { nama: 'Paket Sembako', jumlah: 2, satuan: 'Paket', nilai: 600_000 },
      { nama: 'Beras', jumlah: 40, satuan: 'Kg', nilai: 560_000 },
    ]);
    expect(totalNilai(all)).toBe(1_160_000);
    expect(jumlahPerSatuan(all)).toBe('2 Paket, 40 Kg');
  });

  it('merges lines with the same name and unit regardless of case', () => {
    expect(aggregateItems([[BERAS], [{ ...BERAS, nama: 'beras ' }]])).toEqual([{ ...BERAS, jumlah: 20, nilai: 280_000 }]);
  });

  it('describes quantities in figures and words', () => {
    expect(uraianItems([{ nama: 'Kaki Palsu', jumlah: 1, satuan: 'Unit', nilai: 1 }])).toBe('1 (Satu) Unit Kaki Palsu');
    expect(uraianItems([SEMBAKO, BERAS, { nama: 'Minyak Goreng', jumlah: 2, satuan: 'Liter', nilai: 1 }])).toBe(
      '1 (Satu) Paket Sembako, 10 (Sepuluh) Kg Beras dan 2 (Dua) Liter Minyak Goreng',
    );
  });

  it('writes the address with RT/RW, desa and kecamatan', () => {
    expect(alamatLengkap(PENERIMA[0]!)).toBe('Jl. Tjilik Riwut Gg. Melati No. 12, RT 004/RW 002, Desa/Kel. Baamang Hulu, Kec. Baamang');
    expect(alamatLengkap({ ...PENERIMA[0]!, rt: undefined, rw: undefined })).not.toContain('RT');
  });
});
