import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { ensureRegionsLoaded } from '../../../electron/core/regions/load';
import { normalizeRegionCode, RegionIndex } from '../../../electron/core/regions/regionIndex';
import type { Db } from '../../../electron/core/db/database';
import { RESOURCES, emptyDbPath as tempDbPath } from '../../helpers/webApp';

describe('region reference', () => {
  let db: Db;
  let regions: RegionIndex;
  beforeAll(async () => {
    db = await openDatabase(tempDbPath());
    expect(await ensureRegionsLoaded(db, RESOURCES)).toBe(91_599);
    regions = await RegionIndex.load(db);
  });
  afterAll(async () => db.destroy());

  it('loads all of Indonesia on first start, and only once (how fast: test/bench/regions.bench.ts)', async () => {
    const counts = await db.selectFrom('region').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').execute();
    const byLevel = Object.fromEntries(counts.map((c) => [c.level, Number(c.n)]));
    expect(byLevel).toMatchObject({ provinsi: 38, kecamatan: 7285 });
    expect(byLevel.kabupaten! + byLevel.kota!).toBe(514);
    expect(await ensureRegionsLoaded(db, RESOURCES)).toBe(0);
  });

  it('has Kotim with 17 kecamatan, 17 kelurahan and 168 desa', () => {
    const below = regions.descendants('62.02');
    expect(below.filter((r) => r.level === 'kecamatan')).toHaveLength(17);
    expect(below.filter((r) => r.level === 'kelurahan')).toHaveLength(17);
    expect(below.filter((r) => r.level === 'desa')).toHaveLength(168);
  });

  it('finds by code with or without dots, and gives the path', () => {
    expect(normalizeRegionCode('6202012001')).toBe('62.02.01.2001');
    expect(regions.get('620201')?.nama).toBe('Kota Besi');
    const village = regions.get('62.02.13.2011')!;
    expect(regions.path(village.kode).map((r) => r.nama)).toEqual(['Kalimantan Tengah', 'Kabupaten Kotawaringin Timur', 'Cempaga Hulu']);
  });

  it('searches by name regardless of case, spaces and level words', () => {
    const hits = regions.search({ q: '  KOTA besi ', levels: ['kecamatan'], limit: 5 });
    expect(hits[0]?.kode).toBe('62.02.01');
    const city = regions.search({ q: 'palangka raya', levels: ['kota'], limit: 5 });
    expect(city[0]?.kode).toBe('62.71');
  });

  it('tolerates the known spelling variants and typos', () => {
    const variant = regions.search({ q: 'Sungai Ubar Mandiri', within: '62.02', limit: 3 });
    expect(variant[0]?.kode).toBe('62.02.13.2011');
    const typo = regions.search({ q: 'Tumbang Penyahuan', within: '62.02', limit: 3 });
    expect(typo.map((r) => r.kode)).toContain('62.02.15.2004');
  });

  it('matches names from sheets exactly or by alias, never by guess, and suggests the closest', () => {
    expect(regions.match('DESA MEKARTI JAYA', { within: '62.02.09' }).region?.kode).toBe('62.02.09.2005');
    expect(regions.match('sungai   ubar mandiri', { within: '62.02.13' }).region?.kode).toBe('62.02.13.2011');
    const miss = regions.match('Makarti Jayaa', { within: '62.02.09' });
    expect(miss.region).toBeNull();
    expect(miss.suggestions[0]?.nama).toBe('Makarti Jaya');
    // A village of another kecamatan is not a match.
    expect(regions.match('Makarti Jaya', { within: '62.02.01' }).region).toBeNull();
  });

  it('bridges BPS 2018 codes to Kemendagri codes', () => {
    expect(regions.fromBps('6202110')?.kode).toBe('62.02.01');
  });
});
