import { describe, expect, it } from 'vitest';
import { normalizeIdNumber, validateNik, validateNoKk } from '../../../shared/domain/nik';

const today = new Date(2024, 5, 1); // 1 June 2024
const codes = (ps: Array<{ code: string }>) => ps.map((p) => p.code);

describe('normalizeIdNumber', () => {
  it.each([
    ['6202010305900001', '6202010305900001'],
    ["'6202010305900001", '6202010305900001'],
    ['\u20186202010305900001', '6202010305900001'],
    ['  6202 0103 0590 0001  ', '6202010305900001'],
    ['6202.01.030590.0001', '6202010305900001'],
    ['6202-0103-0590-0001', '6202010305900001'],
    ['"6202010305900001"', '6202010305900001'],
    ["' 6202010305900001", '6202010305900001'],
    ['6202\u00a0010305900001', '6202010305900001'],
  ])('%j → %s', (raw, digits) => {
    expect(normalizeIdNumber(raw)).toEqual({ digits, problem: null });
  });

  it('keeps short/long digit strings (length is checked by the validators)', () => {
    expect(normalizeIdNumber('123')).toEqual({ digits: '123', problem: null });
  });

  it('empty → no digits, no problem', () => {
    expect(normalizeIdNumber('')).toEqual({ digits: null, problem: null });
    expect(normalizeIdNumber('   ')).toEqual({ digits: null, problem: null });
    expect(normalizeIdNumber("'")).toEqual({ digits: null, problem: null });
    expect(normalizeIdNumber(null)).toEqual({ digits: null, problem: null });
    expect(normalizeIdNumber(undefined)).toEqual({ digits: null, problem: null });
  });

  it('numbers from Excel are refused, never repaired', () => {
    const r = normalizeIdNumber(6202010305900001);
    expect(r.digits).toBeNull();
    expect(r.problem?.code).toBe('STORED_AS_NUMBER');
    expect(r.problem?.message).toContain('Teks');
    expect(r.problem?.message).toContain('15 digit');
    expect(normalizeIdNumber(6.20201e15).problem?.code).toBe('STORED_AS_NUMBER');
  });

  it.each(['6.20201E+15', '6,20201E+15', '6.20201030590000e+15', ' 6.20201E+15 ', "'6.20201E+15", '6.2E15'])(
    'scientific notation %j → STORED_AS_NUMBER',
    (raw) => {
      expect(normalizeIdNumber(raw)).toMatchObject({ digits: null, problem: { code: 'STORED_AS_NUMBER' } });
    },
  );

  it('letters → ID_CHARS naming the bad characters', () => {
    const r = normalizeIdNumber('62020103O5900001');
    expect(r.digits).toBeNull();
    expect(r.problem?.code).toBe('ID_CHARS');
    expect(r.problem?.message).toContain('O');
    expect(normalizeIdNumber({}).problem?.code).toBe('ID_CHARS');
  });
});

