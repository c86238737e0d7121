import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callNames, lookupCall } from '../../../shared/api/contract';
import { handlers } from '../../../electron/core/handlers';
import { invoke } from '../../../electron/core/api/dispatch';
import { recordAudit } from '../../../electron/core/audit/record';
import type { Ctx } from '../../../electron/core/api/context';
import type { Core } from '../../../electron/core/app';
import { kotimSetup, ok, openTestCore, setUpOfficeTyped as setUpOffice, typedClient } from '../../helpers/core';
import { kotimDesa, makeNik } from '../../helpers/registryFixtures';

type Stub = (input: unknown, ctx: Ctx) => Promise<unknown>;
/** A stand-in for a call's handler, in the shape its declaration asks for (a `prepare` call's `{ prepare, handle }`). */
const stub = (name: string, fn: Stub): unknown => (lookupCall(name)!.prepare ? { prepare: async (input: unknown) => input, handle: fn } : fn);

/** Whether a call's input carries a picked file (`uploadRefSchema`: an upload id and its file name), however nested. */
function carriesUpload(schema: unknown): boolean {
  const def = (schema as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      return ('uploadId' in shape && 'fileName' in shape) || Object.values(shape).some(carriesUpload);
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return carriesUpload(def.innerType);
    case 'pipe':
      return carriesUpload(def.in) || carriesUpload(def.out);
    case 'array':
      return carriesUpload(def.element);
    case 'union':
      return (def.options as unknown[]).some(carriesUpload);
    default:
      return false;
  }
}

/**
 * Where a schema would take bytes: a class check (`z.instanceof(Uint8Array)`, a custom type), a file, or a
 * field named `bytes`; every nested schema walked (objects, wrappers, pipes, arrays, unions, records, tuples).
 */
function bytesIn(schema: unknown, path: string): string[] {
  const def = (schema as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const inner = (key: string, at = path) => (def[key] ? bytesIn(def[key], at) : []);
  switch (def.type) {
    case 'custom':
    case 'file':
      return [`${path}: ${def.type}`];
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([k, v]) => (k === 'bytes' ? [`${path}.bytes`] : bytesIn(v, `${path}.${k}`)));
    case 'array':
      return inner('element', `${path}[]`);
    case 'union':
      return (def.options as unknown[]).flatMap((o) => bytesIn(o, path));
    case 'intersection':
      return [...inner('left'), ...inner('right')];
    case 'record':
    case 'map':
      return [...inner('keyType'), ...inner('valueType')];
    case 'tuple':
      return (def.items as unknown[]).flatMap((o, i) => bytesIn(o, `${path}[${i}]`));
    case 'pipe':
      return [...inner('in'), ...inner('out')];
    default:
      return inner('innerType');
  }
}

