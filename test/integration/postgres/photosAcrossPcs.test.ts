/**
 * Handover photos on the office server (issue 18): a photo added on PC A is shown on PC B, whose own attachments
 * folder holds nothing, and a removal on B is seen on A; on either engine the photo's row, its bytes and its audit
 * entry are written together or not at all.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Foto, PenyerahanDetail } from '../../../shared/api/handovers';
import type { Program } from '../../../shared/api/programs';
import type { Core } from '../../../electron/core/app';
import { openDatabase } from '../../../electron/core/db/database';
import { createPgTrigger, dropTrigger, isPostgres } from '../../../electron/core/db/dialect';
import { fail, kotimSetup, ok } from '../../helpers/core';
import { bothEngines, openPc } from '../../helpers/engines';
import { uploadingClients } from '../../helpers/uploads';

const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
const THUMB = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const dataUrl = (mime: string, bytes: Uint8Array) => `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

const { engines, database } = bothEngines();

describe.each(engines)('handover photos on every PC (%s)', (engine) => {
  let pcA: Core;
  let pcB: Core | null = null;
  let clerkA: ReturnType<Core['createClient']>;
  let handover: PenyerahanDetail;
  let target: string;

  const pc = async (target: string) => {
    const core: Core = uploadingClients(await openPc(target), () => core.paths.dataDir);
    return core;
  };
  const signIn = async (core: Core) => {
    const client = core.createClient();
    await ok(client, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
    return client;
  };
  const photoRows = () => pcA.db.selectFrom('penyerahan_foto').select('id').execute();
  const byteRows = () => pcA.db.selectFrom('penyerahan_foto_berkas').select(['stored_name', 'dihapus_at']).execute();

  beforeAll(async () => {
    target = await database(engine, 'photos_across_pcs');
    pcA = await pc(target);
    await ok(pcA.createClient(), 'admin.completeSetup', kotimSetup());
    // Two PCs on one database is the office server; a one-PC office's file has one.
    if (engine === 'postgres') pcB = await pc(target);
    clerkA = await signIn(pcA);
    const program = (await ok<Program[]>(clerkA, 'programs.list', {}))[0]!;
    handover = await ok<PenyerahanDetail>(clerkA, 'handovers.create', {
      programId: program.id,
      tanggal: '2026-05-08',
      tempat: 'Aula Dinas Sosial',
      mode: 'kolektif',
      pertamaNama: 'Drs. H. Ahmad Yani, M.Si',
      pertamaNip: '196804121993031007',
      pertamaJabatan: 'Kepala Dinas Sosial',
      saksi: [],
    });
  }, 120_000);
  afterAll(async () => {
    await pcB?.close();
    await pcA?.close();
  });

  it.runIf(engine === 'postgres')("PC B shows the photo PC A added, from the server, and PC A sees PC B's removal", async () => {
    const foto = await ok<Foto>(clerkA, 'handovers.addPhoto', { penyerahanId: handover.id, keterangan: 'Penyerahan sembako', file: { fileName: 'IMG_2026.png', bytes: PNG }, thumb: THUMB });
    const clerkB = await signIn(pcB!);
    expect((await ok<PenyerahanDetail>(clerkB, 'handovers.get', { id: handover.id })).foto).toEqual([expect.objectContaining({ id: foto.id, fileName: 'IMG_2026.png' })]);
    expect(await ok(clerkB, 'handovers.photo', { id: foto.id })).toEqual({ dataUrl: dataUrl('image/png', PNG), fileName: 'IMG_2026.png' });
    expect((await ok<{ dataUrl: string }>(clerkB, 'handovers.photo', { id: foto.id, thumb: true })).dataUrl).toBe(dataUrl('image/jpeg', THUMB));
    // Nothing of it is a file on either PC.
    for (const core of [pcA, pcB!]) {
      const dir = join(core.paths.attachmentsDir, 'foto-penyerahan');
      expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    }

    await ok(clerkB, 'handovers.removePhoto', { id: foto.id });
    expect((await ok<PenyerahanDetail>(clerkA, 'handovers.get', { id: handover.id })).foto).toEqual([]);
    expect((await fail(clerkA, 'handovers.photo', { id: foto.id })).code).toBe('NOT_FOUND');
    // The bytes are kept, marked, for a removal made by mistake.
    expect(await byteRows()).toEqual([{ stored_name: expect.any(String), dihapus_at: expect.any(String) }]);
  });

  it.runIf(engine === 'postgres')('a photo removed on two PCs at the same moment is removed, and recorded, once', async () => {
    const foto = await ok<Foto>(clerkA, 'handovers.addPhoto', { penyerahanId: handover.id, file: { fileName: 'IMG_2028.png', bytes: PNG } });
    const clerkB = await signIn(pcB!);
    const removals = () =>
      pcA.db.selectFrom('audit_log').select('id').where('entity', '=', 'penyerahan_foto').where('action', '=', 'delete').where('entity_id', '=', String(foto.id)).execute();
    const lockWaits = async () =>
      Number((await sql<{ n: number }>`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(pcA.db)).rows[0]!.n);
    const other = await openDatabase(target);
    let onB: ReturnType<typeof clerkB.call> | null = null;
    try {
      // Another PC's removal holds the photo's row: PC B reads it, then waits for it, and finds it gone.
      await other.transaction().execute(async (trx) => {
        await trx.selectFrom('penyerahan_foto').select('id').where('id', '=', foto.id).forUpdate().execute();
        onB = clerkB.call('handovers.removePhoto', { id: foto.id });
        while ((await lockWaits()) === 0) await new Promise((r) => setTimeout(r, 20));
        await trx.deleteFrom('penyerahan_foto').where('id', '=', foto.id).execute();
      });
    } finally {
      await other.destroy();
    }
    const answer = await onB!;
    expect(answer.ok ? 'OK' : answer.error.code).toBe('NOT_FOUND');
    expect(await removals()).toEqual([]);
  });

  it('a photo whose audit entry cannot be written leaves neither its row nor its bytes', async () => {
    const [rowsBefore, bytesBefore] = [await photoRows(), await byteRows()];
    const name = 'uji_audit_foto_gagal';
    if (isPostgres(pcA.db)) {
      await createPgTrigger(pcA.db, { name, table: 'audit_log', timing: 'before insert', when: "new.entity = 'penyerahan_foto'", body: "raise exception 'audit gagal (uji)';" });
    } else {
      await sql.raw(`create trigger ${name} before insert on audit_log when new.entity = 'penyerahan_foto' begin select raise(abort, 'audit gagal (uji)'); end`).execute(pcA.db);
    }
    try {
      const refused = await fail(clerkA, 'handovers.addPhoto', { penyerahanId: handover.id, file: { fileName: 'IMG_2027.png', bytes: PNG }, thumb: THUMB });
      expect(refused.code).not.toBe('OK');
    } finally {
      await dropTrigger(pcA.db, name, 'audit_log');
    }
    expect(await photoRows()).toEqual(rowsBefore);
    expect(await byteRows()).toEqual(bytesBefore);
    // And once the audit log takes it, the same photo is stored and shown.
    const foto = await ok<Foto>(clerkA, 'handovers.addPhoto', { penyerahanId: handover.id, file: { fileName: 'IMG_2027.png', bytes: PNG } });
    expect((await ok<{ dataUrl: string }>(clerkA, 'handovers.photo', { id: foto.id, thumb: true })).dataUrl).toBe(dataUrl('image/png', PNG));
  });
});
