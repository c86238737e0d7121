/**
 * The canonical import fields, their Indonesian labels and the header texts that mean them.
 * Columns are matched by header text only, never by position: an operator's sheet may have any order,
 * extra columns, title rows above the header and example text inside the header cells.
 *
 * Synonyms are compared after `headerKey` (parenthesised/bracketed examples removed, then compactKey:
 * lower case, no punctuation, no spaces), so "TANGGAL LAHIR\n(31/01/2000)", "Tgl. Lahir" and "tgl_lahir"
 * are all written once here as plain words.
 */
import { compactKey, similarity } from '../../../../shared/domain/text';

interface FieldDef {
  key: string;
  label: string;
  synonyms: readonly string[];
}

const FIELD_DEFS = [
  {
    key: 'nik',
    label: 'NIK',
    synonyms: [
      'NIK', 'No NIK', 'Nomor NIK', 'NIK KTP', 'No KTP', 'Nomor KTP', 'Nomor Induk Kependudukan', 'nomor_nik',
      'NIK Penerima', 'NIK KPM', 'NIK ART', 'NIK Anggota', 'NIK Pemohon', 'NIK Peserta', 'NIK Usulan', 'nik_usulan',
    ],
  },
  {
    key: 'noKk',
    label: 'Nomor KK',
    synonyms: [
      'No KK', 'NOKK', 'Nomor KK', 'No Kartu Keluarga', 'Nomor Kartu Keluarga', 'nomor_kk', 'KK', 'NKK',
      'No. KK', 'Nomor KK DTKS',
    ],
  },
  {
    key: 'nama',
    label: 'Nama',
    synonyms: [
      'Nama', 'Nama Lengkap', 'Nama Penerima', 'Nama KPM', 'Nama Penduduk', 'Nama ART', 'Nama Anggota Keluarga',
      'Nama Anggota', 'Nama Peserta', 'Nama Sesuai KTP', 'Nama Pemohon', 'Nama Penerima Manfaat', 'Nama PM',
    ],
  },
  { key: 'tempatLahir', label: 'Tempat Lahir', synonyms: ['Tempat Lahir', 'Tmp Lahir', 'TmpLahir', 'Tpt Lahir', 'Kota Lahir'] },
  {
    key: 'tanggalLahir',
    label: 'Tanggal Lahir',
    synonyms: ['Tanggal Lahir', 'Tgl Lahir', 'TglLahir', 'Tgl Lhr', 'Tanggal Lhr', 'Tgl. Lahir'],
  },
  {
    key: 'jenisKelamin',
    label: 'Jenis Kelamin',
    synonyms: ['Jenis Kelamin', 'JK', 'L/P', 'JnsKel', 'Jns Kel', 'Jenkel', 'Kelamin', 'Sex', 'Gender', 'Jenis Kel'],
  },
  {
    key: 'hubunganKeluarga',
    label: 'Hubungan dalam Keluarga (SHDK)',
    synonyms: [
      'SHDK', 'Hub Keluarga', 'Hubungan Keluarga', 'Hubungan dengan Kepala Keluarga', 'Hubungan dgn Kepala Keluarga',
      'HubKRT', 'Hub KRT', 'Hubkel', 'Hub Kel', 'Status Hubungan Dalam Keluarga', 'Status Hubungan Keluarga',
      'Hubungan dengan KK', 'Hub dgn KK', 'Hubungan dgn KK', 'hubungan_dengan_KK', 'Status dalam Keluarga',
      'Hubungan', 'Status Keluarga', 'Hubungan dengan KRT',
    ],
  },
  {
    key: 'ibuKandung',
    label: 'Nama Ibu Kandung',
    synonyms: ['Ibu Kandung', 'Nama Ibu Kandung', 'namagadis_ibukandung', 'Nama Gadis Ibu Kandung', 'Nama Ibu', 'Gadis Ibu Kandung'],
  },
  {
    key: 'pekerjaan',
    label: 'Pekerjaan',
    synonyms: ['Pekerjaan', 'Jenis Pekerjaan', 'Pekerjaan Utama', 'Pekerjaan Pokok', 'Mata Pencaharian'],
  },
  {
    key: 'statusKawin',
    label: 'Status Perkawinan',
    synonyms: ['Status Kawin', 'Status Perkawinan', 'Sta_kawin', 'Status Pernikahan', 'Stat Kawin', 'Kawin', 'Status Nikah'],
  },
  {
    key: 'pendidikan',
    label: 'Pendidikan',
    synonyms: ['Pendidikan', 'Pendidikan Terakhir', 'Pendidikan Tertinggi', 'Pendidikan_tertinggi', 'Ijazah Tertinggi', 'Pendidikan Akhir'],
  },
  { key: 'alamat', label: 'Alamat', synonyms: ['Alamat', 'Alamat Lengkap', 'Alamat Rumah', 'Alamat Domisili', 'Alamat KTP', 'Jalan'] },
  { key: 'dusun', label: 'Dusun/Lingkungan', synonyms: ['Dusun', 'Dusun/Lingkungan', 'Lingkungan', 'Nama Dusun', 'Dusun/Dukuh'] },
  { key: 'rt', label: 'RT', synonyms: ['RT', 'No RT', 'Nomor RT'] },
  { key: 'rw', label: 'RW', synonyms: ['RW', 'No RW', 'Nomor RW'] },
  { key: 'provinsi', label: 'Provinsi', synonyms: ['Provinsi', 'Propinsi', 'Prov', 'Nama Provinsi'] },
  {
    key: 'kabupaten',
    label: 'Kabupaten/Kota',
    synonyms: ['Kabupaten', 'Kabupaten/Kota', 'Kab/Kota', 'Kota/Kabupaten', 'Kab', 'Kota', 'kabupaten_kota', 'Nama Kabupaten'],
  },
  { key: 'kecamatan', label: 'Kecamatan', synonyms: ['Kecamatan', 'Kec', 'Nama Kecamatan', 'nama_kec'] },
  {
    key: 'desa',
    label: 'Desa/Kelurahan',
    synonyms: [
      'Desa', 'Kelurahan', 'Desa/Kelurahan', 'Kelurahan/Desa', 'Desa/Kel', 'Kel/Desa', 'Nama Desa', 'Nama Kelurahan',
      'desa_kelurahan', 'nama_desa', 'Desa/Kelurahan Domisili',
    ],
  },
  {
    key: 'kodeWilayah',
    label: 'Kode Wilayah (Kemendagri)',
    synonyms: ['Kode Kemendagri', 'kd_wilayah', 'Kode Wilayah', 'kode_kemdagri', 'Kode Kemdagri', 'Kode Desa', 'Kode Desa/Kelurahan'],
  },
  {
    key: 'idDtks',
    label: 'ID DTKS',
    synonyms: ['ID DTKS', 'IDARTBDT', 'ID Individu', 'IDIndividu', 'ID ART DTKS', 'ID ART', 'iddtks', 'DTKS_ID_DTKS', 'ID DTSEN'],
  },
  {
    key: 'idKeluarga',
    label: 'ID Keluarga',
    synonyms: ['ID Keluarga P3KE', 'IDBDT', 'ID Keluarga', 'ID_keluarga_P3KE', 'ID Rumah Tangga', 'ID RT BDT', 'ID Keluarga DTKS'],
  },
  {
    key: 'desil',
    label: 'Desil Kesejahteraan',
    synonyms: ['Desil', 'Desil Kesejahteraan', 'desil_kesejahteraan', 'Peringkat Desil', 'Status Desil', 'Desil DTSEN'],
  },
  {
    key: 'padan',
    label: 'Status Padan Dukcapil',
    synonyms: ['Keterangan Padan', 'Padan Dukcapil', 'padan_dukcapil', 'Status Padan', 'Padan', 'Ket Padan'],
  },
  {
    key: 'disabilitas',
    label: 'Status Disabilitas',
    synonyms: ['Status Disabilitas', 'Jenis Cacat', 'Disabilitas', 'Penyandang Disabilitas', 'Jenis Disabilitas', 'Status Cacat', 'Cacat'],
  },
  {
    key: 'kodeDisabilitas',
    label: 'Kode Jenis Disabilitas',
    synonyms: ['Kode Jenis Disabilitas', 'Kode Disabilitas', 'Kode Jenis Cacat', 'Kode Cacat'],
  },
  { key: 'hamil', label: 'Status Hamil', synonyms: ['Status Hamil', 'Sta_hamil', 'Hamil', 'Sedang Hamil'] },
  { key: 'tanggalMulaiHamil', label: 'Tanggal Mulai Hamil', synonyms: ['Tgl Mulai Hamil', 'Tanggal Mulai Hamil', 'Mulai Hamil'] },
  {
    key: 'programBansos',
    label: 'Program Bansos',
    synonyms: ['Program Bansos', 'Program Bantuan', 'Jenis Bansos', 'Jenis Bantuan', 'Program', 'program_bansos', 'Bansos'],
  },
  {
    key: 'bansosPkh',
    label: 'Bansos PKH',
    synonyms: ['PKH', 'Bansos PKH', 'Penerima PKH', 'Ada_pkh', 'APBN_PKH', 'Bantuan PKH', 'Status PKH'],
  },
  {
    key: 'bansosBpnt',
    label: 'Bansos BPNT/Sembako',
    synonyms: [
      'BPNT', 'Sembako', 'Bansos BPNT', 'Penerima BPNT', 'Penerima Sembako', 'Ada_BPNT', 'BSP', 'APBN_sembako',
      'Bansos Sembako', 'BPNT/Sembako', 'Bantuan Sembako', 'Status BPNT',
    ],
  },
  {
    key: 'bansosPbi',
    label: 'PBI JKN',
    synonyms: ['PBI JKN', 'PBI', 'Penerima PBI', 'Ada_pbi', 'PBI JK', 'BPJS PBI', 'KIS PBI', 'PBI JKN/KIS', 'Status PBI', 'Sta_kepesertaan_pbi'],
  },
  { key: 'bansosBst', label: 'Bansos BST', synonyms: ['BST', 'Penerima BST', 'Bansos BST', 'Bantuan Sosial Tunai'] },
  { key: 'bansosBpum', label: 'Bansos BPUM', synonyms: ['BPUM', 'Penerima BPUM', 'Bansos BPUM'] },
  {
    key: 'resikoStunting',
    label: 'Risiko Stunting',
    synonyms: ['Resiko Stunting', 'Risiko Stunting', 'Berisiko Stunting', 'Beresiko Stunting', 'resiko_stunting'],
  },
  {
    key: 'kepalaKeluarga',
    label: 'Nama Kepala Keluarga',
    synonyms: ['Kepala Keluarga', 'Nama Kepala Keluarga', 'Nama KK', 'Nama Kepala Rumah Tangga', 'KRT', 'Nama KRT'],
  },
  { key: 'no', label: 'Nomor urut', synonyms: ['No', 'Nomor', 'No Urut', 'Nomor Urut', 'Nmr', 'Urut'] },
  { key: 'keterangan', label: 'Keterangan', synonyms: ['Keterangan', 'Ket', 'Catatan', 'Keterangan Lain'] },
] as const satisfies readonly FieldDef[];

