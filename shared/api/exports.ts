/**
 * Excel exports and recapitulations. Every export format is a template: data (sheet name, title rows, columns
 * with exact header text, width, cell kind and the named source field that fills it), stored in the app.
 * Built-in templates ship with the app and can only be copied; copies are edited by an admin.
 */
import { z } from 'zod';
import { beforeTransaction, call, returns, withoutTransaction } from './define';
import type { FileRef } from './files';
import { uploadRefSchema } from './files';
import type { JobStatus } from './jobs';
import { isoDate, regionCodeField } from './fields';

/** How a column's values are written (see electron/core/exports/cells.ts). */
export const cellKinds = ['text', 'id', 'kode', 'integer', 'decimal', 'rupiah', 'percent', 'date', 'dateText'] as const;
export type CellKindName = (typeof cellKinds)[number];
export const cellKindLabels: Record<CellKindName, string> = {
  text: 'Teks',
  id: 'Nomor/kode (teks)',
  kode: 'Kode angka (angka, mis. RT 003 → 3)',
  integer: 'Bilangan bulat',
  decimal: 'Bilangan desimal',
  rupiah: 'Rupiah',
  percent: 'Persen',
  date: 'Tanggal (dd/mm/yyyy)',
  dateText: 'Tanggal teks dd/mm/yyyy',
};

export const exportSources = ['anggota', 'usulan', 'keluarga', 'penerimaProgram', 'penerimaPenyerahan', 'rekapPenyaluran', 'intervensi', 'kemiskinanDesa', 'spm'] as const;
export type ExportSource = (typeof exportSources)[number];

export interface SourceField {
  key: string;
  label: string;
  kind: CellKindName;
}

export interface SourceDef {
  label: string;
  /** What one row of the export is. */
  row: string;
  /** Filters that apply to this source (others are hidden on the screen). */
  filters: readonly FilterKey[];
  fields: readonly SourceField[];
}

export const filterKeys = ['periode', 'wilayah', 'program', 'sumberDana', 'status', 'penyerahan', 'opd'] as const;
export type FilterKey = (typeof filterKeys)[number];

const f = (key: string, label: string, kind: CellKindName = 'text'): SourceField => ({ key, label, kind });

const wilayahFields = [
  f('provinsi', 'Nama provinsi'),
  f('kabupaten', 'Nama kabupaten/kota'),
  f('kecamatan', 'Nama kecamatan'),
  f('desa', 'Nama desa/kelurahan'),
  f('kodeWilayah', 'Kode Kemendagri desa (10 angka, tanpa titik)', 'id'),
];

const programFlags = [
  f('bansosBpnt', 'Penerima BPNT (Ya/Tidak)'),
  f('bansosPkh', 'Penerima PKH (Ya/Tidak)'),
  f('bansosPbi', 'Penerima PBI JKN (Ya/Tidak)'),
  f('bansosBpntPpkm', 'Penerima BPNT-PPKM (Ya/Tidak)'),
  f('bansosBpum', 'Penerima BPUM (Ya/Tidak)'),
  f('bansosBst', 'Penerima BST (Ya/Tidak)'),
  f('bansosSembako', 'Penerima SEMBAKO (Ya/Tidak)'),
];

const orangFields = [
  f('nik', 'NIK', 'id'),
  f('noKk', 'Nomor KK', 'id'),
  f('nama', 'Nama'),
  f('namaKapital', 'Nama (HURUF BESAR)'),
  f('tempatLahir', 'Tempat lahir'),
  f('tempatLahirKapital', 'Tempat lahir (HURUF BESAR)'),
  f('tanggalLahir', 'Tanggal lahir', 'dateText'),
  f('usia', 'Usia (tahun, pada tanggal ekspor)', 'integer'),
  f('jenisKelamin', 'Jenis kelamin (Laki-laki/Perempuan)'),
  f('jenisKelaminKapital', 'Jenis kelamin (LAKI-LAKI/PEREMPUAN)'),
  f('jenisKelaminKode', 'Jenis kelamin (L/P)'),
  f('alamat', 'Alamat'),
  f('alamatKapital', 'Alamat (HURUF BESAR)'),
  f('dusun', 'Dusun/lingkungan'),
  f('rt', 'RT', 'id'),
  f('rw', 'RW', 'id'),
  ...wilayahFields,
];

