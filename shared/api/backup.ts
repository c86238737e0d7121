import { z } from 'zod';
import { call, returns, withoutTransaction } from './define';
import { uploadRefSchema } from './files';
import type { JobStatus } from './jobs';

export interface BackupSettings {
  /** Absolute folder for automatic backups (a second disk or a USB drive); null = not chosen yet. */
  folder: string | null;
  /** Keep the newest backup of each of the last N days… */
  keepDaily: number;
  /** …and of each of the last M months. */
  keepMonthly: number;
  onExit: boolean;
  daily: boolean;
}

const folderText = z.string().trim().max(500, 'Alamat folder terlalu panjang.');
const isFullPath = (p: string) => /^([a-zA-Z]:[\\/]|\\\\|\/)/.test(p);
const FULL_PATH = 'Tulis alamat folder lengkap, mis. D:\\Cadangan Dinsos atau E:\\.';
const hasNoNul = (p: string) => !/\0/.test(p);

/** The folder automatic backups go to, as a full path (a second disk or a USB drive). */
export const backupFolderSchema = folderText.refine(isFullPath, FULL_PATH).refine(hasNoNul, 'Alamat folder tidak valid.');
/** The same, or empty: not chosen yet (the setup wizard's step may be skipped). */
export const backupFolderOrEmptySchema = folderText.refine((p) => p === '' || isFullPath(p), FULL_PATH).refine(hasNoNul, 'Alamat folder tidak valid.');

export const backupSettingsSchema = z.object({
  folder: backupFolderSchema.nullable(),
  keepDaily: z.number().int().min(1, 'Minimal 1 hari.').max(90, 'Maksimal 90 hari.'),
  keepMonthly: z.number().int().min(0).max(60, 'Maksimal 60 bulan.'),
  onExit: z.boolean(),
  daily: z.boolean(),
});

/**
 * Something the admin must see, and accept by its code, before a restore goes ahead: the backup belongs to
 * another office, brings accounts this database does not have, is an older backup without a content SHA-256, or
 * records handover photos it carries no picture of.
 */
export const restoreWarningCodes = ['OTHER_OFFICE', 'EXTRA_ACCOUNTS', 'NO_FINGERPRINT', 'PHOTOS_WITHOUT_PICTURE'] as const;

export interface RestoreWarning {
  code: (typeof restoreWarningCodes)[number];
  message: string;
  /** EXTRA_ACCOUNTS: the accounts the backup would bring. */
  accounts?: { username: string; nama: string; role: string }[];
}

/** What a backup file says about itself, read after checking it. */
export interface BackupInfo {
  fileName: string;
  size: number;
  createdAt: string | null;
  kind: 'auto' | 'manual' | 'exit' | 'unknown';
  officeName: string | null;
  /** Kabupaten/kota code of the office the backup belongs to (e.g. 62.02). */
  officeKabKota: string | null;
  /** The Dinsos Desk version that wrote it; null for older backups. */
  appVersion: string | null;
  /** SHA-256 of the content, recorded when written and checked against the file; null for older backups. */
  contentSha256: string | null;
  warnings: RestoreWarning[];
  schemaVersion: number;
  /** Attachments carried inside the backup: files from the attachments folder and the photos in its database. */
  attachments: number;
  counts: { keluarga: number; anggota: number; users: number; audit: number };
}

export interface BackupEntry {
  fileName: string;
  size: number;
  modifiedAt: string;
}

export interface BackupOverview {
  settings: BackupSettings;
  /** The folder's backups, newest first (empty when the folder is not set or unreachable). */
  backups: BackupEntry[];
  folderProblem: string | null;
  /** The folder is on the same disk as the data: a dead disk would take the backups with it. */
  folderWarning: string | null;
  lastBackup: { at: string; fileName: string; ok: boolean; message: string | null } | null;
  dataDir: string;
  /**
   * On the office server, when the folder was chosen on another PC: the automatic backups are made there (its
   * name is said), not here, and the folder's path is that PC's; saving the settings here moves them to this PC.
   */
  otherPc: string | null;
}