export type FieldKey = (typeof FIELD_DEFS)[number]['key'];

export interface ImportField {
  key: FieldKey;
  label: string;
  synonyms: readonly string[];
}

export const IMPORT_FIELDS: readonly ImportField[] = FIELD_DEFS;

export const FIELD_KEYS: readonly FieldKey[] = FIELD_DEFS.map((f) => f.key);

const FIELD_KEY_SET: ReadonlySet<string> = new Set(FIELD_KEYS);

export function isFieldKey(s: string): s is FieldKey {
  return FIELD_KEY_SET.has(s);
}

export function fieldLabel(key: FieldKey): string {
  return FIELD_DEFS.find((f) => f.key === key)?.label ?? key;
}

/** Fields that identify a person or family: a row with one of them filled in is data, not a footer. */
export const IDENTITY_FIELDS: readonly FieldKey[] = ['nik', 'noKk', 'idDtks', 'idKeluarga'];

/** Fields recognised only so that they are not reported as unknown; they do not make a row a header. */
export const WEAK_FIELDS: ReadonlySet<FieldKey> = new Set<FieldKey>(['no', 'keterangan']);

/**
 * The key a header text is compared by: parenthesised and bracketed parts (examples such as "(31/01/2000)",
 * "(16 digit)", "[wajib]") are removed, then compactKey. A text that is only a parenthesis ("(1)") keeps it.
 */
