import { z } from 'zod';
import { call, returns, withoutTransaction } from './define';
import { isoDate } from './fields';
import type { FileRef } from './files';

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  note: string | null;
}

const shortKey = z.string().trim().max(60).regex(/^[a-z0-9_.-]*$/i, 'Nilai filter tidak valid.');

export const auditFilterSchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    username: z.string().trim().max(64).optional(),
    action: shortKey.optional(),
    entity: shortKey.optional(),
    /** Searches the entity id, note and the before/after values. */
    q: z.string().trim().max(100).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'Tanggal akhir harus setelah tanggal awal.' });
export type AuditFilter = z.input<typeof auditFilterSchema>;

export const auditListSchema = z.object({
  filter: auditFilterSchema,
  page: z.number().int().min(0).max(1_000_000).default(0),
  pageSize: z.number().int().min(10).max(200).default(50),
});

export interface AuditFacets {
  actions: string[];
  entities: string[];
  usernames: string[];
}

/** Indonesian labels for the actions the app records; unknown ones are shown as they are. */
export const auditActionLabels: Record<string, string> = {
  create: 'Tambah',
  update: 'Ubah',
  status: 'Ubah status',
  import: 'Impor',
  undo: 'Batalkan',
  export: 'Ekspor',
  print: 'Cetak',
  delete: 'Hapus',
  login: 'Masuk',
  logout: 'Keluar',
  'login-failed': 'Gagal masuk',
  'password-reset': 'Atur ulang kata sandi',
  'password-change': 'Ganti kata sandi',
  backup: 'Cadangan',
  restore: 'Pemulihan',
};

/** Indonesian names of the audited entities (table names); unknown ones are shown as they are. */
export const auditEntityLabels: Record<string, string> = {
  app_user: 'Pengguna',
  office: 'Data kantor',
  keluarga: 'Keluarga',
  anggota: 'Anggota keluarga',
  database: 'Basis data',
  backup_settings: 'Pengaturan cadangan',
  audit_log: 'Log audit',
  import_batch: 'Impor',
  penyerahan: 'Serah terima',
  permohonan: 'Permohonan',
  program: 'Program bantuan',
  rapat: 'Rapat',
  intervensi: 'Intervensi',
};

export const auditContract = {
  list: call({ input: auditListSchema, access: 'audit.read', scope: 'wilayah', audit: false, returns: returns<{ rows: AuditRow[]; total: number }>() }),
  facets: call({ input: z.undefined(), access: 'audit.read', scope: 'none', audit: false, returns: returns<AuditFacets>() }),
  /** The filtered log as an Excel sheet (the export itself is recorded too). */
  export: call({ input: auditFilterSchema, access: 'audit.read', scope: 'wilayah', audit: 'audit_log', noTransaction: withoutTransaction.fileExport, returns: returns<FileRef>() }),
};
