import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo, BackupOverview, BackupSettings } from '../../../shared/api/backup';
import type { UploadRef } from '../../../shared/api/files';
import type { FeatureHandlers } from '../api/handlerTypes';
import { requireSession, type Ctx } from '../api/context';
import { AppError } from '../api/errors';
import { recordAudit } from '../audit/record';
import { officeNeedsRecovery, readOfficeProfile } from '../admin';
import { discardUpload, readUpload } from '../imports';
import { backupToFolder, listFolderBackups } from './folder';
import { inspectBackupFull, restoreWarnings, type InspectedBackup } from './inspect';
import { markSetUpFrom, readSetupMarker } from './marker';
import { requireAccepted } from './offline';
import { verifyPassword } from '../auth';
import { backupFileName, parseBackupName } from './names';
import { restoreBackup } from './restore';
import { checkBackupFolder, readBackupPc, readBackupSettings, readLastBackup, writeBackupSettings } from './settings';
import { thisPc } from './thisPc';
import { RestoreStaging } from './staging';
import { writeBackup } from './write';
import { isPostgres } from '../db/dialect';
import { listUsernames } from '../users';

const staging = (ctx: Ctx) => new RestoreStaging(join(ctx.paths.dataDir, 'pulih'));

/** Whose data the running app holds: its office and accounts (what a restore would take away or add). */
async function liveOwner(ctx: Ctx) {
  const office = await readOfficeProfile(ctx.db);
  const users = await listUsernames(ctx.db);
  const marker = readSetupMarker(ctx.paths);
  return {
    office: office ? { name: office.profile.namaInstansi, kabKotaKode: office.profile.kabKotaKode } : marker ? { name: marker.officeName, kabKotaKode: marker.kabKotaKode } : null,
    usernames: users.length > 0 ? new Set(users) : null,
  };
}

/** A staged backup checked, with what it would change here spelled out. */
async function inspectStaged(ctx: Ctx, path: string, fileName: string): Promise<InspectedBackup> {
  const inspected = await inspectBackupFull(path, fileName);
  return { ...inspected, info: { ...inspected.info, warnings: restoreWarnings(inspected, await liveOwner(ctx)) } };
}

/** On the office server, the other PC the folder was chosen on (its path names a place on that PC's disks). */
async function otherBackupPc(ctx: Ctx): Promise<string | null> {
  if (!isPostgres(ctx.db)) return null;
  const chosenOn = await readBackupPc(ctx.db);
  return chosenOn && chosenOn.id !== thisPc(ctx.paths).id ? chosenOn.name : null;
}

async function overview(ctx: Ctx): Promise<BackupOverview> {
  const settings = await readBackupSettings(ctx.db);
  const otherPc = await otherBackupPc(ctx);
  let backups: BackupOverview['backups'] = [];
  let folderProblem: string | null = null;
  let folderWarning: string | null = null;
  if (settings.folder && !otherPc) {
    try {
      backups = listFolderBackups(settings.folder);
      if (statSync(settings.folder).dev === statSync(ctx.paths.dataDir).dev) {
        folderWarning = 'Folder cadangan berada di disk yang sama dengan data aplikasi. Jika disk ini rusak, cadangan ikut hilang: sebaiknya pilih disk lain atau flashdisk.';
      }
    } catch {
      folderProblem = `Folder ${settings.folder} tidak dapat dibuka. Pastikan disk atau flashdisk cadangan terpasang.`;
    }
  }
  const last = await readLastBackup(ctx.db);
  return {
    settings,
    backups,
    folderProblem,
    folderWarning,
    lastBackup: last ? { at: last.at, fileName: last.fileName, ok: last.ok, message: last.message } : null,
    dataDir: ctx.paths.dataDir,
    otherPc,
  };
}