/** A person of the registry with their family (the anggota source, and each proposal of the usulan source). */
const anggotaFields = [
  f('no', 'Nomor urut', 'integer'),
  ...orangFields,
  f('ibuKandung', 'Nama ibu kandung'),
  f('ibuKandungKapital', 'Nama ibu kandung (HURUF BESAR)'),
  f('hubungan', 'Hubungan dengan kepala keluarga'),
  f('statusKawin', 'Status kawin'),
  f('pekerjaan', 'Pekerjaan'),
  f('pendidikan', 'Pendidikan'),
  f('statusDisabilitas', 'Status disabilitas (YA/TIDAK)'),
  f('disabilitas', 'Disabilitas (seperti tercatat)'),
  f('kodeDisabilitas', 'Kode jenis disabilitas (SIKS-NG)'),
  f('statusHamil', 'Status hamil (YA/TIDAK)'),
  f('tanggalMulaiHamil', 'Tanggal mulai hamil', 'dateText'),
  f('idDtks', 'ID DTKS / ID individu', 'id'),
  f('idKeluarga', 'ID keluarga (DTKS/P3KE)', 'id'),
  f('idIndividu', 'ID Individu P3KE (atau ID DTKS)', 'id'),
  f('resikoStunting', 'Resiko stunting P3KE (Ya/Tidak)'),
  f('desil', 'Desil kesejahteraan', 'integer'),
  f('miskinEkstrem', 'Miskin ekstrem (Ya/Tidak)'),
  f('padan', 'Keterangan padan Dukcapil'),
  f('status', 'Status di registri (Aktif/Pindah/Meninggal/Keluar)'),
  f('programBansos', 'Program bansos yang diusulkan (PKH/BPNT/PBI/NON BANSOS)'),
  f('hasilUsulan', 'Hasil usulan SIKS-NG'),
  ...programFlags,
  f('usiaBawah7', 'Usia < 7 tahun (Ya/Tidak)'),
  f('usia7_12', 'Usia 7–12 tahun (Ya/Tidak)'),
  f('usia13_15', 'Usia 13–15 tahun (Ya/Tidak)'),
  f('usia16_18', 'Usia 16–18 tahun (Ya/Tidak)'),
  f('usia19_21', 'Usia 19–21 tahun (Ya/Tidak)'),
  f('usia22_59', 'Usia 22–59 tahun (Ya/Tidak)'),
  f('usia60', 'Usia ≥ 60 tahun (Ya/Tidak)'),
  f('kosong', '(kolom kosong — data tidak dicatat di aplikasi)'),
];

