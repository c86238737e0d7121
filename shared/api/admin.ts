import { z } from 'zod';
import { backupFolderOrEmptySchema } from './backup';
import { call, returns } from './define';
import { kabKotaKodeField, provinsiKodeField } from './fields';

export const paperSizes = ['A4', 'F4'] as const;
export type PaperSize = (typeof paperSizes)[number];

const dataUrlImage = z
  .string()
  .max(1_500_000, 'Logo terlalu besar (maksimal sekitar 1 MB).')
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, 'Logo harus berupa gambar PNG atau JPG.');

const nipSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/\s+/g, ''))
  .refine((s) => s === '' || /^\d{18}$/.test(s), 'NIP harus 18 angka (boleh diketik dengan spasi).');

/** Document-number patterns. Placeholders: {seq} {seq3} {bulan} {bulanRomawi} {tahun} {kode}. */
export const nomorPolaSchema = z.object({
  bast: z.string().trim().min(1, 'Pola nomor BAST wajib diisi.').max(120).includes('{seq', { message: 'Pola nomor harus memuat {seq} atau {seq3}.' }),
  undangan: z.string().trim().min(1, 'Pola nomor undangan wajib diisi.').max(120).includes('{seq', { message: 'Pola nomor harus memuat {seq} atau {seq3}.' }),
  notulen: z.string().trim().min(1, 'Pola nomor notulen wajib diisi.').max(120).includes('{seq', { message: 'Pola nomor harus memuat {seq} atau {seq3}.' }),
});
export type NomorPola = z.infer<typeof nomorPolaSchema>;

export const officeProfileSchema = z.object({
  provinsiKode: provinsiKodeField,
  kabKotaKode: kabKotaKodeField,
  namaInstansi: z.string().trim().min(3, 'Nama instansi wajib diisi.').max(120),
  /** Kop line above the office name; empty = derived ("PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR"). */
  pemerintah: z.string().trim().max(120).default(''),
  alamat: z.string().trim().min(5, 'Alamat kantor wajib diisi.').max(200),
  kota: z.string().trim().min(2, 'Nama kota tempat surat dibuat wajib diisi (mis. Sampit).').max(60),
  kodePos: z.string().trim().regex(/^(\d{5})?$/, 'Kode pos 5 angka.').default(''),
  telepon: z.string().trim().max(40).default(''),
  email: z.union([z.literal(''), z.string().trim().max(100, 'Alamat e-mail terlalu panjang.').email('Alamat e-mail tidak valid.')]).default(''),
  website: z.string().trim().max(100).default(''),
  logo: dataUrlImage.nullable().default(null),
  kepalaNama: z.string().trim().min(3, 'Nama kepala dinas wajib diisi.').max(100),
  kepalaNip: nipSchema,
  kepalaPangkat: z.string().trim().max(80).default(''),
  kepalaJabatan: z.string().trim().min(3).max(100).default('Kepala Dinas Sosial'),
  nomorPola: nomorPolaSchema,
  kertas: z.enum(paperSizes, { message: 'Pilih ukuran kertas A4 atau F4.' }),
});
export type OfficeProfileInput = z.input<typeof officeProfileSchema>;
export type OfficeProfileData = z.output<typeof officeProfileSchema>;

export interface Office extends OfficeProfileData {
  /** The kop line as printed: the profile's own text or one derived from the chosen kabupaten/kota. */
  kopPemerintah: string;
  provinsiNama: string;
  kabKotaNama: string;
  updatedAt: string;
}

export const passwordSchema = z
  .string()
  .min(10, 'Kata sandi minimal 10 karakter.')
  .max(200, 'Kata sandi terlalu panjang.');

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, 'Nama pengguna 3–32 huruf kecil, angka, titik, garis bawah atau tanda hubung.');

export const firstAdminSchema = z.object({
  nama: z.string().trim().min(3, 'Nama lengkap wajib diisi.').max(100),
  username: usernameSchema,
  password: passwordSchema,
});

/**
 * The office may be left out when one is already stored (set by `init --kabupaten` on the command line): setup then
 * only creates the first admin and keeps that profile as it is.
 */
export const setupSchema = z.object({
  office: officeProfileSchema.optional(),
  admin: firstAdminSchema,
  /** Where automatic backups go (a second disk or USB drive); empty = chosen later, the dashboard keeps warning. */
  backupFolder: backupFolderOrEmptySchema.nullish(),
});
export type SetupInput = z.input<typeof setupSchema>;

export interface SetupStatus {
  needsSetup: boolean;
  /**
   * The data folder was set up before (marker, kept-aside data, attachments) but its database is missing or has
   * no accounts: the setup wizard is not offered (it would hand out a new admin account); the recovery screen is.
   */
  needsRecovery: boolean;
  /**
   * With needsRecovery: this PC's saved server connection cannot be opened here (its password cannot be
   * decrypted), so the recovery screen asks for the server's connection again rather than for a backup.
   */
  connectionUnreadable: boolean;
  /**
   * With needsRecovery on the office server: what happened there, in words (the server's database recreated
   * empty, or its accounts gone); null for this PC's own file.
   */
  serverProblem: string | null;
  /** The stored office's name; not null means the wizard asks only for the admin account. */
  officeName: string | null;
  regionsLoaded: number;
}

/** Where the data is, its schema version, the office and the row count of every table (`npm run cli -- info`). */
export interface DatabaseInfo {
  /** The database file, or the office server's address without its password. */
  db: string;
  dataDir: string;
  schemaVersion: number;
  latestSchemaVersion: number;
  migrations: string[];
  /** null until the office is set up. */
  office: Office | null;
  counts: Record<string, number>;
}

export const adminContract = {
  setupStatus: call({ input: z.undefined(), access: 'public', scope: 'none', audit: false, returns: returns<SetupStatus>() }),
  completeSetup: call({ input: setupSchema, access: 'setup', scope: 'none', audit: 'office', returns: returns<Office>() }),
  getOffice: call({ input: z.undefined(), access: 'session', scope: 'none', audit: false, returns: returns<Office>() }),
  saveOffice: call({ input: officeProfileSchema, access: 'office.manage', scope: 'none', audit: 'office', returns: returns<Office>() }),
  /** The database's place, schema version and row counts, for the administrator (the command line's `info`). */
  databaseInfo: call({ input: z.undefined(), access: 'office.manage', scope: 'none', audit: false, returns: returns<DatabaseInfo>() }),
};