export function headerKey(text: string): string {
  const stripped = compactKey(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
  return stripped !== '' ? stripped : compactKey(text);
}

const SYNONYM_INDEX: ReadonlyMap<string, FieldKey> = (() => {
  const m = new Map<string, FieldKey>();
  for (const f of FIELD_DEFS) {
    for (const s of [f.key, f.label, ...f.synonyms]) {
      const k = headerKey(s);
      const prev = m.get(k);
      if (prev !== undefined && prev !== f.key) {
        throw new Error(`synonym "${s}" is claimed by ${prev} and ${f.key}`);
      }
      m.set(k, f.key);
    }
  }
  return m;
})();

/** The field a header text names exactly (after headerKey), or null. */
export function exactField(text: string): FieldKey | null {
  const k = headerKey(text);
  if (k === '') return null;
  return SYNONYM_INDEX.get(k) ?? null;
}

const FUZZY_MIN_LENGTH = 8;
const FUZZY_MIN_SCORE = 0.88;

/**
 * The field a header text names with a typo ("TANGAL LAHIR", "JENIS KELAMN"), or null. Only for keys of at
 * least 8 characters, similarity ≥ 0.88 and a single best field, so short codes (PKH/PBI/BST, RT/RW) and
 * distinct programmes ("BANSOS BPNT-PPKM" vs "BANSOS BPNT") are never confused.
 */
export function fuzzyField(text: string): FieldKey | null {
  const k = headerKey(text);
  if (k.length < FUZZY_MIN_LENGTH) return null;
  let best: FieldKey | null = null;
  let bestScore = 0;
  let tie = false;
  for (const [syn, field] of SYNONYM_INDEX) {
    if (Math.abs(syn.length - k.length) > k.length * (1 - FUZZY_MIN_SCORE) + 0.5) continue;
    const score = similarity(k, syn);
    if (score > bestScore) {
      bestScore = score;
      tie = false;
      best = field;
    } else if (score === bestScore && field !== best) {
      tie = true;
    }
  }
  return bestScore >= FUZZY_MIN_SCORE && !tie ? best : null;
}