export const backupHandlers: FeatureHandlers<'backup'> = {
  async overview(_input, ctx) {
    return overview(ctx);
  },

  async saveSettings(input, ctx) {
    const settings: BackupSettings = { ...input, folder: input.folder || null };
    if (settings.folder) checkBackupFolder(settings.folder, ctx.paths.dataDir);
    const now = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      const before = await readBackupSettings(trx);
      await writeBackupSettings(trx, settings, thisPc(ctx.paths));
      await recordAudit(trx, ctx.session, { action: 'update', entity: 'backup_settings', before, after: settings }, now);
    });
    return overview(ctx);
  },

  async chooseFolder(_input, ctx) {
    return ctx.platform.chooseFolder ? ctx.platform.chooseFolder('Pilih folder cadangan') : null;
  },

  async chooseSetupFolder(_input, ctx) {
    return ctx.platform.chooseFolder ? ctx.platform.chooseFolder('Pilih folder cadangan (disk lain atau flashdisk)') : null;
  },

  async runNow(_input, ctx) {
    const settings = await readBackupSettings(ctx.db);
    if (!settings.folder) throw new AppError('BACKUP_NO_FOLDER', 'Pilih folder cadangan terlebih dahulu, lalu simpan pengaturan.');
    return ctx.jobs.start('backup', 'Membuat cadangan…', (job) =>
      backupToFolder(ctx, ctx.session, 'manual', (done, total, label) => job.progress(done, total, label), settings),
    );
  },

  async toFile(_input, ctx) {
    return ctx.jobs.start('backup', 'Membuat berkas cadangan…', async (job) => {
      const now = ctx.now();
      const fileName = backupFileName(now, 'manual');
      const slot = ctx.outbox.reserve(fileName, 'application/octet-stream');
      const office = await readOfficeProfile(ctx.db);
      const written = await writeBackup({
        db: ctx.db,
        attachmentsDir: ctx.paths.attachmentsDir,
        target: slot.tempPath,
        kind: 'manual',
        now,
        officeName: office?.profile.namaInstansi ?? null,
        onStep: (_step, done, total) => job.progress(done, total),
      });
      const file = slot.commit();
      await recordAudit(ctx.db, ctx.session, { action: 'backup', entity: 'database', after: { fileName, size: written.size, attachments: written.attachments }, note: 'berkas' }, now);
      return file;
    });
  },

  async stageUpload(file, ctx) {
    const { fileName } = file;
    const staged = fromUpload(ctx, file);
    try {
      return { token: staged.token, info: (await inspectStaged(ctx, staged.path, fileName)).info };
    } catch (error) {
      staging(ctx).remove(staged.token);
      throw error;
    }
  },

  async stageFromFolder({ fileName }, ctx) {
    const settings = await readBackupSettings(ctx.db);
    if (!settings.folder || !parseBackupName(fileName)) throw new AppError('NOT_FOUND', 'Cadangan tidak ditemukan di folder cadangan.');
    let staged;
    try {
      staged = staging(ctx).copy(fileName, join(settings.folder, fileName), requireSession(ctx));
    } catch {
      throw new AppError('NOT_FOUND', `Cadangan ${fileName} tidak dapat dibaca dari ${settings.folder}. Pastikan disk cadangan terpasang.`);
    }
    try {
      return { token: staged.token, info: (await inspectStaged(ctx, staged.path, fileName)).info };
    } catch (error) {
      staging(ctx).remove(staged.token);
      throw error;
    }
  },

  async restore({ token, acceptWarnings }, ctx) {
    const running = ctx.jobs.runningCount();
    if (running > 0) throw new AppError('CONFLICT', 'Masih ada pekerjaan yang berjalan (impor, ekspor atau cadangan). Tunggu sampai selesai, lalu pulihkan.');
    const staged = staging(ctx).get(token, requireSession(ctx));
    // Checked again now: the data (accounts, office) may have changed since the admin saw the warnings.
    const { info } = await inspectStaged(ctx, staged.path, staged.fileName);
    requireAccepted(info.warnings, acceptWarnings);
    const now = ctx.now();
    const who = ctx.session;
    const result = await restoreBackup(staged.path, staged.fileName, ctx.paths, ctx.reopen, now, {
      record: (db, keptAsidePath) => recordRestore(db, ctx, who, staged.fileName, info, keptAsidePath, now),
    });
    staging(ctx).remove(token);
    return { keptAsidePath: result.keptAsidePath, info };
  },

  async recover({ username, password, acceptWarnings, ...file }, ctx) {
    const { fileName } = file;
    // A restore brings back this PC's own file; a PC whose saved server cannot be opened has its data on the server.
    if ((await ctx.officeState()) === 'connectionUnreadable') {
      throw new AppError('FORBIDDEN', 'Komputer ini memakai server kantor; datanya ada di server, bukan di cadangan. Masukkan lagi sandi server di layar "Sambungkan lagi ke server kantor".');
    }
    // The same answer as the screens follow (admin.setupStatus): on a server, the server's, not this PC's folder.
    if (!(await officeNeedsRecovery(ctx))) {
      throw new AppError('FORBIDDEN', (await ctx.officeState()) === 'new'
        ? 'Aplikasi ini belum pernah diatur. Selesaikan pengaturan awal, lalu pulihkan dari Pengaturan › Cadangan & Pemulihan.'
        : 'Data aplikasi ini masih ada. Pemulihan dilakukan oleh admin dari Pengaturan › Cadangan & Pemulihan.');
    }
    const running = ctx.jobs.runningCount();
    if (running > 0) throw new AppError('CONFLICT', 'Masih ada pekerjaan yang berjalan. Tunggu sampai selesai, lalu pulihkan.');
    // The upload stays until the restore succeeds: a mistyped password is tried again with the same file.
    // Used within this call only: no caller reaches it by its token.
    const staged = staging(ctx).copy(fileName, readUpload(ctx, file, 'backup').path, null);
    try {
      const inspected = await inspectStaged(ctx, staged.path, fileName);
      // Only someone who knows an admin password of this backup may bring it back (and its accounts with it).
      const account = inspected.accounts.find((a) => a.username === username && a.role === 'admin' && a.active);
      const passwordOk = account ? await verifyPassword(password, account.passwordHash) : await verifyPassword(password, DUMMY_HASH).then(() => false);
      if (!account || !passwordOk) {
        throw new AppError('RECOVERY_DENIED', 'Nama pengguna atau kata sandi tidak cocok dengan akun admin di dalam cadangan ini. Gunakan akun admin yang berlaku saat cadangan dibuat.');
      }
      requireAccepted(inspected.info.warnings, acceptWarnings);
      const now = ctx.now();
      const who = { userId: 0, username, nama: account.nama, role: 'admin' as const, permissions: [], wilayah: [] };
      const result = await restoreBackup(staged.path, fileName, ctx.paths, ctx.reopen, now, {
        record: (db, keptAsidePath) => recordRestore(db, ctx, who, fileName, inspected.info, keptAsidePath, now, 'pemulihan saat data hilang'),
      });
      discardUpload(ctx, file);
      return { keptAsidePath: result.hadDb ? result.keptAsidePath : null, info: inspected.info };
    } finally {
      staging(ctx).remove(staged.token);
    }
  },
};

