/**
 * The work-area rule across the whole contract: an operator of kecamatan Baamang calls every call of the
 * contract (iterated from the contract object, so a new call is covered the day it is added) with realistic
 * inputs aimed at the families of kecamatan Kota Besi — their ids, NIKs and No KK, files carrying them,
 * another operator's jobs and imports — and must see and change nothing of them:
 * - no row of the database changes or disappears, and no person/family row is added;
 * - no response (value or error, job results included) carries a name, NIK, No KK, address or record id of
 *   Kota Besi that the input did not itself contain;
 * - a call the operator's role may not make answers FORBIDDEN;
 * - a call that does store something (its own bookkeeping) declares an audit entity and leaves a record.
 * A call the operator may make without a sample below fails the test: a new call needs its sample.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rolePermissions } from '../../../shared/api/access';
import { callNames, lookupCall, type CallName } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import type { Core } from '../../../electron/core/app';
import { ok, openTestCore, setUpOffice } from '../../helpers/core';
import { makeNik } from '../../helpers/registryFixtures';
import { isPostgres, userTables } from '../../../electron/core/db/dialect';

const KEC_A = '62.02.01'; // Kota Besi
const DESA_A = '62.02.01.2003'; // Palangan
const KEC_B = '62.02.05'; // Baamang
const DESA_B = '62.02.05.1001'; // Baamang Hilir

type Client = Awaited<ReturnType<typeof setUpOffice>>;

interface Fixture {
  keluargaA: number; // created by hand
  keluargaImportA: number; // imported by operator A
  anggotaA: number[];
  kepalaNikA: string;
  kepalaNamaA: string;
  kkA: string;
  dupA: [number, number];
  hasilBatchA: string;
  importBatchA: number;
  jobA: string;
  outboxFileAdmin: string;
  stagedB: { mixed: string; foreign: string };
  /** What the Baamang operator's own staged files say: echoing it back discloses nothing. */
  stagedText: Map<string, string>;
  freshNik: (serial: number) => string;
}

const kepala = (nik: string, nama: string, tanggalLahir: string, jenisKelamin: 'L' | 'P' = 'L') => ({ nik, nama, jenisKelamin, tanggalLahir, hubungan: 'Kepala Keluarga' as const, ibuKandung: 'Masnah Binti Usup', programs: ['PKH'] });
const csvBytes = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));
const IMPORT_HEADER = 'NIK;NO KK;NAMA;JENIS KELAMIN;TANGGAL LAHIR;KECAMATAN;DESA/KELURAHAN;ALAMAT;HUBUNGAN KELUARGA';

