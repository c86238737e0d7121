import { z } from 'zod';
import { call, returns } from './define';
import { uploadSchema } from './files';
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

export const backupSettingsSchema = z.object({
  folder: z
    .string()
    .trim()
    .max(500, 'Alamat folder terlalu panjang.')
    .refine((p) => /^([a-zA-Z]:[\\/]|\\\\|\/)/.test(p), 'Tulis alamat folder lengkap, mis. D:\\Cadangan Dinsos atau E:\\.')
    .refine((p) => !/\0/.test(p), 'Alamat folder tidak valid.')
    .nullable(),
  keepDaily: z.number().int().min(1, 'Minimal 1 hari.').max(90, 'Maksimal 90 hari.'),
  keepMonthly: z.number().int().min(0).max(60, 'Maksimal 60 bulan.'),
  onExit: z.boolean(),
  daily: z.boolean(),
});

/** What a backup file says about itself, read after checking it. */
export interface BackupInfo {
  fileName: string;
  size: number;
  createdAt: string | null;
  kind: 'auto' | 'manual' | 'exit' | 'unknown';
  officeName: string | null;
  schemaVersion: number;
  /** Files from the attachments folder carried inside the backup. */
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

export interface StagedRestore {
  token: string;
  info: BackupInfo;
}

export const backupContract = {
  overview: call({ input: z.undefined(), access: 'backup.manage', scope: 'none', returns: returns<BackupOverview>() }),
  saveSettings: call({ input: backupSettingsSchema, access: 'backup.manage', scope: 'none', returns: returns<BackupOverview>() }),
  /** Desktop only: a folder dialog; null when cancelled or in browser mode. */
  chooseFolder: call({ input: z.undefined(), access: 'backup.manage', scope: 'none', returns: returns<string | null>() }),
  /** Backs up into the chosen folder now (a job: verified with integrity_check before it counts). */
  runNow: call({ input: z.undefined(), access: 'backup.manage', scope: 'none', returns: returns<JobStatus<BackupResult>>() }),
  /** A backup as a file to save anywhere (job result: the FileRef). */
  toFile: call({ input: z.undefined(), access: 'backup.manage', scope: 'none', returns: returns<JobStatus>() }),
  /** Checks a picked backup file and keeps it aside for `restore`; nothing changes yet. */
  stageUpload: call({ input: uploadSchema, access: 'backup.manage', scope: 'none', returns: returns<StagedRestore>() }),
  /** Same, for a backup in the backup folder. */
  stageFromFolder: call({ input: z.object({ fileName: backupFileNameSchema }), access: 'backup.manage', scope: 'none', returns: returns<StagedRestore>() }),
  /** Replaces the data with the staged backup; the current database is kept aside first. Everyone is signed out. */
  restore: call({
    input: z.object({ token: stageTokenSchema, confirm: z.literal(true, { message: 'Pemulihan harus dikonfirmasi.' }) }),
    access: 'backup.manage', scope: 'none',
    returns: returns<{ keptAsidePath: string; info: BackupInfo }>(),
  }),
};
