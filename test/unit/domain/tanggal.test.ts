import { describe, expect, it } from 'vitest';
import {
  NAMA_BULAN,
  NAMA_HARI,
  formatTanggal,
  formatTanggalPanjang,
  isoToday,
  namaHari,
  parseTanggal,
  tanggalDalamKata,
} from '../../../shared/domain/tanggal';

describe('names', () => {
  it('months and days', () => {
    expect(NAMA_BULAN).toHaveLength(12);
    expect(NAMA_BULAN[0]).toBe('Januari');
    expect(NAMA_BULAN[4]).toBe('Mei');
    expect(NAMA_BULAN[7]).toBe('Agustus');
    expect(NAMA_BULAN[11]).toBe('Desember');
    expect(NAMA_HARI).toEqual(['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu']);
  });
});

describe('formatTanggal / formatTanggalPanjang', () => {
  it('formats dd/mm/yyyy', () => {
    expect(formatTanggal('2024-05-03')).toBe('03/05/2024');
    expect(formatTanggal('1945-08-17')).toBe('17/08/1945');
    expect(formatTanggal('2024-05-03 10:11:12')).toBe('03/05/2024');
    expect(formatTanggal('2024-05-03T23:00:00Z')).toBe('03/05/2024');
  });
  it('empty and invalid input', () => {
    expect(formatTanggal(null)).toBe('');
    expect(formatTanggal(undefined)).toBe('');
    expect(formatTanggal('')).toBe('');
    expect(formatTanggal('bukan tanggal')).toBe('bukan tanggal');
    expect(formatTanggal('2023-02-29')).toBe('2023-02-29');
  });
  it('formats the long form', () => {
    expect(formatTanggalPanjang('2024-05-03')).toBe('3 Mei 2024');
    expect(formatTanggalPanjang('2022-11-17')).toBe('17 November 2022');
    expect(formatTanggalPanjang('2000-02-29')).toBe('29 Februari 2000');
    expect(formatTanggalPanjang('')).toBe('');
  });
});

describe('namaHari', () => {
  it.each([
    ['2024-05-03', 'Jumat'],
    ['2024-02-29', 'Kamis'],
    ['2000-02-29', 'Selasa'],
    ['1945-08-17', 'Jumat'],
    ['2024-08-17', 'Sabtu'],
    ['2023-01-01', 'Minggu'],
    ['2024-01-01', 'Senin'],
    ['2025-12-31', 'Rabu'],
  ])('%s is %s', (iso, hari) => {
    expect(namaHari(iso)).toBe(hari);
  });
  it('throws on dates that do not exist', () => {
    expect(() => namaHari('2023-02-29')).toThrow(RangeError);
    expect(() => namaHari('1900-02-29')).toThrow(RangeError);
    expect(() => namaHari('03/05/2024')).toThrow(RangeError);
  });
});

describe('tanggalDalamKata', () => {
  it('writes the BAST opening date', () => {
    expect(tanggalDalamKata('2024-05-03')).toEqual({
      hari: 'Jumat',
      tanggal: 'tiga',
      bulan: 'Mei',
      tahun: 'dua ribu dua puluh empat',
      angka: '03-05-2024',
    });
  });
  it('leap day and older years', () => {
    expect(tanggalDalamKata('2000-02-29')).toEqual({
      hari: 'Selasa',
      tanggal: 'dua puluh sembilan',
      bulan: 'Februari',
      tahun: 'dua ribu',
      angka: '29-02-2000',
    });
    expect(tanggalDalamKata('1999-12-31')).toEqual({
      hari: 'Jumat',
      tanggal: 'tiga puluh satu',
      bulan: 'Desember',
      tahun: 'seribu sembilan ratus sembilan puluh sembilan',
      angka: '31-12-1999',
    });
    expect(tanggalDalamKata('2024-11-11').tanggal).toBe('sebelas');
    expect(tanggalDalamKata('2024-11-01').tanggal).toBe('satu');
  });
  it('throws on 29 February of a non-leap year', () => {
    expect(() => tanggalDalamKata('2023-02-29')).toThrow(RangeError);
    expect(() => tanggalDalamKata('2100-02-29')).toThrow(RangeError);
  });
});

