import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FileRef } from '../../../shared/api/files';
import { AppError } from '../../core/api/errors';
import type { CliCommand } from '../command';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Membuat cadangan basis data dan lampiran ke satu berkas, lalu memeriksanya (integrity_check).',
  usage: 'backup --out BERKAS [--db PATH] [--json]',
  options: { out: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
  async api({ values }, api, io) {
    if (typeof values.out !== 'string' || values.out.trim() === '') {
      throw new AppError('INVALID_INPUT', 'Sebutkan berkas tujuan: --out D:\\Cadangan\\dinsos.dsbak');
    }
    const target = resolve(values.out);
    if (existsSync(target) && values.force !== true) {
      throw new AppError('CONFLICT', `Berkas ${target} sudah ada. Pilih nama lain atau tambahkan --force untuk menimpanya.`);
    }
    // The window's "Simpan cadangan ke berkas": written and checked by the core (audited there as "cli"), then
    // copied where the user asked.
    let shown = '';
    const written = await api.job<FileRef>(await api.call('backup.toFile', undefined), (s) => {
      if (!io.json && s.label !== shown) io.err((shown = s.label));
    });
    await api.saveFile(written.id, target);
    const result = { path: target, size: written.size, integrity: 'ok' };
    io.out(io.json ? JSON.stringify(result) : `Cadangan tersimpan dan lolos pemeriksaan: ${result.path} (${(result.size / 1024 / 1024).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB)`);
    return 0;
  },
};
