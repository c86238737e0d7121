/**
 * What an import row changes in a person or family already in the registry, as the preview shows it:
 * "Nama: Budi Santoso → Budi Santosa". Values are shown as a clerk reads them (village names, Ya/Tidak).
 */
import type { FieldChange } from '../../../shared/api/imports';
import type { RegionIndex } from '../regions';

const LABELS: Record<string, string> = {
  nama: 'Nama',
  jenis_kelamin: 'Jenis kelamin',
  tempat_lahir: 'Tempat lahir',
  tanggal_lahir: 'Tanggal lahir',
  hubungan: 'Hubungan keluarga',
  ibu_kandung: 'Nama ibu kandung',
  status_kawin: 'Status kawin',
  pekerjaan: 'Pekerjaan',
  pendidikan: 'Pendidikan',
  disabilitas: 'Disabilitas',
  hamil: 'Hamil',
  padan: 'Padan Dukcapil',
  id_dtks: 'ID DTKS',
  keluarga_id: 'No KK',
  alamat: 'Alamat',
  dusun: 'Dusun',
  rt: 'RT',
  rw: 'RW',
  desa_kode: 'Desa/kelurahan',
  kecamatan_kode: 'Kecamatan',
  desil: 'Desil',
  miskin_ekstrem: 'Miskin ekstrem',
};

/** A registry column as a clerk calls it ("Pekerjaan", "RT"). */
export function fieldLabel(field: string): string {
  return LABELS[field] ?? field;
}

/** Columns that follow another one and say nothing more to a clerk. */
const HIDDEN = new Set(['nama_key', 'kecamatan_kode']);

function shown(field: string, value: unknown, regions: RegionIndex): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (field === 'hamil' || field === 'miskin_ekstrem') return value === 1 ? 'Ya' : 'Tidak';
  if (field === 'desa_kode' || field === 'kecamatan_kode') return regions.nameOf(String(value));
  if (field === 'tanggal_lahir') return String(value).split('-').reverse().join('/');
  if (field === 'padan') return value === 'tidak_padan' ? 'tidak padan' : String(value);
  return String(value);
}

/**
 * The changes of one update: `set` holds the new values, `before` the record as it was. A member moving to
 * another family is shown by the No KK it moves to (`noKkAfter`).
 */
export function describeChanges(
  before: Record<string, unknown>,
  set: Record<string, unknown>,
  regions: RegionIndex,
  noKkAfter?: string,
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of Object.keys(set)) {
    if (HIDDEN.has(field)) continue;
    if (field === 'keluarga_id') {
      out.push({ field, label: LABELS[field]!, before: null, after: noKkAfter ?? null });
      continue;
    }
    out.push({ field, label: fieldLabel(field), before: shown(field, before[field], regions), after: shown(field, set[field], regions) });
  }
  return out;
}

/** Programmes a person newly receives according to the sheet. */
export function programChanges(programs: readonly string[]): FieldChange[] {
  return programs.length === 0 ? [] : [{ field: 'program', label: 'Program bansos', before: null, after: `+ ${programs.join(', ')}` }];
}