describe('isoToday', () => {
  it('uses the local calendar day', () => {
    expect(isoToday(new Date(2024, 4, 3, 23, 59))).toBe('2024-05-03');
    expect(isoToday(new Date(2024, 0, 1, 0, 0))).toBe('2024-01-01');
    expect(isoToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('parseTanggal', () => {
  it('reads UTC-midnight Dates from exceljs', () => {
    expect(parseTanggal(new Date(Date.UTC(2000, 0, 31)))).toBe('2000-01-31');
    expect(parseTanggal(new Date(Date.UTC(2000, 1, 29)))).toBe('2000-02-29');
    expect(parseTanggal(new Date('2024-05-03T00:00:00.000Z'))).toBe('2024-05-03');
  });
  it('reads local-midnight Dates with local parts', () => {
    expect(parseTanggal(new Date(2024, 4, 3))).toBe('2024-05-03');
  });
  it('in WIB (UTC+7) and west of UTC: exceljs UTC-midnight and date-picker local-midnight Dates give the same day', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Jakarta';
    try {
      const localMidnight = new Date(2024, 4, 3);
      expect(localMidnight.toISOString()).toBe('2024-05-02T17:00:00.000Z'); // guard: TZ switch took effect
      expect(parseTanggal(localMidnight)).toBe('2024-05-03');
      expect(parseTanggal(new Date(Date.UTC(2024, 4, 3)))).toBe('2024-05-03');
      expect(isoToday(new Date(Date.UTC(2024, 4, 2, 18)))).toBe('2024-05-03');
      // West of UTC an exceljs UTC-midnight Date is the previous evening locally: UTC parts must win.
      process.env.TZ = 'America/New_York';
      expect(new Date(Date.UTC(2024, 4, 3)).getDate()).toBe(2); // guard
      expect(parseTanggal(new Date(Date.UTC(2024, 4, 3)))).toBe('2024-05-03');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
  it('rejects invalid Dates', () => {
    expect(parseTanggal(new Date('nope'))).toBeNull();
  });

  it.each([
    [36556, '2000-01-31'],
    [43831, '2020-01-01'],
    [45000, '2023-03-15'],
    [36556.75, '2000-01-31'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [2958465, '9999-12-31'],
  ])('Excel serial %d → %s', (serial, iso) => {
    expect(parseTanggal(serial)).toBe(iso);
  });
  it('guards Excel serial ranges', () => {
    expect(parseTanggal(60)).toBeNull(); // Excel's phantom 1900-02-29
    expect(parseTanggal(0)).toBeNull();
    expect(parseTanggal(-5)).toBeNull();
    expect(parseTanggal(2958466)).toBeNull();
    expect(parseTanggal(Number.NaN)).toBeNull();
    expect(parseTanggal(6202010305900001)).toBeNull();
  });

  it.each([
    ['31/01/2000', '2000-01-31'],
    ['31-01-2000', '2000-01-31'],
    ['31.01.2000', '2000-01-31'],
    ['2000-01-31', '2000-01-31'],
    ['2000/01/31', '2000-01-31'],
    ['2000-01-31T00:00:00Z', '2000-01-31'],
    ['2000-01-31 00:00:00', '2000-01-31'],
    ['31 Januari 2000', '2000-01-31'],
    ['31 Jan 2000', '2000-01-31'],
    ['31-Jan-2000', '2000-01-31'],
    ['31 jan. 2000', '2000-01-31'],
    ['  31   JANUARI   2000 ', '2000-01-31'],
    ['31 january 2000', '2000-01-31'],
    ['1/2/2000', '2000-02-01'],
    ['12/01/2000', '2000-01-12'],
    ['03/05/2024', '2024-05-03'],
    ['3 Mei 2024', '2024-05-03'],
    ['3 May 2024', '2024-05-03'],
    ['3-mei-2024', '2024-05-03'],
    ['17 Agustus 1945', '1945-08-17'],
    ['17 Aug 1945', '1945-08-17'],
    ['17 agt 1945', '1945-08-17'],
    ['17-Agu-1945', '1945-08-17'],
    ['1 Oktober 2020', '2020-10-01'],
    ['1 Okt 2020', '2020-10-01'],
    ['1 Oct 2020', '2020-10-01'],
    ['25 Desember 2023', '2023-12-25'],
    ['25 Des 2023', '2023-12-25'],
    ['25 Dec 2023', '2023-12-25'],
    ['10 Pebruari 1990', '1990-02-10'],
    ['10 Nopember 1990', '1990-11-10'],
    ['5 Maret 1970', '1970-03-05'],
    ['5 Mar 1970', '1970-03-05'],
    ['9 Sept 1999', '1999-09-09'],
    ['Jumat, 3 Mei 2024', '2024-05-03'],
    ['29/02/2000', '2000-02-29'],
    ['29 Februari 2024', '2024-02-29'],
  ])('string %j → %s', (text, iso) => {
    expect(parseTanggal(text)).toBe(iso);
  });

  it.each([
    '29/02/2001',
    '29 Februari 1900',
    '2023-02-29',
    '31/04/2000',
    '32/01/2000',
    '13/13/2000',
    '01/31/2000', // month-first is never assumed
    '31/01/00', // two-digit year: century would be a guess
    '31 Foo 2000',
    'Senin, 3 Mei 2024', // 3 May 2024 was a Friday
    'besok',
    '',
    '   ',
  ])('string %j → null', (text) => {
    expect(parseTanggal(text)).toBeNull();
  });

  it('other types → null', () => {
    expect(parseTanggal(null)).toBeNull();
    expect(parseTanggal(undefined)).toBeNull();
    expect(parseTanggal(true)).toBeNull();
    expect(parseTanggal({ year: 2000 })).toBeNull();
  });
});

describe('parseTanggal on compact ASCII text (the fast path, issue 20)', () => {
  it('reads it as the full Unicode and whitespace passes read it (a trailing space takes those)', () => {
    const cells = ['31-01-2000', '2000-01-31', '2000/1/31', '31.01.2000', '1/2/2000', '31-Jan-2000', '31/Mei/2000', '3-MEI-2024', '29-02-2001',
      '2000-01-31T10:00:00Z', '31-01-00', 'Jum`at,3-mei-2024', 'x', '-', '', '00-00-0000', '31-13-2000'];
    for (const c of cells) expect(parseTanggal(c), c).toBe(parseTanggal(`${c} `));
    expect(parseTanggal('31-01-2000')).toBe('2000-01-31');
    expect(parseTanggal('31-Jan-2000')).toBe('2000-01-31');
  });
});