/** The picked backup, kept aside for the restore; the upload itself is removed (its work ends here). */
function fromUpload(ctx: Ctx, file: UploadRef): { token: string; path: string } {
  const upload = readUpload(ctx, file, 'backup');
  try {
    return staging(ctx).copy(file.fileName, upload.path, requireSession(ctx));
  } finally {
    discardUpload(ctx, file);
  }
}

/** Any valid scrypt hash: an unknown username costs the same time as a wrong password. */
const DUMMY_HASH = 'scrypt$32768$8$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** The restore in the restored database's own audit log (so the record survives it), and the folder's marker. */
async function recordRestore(db: Ctx['db'], ctx: Ctx, who: Ctx['session'], fileName: string, info: BackupInfo, keptAsidePath: string | null, now: Date, how?: string) {
  await recordAudit(db, who, {
    action: 'restore',
    entity: 'database',
    after: { ...info, keptAsidePath },
    note: `Dipulihkan dari ${fileName}${how ? ` (${how})` : ''}; ${keptAsidePath ? `data sebelumnya disimpan di ${keptAsidePath}` : 'sebelumnya tidak ada basis data'}${info.warnings.length ? `; peringatan disetujui: ${info.warnings.map((w) => w.code).join(', ')}` : ''}`,
  }, now);
  await markSetUpFrom(db, ctx.paths, now);
}