describe('validateNik', () => {
  it('parses a valid male NIK', () => {
    expect(validateNik('6202010305900001', { today })).toEqual({
      value: '6202010305900001',
      info: {
        provinsi: '62',
        kabKota: '62.02',
        kecamatan: '62.02.01',
        birthDate: '1990-05-03',
        sex: 'L',
        serial: '0001',
      },
      errors: [],
      warnings: [],
    });
  });

  it('woman: day + 40', () => {
    const r = validateNik('6202014305900002', { today });
    expect(r.errors).toEqual([]);
    expect(r.info?.sex).toBe('P');
    expect(r.info?.birthDate).toBe('1990-05-03');
    const r71 = validateNik('6271017112850005', { today });
    expect(r71.info?.sex).toBe('P');
    expect(r71.info?.birthDate).toBe('1985-12-31');
    expect(r71.info?.kabKota).toBe('62.71');
  });

  it('accepts what operators type', () => {
    for (const raw of ["'6202010305900001", ' 6202 0103 0590 0001 ', '6202.01.030590.0001']) {
      const r = validateNik(raw, { today });
      expect(r.value).toBe('6202010305900001');
      expect(r.errors).toEqual([]);
    }
  });

  it('29 February in leap and non-leap years', () => {
    expect(validateNik('6202012902000003', { today }).info?.birthDate).toBe('2000-02-29');
    expect(validateNik('6202016902000004', { today }).info).toMatchObject({ birthDate: '2000-02-29', sex: 'P' });
    expect(validateNik('6202012902960001', { today }).info?.birthDate).toBe('1996-02-29');
    expect(codes(validateNik('6202012902010001', { today }).errors)).toEqual(['NIK_DATE']);
    expect(codes(validateNik('6202016902010001', { today }).errors)).toEqual(['NIK_DATE']);
  });

  it.each([
    ['6202010005900001', 'day 00'],
    ['6202013205900001', 'day 32'],
    ['6202014005900001', 'day 40'],
    ['6202017205900001', 'day 72'],
    ['6202010313900001', 'month 13'],
    ['6202010300900001', 'month 00'],
    ['6202013104900001', '31 April'],
    ['6202017104900001', '31 April (woman)'],
  ])('%s (%s) → NIK_DATE', (nik) => {
    const r = validateNik(nik, { today });
    expect(codes(r.errors)).toEqual(['NIK_DATE']);
    expect(r.value).toBeNull();
    expect(r.info).toBeNull();
  });

  it('two-digit year: century so that the date is not in the future', () => {
    expect(validateNik('6202010101250001', { today }).info?.birthDate).toBe('1925-01-01');
    expect(validateNik('6202010106240001', { today }).info?.birthDate).toBe('2024-06-01');
    expect(validateNik('6202010206240001', { today }).info?.birthDate).toBe('1924-06-02');
    expect(validateNik('6202011508230001', { today }).info?.birthDate).toBe('2023-08-15');
    expect(validateNik('6202011508230001', { today: new Date(2023, 7, 14) }).info?.birthDate).toBe('1923-08-15');
  });

  it('a given birth date with the same dd-mm-yy settles the century', () => {
    const r = validateNik('6202011501150001', { today, birthDate: '1915-01-15' });
    expect(r.info?.birthDate).toBe('1915-01-15');
    expect(r.warnings).toEqual([]);
    expect(validateNik('6202011501150001', { today }).info?.birthDate).toBe('2015-01-15');
  });

  it.each([
    ['0002010305900001', 'province 00'],
    ['6200010305900001', 'kab/kota 00'],
    ['9902010305900001', 'unknown province 99'],
    ['2002010305900001', 'unknown province 20'],
  ])('%s (%s) → NIK_REGION', (nik) => {
    expect(codes(validateNik(nik, { today }).errors)).toEqual(['NIK_REGION']);
  });

  it.each([
    ['1111111111111111', ['NIK_FAKE']],
    ['1234567890123456', ['NIK_DATE', 'NIK_FAKE']],
    ['9876543210987654', ['NIK_REGION', 'NIK_DATE', 'NIK_FAKE']],
    ['6202010305900000', ['NIK_FAKE']],
    ['3232323232323232', ['NIK_DATE', 'NIK_FAKE']],
  ])('fake %s → %j', (nik, expected) => {
    const r = validateNik(nik, { today });
    expect(codes(r.errors)).toEqual(expected);
    expect(r.value).toBeNull();
  });

  it('Excel numbers and scientific notation', () => {
    const r = validateNik(6202010305900001, { today });
    expect(codes(r.errors)).toEqual(['STORED_AS_NUMBER']);
    expect(r.value).toBeNull();
    expect(codes(validateNik('6.20201E+15', { today }).errors)).toEqual(['STORED_AS_NUMBER']);
  });

  it('length, characters, empty', () => {
    const short = validateNik('620201030590001', { today });
    expect(codes(short.errors)).toEqual(['NIK_LENGTH']);
    expect(short.errors[0]?.message).toContain('15 digit');
    expect(codes(validateNik('62020103059000011', { today }).errors)).toEqual(['NIK_LENGTH']);
    expect(codes(validateNik('62020103O5900001', { today }).errors)).toEqual(['NIK_CHARS']);
    expect(codes(validateNik('', { today }).errors)).toEqual(['NIK_EMPTY']);
    expect(codes(validateNik(null, { today }).errors)).toEqual(['NIK_EMPTY']);
  });

  it('other region is a warning only', () => {
    const r = validateNik('6271014305900002', { today, officeKabKota: '62.02' });
    expect(r.value).toBe('6271014305900002');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      { code: 'NIK_OTHER_REGION', message: 'NIK terdaftar pertama di wilayah lain (6271); ini hanya peringatan.' },
    ]);
    expect(validateNik('6202014305900002', { today, officeKabKota: '62.02' }).warnings).toEqual([]);
    expect(validateNik('6202014305900002', { today, officeKabKota: '6202' }).warnings).toEqual([]);
  });

  it('sex and birth date mismatches are warnings', () => {
    const r = validateNik('6202010305900001', { today, sex: 'P', birthDate: '1990-05-04' });
    expect(r.value).toBe('6202010305900001');
    expect(codes(r.warnings)).toEqual(['NIK_SEX_MISMATCH', 'NIK_BIRTHDATE_MISMATCH']);
    expect(r.warnings[0]?.message).toContain('Laki-laki');
    expect(validateNik('6202010305900001', { today, sex: 'L', birthDate: '1990-05-03' }).warnings).toEqual([]);
    expect(validateNik('6202010305900001', { today, sex: null, birthDate: null }).warnings).toEqual([]);
    expect(codes(validateNik('6202010305900001', { today, birthDate: '1991-05-03' }).warnings)).toEqual([
      'NIK_BIRTHDATE_MISMATCH',
    ]);
  });
});

describe('validateNoKk', () => {
  it('valid', () => {
    expect(validateNoKk('6202012003150001')).toEqual({ value: '6202012003150001', errors: [], warnings: [] });
    expect(validateNoKk("'6202 0120 0315 0001").value).toBe('6202012003150001');
  });
  it.each([
    [6202012003150001, ['STORED_AS_NUMBER']],
    ['6.20201E+15', ['STORED_AS_NUMBER']],
    ['620201200315', ['KK_LENGTH']],
    ['KK6202012003150001', ['KK_CHARS']],
    ['', ['KK_EMPTY']],
    ['0002012003150001', ['KK_REGION']],
    ['6200012003150001', ['KK_REGION']],
    ['6202010000000000', ['KK_FAKE']],
    ['1111111111111111', ['KK_FAKE']],
    ['1234567890123456', ['KK_FAKE']],
  ])('%j → %j', (raw, expected) => {
    const r = validateNoKk(raw);
    expect(codes(r.errors)).toEqual(expected);
    expect(r.value).toBeNull();
  });
});
