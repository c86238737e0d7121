import { z } from 'zod';
import { beforeTransaction, call, returns, withoutTransaction } from './define';
import { desaKodeField, isoDate, kecamatanKodeField, nikOptionalField, noHpField } from './fields';
import { uploadRefSchema, type FileRef } from './files';

/**
 * DTKS operator meetings: the directory of desa/kelurahan operators, meetings with invitees and attendance,
 * minutes, follow-ups, their printed documents and the attendance recap.
 */

export const jenisRapat = ['operator_dtks', 'koordinasi', 'sosialisasi', 'musyawarah'] as const;
export type JenisRapat = (typeof jenisRapat)[number];
export const jenisRapatLabels: Record<JenisRapat, string> = {
  operator_dtks: 'Rapat operator DTKS',
  koordinasi: 'Rapat koordinasi',
  sosialisasi: 'Sosialisasi',
  musyawarah: 'Musyawarah desa/kelurahan',
};

export const statusRapat = ['rencana', 'selesai', 'batal'] as const;
export type StatusRapat = (typeof statusRapat)[number];
export const statusRapatLabels: Record<StatusRapat, string> = { rencana: 'Direncanakan', selesai: 'Selesai', batal: 'Dibatalkan' };

/** The office's clock: its date (yyyy-mm-dd), time (HH:MM) and zone label. */
export interface JamKantor {
  tanggal: string;
  jam: string;
  zona: string;
}

/** A meeting has begun once its date and start time have come on the office's clock; until then it can't be "Selesai". */
export function rapatSudahDimulai(m: { tanggal: string; jamMulai: string }, sekarang: Omit<JamKantor, 'zona'>): boolean {
  return `${m.tanggal} ${m.jamMulai}` <= `${sekarang.tanggal} ${sekarang.jam}`;
}

export const kehadiranValues = ['belum', 'hadir', 'izin', 'tidak_hadir'] as const;
export type Kehadiran = (typeof kehadiranValues)[number];
export const kehadiranLabels: Record<Kehadiran, string> = {
  belum: 'Belum dicatat',
  hadir: 'Hadir',
  izin: 'Izin',
  tidak_hadir: 'Tidak hadir',
};

export const statusTindakLanjut = ['belum', 'proses', 'selesai'] as const;
export type StatusTindakLanjut = (typeof statusTindakLanjut)[number];
export const statusTindakLanjutLabels: Record<StatusTindakLanjut, string> = { belum: 'Belum', proses: 'Proses', selesai: 'Selesai' };

export { normalizeNoHp } from './fields';

const trimmed = (max: number) => z.string().trim().max(max, `Maksimal ${max} karakter.`);
const optionalText = (max: number) =>
  trimmed(max)
    .nullish()
    .transform((s) => (s ? s : null));

const optionalDate = z
  .union([z.literal(''), isoDate])
  .nullish()
  .transform((s) => (s ? s : null));
export const jamSchema = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3])[.:][0-5]\d$/, 'Jam ditulis JJ:MM, mis. 09:00.')
  .transform((s) => s.replace('.', ':'));

const idSchema = z.number().int().positive();

const emailSchema = z
  .union([z.literal(''), z.string().trim().max(120).email('Alamat e-mail tidak valid.')])
  .nullish()
  .transform((s) => (s ? s.toLowerCase() : null));

// ─── Operators ──────────────────────────────────────────────────────────────────────────────────

export const operatorSchema = z.object({
  id: idSchema.optional(),
  nama: trimmed(100).min(3, 'Nama operator wajib diisi (minimal 3 huruf).'),
  nik: nikOptionalField,
  noHp: noHpField,
  email: emailSchema,
  desaKode: desaKodeField,
  jabatan: trimmed(80).min(2, 'Jabatan wajib diisi.').default('Operator DTKS'),
  skNomor: optionalText(120),
  skTanggal: optionalDate,
  aktif: z.boolean().default(true),
  catatan: optionalText(500),
});
export type OperatorInput = z.input<typeof operatorSchema>;