/** Realistic inputs for every call an operator may make, aimed at Kota Besi's records. */
const samples: Record<string, (f: Fixture) => unknown[]> = {
  'admin.setupStatus': () => [undefined],
  'admin.getOffice': () => [undefined],
  'auth.login': () => [{ username: 'op.baamang', password: 'operator-baamang-01' }],
  'auth.current': () => [undefined],
  'auth.logout': () => [undefined],
  // Public, for a data folder whose database is gone: with a database in place it must restore nothing.
  'backup.recover': () => [{ fileName: 'cadangan kota besi.dinsosbak', bytes: new Uint8Array([80, 75, 3, 4, 0, 0]), username: 'admin', password: 'rahasia-kotim-2024', acceptWarnings: [] }],
  'dashboard.summary': () => [{}, { tahun: 2024 }],
  'demo.status': () => [undefined],
  'exports.importHasil': (f) => [
    { file: { fileName: 'hasil siks-ng.csv', bytes: csvBytes(['nama_kec;nama_desa;nik_usulan;program_bansos;hasil;padan;nama_lgkp;ket_vali', `KOTA BESI;PALANGAN;${f.kepalaNikA};PKH;DITOLAK;TIDAK PADAN;ORANG LAIN;-`]) } },
  ],
  'exports.undoHasil': (f) => [{ batchId: f.hasilBatchA }],
  'exports.usulan': (f) => [{ q: f.kepalaNikA }, { q: 'Rahasia' }, {}],
  'files.saveAs': (f) => [{ id: f.outboxFileAdmin }],
  // Called by the transports after streaming a file in; an id nothing arrived under is NOT_FOUND for everyone.
  'files.claimUpload': () => [{ incomingId: 'a'.repeat(32), fileName: 'baamang.csv', purpose: 'import' }],
  'imports.upload': (f) => [{ fileName: 'baamang.csv', bytes: csvBytes([IMPORT_HEADER, `${f.kepalaNikA};${f.kkA};SIAPA SAJA;LK;12/03/1980;BAAMANG;BAAMANG HILIR;Jl. Baamang;KEPALA KELUARGA`]) }],
  'imports.preview': (f) => [{ stagingId: f.stagedB.mixed }, { stagingId: f.stagedB.foreign }],
  'imports.commit': (f) => [{ stagingId: f.stagedB.mixed }, { stagingId: f.stagedB.foreign }],
  'imports.inspect': (f) => [{ stagingId: f.stagedB.mixed }],
  'imports.fields': () => [undefined],
  'imports.history': () => [{}],
  'imports.undo': (f) => [{ batchId: f.importBatchA }],
  // Office-wide spellings of region names (no personal data); forgetting one is the admin's (office.manage).
  'imports.regionAliases': () => [undefined],
  'imports.removeRegionAlias': () => [{ id: 1 }],
  'jobs.status': (f) => [{ id: f.jobA }],
  'jobs.cancel': (f) => [{ id: f.jobA }],
  'regions.search': () => [{ q: 'Palangan' }],
  'regions.children': () => [{ parent: KEC_A }],
  'regions.get': () => [{ kode: DESA_A }],
  'registry.list': (f) => [{ q: f.kepalaNikA }, { q: 'Rahasia' }, { kecamatan: KEC_A }, { desa: DESA_A }, {}],
  'registry.count': (f) => [{ q: f.kepalaNikA }, { kecamatan: KEC_A }, {}],
  'registry.programs': () => [undefined],
  'registry.keluarga': (f) => [{ id: f.keluargaA }, { id: f.keluargaImportA }],
  'registry.createKeluarga': (f) => [
    { keluarga: { noKk: f.kkA, alamat: 'Jl. Baamang', desaKode: DESA_B }, kepala: kepala(f.freshNik(71), 'Orang Baru', '1980-03-12') },
    { keluarga: { noKk: '6202051203100071', alamat: 'Jl. Baamang', desaKode: DESA_B }, kepala: kepala(f.kepalaNikA, 'Orang Baru', '1980-03-12') },
    { keluarga: { noKk: '6202011203100072', alamat: 'Jl. Palangan', desaKode: DESA_A }, kepala: kepala(f.freshNik(72), 'Orang Baru', '1980-03-12') },
  ],
  'registry.updateKeluarga': (f) => [
    { id: f.keluargaA, keluarga: { noKk: '6202051203100073', alamat: 'Jl. Baamang', desaKode: DESA_B } },
    { id: f.keluargaA, keluarga: { noKk: f.kkA, alamat: 'Jl. Palangan', desaKode: DESA_A } },
  ],
  'registry.addAnggota': (f) => [{ keluargaId: f.keluargaA, anggota: { ...kepala(f.freshNik(74), 'Anak Baru', '2010-03-12'), hubungan: 'Anak' } }],
  'registry.updateAnggota': (f) => [{ id: f.anggotaA[0], anggota: kepala(f.kepalaNikA, 'Nama Diubah', '1980-03-12') }],
  'registry.setStatus': (f) => [{ id: f.anggotaA[0], status: 'meninggal', tanggal: '2024-05-01', alasan: 'Meninggal dunia' }],
  'registry.scanDuplicates': () => [{ kecamatan: KEC_A }, {}],
  'registry.decideDuplicate': (f) => [
    { a: f.dupA[0], b: f.dupA[1], keputusan: 'sama' },
    { a: f.dupA[0], b: f.dupA[1], keputusan: 'beda' },
  ],
  'workbooks.issue': () => [{ desa: DESA_A }],
  'workbooks.issueKecamatan': () => [{ kecamatan: KEC_A }],
  'workbooks.issueDesa': () => [{ desa: [DESA_A] }, { desa: [DESA_B, DESA_A] }],
  'workbooks.status': () => [{ kecamatan: KEC_A }, { desa: [DESA_A] }],
  'workbooks.preview': (f) => [{ stagingId: f.stagedB.mixed }],
  'workbooks.apply': (f) => [{ stagingId: f.stagedB.mixed }],
  'users.changeOwnPassword': () => [{ currentPassword: 'bukan-sandi-saya', newPassword: 'sandi-baru-2024', confirmPassword: 'sandi-baru-2024' }],
};