export const exportSourceDefs: Record<ExportSource, SourceDef> = {
  anggota: {
    label: 'Registri — anggota keluarga',
    row: 'satu baris per orang',
    filters: ['periode', 'wilayah', 'program', 'status'],
    fields: anggotaFields,
  },
  usulan: {
    label: 'Usulan SIKS-NG (usulan yang tercatat)',
    row: 'satu baris per usulan: orang × program yang diusulkan (periode = tanggal usulan dicatat)',
    filters: ['periode', 'wilayah', 'program', 'status'],
    fields: anggotaFields,
  },
  keluarga: {
    label: 'Registri — keluarga (kepala keluarga)',
    row: 'satu baris per keluarga',
    filters: ['periode', 'wilayah', 'program', 'status'],
    fields: [
      f('no', 'Nomor urut', 'integer'),
      f('idKeluarga', 'ID keluarga (DTKS/P3KE)', 'id'),
      f('noKk', 'Nomor KK', 'id'),
      f('resikoStunting', 'Resiko stunting P3KE (Ya/Tidak)'),
      ...wilayahFields,
      f('alamat', 'Alamat'),
      f('dusun', 'Dusun/lingkungan'),
      f('rt', 'RT', 'id'),
      f('rw', 'RW', 'id'),
      f('desil', 'Desil kesejahteraan', 'integer'),
      f('miskinEkstrem', 'Miskin ekstrem (Ya/Tidak)'),
      f('kepalaKeluarga', 'Nama kepala keluarga'),
      f('nik', 'NIK kepala keluarga', 'id'),
      f('padan', 'Padan Dukcapil kepala keluarga'),
      f('jenisKelamin', 'Jenis kelamin kepala keluarga'),
      f('tanggalLahir', 'Tanggal lahir kepala keluarga', 'dateText'),
      f('pekerjaan', 'Pekerjaan kepala keluarga'),
      f('pendidikan', 'Pendidikan kepala keluarga'),
      f('jumlahAnggota', 'Jumlah anggota keluarga (aktif)', 'integer'),
      ...programFlags,
      f('kosong', '(kolom kosong — data tidak dicatat di aplikasi)'),
    ],
  },
  penerimaProgram: {
    label: 'Penerima per program (registri dan serah terima)',
    row: 'satu baris per orang per program',
    filters: ['periode', 'wilayah', 'program', 'sumberDana', 'status'],
    fields: [
      f('no', 'Nomor urut', 'integer'),
      ...orangFields,
      f('program', 'Nama program'),
      f('sumberDana', 'Sumber dana'),
      f('tanggalTerima', 'Tanggal terima', 'date'),
      f('nomorKartu', 'Nomor kartu peserta / nomor BAST', 'id'),
      f('keterangan', 'Keterangan'),
      f('kosong', '(kolom kosong)'),
    ],
  },
  penerimaPenyerahan: {
    label: 'Penerima satu serah terima',
    row: 'satu baris per penerima',
    filters: ['penyerahan', 'status'],
    fields: [
      f('no', 'Nomor urut', 'integer'),
      ...orangFields,
      f('program', 'Nama program'),
      f('barang', 'Barang/bantuan yang diterima'),
      f('jumlah', 'Jumlah unit', 'decimal'),
      f('satuan', 'Satuan'),
      f('nilai', 'Nilai (Rp)', 'rupiah'),
      f('statusTerima', 'Status (Diterima/Belum/Batal)'),
      f('tanggalTerima', 'Tanggal terima', 'date'),
      f('keterangan', 'Keterangan'),
      f('kosong', '(kolom kosong, mis. tanda tangan)'),
    ],
  },
  rekapPenyaluran: {
    label: 'Rekap penyaluran bantuan (wilayah × jenis bantuan)',
    row: 'satu baris per kecamatan (atau desa); kolom per jenis bantuan',
    filters: ['periode', 'wilayah', 'program', 'sumberDana'],
    fields: [
      f('no', 'Nomor urut', 'integer'),
      f('wilayah', 'Nama kecamatan/desa'),
      f('kodeWilayah', 'Kode wilayah', 'id'),
      f('jenis.penerima', 'Per jenis bantuan: jumlah penerima', 'integer'),
      f('jenis.unit', 'Per jenis bantuan: jumlah unit', 'decimal'),
      f('jenis.nilai', 'Per jenis bantuan: nilai (Rp)', 'rupiah'),
      f('total.penerima', 'Jumlah: penerima (orang berbeda)', 'integer'),
      f('total.nilai', 'Jumlah: nilai (Rp)', 'rupiah'),
    ],
  },
  intervensi: {
    label: 'Intervensi per OPD',
    row: 'satu baris per OPD dan jenis intervensi',
    filters: ['periode', 'wilayah', 'opd'],
    fields: [
      f('no', 'Nomor urut', 'integer'),
      f('opd', 'OPD'),
      f('jenis', 'Jenis intervensi'),
      f('jumlahOrang', 'Jumlah orang', 'integer'),
      f('jumlahKeluarga', 'Jumlah keluarga', 'integer'),
      f('keluargaEkstrem', 'Di antaranya keluarga miskin ekstrem', 'integer'),
      f('nilai', 'Nilai (Rp)', 'rupiah'),
      f('tanggalAwal', 'Tanggal pertama', 'date'),
      f('tanggalAkhir', 'Tanggal terakhir', 'date'),
    ],
  },
  kemiskinanDesa: {
    label: 'Status kemiskinan ekstrem per desa (laporan P3KE triwulanan)',
    row: 'satu baris per desa/kelurahan',
    filters: ['periode', 'wilayah'],
    fields: [
      f('no', 'Nomor urut', 'integer'),
      f('kecamatan', 'Nama kecamatan'),
      f('desa', 'Nama desa/kelurahan'),
      f('kodeWilayah', 'Kode Kemendagri desa', 'id'),
      f('jumlahKeluarga', 'Keluarga terdaftar', 'integer'),
      f('jumlahJiwa', 'Jiwa terdaftar (aktif)', 'integer'),
      f('keluargaDesil1_4', 'Keluarga desil 1–4', 'integer'),
      f('keluargaEkstrem', 'Keluarga miskin ekstrem', 'integer'),
      f('jiwaEkstrem', 'Jiwa dalam keluarga miskin ekstrem', 'integer'),
      f('ekstremDenganIntervensi', 'Keluarga miskin ekstrem sudah diintervensi (periode)', 'integer'),
      f('ekstremTanpaIntervensi', 'Keluarga miskin ekstrem belum diintervensi (periode)', 'integer'),
      f('persenIntervensi', 'Persen keluarga miskin ekstrem diintervensi', 'percent'),
    ],
  },
  spm: {
    label: 'SPM Bidang Sosial (PP 2/2018, Permensos 9/2018)',
    row: 'satu baris per jenis pelayanan dasar',
    filters: ['periode', 'wilayah'],
    fields: [
      f('no', 'Nomor urut', 'integer'),
      f('layanan', 'Jenis pelayanan dasar'),
      f('kriteria', 'Cara menghitung'),
      f('sasaran', 'Y: jumlah yang membutuhkan layanan', 'integer'),
      f('terlayani', 'X: jumlah yang terlayani', 'integer'),
      f('persen', 'Capaian X/Y', 'percent'),
      f('target', 'Target', 'percent'),
      f('keterangan', 'Keterangan'),
    ],
  },
};