export interface OperatorRow {
  id: number;
  nama: string;
  nik: string | null;
  noHp: string | null;
  email: string | null;
  desaKode: string;
  desaNama: string;
  kecamatanKode: string;
  kecamatanNama: string;
  jabatan: string;
  skNomor: string | null;
  skTanggal: string | null;
  aktif: boolean;
  catatan: string | null;
  updatedAt: string;
}

export const operatorListSchema = z.object({
  q: trimmed(100).default(''),
  kecamatanKode: kecamatanKodeField.nullish(),
  aktif: z.enum(['aktif', 'nonaktif', 'semua']).default('semua'),
});

export interface DesaCoverage {
  kode: string;
  nama: string;
  level: string;
  operatorAktif: number;
}
export interface KecamatanCoverage {
  kode: string;
  nama: string;
  desa: DesaCoverage[];
  tanpaOperator: number;
}

export interface ImportProblemRow {
  /** Row number as Excel shows it. */
  row: number;
  nama: string;
  reasons: string[];
}
export interface OperatorImportResult {
  fileName: string;
  sheet: string;
  dataRows: number;
  /** Rows that would be / were added. */
  baru: number;
  /** Rows matching an existing operator (by NIK, or by name in the same desa). */
  diperbarui: number;
  ditolak: ImportProblemRow[];
  peringatan: ImportProblemRow[];
  /** Rows of the signature block under the list (from "Sampit, …" / "Mengetahui" on), not read as data. */
  dilewati: { row: number; teks: string }[];
  committed: boolean;
  /** Set once committed: what undoOperatorImport takes. */
  batch?: string;
  /** Columns recognised, for the preview ("Nama ← kolom B 'NAMA OPERATOR'"). */
  kolom: { field: string; header: string }[];
}

export const operatorImportSchema = z.object({
  file: uploadRefSchema('import'),
  commit: z.boolean().default(false),
  /** Commit the valid rows although others were rejected (the user confirmed it). */
  lewatiDitolak: z.boolean().default(false),
});

// ─── Meetings ───────────────────────────────────────────────────────────────────────────────────

export const pejabatSchema = z.object({
  nama: trimmed(100).min(3, 'Nama wajib diisi.'),
  jabatan: trimmed(120).min(2, 'Jabatan wajib diisi.'),
  nip: z
    .string()
    .trim()
    .transform((s) => s.replace(/\s+/g, ''))
    .refine((s) => s === '' || /^\d{18}$/.test(s), 'NIP harus 18 angka (boleh dikosongkan).')
    .default(''),
  pangkat: trimmed(80).default(''),
});
export type Pejabat = z.output<typeof pejabatSchema>;

export const meetingSchema = z
  .object({
    id: idSchema.optional(),
    judul: trimmed(200).min(5, 'Judul rapat wajib diisi.'),
    jenis: z.enum(jenisRapat, { message: 'Pilih jenis rapat.' }),
    tanggal: isoDate,
    jamMulai: jamSchema,
    jamSelesai: z
      .union([z.literal(''), jamSchema])
      .nullish()
      .transform((s) => (s ? s : null)),
    tempat: trimmed(200).min(3, 'Tempat wajib diisi.'),
    pimpinan: pejabatSchema,
    agenda: z
      .array(z.object({ id: idSchema.optional(), judul: trimmed(300).min(3, 'Isi judul agenda.') }))
      .min(1, 'Tulis sedikitnya satu agenda.')
      .max(30),
  })
  .refine((m) => !m.jamSelesai || m.jamSelesai > m.jamMulai, { message: 'Jam selesai harus setelah jam mulai.', path: ['jamSelesai'] });
export type MeetingInput = z.input<typeof meetingSchema>;

export interface MeetingSummary {
  id: number;
  judul: string;
  jenis: JenisRapat;
  tanggal: string;
  jamMulai: string;
  jamSelesai: string | null;
  tempat: string;
  status: StatusRapat;
  jumlahPeserta: number;
  hadir: number;
  izin: number;
  tidakHadir: number;
  belum: number;
  tindakLanjutTerbuka: number;
}

export interface AgendaItem {
  id: number;
  urutan: number;
  judul: string;
  pembahasan: string;
  keputusan: string[];
}

