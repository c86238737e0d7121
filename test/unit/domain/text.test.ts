import { describe, expect, it } from 'vitest';
import { closest, compactKey, normalizeKey, similarity } from '../../../shared/domain/text';

/** Every desa/kelurahan of Kab. Kotawaringin Timur (62.02) and Kota Palangka Raya (62.71), Kemendagri spelling. */
const DESA_KOTIM_PALANGKA: readonly string[] = [
  'Kota Besi Hulu', 'Kota Besi Hilir', 'Palangan', 'Hanjalipan', 'Simpur', 'Pamalian', 'Camba', 'Kandan', 'Bajarum',
  'Rasau Tumbuh', 'Soren', 'Rubung Buyung', 'Patai', 'Luwuk Ranggan', 'Jemaras', 'Cempaka Mulia Timur',
  'Cempaka Mulia Barat', 'Luwuk Bunter', 'Sungai Paring', 'Kuala Kuayan', 'Tangar', 'Baampah', 'Kawan Batu',
  'Tanjung Bantur', 'Penda Durian', 'Pahirangan', 'Satiung', 'Santilik', 'Tangka Robah', 'Pemantang',
  'Tumbang Sapiri', 'Bawan', 'Tanjung Jariangau', 'Kapuk', 'Pantap', 'Parenggean', 'Tehang', 'Kabuau',
  'Barunang Miri', 'Sumber Makmur', 'Mekar Jaya', 'Karang Tunggal', 'Bandar Agung', 'Beringin Tunggal Jaya',
  'Sari Harapan', 'Karang Sari', 'Bajarau', 'Bukit Harapan', 'Manjalin', 'Karya Bersama', 'Baamang Hilir',
  'Baamang Tengah', 'Baamang Hulu', 'Tanah Mas', 'Baamang Barat', 'Tinduk', 'Mentawa Baru Hulu',
  'Mentawa Baru Hilir', 'Ketapang', 'Sawahan', 'Pasir Putih', 'Pelangsian', 'Bapeang', 'Eka Bahurui', 'Telaga baru',
  'Bangkuang Makmur', 'Bapanggang Raya', 'Pondok Damar', 'Bagendang Hilir', 'Bagendang Tengah', 'Natai Baru',
  'Bagendang Hulu', 'Sumber Makmur', 'Bagendang Permai', 'Samuda Kota', 'Basirih Hilir', 'Sebamban', 'Samuda Besar',
  'Samuda Kecil', 'Jaya Kelapa', 'Basirih Hulu', 'Jaya Karet', 'Handil Sohor', 'Sei Ijum Raya', 'Bapinang Hulu',
  'Bapinang Hilir', 'Bapinang Hilir Laut', 'Satiruk', 'Makarti Jaya', 'Rawa Sari', 'Hanaut', 'Babirah', 'Serambut',
  'Babaung', 'Bamadu', 'Penyaguan', 'Hantipan', 'Bantian', 'Tumbang Kalang', 'Kuluk Telawang', 'Sungai Puring',
  'Tumbang Ngahan', 'Tumbang Ramei', 'Tumbang Hejan', 'Sungai Hanya', 'Tumbang Sepayang', 'Buntut Nusa',
  'Tumbang Gagu', 'Tumbang Manya', 'Gunung Makmur', 'Mulya Agung', 'Bhakti Karya', 'Waringin Agung', 'Parebok',
  'Basawang', 'Lampuyang', 'Ujung Pandaran', 'Regei Lestari', 'Kuin Permai', 'Mentaya Seberang', 'Terantang',
  'Batuah', 'Terantang Hilir', 'Ganepo', 'Seragam Jaya', 'Pundu', 'Keruing', 'Parit', 'Pantai Harapan', 'Pelantaran',
  'Tumbang Koling', 'Sudan', 'Bukit Batu', 'Bukit Raya', 'Selucing', 'Sungai Ubar Mandiiri', 'Sebabi', 'Tanah Putih',
  'Sumber Makmur', 'Kenyala', 'Penyang', 'Biru Maju', 'Tumbang Tilap', 'Tumbang Kaminting', 'Tanah Haluan',
  'Tumbang Panyahuan', 'Tumbang Sapia', 'Tumbang Getas', 'Tewai Hara', 'Tumbang Payang', 'Tumbang Kania',
  'Tumbang Tawan', 'Lunuk Bagantung', 'Tumbang Torung', 'Tumbang Batu', 'Tumbang Saluang', 'Luwuk Sampun',
  'Tumbang Mujam', 'Merah', 'Tanjung Jorong', 'Sebungsu', 'Bukit Makmur', 'Wonosari', 'Mekar Sari', 'Damar Makmur',
  'Cempaka Putih', 'Jati Waringin', 'Tumbang Boloi', 'Luwuk Kowan', 'Rantau Tampang', 'Tumbang Mangkup',
  'Rantau Katang', 'Tumbang Sangai', 'Tukang Langit', 'Beringin Agung', 'Agung Mulya', 'Batu Agung', 'Bukit Indah',
  'Tumbang Puan', 'Rantau Suang', 'Rantau Sawang', 'Tanjung Harapan', 'Buana Mustika', 'Tri Buana',
  'Tumbang Bajanei', 'Pahandut', 'Panarung', 'Langkai', 'Tumbang Rungan', 'Pahandut Seberang', 'Tanjung Pinang',
  'Marang', 'Tumbang Tahai', 'Banturung', 'Tangkiling', 'Sei Gohong', 'Kanarakan', 'Habaring Hurung', 'Palangka',
  'Menteng', 'Bukit Tunggal', 'Petuk Katimpun', 'Bereng Bengkel', 'Kalampangan', 'Kereng Bangkirai', 'Kameloh Baru',
  'Danau Tundai', 'Sabaru', 'Petuk Bukit', 'Panjehang', 'Petuk Barunai', 'Mungku Baru', 'Pager', 'Gaung Baru',
  'Bukit Sua',
];

