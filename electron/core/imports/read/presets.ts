/**
 * Known sheet layouts, recognised from the fields their headers map to (formats.md §1). The preset tells the
 * next layer what kind of list this is (a SIKS-NG proposal, a published DTKS extract, P3KE families or
 * individuals, or a simple participant list); it never changes how columns are mapped.
 *
 * Scoring: a preset applies only when all its required fields are mapped; its score is the share of the
 * layout's own fields present. A specific layout needs at least MIN_SPECIFIC_SCORE of them, otherwise a
 * sheet with NIK and Nama is a `sederhana` list. Best score wins; ties go to the earlier preset.
 */
import type { FieldKey } from './fields';

export type PresetId = 'siks-ng-usulan' | 'dtks' | 'p3ke-keluarga' | 'p3ke-individu' | 'sederhana';

export interface Preset {
  id: PresetId;
  label: string;
  /** Every one of these must be mapped. */
  required: readonly FieldKey[];
  /** At least one of these must be mapped (when given). */
  requiredOneOf?: readonly FieldKey[];
  /** The layout's fields, as far as they map to import fields. */
  fields: readonly FieldKey[];
}

export const MIN_SPECIFIC_SCORE = 0.6;
/** The fallback's score: below any specific layout that passed MIN_SPECIFIC_SCORE. */
const SEDERHANA_SCORE = 0.5;

export const PRESETS: readonly Preset[] = [
  {
    id: 'siks-ng-usulan',
    label: 'Usulan SIKS-NG (template 21 kolom)',
    required: ['nik', 'noKk', 'nama'],
    // A generic person list has most of the other columns too; these are the template's own.
    requiredOneOf: ['programBansos', 'hamil', 'tanggalMulaiHamil', 'kodeDisabilitas'],
    // §1.1, columns A–U in order.
    fields: [
      'nik', 'programBansos', 'noKk', 'nama', 'tempatLahir', 'tanggalLahir', 'ibuKandung', 'jenisKelamin',
      'pekerjaan', 'statusKawin', 'alamat', 'rt', 'rw', 'provinsi', 'kabupaten', 'kecamatan', 'desa',
      'disabilitas', 'kodeDisabilitas', 'hamil', 'tanggalMulaiHamil',
    ],
  },
  {
    id: 'dtks',
    label: 'Data DTKS (24 kolom)',
    required: ['idDtks', 'nik', 'nama'],
    // §1.4; "BANSOS BPNT-PPKM" has no import field.
    fields: [
      'no', 'idDtks', 'provinsi', 'kabupaten', 'kecamatan', 'desa', 'alamat', 'dusun', 'rt', 'rw', 'noKk', 'nik',
      'nama', 'tanggalLahir', 'tempatLahir', 'jenisKelamin', 'pekerjaan', 'ibuKandung', 'hubunganKeluarga',
      'padan', 'bansosBpnt', 'bansosPkh', 'bansosPbi',
    ],
  },
  {
    id: 'p3ke-keluarga',
    label: 'P3KE Keluarga',
    required: ['idKeluarga', 'kepalaKeluarga', 'nik'],
    // §1.6 keluarga sheet, the columns that map to import fields (housing columns do not).
    fields: [
      'idKeluarga', 'provinsi', 'kabupaten', 'kecamatan', 'desa', 'kodeWilayah', 'desil', 'alamat',
      'kepalaKeluarga', 'nik', 'padan', 'jenisKelamin', 'tanggalLahir', 'pekerjaan', 'pendidikan', 'bansosBpnt',
      'bansosBpum', 'bansosBst', 'bansosPkh', 'resikoStunting',
    ],
  },
  {
    id: 'p3ke-individu',
    label: 'P3KE Individu',
    required: ['idKeluarga', 'nama', 'nik'],
    // §1.6 individu sheet ("ID Individu" → idDtks); the age-band columns do not map.
    fields: [
      'idKeluarga', 'provinsi', 'kabupaten', 'kecamatan', 'desa', 'kodeWilayah', 'desil', 'alamat', 'idDtks',
      'nama', 'nik', 'padan', 'jenisKelamin', 'hubunganKeluarga', 'tanggalLahir', 'statusKawin', 'pekerjaan',
      'pendidikan', 'bansosBpnt', 'bansosBpum', 'bansosBst', 'bansosPkh', 'resikoStunting',
    ],
  },
  {
    id: 'sederhana',
    label: 'Daftar sederhana (NIK dan Nama)',
    required: ['nik'],
    requiredOneOf: ['nama', 'kepalaKeluarga'],
    // §1.10 participant list.
    fields: ['no', 'nik', 'noKk', 'nama', 'tempatLahir', 'tanggalLahir', 'jenisKelamin', 'alamat', 'keterangan'],
  },
];

export interface PresetMatch {
  id: PresetId;
  label: string;
  score: number;
}

/** Score of one preset for a set of mapped fields; null when the preset does not apply. */
export function scorePreset(preset: Preset, mapped: ReadonlySet<FieldKey>): number | null {
  if (!preset.required.every((f) => mapped.has(f))) return null;
  if (preset.requiredOneOf && !preset.requiredOneOf.some((f) => mapped.has(f))) return null;
  if (preset.id === 'sederhana') return SEDERHANA_SCORE;
  const score = preset.fields.filter((f) => mapped.has(f)).length / preset.fields.length;
  return score >= MIN_SPECIFIC_SCORE ? score : null;
}

/**
 * The layout the mapped fields fit best, or null when none applies (the sheet has no recognisable header).
 * Accepts the mapped field keys, or columns with a `field`.
 */
export function detectPreset(
  mapping: Iterable<FieldKey | null> | ReadonlyArray<{ field: FieldKey | null }>,
): PresetMatch | null {
  const mapped = new Set<FieldKey>();
  for (const m of mapping) {
    const f = m !== null && typeof m === 'object' ? m.field : m;
    if (f !== null) mapped.add(f);
  }
  let best: PresetMatch | null = null;
  for (const p of PRESETS) {
    const score = scorePreset(p, mapped);
    if (score !== null && (best === null || score > best.score)) best = { id: p.id, label: p.label, score };
  }
  return best;
}
