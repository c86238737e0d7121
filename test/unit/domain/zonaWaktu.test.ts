import { describe, expect, it } from 'vitest';
import { waktuDiZona, zonaWaktuProvinsi } from '../../../shared/domain/zonaWaktu';

describe('the office time zone follows from the province', () => {
  it('WIB for Sumatra, Java, West and Central Kalimantan; WITA for Bali, Nusa Tenggara, the rest of Kalimantan and Sulawesi; WIT for Maluku and Papua', () => {
    const zone = (k: string) => zonaWaktuProvinsi(k).label;
    for (const k of ['11', '12', '19', '21', '31', '36', '61', '62']) expect(zone(k), k).toBe('WIB');
    for (const k of ['51', '52', '53', '63', '64', '65', '71', '73', '75', '76']) expect(zone(k), k).toBe('WITA');
    for (const k of ['81', '82', '91', '92', '93', '96']) expect(zone(k), k).toBe('WIT');
    expect(zone('62.02')).toBe('WIB');
  });

  it('reads an instant as the wall clock of the zone, across midnight', () => {
    expect(waktuDiZona('2024-06-01T03:05:09Z', zonaWaktuProvinsi('62'))).toEqual({ tanggal: '2024-06-01', jam: '10:05', detik: '09' });
    expect(waktuDiZona(new Date('2024-06-01T16:30:00Z'), zonaWaktuProvinsi('73'))).toEqual({ tanggal: '2024-06-02', jam: '00:30', detik: '00' });
    expect(waktuDiZona('2024-12-31T15:00:00.000Z', zonaWaktuProvinsi('91')).tanggal).toBe('2025-01-01');
  });
});