// Tables of people and families: the operator's calls aimed at Kota Besi add nothing here.
const PERSON_TABLES = ['keluarga', 'anggota', 'anggota_program', 'anggota_kata', 'usulan', 'duplikat_keputusan', 'import_change'];
// The shipped region tables are large and never written by a call.
const STATIC_TABLES = ['region', 'region_alias', 'region_bps'];

let core: Core;
let admin: Client;
let opA: Client;
let opB: Client;
let fx: Fixture;

async function snapshot(): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const name of await userTables(core.db)) {
    if (STATIC_TABLES.includes(name)) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(core.db);
    out.set(name, new Set(rows.rows.map((r) => JSON.stringify(r))));
  }
  return out;
}

function changes(before: Map<string, Set<string>>, after: Map<string, Set<string>>) {
  const removed: string[] = [];
  const added: string[] = [];
  for (const [table, rows] of before) for (const r of rows) if (!after.get(table)?.has(r)) removed.push(`${table}: ${r}`);
  for (const [table, rows] of after) for (const r of rows) if (!before.get(table)?.has(r)) added.push(`${table}: ${r}`);
  return { removed, added };
}

/** What the operator may not learn: every family and member outside Baamang, read from the database. */
async function secretsOutsideB() {
  const people = await core.db
    .selectFrom('anggota')
    .innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id')
    .select(['anggota.id', 'anggota.nik', 'anggota.nama', 'anggota.ibu_kandung', 'keluarga.id as kid', 'keluarga.no_kk', 'keluarga.alamat'])
    .where('keluarga.kecamatan_kode', '!=', KEC_B)
    .execute();
  const texts = new Set<string>();
  const ids = new Set<number>();
  for (const p of people) {
    for (const t of [p.nik, p.nama, p.ibu_kandung, p.no_kk, p.alamat]) if (t) texts.add(t.toLowerCase());
    ids.add(p.id);
    ids.add(p.kid);
  }
  return { texts, ids };
}

/** Record ids under id-like keys (id, keluargaId, anggota_id, entityId, …) anywhere in a value. */
function idsIn(value: unknown, found: number[] = []): number[] {
  if (Array.isArray(value)) for (const v of value) idsIn(v, found);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (/(^id$|^[ab]$|Id$|_id$)/.test(k) && (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v)))) found.push(Number(v));
      else idsIn(v, found);
    }
  }
  return found;
}

const isJob = (v: unknown): v is { id: string; state: string } =>
  !!v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' && /^[a-f0-9]{16}$/.test((v as { id: string }).id) && 'state' in v;

async function loginAs(username: string, password: string): Promise<Client> {
  const c = core.createClient();
  await ok(c, 'auth.login', { username, password });
  return c;
}