describe('API contract and dispatch', () => {
  it('no call takes a file\'s bytes: picked files travel as upload references (a path or a streamed upload)', () => {
    const found = callNames.flatMap((name) => bytesIn(lookupCall(name)!.input, name));
    expect(found).toEqual([]);
    // The walk finds bytes where a schema has them (what every upload call took before).
    expect(bytesIn(z.object({ file: z.object({ fileName: z.string(), bytes: z.instanceof(Uint8Array) }) }), 'x')).toEqual(['x.file.bytes']);
    expect(bytesIn(z.object({ thumb: z.instanceof(Uint8Array).nullable().default(null) }), 'x')).toEqual(['x.thumb: custom']);
  });

  let core: Core;
  beforeEach(async () => {
    core = await openTestCore();
  });
  afterEach(async () => core.close());

  it('has a handler for every call of the contract and no handler outside it', () => {
    const handled = Object.entries(handlers).flatMap(([feature, calls]) => Object.keys(calls).map((c) => `${feature}.${c}`));
    expect(handled.sort()).toEqual([...callNames].sort());
    for (const name of callNames) expect(lookupCall(name)?.input).toBeDefined();
  });

  it('every call declares its scope and what it records; a changing call always leaves one audit record, a read none', async () => {
    const admin = await setUpOffice(core);
    const table = handlers as unknown as Record<string, Record<string, unknown>>;
    const count = async () => Number((await core.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const wrong: string[] = [];
    for (const name of callNames) {
      const def = lookupCall(name)!;
      if (!['wilayah', 'none'].includes(def.scope)) wrong.push(`${name}: scope ${String(def.scope)}`);
      if (def.audit !== false && !(typeof def.audit === 'string' && /^[a-z_]+$/.test(def.audit))) wrong.push(`${name}: audit ${String(def.audit)}`);
      const [feature, callName] = name.split('.') as [string, string];
      const real = table[feature]![callName]!;
      try {
        // A handler that forgets its audit record: dispatch records the call under the declared entity.
        table[feature]![callName] = stub(name, async () => ({ id: 4242 }));
        let before = await count();
        const forgot = await invoke(handlers, core.services, admin.client, name, def, {});
        const rows = await core.db.selectFrom('audit_log').selectAll().where('id', '>', before).execute();
        if (!forgot.ok) wrong.push(`${name}: failed ${forgot.error.code}`);
        else if (def.audit === false ? rows.length !== 0 : rows.length !== 1 || rows[0]!.entity !== def.audit || rows[0]!.action !== name || rows[0]!.entity_id !== '4242' || rows[0]!.username !== 'admin') {
          wrong.push(`${name}: ${rows.length} records ${JSON.stringify(rows.map((r) => [r.action, r.entity, r.entity_id]))}`);
        }
        // A handler that records its own change (with its details): nothing more.
        table[feature]![callName] = stub(name, async (_input, ctx) => {
          await recordAudit(ctx.db, ctx.session, { action: 'update', entity: def.audit || 'x', entityId: 1 });
          return null;
        });
        before = await count();
        await invoke(handlers, core.services, admin.client, name, def, {});
        if ((await count()) - before !== 1) wrong.push(`${name}: recorded twice`);
      } finally {
        table[feature]![callName] = real;
      }
    }
    expect(wrong).toEqual([]);
    const changing = callNames.filter((n) => lookupCall(n)!.audit !== false);
    expect(changing.length).toBeGreaterThan(60);
    expect(changing).toEqual(expect.arrayContaining(['registry.createKeluarga', 'users.create', 'handovers.setReceipt', 'imports.commit', 'meetings.checkIn']));
    expect(changing).not.toContain('registry.list');
  });

  it('every changing call runs in one transaction, or says why not; a read runs in none', async () => {
    const admin = await setUpOffice(core);
    const table = handlers as unknown as Record<string, Record<string, unknown>>;
    const auditCount = async () => Number((await core.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const wrong: string[] = [];
    const exempt: string[] = [];
    for (const name of callNames) {
      const def = lookupCall(name)!;
      if (def.tx !== (def.audit !== false && !def.noTransaction)) wrong.push(`${name}: tx ${String(def.tx)}`);
      if (def.noTransaction !== undefined) {
        if (def.audit === false) wrong.push(`${name}: a read declares noTransaction`);
        if (def.noTransaction.trim().length < 20) wrong.push(`${name}: noTransaction without a reason`);
        exempt.push(name);
      }
      // A handler that writes its record on the connection it was given, then fails.
      const [feature, callName] = name.split('.') as [string, string];
      const real = table[feature]![callName]!;
      let inTransaction: boolean | null = null;
      table[feature]![callName] = stub(name, async (_input, ctx) => {
        inTransaction = ctx.db.isTransaction;
        await recordAudit(ctx.db, ctx.session, { action: 'update', entity: 'x', entityId: 1 });
        // Code written to stand alone keeps its own transaction: inside dispatch's it nests.
        await ctx.db.transaction().execute((trx) => recordAudit(trx, ctx.session, { action: 'update', entity: 'x', entityId: 2 }));
        throw new Error('gagal setelah menulis');
      });
      try {
        const before = await auditCount();
        const result = await invoke(handlers, core.services, admin.client, name, def, {});
        const written = (await auditCount()) - before;
        if (result.ok || result.error.code !== 'INTERNAL') wrong.push(`${name}: ${JSON.stringify(result)}`);
        if (inTransaction !== def.tx) wrong.push(`${name}: handler in a transaction: ${String(inTransaction)}`);
        if (written !== (def.tx ? 0 : 2)) wrong.push(`${name}: ${written} records left by a failed call`);
      } finally {
        table[feature]![callName] = real;
      }
    }
    expect(wrong).toEqual([]);
    // The exemptions are the jobs, the restores and switches of database, the refused sign-in and the long renders: nothing else.
    expect(exempt.sort()).toEqual(
      [
        'audit.export',
        'auth.login',
        'backup.recover',
        'backup.restore',
        'backup.runNow',
        'backup.toFile',
        'connection.save',
        'demo.start',
        'demo.stop',
        'exports.run',
        'handovers.print',
        'handovers.savePdf',
        'imports.commit',
        'meetings.documentPdf',
        'meetings.exportAttendanceRecap',
        'meetings.exportOperators',
        'meetings.printDocument',
        'workbooks.apply',
      ].sort(),
    );
  });

  it('a changing call that takes a picked file reads it in a declared prepare step, outside the transaction, and hands the result on', async () => {
    const admin = await setUpOffice(core);
    const table = handlers as unknown as Record<string, Record<string, unknown>>;
    const wrong: string[] = [];
    const withUpload = callNames.filter((n) => carriesUpload(lookupCall(n)!.input));
    for (const name of callNames) {
      const def = lookupCall(name)!;
      if (withUpload.includes(name) && def.tx && !def.prepare) wrong.push(`${name}: reads its upload inside the transaction`);
      if (!def.prepare) continue;
      if (def.prepare.trim().length < 20) wrong.push(`${name}: prepare without a reason`);
      const [feature, callName] = name.split('.') as [string, string];
      const real = table[feature]![callName] as { prepare?: unknown; handle?: unknown };
      if (typeof real.prepare !== 'function' || typeof real.handle !== 'function') wrong.push(`${name}: handler has no prepare/handle`);
      const seen: { prepareHasDb?: boolean; connectionFree?: boolean; handed?: unknown; handleInTransaction?: boolean } = {};
      const token = { dibaca: name };
      table[feature]![callName] = {
        prepare: async (_input: unknown, ctx: Record<string, unknown>) => {
          seen.prepareHasDb = 'db' in ctx;
          // Nobody holds the one connection while the file is read: another user's query goes through.
          const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 3000));
          seen.connectionFree = await Promise.race([core.db.selectFrom('app_user').select('id').execute().then(() => true), timeout]);
          return token;
        },
        handle: async (prepared: unknown, ctx: Ctx) => {
          seen.handed = prepared;
          seen.handleInTransaction = ctx.db.isTransaction;
          return { id: 1 };
        },
      };
      try {
        const result = await invoke(handlers, core.services, admin.client, name, def, {});
        if (!result.ok) wrong.push(`${name}: failed ${result.error.code}`);
        if (seen.prepareHasDb !== false) wrong.push(`${name}: prepare was given the database`);
        if (seen.connectionFree !== true) wrong.push(`${name}: the connection was held while preparing`);
        if (seen.handed !== token) wrong.push(`${name}: handler did not get what prepare read`);
        if (seen.handleInTransaction !== def.tx) wrong.push(`${name}: handler in a transaction: ${String(seen.handleInTransaction)}`);
      } finally {
        table[feature]![callName] = real;
      }
    }
    expect(wrong).toEqual([]);
    // The calls that read a picked file: the changing ones among them that run in a transaction prepare it.
    expect(withUpload).toEqual(expect.arrayContaining(['exports.importHasil', 'handovers.addPhoto', 'meetings.importOperators', 'imports.upload', 'backup.stageUpload']));
    expect(callNames.filter((n) => lookupCall(n)!.prepare).sort()).toEqual(withUpload.filter((n) => lookupCall(n)!.tx).sort());
  });

  it('a nested transaction that fails rolls back alone inside the call, and the call goes on', async () => {
    const admin = await setUpOffice(core);
    const table = handlers as unknown as Record<string, Record<string, Stub>>;
    const real = table.programs!.create!;
    table.programs!.create = async (_input, ctx) => {
      await recordAudit(ctx.db, ctx.session, { action: 'update', entity: 'x', entityId: 'tetap' });
      await ctx.db
        .transaction()
        .execute(async (trx) => {
          await recordAudit(trx, ctx.session, { action: 'update', entity: 'x', entityId: 'batal' });
          throw new Error('batal');
        })
        .catch(() => undefined);
      return { id: 1 };
    };
    try {
      const result = await invoke(handlers, core.services, admin.client, 'programs.create', lookupCall('programs.create')!, {});
      expect(result.ok).toBe(true);
    } finally {
      table.programs!.create = real;
    }
    const ids = (await core.db.selectFrom('audit_log').select('entity_id').where('entity', '=', 'x').execute()).map((r) => r.entity_id);
    expect(ids).toEqual(['tetap']);
  });

  it('a real handler that fails after its write leaves nothing written (registry, programs, users)', async () => {
    const admin = await setUpOffice(core);
    const table = handlers as unknown as Record<string, Record<string, Stub>>;
    const desa = kotimDesa()[0]!;
    const kepala = { nik: makeNik(desa.kecamatanKode, '1980-01-01', 'L', 8802), nama: 'Kepala Baru', jenisKelamin: 'L', tanggalLahir: '1980-01-01', hubungan: 'Kepala Keluarga' };
    const cases = [
      { name: 'registry.createKeluarga', input: { keluarga: { noKk: '6202050101249901', alamat: 'Jl. Baru', desaKode: desa.kode }, kepala }, tables: ['keluarga', 'anggota'] },
      { name: 'programs.create', input: { nama: 'Bantuan Sembako', jenis: 'barang', satuan: 'paket', nilaiSatuan: 250_000, sumberDana: 'apbd_kab', opd: 'Dinas Sosial', tahun: 2026, kategori: 'bansos', keterangan: null }, tables: ['program'] },
      { name: 'users.create', input: { nama: 'Budi Santoso', username: 'budi', role: 'petugas', password: 'rahasia-budi-2024' }, tables: ['app_user'] },
    ] as const;
    const counts = async (tables: readonly string[]) => {
      const out: number[] = [];
      for (const t of [...tables, 'audit_log']) {
        out.push(Number((await core.db.selectFrom(t as 'audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n));
      }
      return out;
    };
    for (const c of cases) {
      const [feature, callName] = c.name.split('.') as [string, string];
      const real = table[feature]![callName]!;
      const before = await counts(c.tables);
      let wrote: number[] = [];
      table[feature]![callName] = async (input, ctx) => {
        await real(input, ctx);
        // What the handler wrote is visible on its own connection...
        for (const t of [...c.tables, 'audit_log']) wrote.push(Number((await ctx.db.selectFrom(t as 'audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n));
        throw new Error('gagal setelah menulis');
      };
      try {
        const result = await admin.call(c.name as never, c.input as never);
        expect(result.ok || `${result.error.code} ${result.error.message}`, c.name).toMatch(/^INTERNAL /);
      } finally {
        table[feature]![callName] = real;
      }
      // ...and gone once the call failed.
      expect(wrote.every((n, i) => n > before[i]!), `${c.name} wrote ${wrote} over ${before}`).toBe(true);
      expect(await counts(c.tables), c.name).toEqual(before);
      // The same call, not failing, writes: the case is real.
      const okResult = await admin.call(c.name as never, c.input as never);
      expect(okResult.ok, JSON.stringify(okResult)).toBe(true);
      expect((await counts(c.tables)).every((n, i) => n > before[i]!), c.name).toBe(true);
      wrote = [];
    }
  });

  it('refuses an invalid payload with an Indonesian message naming the field', async () => {
    const { call } = typedClient(core);
    const bad = kotimSetup({ kabKotaKode: 'Kotim', email: 'bukan-email' });
    const result = await call('admin.completeSetup', bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    const paths = result.error.issues!.map((i) => i.path);
    expect(paths).toContain('office.kabKotaKode');
    expect(paths).toContain('office.email');
    expect(result.error.issues!.find((i) => i.path === 'office.email')!.message).toBe('Alamat e-mail tidak valid.');
    // Nothing was written.
    const status = await call('admin.setupStatus', undefined);
    expect(status.ok && status.value.needsSetup).toBe(true);
  });

  it('refuses wrong types, unknown calls and non-string names without throwing', async () => {
    const { call } = core.createClient();
    const wrongType = await call('regions.search', { q: 42 });
    expect(wrongType.ok || wrongType.error.code).toBe('INVALID_INPUT');
    const unknown = await call('registry.dropAllTables', {});
    expect(unknown.ok || unknown.error.code).toBe('UNKNOWN_CALL');
    const proto = await call('admin.__proto__', {});
    expect(proto.ok || proto.error.code).toBe('UNKNOWN_CALL');
    const notString = await call({ toString: () => 'admin.getOffice' }, undefined);
    expect(notString.ok || notString.error.code).toBe('UNKNOWN_CALL');
  });

  it('refuses calls that need a session before login, and role-restricted calls to other roles', async () => {
    const anonymous = core.createClient();
    const noSession = await anonymous.call('admin.getOffice', undefined);
    expect(noSession.ok || noSession.error.code).toBe('UNAUTHENTICATED');

    const admin = await setUpOffice(core);
    await ok(admin, 'users.create', { nama: 'Operator Desa', username: 'operator1', role: 'operator', wilayah: ['62.02.01'], password: 'operator-rahasia-1' });
    const operator = typedClient(core);
    await ok(operator, 'auth.login', { username: 'operator1', password: 'operator-rahasia-1' });
    const forbidden = await operator.call('admin.saveOffice', kotimSetup().office);
    expect(forbidden.ok).toBe(false);
    if (!forbidden.ok) {
      expect(forbidden.error.code).toBe('FORBIDDEN');
      expect(forbidden.error.message).toMatch(/izin/);
    }
  });

  it('completes setup once, signs the admin in, and refuses a second setup', async () => {
    const admin = await setUpOffice(core);
    const office = await admin.call('admin.getOffice', undefined);
    expect(office.ok && office.value.kopPemerintah).toBe('PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR');
    expect(office.ok && office.value.kepalaNip).toBe('196804121993031007');
    const again = await core.createClient().call('admin.completeSetup', kotimSetup());
    expect(again.ok || again.error.code).toBe('UNAUTHENTICATED');
    const byAdmin = await admin.call('admin.completeSetup', kotimSetup());
    expect(byAdmin.ok || byAdmin.error.code).toBe('CONFLICT');
  });

  it('passes expected failures through with their code and hides unexpected ones behind INTERNAL', async () => {
    const { call } = core.createClient();
    const setup = await call('admin.completeSetup', kotimSetup({ provinsiKode: '11' }));
    expect(setup.ok || setup.error.code).toBe('INVALID_INPUT');
    expect(setup.ok || setup.error.message).toBe('Kabupaten/kota tidak berada di provinsi yang dipilih.');

    await core.db.destroy(); // every query now fails inside the handler
    const broken = await call('admin.setupStatus', undefined);
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.error.code).toBe('INTERNAL');
      expect(broken.error.message).not.toMatch(/at |Error:|\.ts/);
    }
    core = await openTestCore(); // afterEach closes this one
  });

  it('locks a session left idle and logs in again with the right password only', async () => {
    let now = new Date('2024-05-03T08:00:00Z').getTime();
    core = await openTestCore({ now: () => new Date(now) });
    const admin = await setUpOffice(core);
    now += 16 * 60 * 1000;
    const idle = await admin.call('admin.getOffice', undefined);
    expect(idle.ok || idle.error.code).toBe('UNAUTHENTICATED');
    const wrong = await admin.call('auth.login', { username: 'admin', password: 'salah-salah-salah' });
    expect(wrong.ok || wrong.error.code).toBe('LOGIN_FAILED');
    const right = await admin.call('auth.login', { username: 'ADMIN', password: 'rahasia-kotim-2024' });
    expect(right.ok && right.value.role).toBe('admin');
  });
});
