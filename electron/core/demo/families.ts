/**
 * Made-up families with structurally valid NIKs and No KK for given desa/kelurahan: the practice data of the
 * demo (demo/fill.ts) and the registry data of the tests and benchmarks (test/helpers/registryFixtures.ts,
 * Kotawaringin Timur). NIK = kecamatan code (6 digits) + birth date DDMMYY (women +40) + serial; No KK =
 * kecamatan code + a date + serial. Deterministic for a given seed.
 */

export interface FixtureDesa {
  kode: string;
  nama: string;
  kecamatanKode: string;
  kecamatanNama: string;
}

/** mulberry32: a small deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const NAMA_L = ['Ahmad', 'Budi', 'Slamet', 'Yusuf', 'Rahmat', 'Agus', 'Hendra', 'Joko', 'Muhammad', 'Rizky', 'Dedi', 'Fajar', 'Hasan', 'Ilham', 'Supriadi', 'Bambang', 'Andi', 'Eko', 'Imam', 'Junaidi'];
const NAMA_P = ['Siti', 'Nur', 'Rahmawati', 'Dewi', 'Sri', 'Aisyah', 'Fitri', 'Wulandari', 'Lestari', 'Yuliani', 'Ratna', 'Indah', 'Maya', 'Rina', 'Halimah', 'Nurhayati', 'Kartini', 'Suryani', 'Mariam', 'Hasanah'];
const BELAKANG = ['Saputra', 'Hidayat', 'Santoso', 'Kurniawan', 'Pratama', 'Wijaya', 'Setiawan', 'Gunawan', 'Nugroho', 'Utami', 'Sari', 'Putri', 'Anggraini', 'Rahman', 'Hakim', 'Syahputra', 'Ramadhan', 'Firmansyah', 'Maulana', 'Susanti'];
const TEMPAT = ['Sampit', 'Kota Besi', 'Parenggean', 'Samuda', 'Palangka Raya', 'Banjarmasin', 'Kuala Kuayan', 'Cempaga'];
const PEKERJAAN = ['Petani', 'Buruh Harian Lepas', 'Nelayan', 'Pedagang', 'Mengurus Rumah Tangga', 'Pelajar/Mahasiswa', 'Belum/Tidak Bekerja', 'Wiraswasta'];

export interface FixtureAnggota {
  nik: string;
  nama: string;
  jenisKelamin: 'L' | 'P';
  tempatLahir: string;
  /** ISO */
  tanggalLahir: string;
  hubungan: string;
  ibuKandung: string;
  pekerjaan: string;
}

export interface FixtureKeluarga {
  noKk: string;
  desa: FixtureDesa;
  alamat: string;
  dusun: string;
  rt: string;
  rw: string;
  desil: number;
  anggota: FixtureAnggota[];
}

/** The 6-digit kecamatan part of a NIK or No KK ('62.02.01' → '620201'). */
const kecamatanDigits = (kecamatanKode: string) => kecamatanKode.replace(/\D/g, '').slice(0, 6);

/** A valid NIK: <kecamatan 6> DDMMYY (women +40) <serial 4>. */
export function makeNik(kecamatanKode: string, birthIso: string, sex: 'L' | 'P', serial: number): string {
  const [y, m, d] = birthIso.split('-').map(Number) as [number, number, number];
  return `${kecamatanDigits(kecamatanKode)}${pad(sex === 'P' ? d + 40 : d)}${pad(m)}${pad(y % 100)}${pad(serial % 10000 || 1, 4)}`;
}