beforeAll(async () => {
  core = await openTestCore({ now: () => new Date('2024-06-03T02:00:00Z') });
  admin = await setUpOffice(core);
  await ok(admin, 'users.create', { nama: 'Operator Kota Besi', username: 'op.kotabesi', role: 'operator', wilayah: [KEC_A], password: 'operator-kotabesi-01' });
  await ok(admin, 'users.create', { nama: 'Operator Baamang', username: 'op.baamang', role: 'operator', wilayah: [KEC_B], password: 'operator-baamang-01' });
  opA = await loginAs('op.kotabesi', 'operator-kotabesi-01');
  opB = await loginAs('op.baamang', 'operator-baamang-01');

  // Record ids well apart from the small ids of users, batches and jobs, so an id in a response is telling.
  if (isPostgres(core.db)) {
    await sql`select setval(pg_get_serial_sequence('keluarga', 'id'), 7000), setval(pg_get_serial_sequence('anggota', 'id'), 8000)`.execute(core.db);
  } else {
    await sql`delete from sqlite_sequence where name in ('keluarga', 'anggota')`.execute(core.db);
    await sql`insert into sqlite_sequence (name, seq) values ('keluarga', 7000), ('anggota', 8000)`.execute(core.db);
  }

  const nik = (birth: string, sex: 'L' | 'P', serial: number) => makeNik(KEC_A, birth, sex, serial);
  const kepalaNikA = nik('1980-03-12', 'L', 11);
  const kkA = '6202011203100011';
  const a1 = await ok<{ keluargaId: number; anggotaId: number }>(admin, 'registry.createKeluarga', {
    keluarga: { noKk: kkA, alamat: 'Jl. Rahasia Palangan No. 7', desaKode: DESA_A, desil: 1 },
    kepala: kepala(kepalaNikA, 'Rahasia Wibisono', '1980-03-12'),
  });
  const istri = await ok<{ anggotaId: number }>(admin, 'registry.addAnggota', {
    keluargaId: a1.keluargaId,
    anggota: { ...kepala(nik('1984-01-31', 'P', 12), 'Rahasia Kartika', '1984-01-31', 'P'), hubungan: 'Istri/Suami' },
  });
  // Same birth date and nearly the same name in the same desa, in another family: a duplicate pair.
  const a2 = await ok<{ keluargaId: number; anggotaId: number }>(admin, 'registry.createKeluarga', {
    keluarga: { noKk: '6202011203100013', alamat: 'Jl. Rahasia Hulu', desaKode: DESA_A },
    kepala: kepala(nik('1980-03-12', 'L', 13), 'Rahasia Wibisana', '1980-03-12'),
  });

  // Operator Kota Besi imports two people of their own kecamatan.
  const stagedA = await ok<{ stagingId: string }>(opA, 'imports.upload', {
    fileName: 'kota besi.csv',
    bytes: csvBytes([
      IMPORT_HEADER,
      `${nik('1975-04-02', 'L', 31)};6202011203100031;RAHASIA SLAMET;LK;02/04/1975;KOTA BESI;PALANGAN;Jl. Rahasia Impor;KEPALA KELUARGA`,
      `${nik('1978-09-19', 'P', 32)};6202011203100031;RAHASIA SUMIATI;PR;19/09/1978;KOTA BESI;PALANGAN;Jl. Rahasia Impor;ISTRI`,
    ]),
  });
  const commitA = await core.services.jobs.wait((await ok<{ id: string }>(opA, 'imports.commit', { stagingId: stagedA.stagingId })).id);
  expect(commitA.state).toBe('done');
  const importBatchA = (commitA.result as { batchId: number }).batchId;
  const keluargaImportA = (await core.db.selectFrom('keluarga').select('id').where('no_kk', '=', '6202011203100031').executeTakeFirstOrThrow()).id;

  // Operator Kota Besi's own duplicate scan: a job whose result names their people.
  const jobA = (await ok<{ id: string }>(opA, 'registry.scanDuplicates', { kecamatan: KEC_A })).id;
  const scan = await core.services.jobs.wait(jobA);
  expect(JSON.stringify(scan.result)).toContain('Rahasia Wibisono');

  // SIKS-NG results for a Kota Besi person, imported at the office.
  const hasil = await ok<{ batchId: string; updated: number }>(admin, 'exports.importHasil', {
    file: { fileName: 'hasil.csv', bytes: csvBytes(['nama_kec;nama_desa;nik_usulan;program_bansos;hasil;padan;nama_lgkp;ket_vali', `KOTA BESI;PALANGAN;${kepalaNikA};PKH;LAYAK;PADAN;RAHASIA WIBISONO;Rahasia catatan`]) },
  });
  expect(hasil.updated).toBe(1);

  const file = core.services.outbox.put('Data Kota Besi.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', new Uint8Array([1, 2, 3]));

  // Files the Baamang operator stages: Kota Besi's NIK and No KK placed in Baamang, and Kota Besi's own rows.
  const stagedText = new Map<string, string>();
  const stageB = async (fileName: string, line: string) => {
    const staged = await ok<{ stagingId: string }>(opB, 'imports.upload', { fileName, bytes: csvBytes([IMPORT_HEADER, line]) });
    stagedText.set(staged.stagingId, line);
    return staged.stagingId;
  };
  const mixed = await stageB('baamang.csv', `${kepalaNikA};${kkA};SIAPA SAJA;LK;12/03/1980;BAAMANG;BAAMANG HILIR;Jl. Baamang;KEPALA KELUARGA`);
  const foreign = await stageB('kota besi lagi.csv', `${kepalaNikA};${kkA};RAHASIA WIBISONO;LK;12/03/1980;KOTA BESI;PALANGAN;Jl. Baru;KEPALA KELUARGA`);

  fx = {
    keluargaA: a1.keluargaId,
    keluargaImportA,
    anggotaA: [a1.anggotaId, istri.anggotaId, a2.anggotaId],
    kepalaNikA,
    kepalaNamaA: 'Rahasia Wibisono',
    kkA,
    dupA: [a1.anggotaId, a2.anggotaId],
    hasilBatchA: hasil.batchId,
    importBatchA,
    jobA,
    outboxFileAdmin: file.id,
    stagedB: { mixed, foreign },
    stagedText,
    freshNik: (serial) => makeNik(KEC_B, '1980-03-12', 'L', serial),
  };
}, 120_000);
afterAll(() => core.close());