export interface Peserta {
  id: number;
  operatorId: number | null;
  nama: string;
  nik: string | null;
  desaKode: string | null;
  desaNama: string | null;
  kecamatanKode: string | null;
  kecamatanNama: string | null;
  instansi: string | null;
  jabatan: string;
  noHp: string | null;
  kehadiran: Kehadiran;
  jamDatang: string | null;
  keterangan: string | null;
  diundang: boolean;
}

export interface FollowUp {
  id: number;
  rapatId: number;
  rapatJudul: string;
  rapatTanggal: string;
  agendaId: number | null;
  agendaJudul: string | null;
  uraian: string;
  pjNama: string;
  pjDesaKode: string | null;
  pjDesaNama: string | null;
  batasWaktu: string | null;
  status: StatusTindakLanjut;
  selesaiTanggal: string | null;
  catatan: string | null;
  /** Past its due date and not finished (as of the office's today). */
  terlambat: boolean;
}

export interface RekapKecamatanRapat {
  kode: string;
  nama: string;
  jumlahDesa: number;
  terwakili: { kode: string; nama: string }[];
  tidakTerwakili: { kode: string; nama: string }[];
}

export const undanganSettingsSchema = z.object({
  tanggalSurat: isoDate,
  sifat: trimmed(40).default('Penting'),
  kepada: z.array(trimmed(200).min(1)).min(1, 'Tulis kepada siapa undangan ditujukan.').max(6),
  catatan: z.array(trimmed(300).min(1)).max(10).default([]),
  tembusan: z.array(trimmed(200).min(1)).max(10).default([]),
});
export type UndanganSettings = z.output<typeof undanganSettingsSchema>;

export interface MeetingDetail extends MeetingSummary {
  pimpinan: Pejabat;
  notulis: Pejabat | null;
  pembukaan: string | null;
  undangan: (UndanganSettings & { nomor: string }) | null;
  notulenNomor: string | null;
  agenda: AgendaItem[];
  peserta: Peserta[];
  tindakLanjut: FollowUp[];
  rekapDesa: RekapKecamatanRapat[];
}

export const inviteOperatorsSchema = z.object({
  rapatId: idSchema,
  /** Empty = every active operator of the office's kabupaten/kota. */
  kecamatanKodes: z.array(kecamatanKodeField).max(100).default([]),
});

export const guestSchema = z.object({
  rapatId: idSchema,
  nama: trimmed(100).min(3, 'Nama wajib diisi.'),
  instansi: trimmed(150).min(2, 'Instansi wajib diisi (mis. Bappedalitbang, Kecamatan Baamang).'),
  jabatan: trimmed(120).default(''),
  noHp: noHpField,
  nik: nikOptionalField,
  /** false = came without an invitation (recorded at the door). */
  diundang: z.boolean().default(true),
});
export type GuestInput = z.input<typeof guestSchema>;

export const attendanceSchema = z.object({
  pesertaId: idSchema,
  kehadiran: z.enum(kehadiranValues),
  jamDatang: z
    .union([z.literal(''), jamSchema])
    .nullish()
    .transform((s) => (s ? s : null)),
  keterangan: optionalText(200),
});

export interface CheckInCandidate {
  kind: 'peserta' | 'operator';
  /** peserta id or operator id, by kind. */
  id: number;
  nama: string;
  nik: string | null;
  desaInstansi: string;
  kehadiran: Kehadiran | null;
}

export const checkInSchema = z.object({
  rapatId: idSchema,
  kind: z.enum(['peserta', 'operator']),
  id: idSchema,
  jamDatang: z
    .union([z.literal(''), jamSchema])
    .nullish()
    .transform((s) => (s ? s : null)),
});

export const minutesSchema = z.object({
  rapatId: idSchema,
  notulis: pejabatSchema,
  pembukaan: optionalText(5000),
  agenda: z
    .array(
      z.object({
        id: idSchema,
        pembahasan: trimmed(20000).default(''),
        keputusan: z.array(trimmed(1000).min(1)).max(50).default([]),
      }),
    )
    .max(30),
  /** Mark the meeting as held (selesai). */
  selesai: z.boolean().default(true),
});
export type MinutesInput = z.input<typeof minutesSchema>;