/** Kab/kota of Kalimantan Tengah as operators write them, plus look-alike kelurahan names. */
const KABKOTA_KALTENG: readonly string[] = [
  'Kotawaringin Barat', 'Kotawaringin Timur', 'Kapuas', 'Barito Selatan', 'Barito Utara', 'Katingan', 'Seruyan',
  'Sukamara', 'Lamandau', 'Gunung Mas', 'Pulang Pisau', 'Murung Raya', 'Barito Timur', 'Palangka Raya', 'Palangka',
  'Panarung', 'Bukit Raya',
];

describe('normalizeKey / compactKey', () => {
  it('normalises case, punctuation, whitespace and diacritics', () => {
    expect(normalizeKey('SUNGAI  UBAR-MANDIRI')).toBe('sungai ubar mandiri');
    expect(normalizeKey(' Kel. Baamang Hulu, ')).toBe('kel baamang hulu');
    expect(normalizeKey('Désa  Tèluk\tSampit')).toBe('desa teluk sampit');
    expect(normalizeKey("Jum'at")).toBe('jumat');
    expect(normalizeKey('RT 01/RW 02')).toBe('rt 01 rw 02');
  });
  it('gives ASCII text (its fast path, issue 20) the key the Unicode passes give it', () => {
    const unicodePasses = (s: string) =>
      s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/['\u2018\u2019`\u02bc]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    const samples = [...ascii, ...ascii.map((c) => `Ab${c}9 z`), " Kel.  O'Neil--RT 01/RW 02 ", 'SUNGAI\tUBAR', '`x`', 'a_b', 'A~B|C'];
    for (const s of samples) expect(normalizeKey(s), JSON.stringify(s)).toBe(unicodePasses(s));
  });
  it('compactKey removes spaces', () => {
    expect(compactKey('Palangka Raya')).toBe('palangkaraya');
    expect(compactKey('SUNGAI  UBAR-MANDIRI')).toBe('sungaiubarmandiri');
  });
});

describe('similarity', () => {
  it('is 1 for the same key, 0 against nothing', () => {
    expect(similarity('Palangka Raya', 'PALANGKARAYA')).toBe(1);
    expect(similarity('', '')).toBe(1);
    expect(similarity('abc', '')).toBe(0);
  });
  it('counts single edits against the longer name', () => {
    expect(similarity('Mekarti Jaya', 'Makarti Jaya')).toBeCloseTo(1 - 1 / 11, 10);
    expect(similarity('Sungai Ubar Mandiri', 'Sungai Ubar Mandiiri')).toBeCloseTo(1 - 1 / 18, 10);
    expect(similarity('Sabaru', 'Sabrau')).toBeCloseTo(1 - 1 / 6, 10); // adjacent swap = one edit
    expect(similarity('abcd', 'wxyz')).toBe(0);
  });
  it('is symmetric', () => {
    expect(similarity('Tumbang Kalang', 'Tumbang Kaling')).toBe(similarity('Tumbang Kaling', 'Tumbang Kalang'));
  });
});

describe('closest', () => {
  const byName = (q: string, list: readonly string[]) => closest(q, list, (s) => s);

  it('finds the Kemendagri spelling of village-name variants', () => {
    expect(byName('Mekarti Jaya', DESA_KOTIM_PALANGKA)[0]?.item).toBe('Makarti Jaya');
    expect(byName('Sungai Ubar Mandiri', DESA_KOTIM_PALANGKA)[0]?.item).toBe('Sungai Ubar Mandiiri');
    expect(byName('TUMBANG PENYAHUAN', DESA_KOTIM_PALANGKA)[0]?.item).toBe('Tumbang Panyahuan');
    expect(byName('Tanjung Batur', DESA_KOTIM_PALANGKA)[0]?.item).toBe('Tanjung Bantur');
    expect(byName('sationg', DESA_KOTIM_PALANGKA)[0]?.item).toBe('Satiung');
    expect(byName('telaga  BARU', DESA_KOTIM_PALANGKA)[0]).toEqual({ item: 'Telaga baru', score: 1 });
  });

  it('ranks the true village above look-alikes', () => {
    const r = byName('Mekarti Jaya', DESA_KOTIM_PALANGKA);
    const mekarJaya = r.find((x) => x.item === 'Mekar Jaya');
    expect(mekarJaya).toBeDefined();
    expect(r[0]?.score ?? 0).toBeGreaterThan(mekarJaya?.score ?? 1);
  });

  it('"palangkaraya" → "Palangka Raya"', () => {
    const r = byName('palangkaraya', KABKOTA_KALTENG);
    expect(r[0]).toEqual({ item: 'Palangka Raya', score: 1 });
    expect(r[1]?.item).toBe('Palangka');
  });

  it('sorted best-first, respects limit and min, keeps input order on ties', () => {
    const r = closest('Bagendang', DESA_KOTIM_PALANGKA, (s) => s, { limit: 3 });
    expect(r).toHaveLength(3);
    expect(r.map((x) => x.score)).toEqual([...r.map((x) => x.score)].sort((a, b) => b - a));
    expect(closest('zzzzzz', DESA_KOTIM_PALANGKA, (s) => s, { min: 0.5 })).toEqual([]);
    const ties = closest('ab', [{ n: 'ax' }, { n: 'xb' }, { n: 'ab' }], (t) => t.n);
    expect(ties.map((t) => t.item.n)).toEqual(['ab', 'ax', 'xb']);
    expect(closest('x', ['a', 'b'], (s) => s, { limit: 0 })).toEqual([]);
  });
});