const operatorMay = (name: CallName) => {
  const access = lookupCall(name)!.access;
  return access === 'public' || rolePermissions.operator.includes(access);
};

describe('an operator of another kecamatan, across the whole contract', () => {
  it('every call the operator may make has a sample input here', () => {
    const missing = callNames.filter((n) => operatorMay(n) && !samples[n]);
    expect(missing, 'add a realistic sample aimed at another kecamatan for these calls').toEqual([]);
  });

  it('the ids aimed at are real records of Kota Besi (the samples point at something)', async () => {
    expect(fx.keluargaA).toBeGreaterThan(7000);
    const { ids, texts } = await secretsOutsideB();
    for (const id of [fx.keluargaA, fx.keluargaImportA, ...fx.anggotaA]) expect(ids.has(id)).toBe(true);
    expect(texts.has(fx.kepalaNikA)).toBe(true);
    expect(texts.has('rahasia slamet')).toBe(true);
  });

  it('sees and changes nothing of Kota Besi through any call, and is refused the calls its role may not make', async () => {
    const { texts, ids } = await secretsOutsideB();
    const problems: string[] = [];
    // auth.logout ends the session: it runs last.
    const order = [...callNames].sort((a, b) => Number(a === 'auth.logout') - Number(b === 'auth.logout'));
    for (const name of order) {
      const inputs = operatorMay(name) ? (samples[name]?.(fx) ?? []) : [{}];
      for (const input of inputs) {
        const before = await snapshot();
        const result: ApiResult<unknown> = await opB.call(name, input);
        if (!operatorMay(name)) {
          if (result.ok || result.error.code !== 'FORBIDDEN') problems.push(`${name}: expected FORBIDDEN, got ${result.ok ? 'ok' : result.error.code}`);
        } else if (!result.ok && (result.error.code === 'UNAUTHENTICATED' || (result.error.code === 'INVALID_INPUT' && result.error.issues))) {
          // The sample must reach the handler: signed in, and valid for the call's schema.
          problems.push(`${name}: sample never reached the handler (${result.error.code}: ${result.error.message})`);
        }
        const seen: unknown[] = [result];
        if (result.ok && isJob(result.value)) seen.push(await core.services.jobs.wait(result.value.id).catch(() => null));
        const after = await snapshot();

        const { removed, added } = changes(before, after);
        for (const r of removed) problems.push(`${name} changed or removed ${r.slice(0, 160)}`);
        for (const r of added) {
          if (PERSON_TABLES.includes(r.slice(0, r.indexOf(':')))) problems.push(`${name} added ${r.slice(0, 160)}`);
        }
        // Whatever a call does store, it declares and records (issue 16): a change without a history is a defect.
        const stored = [...removed, ...added].filter((r) => !r.startsWith('audit_log:'));
        if (stored.length > 0 && (!lookupCall(name)!.audit || !added.some((r) => r.startsWith('audit_log:')))) {
          problems.push(`${name} stored ${stored[0]!.slice(0, 120)} without a declared audit record`);
        }

        const inputJson = JSON.stringify(input ?? null, (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v));
        const staged = [...fx.stagedText].filter(([id]) => inputJson.includes(id)).map(([, text]) => text);
        const inputText = [inputJson, ...staged].join('\n').toLowerCase();
        const outText = [JSON.stringify(seen), ...added].join('\n').toLowerCase();
        for (const t of texts) if (outText.includes(t) && !inputText.includes(t)) problems.push(`${name} disclosed "${t}"`);
        const inputIds = new Set(idsIn(input));
        for (const id of idsIn(seen)) if (ids.has(id) && !inputIds.has(id)) problems.push(`${name} disclosed record id ${id}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('a record of Kota Besi asked for by id is answered exactly like an id nobody has', async () => {
    const b = await loginAs('op.baamang', 'operator-baamang-01');
    const keluarga = { noKk: '6202051203100081', alamat: 'Jl. Baamang', desaKode: DESA_B };
    const anggota = { ...kepala(fx.freshNik(81), 'Anak Baru', '2010-03-12'), hubungan: 'Anak' };
    const status = { status: 'pindah', tanggal: '2024-05-01', alasan: 'Pindah ke Sampit' };
    const pairs: [string, unknown, unknown][] = [
      ['registry.keluarga', { id: fx.keluargaA }, { id: 999_999 }],
      ['registry.updateKeluarga', { id: fx.keluargaA, keluarga }, { id: 999_999, keluarga }],
      ['registry.addAnggota', { keluargaId: fx.keluargaA, anggota }, { keluargaId: 999_999, anggota }],
      ['registry.updateAnggota', { id: fx.anggotaA[0], anggota }, { id: 999_999, anggota }],
      ['registry.setStatus', { id: fx.anggotaA[1], ...status }, { id: 999_999, ...status }],
      ['registry.decideDuplicate', { a: fx.dupA[0], b: fx.dupA[1], keputusan: 'beda' }, { a: 999_998, b: 999_999, keputusan: 'beda' }],
      ['imports.undo', { batchId: fx.importBatchA }, { batchId: 99_999 }],
      ['exports.undoHasil', { batchId: fx.hasilBatchA }, { batchId: 'ffffffffffff' }],
      ['jobs.status', { id: fx.jobA }, { id: 'ffffffffffffffff' }],
      ['jobs.cancel', { id: fx.jobA }, { id: 'ffffffffffffffff' }],
    ];
    const answer = (r: ApiResult<unknown>) => (r.ok ? 'ok' : { code: r.error.code, message: r.error.message, details: r.error.details });
    for (const [name, aimed, missing] of pairs) {
      const expected = answer(await b.call(name, missing));
      expect(expected, name).toMatchObject({ code: 'NOT_FOUND' });
      expect(answer(await b.call(name, aimed)), name).toEqual(expected);
    }
  });

  it('the dashboard and counts show nothing of Kota Besi to the Baamang operator', async () => {
    const b = await loginAs('op.baamang', 'operator-baamang-01');
    const summary = await ok<{ totals: { keluarga: number; jiwa: number }; perKecamatan: { kode: string }[] }>(b, 'dashboard.summary', {});
    expect(summary.perKecamatan.map((k) => k.kode)).toEqual([KEC_B]);
    expect(summary.totals).toMatchObject({ keluarga: 0, jiwa: 0 });
    expect(await ok(b, 'registry.count', { kecamatan: KEC_A })).toEqual({ anggota: 0, keluarga: 0 });
    expect(await ok(b, 'exports.usulan', {})).toEqual([]);
  });
});
