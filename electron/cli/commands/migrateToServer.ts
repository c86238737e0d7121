import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../core/api/errors';
import { describeTarget, isPostgresTarget } from '../../core/db/dialect';
import { migrateToServer } from '../../core/db/migrateToServer';
import { DB_ENV } from '../../core/paths';
import { ensureRegionsLoaded } from '../../core/regions';
import { CLI_SESSION, type CliCommand } from '../command';

/**
 * The attachments of the office in `file`: beside the database in the app's data folder (`lampiran`), or in the
 * `dinsos-data` folder the app makes beside a database named by --db.
 */
function attachmentsOf(file: string): string {
  const beside = join(dirname(file), 'lampiran');
  return existsSync(beside) ? beside : join(dirname(file), 'dinsos-data', 'lampiran');
}

/**
 * Moves a one-PC office (its SQLite file) onto the office server. Standalone: it opens the file and the server
 * itself, neither through the app's core, and changes the file only to bring an older one up to date.
 */
export const migrateToServerCommand: CliCommand = {
  name: 'migrate-to-server',
  summary:
    'Memindahkan seluruh data kantor dari berkas SQLite ke server kantor (PostgreSQL) yang masih kosong, lalu memeriksa jumlah baris dan checksum setiap tabel. Tutup aplikasi dulu.',
  // The password is not written in the command (shell history, the process list other users see): pg reads
  // PGPASSWORD when the address has none.
  usage: 'migrate-to-server --from BERKAS.sqlite --to postgres://pengguna@host:5432/basisdata [--json]  (kata sandi: variabel lingkungan PGPASSWORD)',
  options: { from: { type: 'string' }, to: { type: 'string' } },
  async run() {
    return 2; // never reached: `standalone` runs instead
  },
  async standalone({ values }, env, io) {
    const from = typeof values.from === 'string' ? resolve(values.from) : null;
    const envTarget = process.env[DB_ENV];
    const to = typeof values.to === 'string' ? values.to : envTarget && isPostgresTarget(envTarget) ? envTarget : null;
    if (!from || !to) {
      io.err(`Sebutkan berkas asal dan server tujuan.\nPemakaian: npm run cli -- ${migrateToServerCommand.usage}`);
      return 2;
    }
    if (!isPostgresTarget(to)) throw new AppError('INVALID_INPUT', `Tujuan ${describeTarget(to)} bukan alamat server kantor; tulis postgres://pengguna@host:5432/basisdata`);
    io.err(`Memindahkan ${from} ke ${describeTarget(to)}`);
    const attachments = attachmentsOf(from);
    // A table's first batch, then at most one line a second: a big registry shows it moving without a flood.
    let shown = { table: '', at: 0 };
    const result = await migrateToServer({
      from,
      to,
      attachmentsDir: attachments,
      actor: { ...CLI_SESSION, permissions: [] },
      loadReference: async (db) => {
        await ensureRegionsLoaded(db, env.resourcesDir);
      },
      onProgress: (p) => {
        if (p.step === 'open') io.err(p.message);
        else if (p.step === 'copy') {
          if (p.table === shown.table && Date.now() - shown.at < 1000) return;
          shown = { table: p.table, at: Date.now() };
          io.err(`  [${p.index + 1}/${p.total}] ${p.table}: ${p.rows.toLocaleString('id-ID')} baris disalin`);
        }
        else io.err(`  diperiksa ${p.table}: ${p.rows.toLocaleString('id-ID')} baris, checksum ${p.checksum.slice(0, 12)} cocok`);
      },
    });
    const photos = result.photos!;
    const rows = result.tables.reduce((n, t) => n + t.rows, 0);
    if (io.json) {
      io.out(JSON.stringify({ from, to: describeTarget(to), schemaVersion: result.schemaVersion, tables: result.tables, photos: { dir: attachments, ...photos } }));
    } else {
      io.out(
        [
          `Selesai: ${result.tables.length} tabel, ${rows.toLocaleString('id-ID')} baris disalin ke ${describeTarget(to)}; jumlah baris dan checksum setiap tabel cocok.`,
          `Foto penyerahan yang tersimpan sebagai berkas di ${attachments}: ${photos.rows.toLocaleString('id-ID')} foto disalin ke server; jumlah dan checksum cocok.`,
          ...(photos.missing.length
            ? [`  ${photos.missing.length.toLocaleString('id-ID')} foto sudah tidak ada berkasnya di komputer ini (${photos.missing.join(', ')}): tetap tercatat, tanpa gambar.`]
            : []),
          `Berkas ${from} tidak dihapus. Sambungkan aplikasi di setiap komputer ke server dengan --db atau DINSOS_DB.`,
        ].join('\n'),
      );
    }
    return 0;
  },
};