export function sourceField(source: ExportSource, key: string): SourceField | undefined {
  return exportSourceDefs[source].fields.find((x) => x.key === key);
}

/** Placeholders that title rows and file names may use. */
export const titlePlaceholders: Record<string, string> = {
  '{kantor}': 'Nama instansi',
  '{pemerintah}': 'Baris pemerintah pada kop',
  '{kabupaten}': 'Nama kabupaten/kota kantor',
  '{provinsi}': 'Nama provinsi kantor',
  '{periode}': 'Periode yang dipilih (mis. 01/01/2025 s.d. 31/03/2025)',
  '{tahun}': 'Tahun periode yang dipilih (mis. 2025, atau 2024–2025; tanpa periode: tahun ini)',
  '{wilayah}': 'Kecamatan/desa yang dipilih, atau nama kabupaten/kota',
  '{program}': 'Program yang dipilih, atau "Semua program"',
  '{sumberDana}': 'Sumber dana yang dipilih, atau "Semua sumber dana"',
  '{tanggal}': 'Tanggal ekspor (dd/mm/yyyy)',
  '{bulan}': 'Bulan dan tahun akhir periode yang dipilih, atau bulan ekspor (mis. NOVEMBER 2026)',
};

const SHEET_NAME_BAD = /[[\]:*?/\\]/;

