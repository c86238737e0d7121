/**
 * The columns of an operator workbook's DATA sheet. Each carries the import field it fills (the mapping is
 * fixed: the workbook is read back without header guessing), how it is written and the validation Excel applies.
 * Status, its date and reason are the workbook's own columns (a member who left), not import fields.
 */
import {
  disabilitasValues,
  jenisKelaminValues,
  pekerjaanValues,
  pendidikanValues,
  statusKawinValues,
  workbookStatusValues,
} from '../../../shared/api/workbooks';
import { hubunganValues } from '../../../shared/api/registry';

/** Reference lists, one per column of the REFERENSI sheet (the drop-downs point at them). */
export type RefList = 'desa' | 'kecamatan' | 'hubungan' | 'jenisKelamin' | 'statusKawin' | 'pekerjaan' | 'pendidikan' | 'disabilitas' | 'program' | 'rt' | 'rw' | 'status';

export type ColumnCheck =
  | { kind: 'id16'; what: string }
  | { kind: 'list'; list: RefList; strict: boolean }
  | { kind: 'date' }
  | { kind: 'whole'; min: number; max: number }
  | { kind: 'none' };

export interface WorkbookColumn {
  key: string;
  header: string;
  /** Import field (imports/read/fields.ts) or '' for a column the import ignores. */
  field: string;
  width: number;
  check: ColumnCheck;
  note: string;
}

const col = (key: string, header: string, field: string, width: number, check: ColumnCheck, note: string): WorkbookColumn => ({ key, header, field, width, check, note });

export const WORKBOOK_COLUMNS: readonly WorkbookColumn[] = [
  col('no', 'No', '', 5, { kind: 'none' }, 'Nomor urut (boleh dibiarkan).'),
  col('noKk', 'No KK', 'noKk', 20, { kind: 'id16', what: 'No KK' }, '16 angka, ketik sebagai teks. Anggota satu keluarga memakai No KK yang sama.'),
  col('nik', 'NIK', 'nik', 20, { kind: 'id16', what: 'NIK' }, '16 angka, ketik sebagai teks.'),
  col('nama', 'Nama', 'nama', 28, { kind: 'none' }, 'Nama lengkap sesuai KTP/KK.'),
  col('hubungan', 'Hubungan Keluarga', 'hubunganKeluarga', 18, { kind: 'list', list: 'hubungan', strict: true }, 'Pilih dari daftar.'),
  col('jenisKelamin', 'Jenis Kelamin', 'jenisKelamin', 13, { kind: 'list', list: 'jenisKelamin', strict: true }, 'Pilih Laki-laki atau Perempuan.'),
  col('tempatLahir', 'Tempat Lahir', 'tempatLahir', 16, { kind: 'none' }, ''),
  col('tanggalLahir', 'Tanggal Lahir', 'tanggalLahir', 13, { kind: 'date' }, 'Tanggal dd/mm/yyyy, tidak boleh di masa depan.'),
  col('ibuKandung', 'Nama Ibu Kandung', 'ibuKandung', 24, { kind: 'none' }, ''),
  col('statusKawin', 'Status Kawin', 'statusKawin', 14, { kind: 'list', list: 'statusKawin', strict: true }, 'Pilih dari daftar.'),
  col('pekerjaan', 'Pekerjaan', 'pekerjaan', 20, { kind: 'list', list: 'pekerjaan', strict: true }, 'Pilih dari daftar.'),
  col('pendidikan', 'Pendidikan', 'pendidikan', 18, { kind: 'list', list: 'pendidikan', strict: true }, 'Pilih dari daftar.'),
  col('disabilitas', 'Disabilitas', 'disabilitas', 22, { kind: 'list', list: 'disabilitas', strict: true }, 'Pilih "Tidak" atau jenis disabilitas.'),
  col('program', 'Program Bansos', 'programBansos', 14, { kind: 'list', list: 'program', strict: true }, 'Program yang diterima atau diusulkan.'),
  col('alamat', 'Alamat', 'alamat', 28, { kind: 'none' }, 'Alamat keluarga (sama untuk satu No KK).'),
  col('dusun', 'Dusun', 'dusun', 14, { kind: 'none' }, ''),
  col('rt', 'RT', 'rt', 6, { kind: 'list', list: 'rt', strict: false }, 'RT yang sudah tercatat; RT baru boleh diketik.'),
  col('rw', 'RW', 'rw', 6, { kind: 'list', list: 'rw', strict: false }, 'RW yang sudah tercatat; RW baru boleh diketik.'),
  col('kecamatan', 'Kecamatan', 'kecamatan', 16, { kind: 'list', list: 'kecamatan', strict: true }, 'Terisi; jangan diubah.'),
  col('desa', 'Desa/Kelurahan', 'desa', 18, { kind: 'list', list: 'desa', strict: true }, 'Hanya desa lembar kerja ini.'),
  col('desil', 'Desil', 'desil', 6, { kind: 'whole', min: 1, max: 10 }, 'Angka 1–10 bila diketahui.'),
  col('status', 'Status', '', 12, { kind: 'list', list: 'status', strict: true }, 'Aktif, atau Pindah/Meninggal/Keluar untuk anggota yang tidak lagi di keluarga ini.'),
  col('tanggalStatus', 'Tanggal Status', '', 13, { kind: 'date' }, 'Tanggal pindah/meninggal/keluar.'),
  col('alasan', 'Alasan Status', '', 28, { kind: 'none' }, 'Wajib bila status bukan Aktif.'),
];

export const DATA_SHEET = 'DATA';
export const REF_SHEET = 'REFERENSI';
export const GUIDE_SHEET = 'PETUNJUK';
export const META_SHEET = 'META';
/** Title, subtitle, header: data starts on row 4. */
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;
/** Empty rows for new proposals under the issued ones. */
export const EMPTY_ROWS = 150;

export const columnIndex = (key: string): number => WORKBOOK_COLUMNS.findIndex((c) => c.key === key) + 1;

/** The fixed lists (the desa's own RT/RW, desa and programmes are filled per workbook). */
export const FIXED_LISTS: Partial<Record<RefList, readonly string[]>> = {
  hubungan: hubunganValues,
  jenisKelamin: jenisKelaminValues,
  statusKawin: statusKawinValues,
  pekerjaan: pekerjaanValues,
  pendidikan: pendidikanValues,
  disabilitas: disabilitasValues,
  status: workbookStatusValues,
};

/**
 * What an emptied cell of an issued row means (registry columns): these are cleared ("dikosongkan"); these may
 * not be emptied (the row is refused), like NIK and Nama, which the row checks already require. Jenis kelamin
 * left empty is read from the NIK; a programme left out is not ended (only added), as in any import.
 */
export const CLEARABLE_FIELDS = ['tempat_lahir', 'tanggal_lahir', 'ibu_kandung', 'status_kawin', 'pekerjaan', 'pendidikan', 'disabilitas', 'dusun', 'rt', 'rw', 'desil'] as const;
export const REQUIRED_FIELDS = ['hubungan', 'alamat'] as const;

/** The import's column mapping of the DATA sheet: header text → field ('' = ignored). */
export function importMapping(): Record<string, string> {
  return Object.fromEntries(WORKBOOK_COLUMNS.map((c) => [c.header, c.field]));
}

/** A cell value as text for the checksum: the same on issue and on reading back. */
export function checksumText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && v !== null && 'richText' in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
  if (typeof v === 'object' && v !== null && 'result' in v) return checksumText((v as { result: unknown }).result);
  return String(v);
}