export const followUpSchema = z.object({
  id: idSchema.optional(),
  rapatId: idSchema,
  agendaId: idSchema.nullish().transform((v) => v ?? null),
  uraian: trimmed(1000).min(5, 'Uraikan tindak lanjutnya.'),
  pjNama: trimmed(150).min(3, 'Penanggung jawab wajib diisi (orang atau desa).'),
  pjDesaKode: desaKodeField.nullish().transform((v) => v ?? null),
  batasWaktu: optionalDate,
  status: z.enum(statusTindakLanjut).default('belum'),
  catatan: optionalText(1000),
});
export type FollowUpInput = z.input<typeof followUpSchema>;

export const followUpListSchema = z.object({
  status: z.enum(['terbuka', 'terlambat', 'selesai', 'semua']).default('terbuka'),
  rapatId: idSchema.optional(),
  q: trimmed(100).default(''),
});

// ─── Documents and recap ────────────────────────────────────────────────────────────────────────

export const meetingDocumentKinds = ['undangan', 'daftarHadir', 'notulen'] as const;
export type MeetingDocumentKind = (typeof meetingDocumentKinds)[number];
export const meetingDocumentLabels: Record<MeetingDocumentKind, string> = {
  undangan: 'Undangan',
  daftarHadir: 'Daftar hadir',
  notulen: 'Notulen',
};

export const meetingDocumentSchema = z.object({
  rapatId: idSchema,
  kind: z.enum(meetingDocumentKinds),
  /** Daftar hadir: empty numbered rows for walk-ins. */
  barisKosong: z.number().int().min(0).max(60).default(5),
  /** Daftar hadir: only those marked present (after the meeting) instead of every invitee. */
  hanyaHadir: z.boolean().default(false),
  /** Daftar hadir: landscape unless asked otherwise (formats.md: wide signature cells); other documents ignore it. */
  landscape: z.boolean().default(true),
});
export type MeetingDocumentInput = z.input<typeof meetingDocumentSchema>;

export interface DocumentPreview {
  html: string;
  title: string;
  paper: 'A4' | 'F4';
  landscape: boolean;
}

export const recapSchema = z
  .object({
    dari: isoDate,
    sampai: isoDate,
    kecamatanKode: kecamatanKodeField.nullish(),
  })
  .refine((r) => r.dari <= r.sampai, { message: 'Tanggal akhir harus sesudah tanggal awal.', path: ['sampai'] });
export type RecapInput = z.input<typeof recapSchema>;

export interface RecapDesaRow {
  kecamatanKode: string;
  kecamatanNama: string;
  desaKode: string;
  desaNama: string;
  operatorAktif: number;
  diundang: number;
  hadir: number;
  izin: number;
  tidakHadir: number;
  /** Per meeting (same order as `rapat`): the desa's best attendance, or null when not invited. */
  perRapat: (Kehadiran | null)[];
}
export interface AttendanceRecap {
  dari: string;
  sampai: string;
  rapat: { id: number; judul: string; tanggal: string; peserta: number; hadir: number }[];
  desa: RecapDesaRow[];
  /** Desa invited at least once and never present. */
  tidakPernahHadir: number;
}

