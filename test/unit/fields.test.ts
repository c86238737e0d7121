import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  dateField,
  desaKodeField,
  isoDate,
  kabKotaKodeField,
  kecamatanKodeField,
  kecamatanOrDesaField,
  nikField,
  nikLookupField,
  nikOptionalField,
  normalizeRegionCode,
  noHpField,
  noKkField,
  regionCodeField,
  rtRwField,
  rupiahField,
} from '../../shared/api/fields';
import { contract } from '../../shared/api/contract';

/** The value a field keeps, or the first message a clerk would read. */
function check(schema: z.ZodType, value: unknown): { ok: unknown } | { message: string } {
  const r = schema.safeParse(value);
  return r.success ? { ok: r.data } : { message: r.error.issues[0]!.message };
}

// A NIK and a No KK of Kotawaringin Timur that pass the structural rules (woman born 12-04-1985).
const NIK = '6202055204850003';
const NO_KK = '6202051504100007';

describe('shared field rules', () => {
  it.each([
    ['2024-05-03', { ok: '2024-05-03' }],
    [' 2024-05-03 ', { ok: '2024-05-03' }],
    ['2024-02-29', { ok: '2024-02-29' }],
    ['2023-02-29', { message: 'Tanggal bukan tanggal yang ada.' }],
    ['2024-02-30', { message: 'Tanggal bukan tanggal yang ada.' }],
    ['2024-13-45', { message: 'Tanggal bukan tanggal yang ada.' }],
    ['2024-04-31', { message: 'Tanggal bukan tanggal yang ada.' }],
    ['2024-00-10', { message: 'Tanggal bukan tanggal yang ada.' }],
    ['03/05/2024', { message: 'Tanggal tidak valid (format tanggal dd/mm/yyyy).' }],
    ['2024-05-03T10:00', { message: 'Tanggal tidak valid (format tanggal dd/mm/yyyy).' }],
    ['2024-5-3', { message: 'Tanggal tidak valid (format tanggal dd/mm/yyyy).' }],
    ['', { message: 'Tanggal tidak valid (format tanggal dd/mm/yyyy).' }],
    [20240503, { message: 'Tanggal wajib diisi.' }],
  ])('isoDate %j → %j', (value, want) => expect(check(isoDate, value)).toEqual(want));

  it('names the field in a date message', () => {
    expect(check(dateField('Tanggal lahir'), '1990-02-30')).toEqual({ message: 'Tanggal lahir bukan tanggal yang ada.' });
    expect(check(dateField('Tanggal SK'), undefined)).toEqual({ message: 'Tanggal SK wajib diisi.' });
  });

  it.each([
    [NIK, { ok: NIK }],
    ['6202 0552 0485 0003', { ok: NIK }],
    ['6202.05.520485.0003', { ok: NIK }],
    ['620205520485000', { message: 'NIK harus 16 digit (tertulis 15 digit).' }],
    ['6202055204850000', { message: expect.stringMatching(/contoh\/palsu/) }],
    ['6202053204850003', { message: expect.stringMatching(/^Bagian tanggal lahir NIK \(320485\)/) }],
    ['9902055204850003', { message: expect.stringMatching(/provinsi/i) }],
    ['62020552O4850003', { message: expect.stringMatching(/O\/I\/l/) }],
    ['6.20205520485E+15', { message: expect.stringMatching(/Excel/) }],
  ])('nikField %s → %j', (value, want) => expect(check(nikField, value)).toEqual(want));

  it('nikOptionalField: empty is null, given is checked', () => {
    expect(check(nikOptionalField, '')).toEqual({ ok: null });
    expect(check(nikOptionalField, null)).toEqual({ ok: null });
    expect(check(nikOptionalField, '6202-0552-0485-0003')).toEqual({ ok: NIK });
    expect(check(nikOptionalField, '6202055204850000')).toEqual({ message: expect.stringMatching(/contoh\/palsu/) });
  });

  it('nikLookupField: 16 digits to find a registered person', () => {
    expect(check(nikLookupField, ` ${NIK} `)).toEqual({ ok: NIK });
    expect(check(nikLookupField, '6202')).toEqual({ message: 'NIK harus 16 angka.' });
    expect(check(nikLookupField, '62020552048500031')).toEqual({ message: 'NIK harus 16 angka.' });
  });

  it.each([
    [NO_KK, { ok: NO_KK }],
    ['6202 0515 0410 0007', { ok: NO_KK }],
    ['62020515041000', { message: 'No KK harus 16 digit (tertulis 14 digit).' }],
    ['6202050000000000', { message: expect.stringMatching(/contoh\/palsu/) }],
  ])('noKkField %s → %j', (value, want) => expect(check(noKkField, value)).toEqual(want));

  it.each([
    ['0812-3456-7890', { ok: '081234567890' }],
    ['+62 812 3456 7890', { ok: '081234567890' }],
    ['6281234567890', { ok: '081234567890' }],
    ['', { ok: null }],
    [null, { ok: null }],
    ['08123', { message: 'Nomor HP tidak dikenali. Tulis 08… atau +62…' }],
    ['+1 202 555 0100', { message: 'Nomor HP tidak dikenali. Tulis 08… atau +62…' }],
  ])('noHpField %j → %j', (value, want) => expect(check(noHpField, value)).toEqual(want));

  it.each([
    [0, { ok: 0 }],
    [1_500_000, { ok: 1_500_000 }],
    [100_000_000_000, { ok: 100_000_000_000 }],
    [100_000_000_001, { message: 'Nilai terlalu besar.' }],
    [-1, { message: 'Nilai tidak boleh negatif.' }],
    [1500.5, { message: 'Nilai dalam Rupiah tanpa sen.' }],
    ['1500000', { message: 'Nilai harus angka.' }],
    [Number.NaN, { message: 'Nilai harus angka.' }],
  ])('rupiahField %j → %j', (value, want) => expect(check(rupiahField(), value)).toEqual(want));

  it('names the amount and its ceiling', () => {
    expect(check(rupiahField('Batas meterai', 1_000_000_000), 2_000_000_000)).toEqual({ message: 'Batas meterai terlalu besar.' });
    expect(check(rupiahField('Batas meterai', 1_000_000_000), -5)).toEqual({ message: 'Batas meterai tidak boleh negatif.' });
  });

  it.each([
    ['004', { ok: '004' }],
    [' 12 ', { ok: '12' }],
    ['', { ok: '' }],
    [undefined, { ok: '' }],
    ['1234', { message: 'RT berupa angka (mis. 004).' }],
    ['RT 4', { message: 'RT berupa angka (mis. 004).' }],
  ])('rtRwField RT %j → %j', (value, want) => expect(check(rtRwField('RT'), value)).toEqual(want));

  it('RW says RW', () => expect(check(rtRwField('RW'), 'dua')).toEqual({ message: 'RW berupa angka (mis. 002).' }));

  it.each([
    [regionCodeField, '62.02.01.2001', true],
    [regionCodeField, '6202012001', true],
    [regionCodeField, '62', true],
    [regionCodeField, '62.0', false],
    [regionCodeField, 'Kotim', false],
    [desaKodeField, '62.02.01.2001', true],
    [desaKodeField, '62.02.01', false],
    [kecamatanKodeField, '62.02.01', true],
    [kecamatanKodeField, '62.02.01.2001', false],
    [kecamatanOrDesaField, '62.02.01', true],
    [kecamatanOrDesaField, '62.02.01.2001', true],
    [kecamatanOrDesaField, '62.02', false],
    [kabKotaKodeField, '62.02', true],
    [kabKotaKodeField, '6202', false],
  ] as const)('region code %#: %s → %s', (schema, value, ok) => expect(schema.safeParse(value).success).toBe(ok));

  it.each([
    ['6202012001', '62.02.01.2001'],
    ['62.02.01.2001', '62.02.01.2001'],
    [' 62 02 ', '62.02'],
    ['62', '62'],
    ['620', null],
    ['62.02.01.200', null],
    ['Kotim', null],
  ])('normalizeRegionCode %j → %j', (raw, want) => expect(normalizeRegionCode(raw)).toBe(want));

  it('every date field of the contract is the strict one: an impossible date is refused by every call', () => {
    // Walk every call's input; wherever a field accepts '2024-05-03' it must refuse '2024-02-30'.
    const loose: string[] = [];
    const walked: string[] = [];
    for (const [feature, calls] of Object.entries(contract)) {
      for (const [name, def] of Object.entries(calls as Record<string, { input: z.ZodType }>)) {
        for (const path of dateLikeFields(def.input)) {
          walked.push(`${feature}.${name}: ${path.join('.')}`);
          const accepts = (v: string) => def.input.safeParse(setPath(path, v)).error?.issues.some((i) => i.path.join('.') === path.join('.')) !== true;
          if (accepts('2024-05-03') && accepts('2024-02-30')) loose.push(`${feature}.${name}: ${path.join('.')}`);
        }
      }
    }
    expect(loose).toEqual([]);
    // The walk reaches the dates of every feature that had its own copy of the rule.
    expect(walked).toEqual(expect.arrayContaining(['registry.setStatus: tanggal', 'registry.addAnggota: anggota.tanggalLahir', 'audit.list: filter.from', 'exports.run: filters.dari', 'interventions.create: tanggal', 'meetings.saveMeeting: tanggal', 'handovers.receiveAll: tanggal']));
  });
});

/** Paths of the object fields whose name says it holds a date (tanggal…, dari, sampai, from, to, …Tanggal). */
function dateLikeFields(schema: z.ZodType, prefix: string[] = []): string[][] {
  const shape = objectShape(schema);
  if (!shape) return [];
  return Object.entries(shape).flatMap(([key, child]) => {
    const path = [...prefix, key];
    if (/^(tanggal|dari|sampai|from|to)$|Tanggal$|^tanggal/.test(key)) return [path];
    return dateLikeFields(child, path);
  });
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | null {
  let s = schema as unknown as { shape?: Record<string, z.ZodType>; def?: { innerType?: unknown; in?: unknown; schema?: unknown; options?: unknown[] } };
  for (let i = 0; i < 8 && s && !s.shape; i++) {
    const d = s.def;
    const next = d?.innerType ?? d?.in ?? d?.schema;
    if (!next) break;
    s = next as typeof s;
  }
  return s?.shape ?? null;
}

function setPath(path: string[], value: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let cur = root;
  path.forEach((k, i) => {
    if (i === path.length - 1) cur[k] = value;
    else cur = (cur[k] = {}) as Record<string, unknown>;
  });
  return root;
}