export const templateColumnSchema = z.object({
  header: z.string().max(200, 'Judul kolom maksimal 200 karakter.').refine((s) => s.trim() !== '', 'Judul kolom wajib diisi.'),
  field: z.string().trim().min(1).max(60),
  width: z.number({ message: 'Lebar kolom harus angka.' }).min(2, 'Lebar kolom minimal 2.').max(120, 'Lebar kolom maksimal 120.'),
  kind: z.enum(cellKinds, { message: 'Jenis isi kolom tidak dikenal.' }),
});
export type TemplateColumn = z.infer<typeof templateColumnSchema>;

export const templateDefSchema = z
  .object({
    source: z.enum(exportSources, { message: 'Sumber data tidak dikenal.' }),
    sheetName: z
      .string()
      .trim()
      .min(1, 'Nama sheet wajib diisi.')
      .max(31, 'Nama sheet maksimal 31 karakter (batas Excel).')
      .refine((s) => !SHEET_NAME_BAD.test(s), 'Nama sheet tidak boleh memuat [ ] : * ? / \\'),
    titleRows: z.array(z.string().max(300, 'Baris judul maksimal 300 karakter.')).max(6, 'Paling banyak 6 baris judul.'),
    columns: z.array(templateColumnSchema).min(1, 'Templat harus punya paling sedikit satu kolom.').max(100, 'Paling banyak 100 kolom.'),
    /** A row of column numbers (1, 2, 3, …) under the header, as many printed formats have. */
    numberRow: z.boolean(),
    /** A JUMLAH row summing the numeric columns. */
    totalsRow: z.boolean(),
    headerStyle: z.enum(['biru', 'polos']),
    paper: z.enum(['kantor', 'A4', 'F4']),
    landscape: z.boolean(),
    /** Rekap only: rows per kecamatan or per desa. */
    groupBy: z.enum(['kecamatan', 'desa']).optional(),
    /** Without extension; may use the title placeholders. */
    fileName: z.string().trim().min(1, 'Nama berkas wajib diisi.').max(120),
  })
  .superRefine((def, ctx) => {
    def.columns.forEach((col, i) => {
      if (!sourceField(def.source, col.field)) {
        ctx.addIssue({ code: 'custom', path: ['columns', i, 'field'], message: `Isi kolom "${col.field}" tidak tersedia untuk sumber data ini.` });
      }
    });
  });
export type TemplateDef = z.infer<typeof templateDefSchema>;

export interface ExportTemplate {
  id: number;
  /** Stable key of a built-in template (e.g. 'siks-ng-usulan'); null for copies. */
  key: string | null;
  nama: string;
  deskripsi: string;
  builtin: boolean;
  /** The template this one was copied from. */
  basedOnId: number | null;
  def: TemplateDef;
  updatedAt: string;
  updatedBy: string | null;
}


/** Sumber dana codes of programmes (same values as the programmes feature). */
export const sumberDanaFilter = ['apbd_kab', 'apbd_prov', 'apbn', 'csr'] as const;

export const exportFilterSchema = z
  .object({
    dari: isoDate.nullable().default(null),
    sampai: isoDate.nullable().default(null),
    /** Kecamatan or desa (dotted Kemendagri code). */
    wilayah: regionCodeField.nullable().default(null),
    /** Programme name (registry programmes such as PKH, or a handover programme). */
    program: z.string().trim().max(120).nullable().default(null),
    sumberDana: z.enum(sumberDanaFilter).nullable().default(null),
    /** Registry: aktif (default) / semua / pindah / meninggal / keluar; handover recipients: diterima / belum / batal / semua. */
    status: z.enum(['aktif', 'pindah', 'meninggal', 'keluar', 'diterima', 'belum', 'batal', 'semua']).nullable().default(null),
    penyerahanId: z.number().int().positive().nullable().default(null),
    opd: z.string().trim().max(120).nullable().default(null),
  })
  .refine((x) => !x.dari || !x.sampai || x.dari <= x.sampai, { message: 'Tanggal awal periode harus sebelum tanggal akhir.', path: ['sampai'] });
export type ExportFilters = z.output<typeof exportFilterSchema>;
export type ExportFiltersInput = z.input<typeof exportFilterSchema>;