export const meetingsContract = {
  listOperators: call({ input: operatorListSchema, access: 'meetings.read', scope: 'none', audit: false, returns: returns<OperatorRow[]>() }),
  saveOperator: call({ input: operatorSchema, access: 'meetings.write', scope: 'none', audit: 'operator_desa', returns: returns<{ operator: OperatorRow; warnings: string[] }>() }),
  coverage: call({ input: z.undefined(), access: 'meetings.read', scope: 'none', audit: false, returns: returns<KecamatanCoverage[]>() }),
  importOperators: call({ input: operatorImportSchema, access: 'meetings.write', scope: 'none', audit: 'operator_import', prepare: beforeTransaction.upload, returns: returns<OperatorImportResult>() }),
  undoOperatorImport: call({
    input: z.object({ batch: z.string().regex(/^[a-f0-9]{12}$/, 'Impor tidak dikenal.') }),
    access: 'meetings.write', scope: 'none', audit: 'operator_import',
    returns: returns<{ dihapus: number; dipulihkan: number }>(),
  }),
  exportOperators: call({ input: operatorListSchema, access: 'exports.run', scope: 'none', audit: 'operator_desa', noTransaction: withoutTransaction.fileExport, returns: returns<FileRef>() }),

  listMeetings: call({
    input: z.object({ tahun: z.number().int().min(2000).max(2100).nullish(), q: trimmed(100).default('') }),
    access: 'meetings.read', scope: 'none', audit: false,
    returns: returns<MeetingSummary[]>(),
  }),
  getMeeting: call({ input: z.object({ id: idSchema }), access: 'meetings.read', scope: 'none', audit: false, returns: returns<MeetingDetail>() }),
  saveMeeting: call({ input: meetingSchema, access: 'meetings.write', scope: 'none', audit: 'rapat', returns: returns<MeetingDetail>() }),
  setMeetingStatus: call({
    input: z.object({ id: idSchema, status: z.enum(statusRapat) }),
    access: 'meetings.write', scope: 'none', audit: 'rapat',
    returns: returns<MeetingDetail>(),
  }),
  inviteOperators: call({ input: inviteOperatorsSchema, access: 'meetings.write', scope: 'none', audit: 'rapat_peserta', returns: returns<{ ditambahkan: number; sudahDiundang: number }>() }),
  addGuest: call({ input: guestSchema, access: 'meetings.write', scope: 'none', audit: 'rapat_peserta', returns: returns<Peserta>() }),
  removeParticipant: call({ input: z.object({ id: idSchema }), access: 'meetings.write', scope: 'none', audit: 'rapat_peserta', returns: returns<null>() }),
  setAttendance: call({ input: attendanceSchema, access: 'meetings.write', scope: 'none', audit: 'rapat_kehadiran', returns: returns<Peserta>() }),
  checkInCandidates: call({
    input: z.object({ rapatId: idSchema, q: trimmed(100).min(2) }),
    access: 'meetings.read', scope: 'none', audit: false,
    returns: returns<CheckInCandidate[]>(),
  }),
  checkIn: call({ input: checkInSchema, access: 'meetings.write', scope: 'none', audit: 'rapat_kehadiran', returns: returns<Peserta>() }),
  saveUndangan: call({
    input: undanganSettingsSchema.extend({ rapatId: idSchema }),
    access: 'meetings.write', scope: 'none', audit: 'rapat_undangan',
    returns: returns<MeetingDetail>(),
  }),
  saveMinutes: call({ input: minutesSchema, access: 'meetings.write', scope: 'none', audit: 'rapat_notulen', returns: returns<MeetingDetail>() }),

  listFollowUps: call({ input: followUpListSchema, access: 'meetings.read', scope: 'none', audit: false, returns: returns<FollowUp[]>() }),
  saveFollowUp: call({ input: followUpSchema, access: 'meetings.write', scope: 'none', audit: 'tindak_lanjut', returns: returns<FollowUp>() }),
  setFollowUpStatus: call({
    input: z.object({ id: idSchema, status: z.enum(statusTindakLanjut) }),
    access: 'meetings.write', scope: 'none', audit: 'tindak_lanjut',
    returns: returns<FollowUp>(),
  }),

  previewDocument: call({ input: meetingDocumentSchema, access: 'meetings.read', scope: 'none', audit: false, returns: returns<DocumentPreview>() }),
  printDocument: call({ input: meetingDocumentSchema, access: 'documents.print', scope: 'none', audit: 'rapat_dokumen', noTransaction: withoutTransaction.document, returns: returns<null>() }),
  documentPdf: call({ input: meetingDocumentSchema, access: 'documents.print', scope: 'none', audit: 'rapat_dokumen', noTransaction: withoutTransaction.document, returns: returns<FileRef>() }),

  attendanceRecap: call({ input: recapSchema, access: 'meetings.read', scope: 'none', audit: false, returns: returns<AttendanceRecap>() }),
  exportAttendanceRecap: call({ input: recapSchema, access: 'exports.run', scope: 'none', audit: 'rapat_rekap', noTransaction: withoutTransaction.fileExport, returns: returns<FileRef>() }),
};
