/**
 * "Coba dengan data latihan": the demo database is its own file, filled with valid practice data of the
 * office's kabupaten, and the office's real database is not written while it is made, used and left.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../../../shared/api/contract';
import { validateNik, validateNoKk } from '../../../shared/domain/nik';
import type { Core } from '../../../electron/core/app';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { kotimSetup, openTestCore } from '../../helpers/core';

let core: Core;
let call: <N extends CallName>(name: N, input: CallInput<N>) => Promise<CallOutput<N>>;
let realDbPath: string;

async function snapshot(db: Db) {
  const tables = ['keluarga', 'anggota', 'program', 'penyerahan', 'penerima', 'permohonan', 'rapat', 'rapat_peserta', 'intervensi', 'app_user', 'audit_log'] as const;
  const out: Record<string, unknown> = {};
  for (const t of tables) out[t] = await db.selectFrom(t).selectAll().execute();
  return out;
}

beforeAll(async () => {
  core = await openTestCore();
  realDbPath = core.paths.dbPath;
  const client = core.createClient();
  call = async (name, input) => {
    const result = await client.call(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as never;
  };
  await call('admin.completeSetup', kotimSetup());
  await call('handovers.addPerson', { noKk: '6202011503100004', nik: '6202011205750001', nama: 'Warga Asli Kantor', jenisKelamin: 'L', alamat: 'Jl. Asli', rt: '001', rw: '001', desaKode: '62.02.01.2003' });
}, 60_000);

afterAll(async () => {
  await core?.close();
});

describe('demo database (integration)', () => {
  it('is made in its own file with valid families of the office\'s kabupaten and every kind of record, the real database untouched, and left in one call', async () => {
    const before = await snapshot(core.db);
    expect(await call('demo.status', undefined)).toEqual({ active: false, exists: false });

    const summary = await call('demo.start', { baru: false });
    expect(summary).toMatchObject({ active: true, exists: true, penyerahan: 1, rapat: 1, intervensi: 12 });
    expect(summary.anggota).toBeGreaterThanOrEqual(120);
    expect(summary.keluarga).toBeGreaterThanOrEqual(25);
    // Its own file beside the real one; the core now works on it, the caller still signed in.
    const demoPath = join(core.paths.dataDir, 'latihan', 'dinsos.sqlite');
    expect(core.paths.dbPath).toBe(demoPath);
    expect(existsSync(demoPath)).toBe(true);
    expect(await call('demo.status', undefined)).toEqual({ active: true, exists: true });
    expect(await call('registry.count', {} as CallInput<'registry.count'>)).toMatchObject({ anggota: summary.anggota });

    const db = core.db;
    const anggota = await db.selectFrom('anggota').innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id').select(['anggota.nik', 'anggota.nama', 'anggota.jenis_kelamin', 'anggota.tanggal_lahir', 'keluarga.no_kk', 'keluarga.kecamatan_kode']).execute();
    expect(anggota.map((a) => a.nama)).not.toContain('Warga Asli Kantor');
    const kecamatan = new Set<string>();
    for (const a of anggota) {
      const nik = validateNik(a.nik, { officeKabKota: '62.02', sex: a.jenis_kelamin as 'L' | 'P', birthDate: a.tanggal_lahir });
      expect(nik.errors, a.nik).toEqual([]);
      expect(validateNoKk(a.no_kk).errors, a.no_kk!).toEqual([]);
      // NIK and No KK carry the family's own kecamatan, inside Kotawaringin Timur (62.02).
      expect(a.nik.slice(0, 6)).toBe(a.kecamatan_kode.replace(/\D/g, '').slice(0, 6));
      expect(a.no_kk!.slice(0, 6)).toBe(a.nik.slice(0, 6));
      expect(a.kecamatan_kode.startsWith('62.02.')).toBe(true);
      kecamatan.add(a.kecamatan_kode);
    }
    expect(kecamatan.size).toBeGreaterThanOrEqual(4);
    // Families spread over the deciles, the poorest among them.
    const desil = await db.selectFrom('keluarga').select(['desil', 'miskin_ekstrem']).execute();
    expect(desil.every((k) => k.desil !== null && k.desil >= 1 && k.desil <= 10 && k.miskin_ekstrem === (k.desil === 1 ? 1 : 0))).toBe(true);
    expect(desil.filter((k) => k.desil! <= 4).length).toBeGreaterThan(5);
    // Besides the national programmes every database knows, a goods and a cash programme of the office.
    const programs = await db.selectFrom('program').select(['jenis']).where('nama', 'like', '%Latihan').execute();
    expect(programs.map((p) => p.jenis).sort()).toEqual(['barang', 'uang']);
    expect(await db.selectFrom('permohonan').select('id').execute()).toHaveLength(1);
    const handover = await db.selectFrom('penyerahan').select(['mode']).executeTakeFirstOrThrow();
    expect(handover.mode).toBe('kolektif');
    expect(await db.selectFrom('penerima').select('id').execute()).toHaveLength(10);
    const hadir = await db.selectFrom('rapat_peserta').select(['kehadiran']).execute();
    expect(hadir.filter((p) => p.kehadiran === 'hadir').length).toBeGreaterThanOrEqual(3);
    const opd = await db.selectFrom('intervensi').select('opd_id').distinct().execute();
    expect(opd.length).toBeGreaterThanOrEqual(3);

    // The same password signs in to the demo database.
    await call('auth.logout', undefined);
    await call('auth.login', { username: 'admin', password: 'rahasia-kotim-2024' });

    const back = await call('demo.stop', undefined);
    expect(back).toEqual({ active: false, exists: true });
    expect(core.paths.dbPath).toBe(realDbPath);
    const count = await core.db.selectFrom('anggota').select('nama').execute();
    expect(count.map((a) => a.nama)).toEqual(['Warga Asli Kantor']);
    expect(await snapshot(core.db)).toEqual(before);

    // Opened again as it was (no refill), and refilled on request.
    const again = await call('demo.start', { baru: false });
    expect(again.anggota).toBe(summary.anggota);
    await call('demo.stop', undefined);
    expect(await snapshot(core.db)).toEqual(before);
    const demoFile = await openDatabase(demoPath, { readonly: true });
    expect((await demoFile.selectFrom('audit_log').select('action').where('entity', '=', 'demo').execute()).map((r) => r.action)).toEqual(['demo.start', 'demo.stop', 'demo.start', 'demo.stop']);
    await demoFile.destroy();
  }, 120_000);
});

describe('demo database with the core in its own process', () => {
  it('moves the job worker along: a backup made while practising holds the demo data, after stop the real data', async () => {
    const { startForkedCore } = await import('../../helpers/webApp');
    const { nullPlatform } = await import('../../helpers/core');
    const { createReadStream } = await import('node:fs');
    const { uploadThrough } = await import('../../../electron/core/files/incoming');
    const host = await startForkedCore({ platform: nullPlatform });
    try {
      const client = host.createClient();
      const hcall = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
        const result = await client.call(name, input);
        if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
        return result.value as CallOutput<N>;
      };
      const backupCount = async () => {
        let job = await hcall('backup.toFile', undefined);
        while (job.state === 'running') {
          await new Promise((resolve) => setTimeout(resolve, 50));
          job = await hcall('jobs.status', { id: job.id });
        }
        expect(job.state).toBe('done');
        const file = host.outbox.get((job.result as { id: string }).id);
        const upload = await uploadThrough(client.call, host.dataDir, createReadStream(file.path), file.name, 'backup');
        if (!upload.ok) throw new Error(upload.error.message);
        const staged = await hcall('backup.stageUpload', upload.value);
        return { anggota: staged.info.counts.anggota, lampiran: staged.info.attachments };
      };
      await hcall('admin.completeSetup', kotimSetup());
      await hcall('handovers.addPerson', { noKk: '6202011503100004', nik: '6202011205750001', nama: 'Warga Asli Kantor', jenisKelamin: 'L', alamat: 'Jl. Asli', rt: '001', rw: '001', desaKode: '62.02.01.2003' });
      // A photo of a real recipient in the office's attachments folder.
      const { mkdirSync, writeFileSync } = await import('node:fs');
      const lampiran = join(host.dataDir, 'lampiran', 'foto-penyerahan');
      mkdirSync(lampiran, { recursive: true });
      writeFileSync(join(lampiran, 'penerima-asli.jpg'), 'foto');
      expect(await backupCount()).toEqual({ anggota: 1, lampiran: 1 });
      const summary = await hcall('demo.start', { baru: false });
      // The demo's backup (made in the job worker) holds the demo's people and none of the office's photos.
      expect(await backupCount()).toEqual({ anggota: summary.anggota, lampiran: 0 });
      await hcall('demo.stop', undefined);
      expect(await backupCount()).toEqual({ anggota: 1, lampiran: 1 });
    } finally {
      await host.close();
    }
  }, 180_000);
});
