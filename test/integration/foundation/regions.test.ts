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

  it('matches short forms and level words, and the office\'s own aliases only where they are given', () => {
    const kec = regions.match('MB Ketapang', { within: '62.02', levels: ['kecamatan'] });
    expect(kec).toMatchObject({ region: { kode: '62.02.06' }, via: 'short' });
    expect(regions.match('Kel. Mentawa Baru Hulu', { within: '62.02.06' })).toMatchObject({ region: { kode: '62.02.06.1001' }, via: 'exact' });
    expect(regions.match('Ds. MB Hilir', { within: '62.02.06' }).region?.kode).toBe('62.02.06.1002');
    expect(regions.match('Soengai Ubar Mandiiri', { within: '62.02.13' }).region?.kode).toBe('62.02.13.2011');
    const office = new Map([['pasirputi', ['62.02.06.1009']]]);
    expect(regions.match('Pasir Puti', { within: '62.02.06' }).region).toBeNull();
    expect(regions.match('PASIR PUTI', { within: '62.02.06', aliases: office })).toMatchObject({ region: { kode: '62.02.06.1009' }, via: 'alias' });
    // An alias of a desa in another kecamatan is not a match here.
    expect(regions.match('Pasir Puti', { within: '62.02.05', aliases: office }).region).toBeNull();
  });

  it('ranks suggestions by closeness within the kecamatan, then the kabupaten, best first', () => {
    const near = regions.suggest('Pasir Puti', { within: '62.02.06', limit: 5 });
    expect(near[0]).toMatchObject({ region: { nama: 'Pasir Putih' } });
    expect(near[0]!.score).toBeGreaterThan(0.85);
    expect(near.map((r) => r.score)).toEqual([...near.map((r) => r.score)].sort((a, b) => b - a));
    // Typed under the wrong kecamatan (Baamang): the kabupaten-wide match is offered, slightly lower.
    const wrongKec = regions.suggest('Pasir Putih', { within: '62.02.05', wider: '62.02', levels: ['kelurahan', 'desa'], limit: 5 });
    const far = wrongKec.find((r) => r.region.kode === '62.02.06.1009');
    expect(far?.score).toBeCloseTo(0.95, 2);
    expect(wrongKec[0]?.region.kode).toBe('62.02.06.1009');
    // A known variant scores through its alias: BPS's "Tumbang Turung" is Tumbang Torung.
    expect(regions.suggest('Tumbang Turunk', { within: '62.02.15', limit: 1 })[0]?.region.kode).toBe('62.02.15.2012');
    expect(regions.suggest('', { within: '62.02.06', limit: 5 })).toEqual([]);
  });

  it('bridges BPS 2018 codes to Kemendagri codes', () => {
    expect(regions.fromBps('6202110')?.kode).toBe('62.02.01');
  });
});
