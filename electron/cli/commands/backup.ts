import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readOfficeProfile } from '../../core/admin/office';
import { recordAudit } from '../../core/admin/audit';
import { AppError } from '../../core/api/errors';
import { writeBackup } from '../../core/backup/write';
import { CLI_SESSION, type CliCommand } from '../command';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Membuat cadangan basis data dan lampiran ke satu berkas, lalu memeriksanya (integrity_check).',
  usage: 'backup --out BERKAS [--db PATH] [--json]',
  options: { out: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
  async run({ values }, core, io) {
    if (typeof values.out !== 'string' || values.out.trim() === '') {
      throw new AppError('INVALID_INPUT', 'Sebutkan berkas tujuan: --out D:\\Cadangan\\dinsos.dsbak');
    }
    const target = resolve(values.out);
    if (existsSync(target) && values.force !== true) {
      throw new AppError('CONFLICT', `Berkas ${target} sudah ada. Pilih nama lain atau tambahkan --force untuk menimpanya.`);
    }
    const now = new Date();
    const office = await readOfficeProfile(core.db);
    const written = await writeBackup({
      db: core.db,
      attachmentsDir: core.paths.attachmentsDir,
      target,
      kind: 'manual',
      now,
      officeName: office?.profile.namaInstansi ?? null,
      onStep: (step) => {
        if (!io.json && step !== 'done') io.err(step === 'copy' ? 'Menyalin basis data…' : step === 'attachments' ? 'Menyalin lampiran…' : 'Memeriksa cadangan…');
      },
    });
    await recordAudit(core.db, { ...CLI_SESSION, permissions: [] }, { action: 'backup', entity: 'database', after: { path: target, size: written.size, attachments: written.attachments }, note: 'cli' }, now);
    const result = { path: written.path, size: written.size, attachments: written.attachments, integrity: 'ok' };
    io.out(io.json ? JSON.stringify(result) : `Cadangan tersimpan dan lolos pemeriksaan: ${result.path} (${(result.size / 1024 / 1024).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB, ${result.attachments} lampiran)`);
    return 0;
  },
};