const templateIdSchema = z.object({ id: z.number().int().positive() });
const namaSchema = z.string().trim().min(3, 'Nama templat minimal 3 huruf.').max(100, 'Nama templat maksimal 100 karakter.');

export const saveTemplateSchema = z.object({
  id: z.number().int().positive(),
  nama: namaSchema,
  deskripsi: z.string().trim().max(500).default(''),
  def: templateDefSchema,
});

export const runExportSchema = z.object({ templateId: z.number().int().positive(), filters: exportFilterSchema });

export interface ExportPreview {
  rows: number;
  /** Header texts and the first rows as they will appear (formatted as text). */
  headers: string[];
  sample: string[][];
  /** Filters the template's source does not use (so the screen can say they are ignored). */
  ignoredFilters: FilterKey[];
}

export interface ExportResult {
  file: FileRef;
  rows: number;
  templateNama: string;
}

export interface HasilImportResult {
  /** For undo. */
  batchId: string;
  rows: number;
  updated: number;
  /** Rows whose NIK is not in the registry: listed, never lost. */
  notFound: { row: number; nik: string; nama: string }[];
  rejected: { row: number; reason: string }[];
  padanChanged: number;
}

export interface UsulanRow {
  id: number;
  nik: string;
  nama: string;
  program: string;
  hasil: string | null;
  padan: string | null;
  keterangan: string | null;
  updatedAt: string;
}

export interface ExportOptions {
  programs: string[];
  opd: string[];
  penyerahan: { id: number; label: string }[];
}

export const exportsContract = {
  templates: call({ input: z.object({ withDeleted: z.boolean().default(false) }), access: 'exports.run', scope: 'none', audit: false, returns: returns<(ExportTemplate & { deleted: boolean })[]>() }),
  template: call({ input: templateIdSchema, access: 'exports.run', scope: 'none', audit: false, returns: returns<ExportTemplate>() }),
  options: call({ input: z.undefined(), access: 'exports.run', scope: 'none', audit: false, returns: returns<ExportOptions>() }),
  duplicateTemplate: call({ input: z.object({ id: z.number().int().positive(), nama: namaSchema }), access: 'templates.manage', scope: 'none', audit: 'export_template', returns: returns<ExportTemplate>() }),
  saveTemplate: call({ input: saveTemplateSchema, access: 'templates.manage', scope: 'none', audit: 'export_template', returns: returns<ExportTemplate>() }),
  /** Copies only; a deleted copy can be restored. */
  deleteTemplate: call({ input: templateIdSchema, access: 'templates.manage', scope: 'none', audit: 'export_template', returns: returns<{ id: number }>() }),
  restoreTemplate: call({ input: templateIdSchema, access: 'templates.manage', scope: 'none', audit: 'export_template', returns: returns<ExportTemplate>() }),
  preview: call({ input: runExportSchema, access: 'exports.run', scope: 'wilayah', audit: false, returns: returns<ExportPreview>() }),
  run: call({ input: runExportSchema, access: 'exports.run', scope: 'wilayah', audit: 'export_template', noTransaction: withoutTransaction.job, returns: returns<JobStatus<ExportResult>>() }),
  /** The SIKS-NG result file (§1.3): per NIK the result, padan status and remark. */
  importHasil: call({ input: z.object({ file: uploadRefSchema('import') }), access: 'imports.run', scope: 'wilayah', audit: 'usulan_hasil', prepare: beforeTransaction.upload, returns: returns<HasilImportResult>() }),
  undoHasil: call({ input: z.object({ batchId: z.string().regex(/^[a-f0-9]{12}$/, 'Impor tidak dikenal.') }), access: 'imports.run', scope: 'wilayah', audit: 'usulan_hasil', returns: returns<{ restored: number }>() }),
  usulan: call({
    input: z.object({ q: z.string().trim().max(60).default(''), limit: z.number().int().min(1).max(200).default(50) }),
    access: 'registry.read', scope: 'wilayah', audit: false,
    returns: returns<UsulanRow[]>(),
  }),
};