export interface BackupResult {
  fileName: string;
  path: string;
  size: number;
  integrity: 'ok';
  removedOld: string[];
}

export const backupFileNameSchema = z
  .string()
  .regex(/^dinsos-\d{4}-\d{2}-\d{2}-\d{6}(-[a-z]+)?\.dsbak$/, 'Nama berkas cadangan tidak dikenal.');

export const stageTokenSchema = z.string().regex(/^[a-f0-9]{32}$/, 'Berkas pemulihan tidak dikenal. Pilih berkas lagi.');

/** The warning codes the admin has seen and accepted (see RestoreWarning). */
export const acceptWarningsSchema = z.array(z.enum(restoreWarningCodes)).max(restoreWarningCodes.length).default([]);

export interface StagedRestore {
  token: string;
  info: BackupInfo;
}

export const backupContract = {
  overview: call({ input: z.undefined(), access: 'backup.manage', scope: 'none', audit: false, returns: returns<BackupOverview>() }),
  saveSettings: call({ input: backupSettingsSchema, access: 'backup.manage', scope: 'none', audit: 'backup_settings', returns: returns<BackupOverview>() }),
  /** Desktop only: a folder dialog; null when cancelled or in browser mode. */
  chooseFolder: call({ input: z.undefined(), access: 'backup.manage', scope: 'none', audit: false, returns: returns<string | null>() }),
  /** The same dialog for the first-start wizard, before the office is set up (an admin's afterwards). */
  chooseSetupFolder: call({ input: z.undefined(), access: 'setup', scope: 'none', audit: false, returns: returns<string | null>() }),
  /** Backs up into the chosen folder now (a job: verified with integrity_check before it counts). */
  runNow: call({ input: z.undefined(), access: 'backup.manage', scope: 'none', audit: 'database', noTransaction: withoutTransaction.job, returns: returns<JobStatus<BackupResult>>() }),
  /** A backup as a file to save anywhere (job result: the FileRef). */
  toFile: call({ input: z.undefined(), access: 'backup.manage', scope: 'none', audit: 'database', noTransaction: withoutTransaction.job, returns: returns<JobStatus>() }),
  /** Checks a picked backup file and keeps it aside for `restore`; nothing changes yet. */
  stageUpload: call({ input: uploadRefSchema('backup'), access: 'backup.manage', scope: 'none', audit: false, returns: returns<StagedRestore>() }),
  /** Same, for a backup in the backup folder. */
  stageFromFolder: call({ input: z.object({ fileName: backupFileNameSchema }), access: 'backup.manage', scope: 'none', audit: false, returns: returns<StagedRestore>() }),
  /** Replaces the data with the staged backup; the current database is kept aside first. Everyone is signed out. */
  restore: call({
    input: z.object({ token: stageTokenSchema, confirm: z.literal(true, { message: 'Pemulihan harus dikonfirmasi.' }), acceptWarnings: acceptWarningsSchema }),
    access: 'backup.manage', scope: 'none', audit: 'database', noTransaction: withoutTransaction.reopen,
    returns: returns<{ keptAsidePath: string; info: BackupInfo }>(),
  }),
  /**
   * Only while the data folder needs recovery (it was set up, but its database is missing or has no accounts):
   * restores a backup file, allowed by the username and password of an admin account inside that backup.
   * Refused with RESTORE_NEEDS_CONFIRM (details.warnings) until every warning is accepted.
   */
  recover: call({
    input: uploadRefSchema('backup').extend({
      username: z.string().trim().toLowerCase().min(1, 'Isi nama pengguna admin.').max(64),
      password: z.string().min(1, 'Isi kata sandi.').max(200),
      acceptWarnings: acceptWarningsSchema,
    }),
    access: 'public', scope: 'none', audit: 'database', noTransaction: withoutTransaction.reopen,
    returns: returns<{ keptAsidePath: string | null; info: BackupInfo }>(),
  }),
};