function birth(r: () => number, minAge: number, maxAge: number, year: number): string {
  const born = year - minAge - Math.floor(r() * (maxAge - minAge));
  return `${born}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
}

/**
 * Family number `i` in one of `desaList` (unique NIKs/KKs for distinct i up to 10^7 per seed space): a head,
 * usually a spouse, and 0–4 children. Ages are counted back from `year`.
 */
export function makeKeluargaIn(desaList: readonly FixtureDesa[], i: number, seed = 1, year = 2024): FixtureKeluarga {
  const r = rng(seed * 1_000_003 + i);
  const desa = desaList[i % desaList.length]!;
  const serialBase = i * 7;
  const kkSerial = pad(i % 1_000_000, 6);
  const noKk = `${kecamatanDigits(desa.kecamatanKode)}${pad(1 + (i % 28))}${pad(1 + (Math.floor(i / 28) % 12))}${kkSerial.slice(0, 2)}${kkSerial.slice(2)}`;
  const belakang = pick(r, BELAKANG);
  const ibuKepala = `${pick(r, NAMA_P)} ${pick(r, BELAKANG)}`;
  const anggota: FixtureAnggota[] = [];
  const headSex: 'L' | 'P' = r() < 0.85 ? 'L' : 'P';
  const headBirth = birth(r, 25, 70, year);
  anggota.push({
    nik: makeNik(desa.kecamatanKode, headBirth, headSex, serialBase + 1),
    nama: `${pick(r, headSex === 'L' ? NAMA_L : NAMA_P)} ${belakang}`,
    jenisKelamin: headSex,
    tempatLahir: pick(r, TEMPAT),
    tanggalLahir: headBirth,
    hubungan: 'Kepala Keluarga',
    ibuKandung: ibuKepala,
    pekerjaan: pick(r, PEKERJAAN),
  });
  const ibuAnak = headSex === 'L' ? `${pick(r, NAMA_P)} ${pick(r, BELAKANG)}` : anggota[0]!.nama;
  if (headSex === 'L' && r() < 0.85) {
    const b = birth(r, 22, 65, year);
    anggota.push({
      nik: makeNik(desa.kecamatanKode, b, 'P', serialBase + 2),
      nama: ibuAnak,
      jenisKelamin: 'P',
      tempatLahir: pick(r, TEMPAT),
      tanggalLahir: b,
      hubungan: 'Istri',
      ibuKandung: `${pick(r, NAMA_P)} ${pick(r, BELAKANG)}`,
      pekerjaan: 'Mengurus Rumah Tangga',
    });
  }
  const children = Math.floor(r() * 5);
  for (let c = 0; c < children; c++) {
    const sex: 'L' | 'P' = r() < 0.5 ? 'L' : 'P';
    const b = birth(r, 1, 20, year);
    anggota.push({
      nik: makeNik(desa.kecamatanKode, b, sex, serialBase + 3 + c),
      nama: `${pick(r, sex === 'L' ? NAMA_L : NAMA_P)} ${belakang}`,
      jenisKelamin: sex,
      tempatLahir: pick(r, TEMPAT),
      tanggalLahir: b,
      hubungan: 'Anak',
      ibuKandung: ibuAnak,
      pekerjaan: 'Pelajar/Mahasiswa',
    });
  }
  return {
    noKk,
    desa,
    alamat: `Jl. ${pick(r, ['Cilik Riwut', 'Tjilik Riwut', 'Jend. Sudirman', 'Ahmad Yani', 'Pelita', 'Kenanga', 'Merdeka'])} No. ${1 + Math.floor(r() * 120)}`,
    dusun: `Dusun ${1 + Math.floor(r() * 4)}`,
    rt: String(1 + Math.floor(r() * 20)),
    rw: String(1 + Math.floor(r() * 6)),
    desil: 1 + Math.floor(r() * 10),
    anggota,
  };
}

/**
 * Families until at least `people` members exist. NIKs are unique across the list: a serial already taken
 * for the same kecamatan and birth date moves to the next free one, as Dukcapil would assign it.
 */
export function makeFamiliesIn(desaList: readonly FixtureDesa[], people: number, seed = 1, start = 0, year = 2024): FixtureKeluarga[] {
  const out: FixtureKeluarga[] = [];
  const taken = new Set<string>();
  let n = 0;
  for (let i = start; n < people; i++) {
    const k = makeKeluargaIn(desaList, i, seed, year);
    for (const a of k.anggota) {
      let serial = Number(a.nik.slice(12));
      while (taken.has(a.nik)) {
        serial = (serial % 9999) + 1;
        a.nik = `${a.nik.slice(0, 12)}${pad(serial, 4)}`;
      }
      taken.add(a.nik);
    }
    out.push(k);
    n += k.anggota.length;
  }
  return out;
}
