import type { FeatureHandlers } from '../api/handlerTypes';
import { AppError } from '../api/errors';
import { recordAudit } from '../audit/record';
import { hashPassword, sessionFromUser } from '../auth';
import { checkBackupFolder, defaultBackupSettings, markSetUpFrom, thisPc, writeBackupSettings } from '../backup';
import { countUsers, insertUser } from '../users';
import { databaseInfo } from './databaseInfo';
import { loadOffice, readOfficeProfile, toOffice, writeOfficeProfile } from './office';
import { claimSetUp, folderWasSetUp, officeNeedsRecovery, serverRecoveryReason } from './setUp';

export const adminHandlers: FeatureHandlers<'admin'> = {
  async setupStatus(_input, ctx) {
    const stored = await readOfficeProfile(ctx.db);
    const empty = !stored || (await countUsers(ctx.db)) === 0;
    const needsRecovery = await officeNeedsRecovery(ctx);
    const state = await ctx.officeState();
    const regions = await ctx.regions();
    const officeName = stored?.profile.namaInstansi ?? null;
    return {
      needsSetup: empty && !needsRecovery,
      needsRecovery,
      connectionUnreadable: state === 'connectionUnreadable',
      serverProblem: needsRecovery && state === 'setUp' ? await serverRecoveryReason(ctx.db, ctx.paths, officeName) : null,
      officeName,
      regionsLoaded: regions.size,
    };
  },

  async completeSetup({ office, admin, backupFolder }, ctx) {
    if (folderWasSetUp(ctx.db, ctx.paths)) {
      throw new AppError('CONFLICT', 'Folder data ini sudah pernah dipakai. Pulihkan data dari cadangan; pengaturan awal tidak dapat diulang.');
    }
    const regions = await ctx.regions();
    const now = ctx.now();
    if (office) toOffice(office, now.toISOString(), regions); // validates the region pair before hashing and writing
    // The backup folder must take a file before anything is written; with it, automatic backup is on from the start.
    const backup = backupFolder ? { ...defaultBackupSettings, folder: backupFolder, daily: true, onExit: true } : null;
    if (backup) checkBackupFolder(backup.folder, ctx.paths.dataDir, 'backupFolder');
    const passwordHash = await hashPassword(admin.password);
    const { user, result } = await ctx.db.transaction().execute(async (trx) => {
      await claimSetUp(trx, admin.username, now);
      // No office given: keep the one stored (e.g. by `init --kabupaten`), as it is.
      if (office) await writeOfficeProfile(trx, office, now);
      else if (!(await readOfficeProfile(trx))) {
        throw new AppError('INVALID_INPUT', 'Data kantor belum diisi. Lengkapi data kantor bersama akun admin pertama.');
      }
      const stored = await loadOffice(trx, regions);
      const created = await insertUser(trx, {
        username: admin.username,
        nama: admin.nama,
        role: 'admin',
        password_hash: passwordHash,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      });
      const session = sessionFromUser(created);
      if (office) await recordAudit(trx, session, { action: 'create', entity: 'office', entityId: 1, after: office }, now);
      await recordAudit(trx, session, { action: 'create', entity: 'app_user', entityId: created.id, after: { username: created.username, role: 'admin' } }, now);
      if (backup) {
        await writeBackupSettings(trx, backup, thisPc(ctx.paths));
        await recordAudit(trx, session, { action: 'update', entity: 'backup_settings', after: backup, note: 'Dipilih pada pengaturan awal' }, now);
      }
      return { user: created, result: stored };
    });
    await markSetUpFrom(ctx.db, ctx.paths, now);
    ctx.client.session = sessionFromUser(user);
    return result;
  },

  async getOffice(_input, ctx) {
    return loadOffice(ctx.db, await ctx.regions());
  },

  async databaseInfo(_input, ctx) {
    return databaseInfo(ctx.db, ctx.paths, await ctx.regions());
  },

  async saveOffice(profile, ctx) {
    const regions = await ctx.regions();
    const now = ctx.now();
    const result = toOffice(profile, now.toISOString(), regions);
    // In the one transaction dispatch opens for a changing call.
    const before = await readOfficeProfile(ctx.db);
    await writeOfficeProfile(ctx.db, profile, now);
    await recordAudit(ctx.db, ctx.session, { action: 'update', entity: 'office', entityId: 1, before: before?.profile, after: profile }, now);
    return result;
  },
};
