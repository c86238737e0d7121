import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames, lookupCall } from '../../../shared/api/contract';
import type { Core } from '../../../electron/core/app';
import { isPostgres } from '../../../electron/core/db/dialect';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { rowChangeCounter, schemaNames } from '../../helpers/dbProbe';
import { objectKeys, unboundedFields } from '../../helpers/security/schemaWalk';

const HUGE = 'A'.repeat(1_000_000);
const SQL = "'); DROP TABLE app_user; --";
const HTML = '<img src=x onerror="alert(1)"><script>alert(1)</script>';
const TRAVERSAL = '../../../../../etc/passwd';
const WIN_TRAVERSAL = '..\\..\\Windows\\System32\\config\\SAM';

/** Values that are wrong in type or range for any field of any call. */
const wrongValues: unknown[] = [null, -1, -2_147_483_649, 1.5, Number.MAX_SAFE_INTEGER * 4, true, [], [HUGE], { nested: { deeper: SQL } }, HUGE];
/** Whole payloads that no call with a typed input may accept. */
const wrongPayloads: unknown[] = [null, 0, -1, 'x', HUGE, SQL, HTML, TRAVERSAL, [], [1, 2, 3], true];
/** Text that is the right type: must never break anything, whether accepted or refused. */
const hostileText = [SQL, HTML, TRAVERSAL, WIN_TRAVERSAL, '\u0000\u0001', '=HYPERLINK("http://x")', '😀'.repeat(50)];

let core: Core;
let admin: Awaited<ReturnType<typeof setUpOffice>>;
let probe: { db: Core['db']; read: () => Promise<number> } | null = null;

/** Rows changed so far in the database the core has open now (demo.start switches it to the practice one). */
async function rowsChanged(): Promise<number> {
  if (probe?.db !== core.db) probe = { db: core.db, read: await rowChangeCounter(core.db) };
  return probe.read();
}

/** Rows changed in the database, less the audit entries (an accepted read-only export is audited). */
async function totalChanges(): Promise<number> {
  const { rows } = await sql<{ audit: number }>`select count(*) as audit from audit_log`.execute(core.db);
  return (await rowsChanged()) - Number(rows[0]?.audit);
}
const schemaShape = async () => (await schemaNames(core.db)).join(',');

beforeAll(async () => {
  core = await openTestCore();
  admin = await setUpOffice(core);
});
afterAll(() => core.close());

describe('malformed payloads to every contract call (as admin, who passes every role check)', () => {
  it('wrong types, huge strings, negative and oversized numbers: a clean refusal and an unchanged database', async () => {
    const problems: string[] = [];
    for (const name of callNames) {
      const schema = lookupCall(name)!.input;
      const fieldPayloads = objectKeys(schema).flatMap((key) => wrongValues.map((v) => ({ [key]: v })));
      for (const payload of [...wrongPayloads, ...fieldPayloads]) {
        const wholeWrong = wrongPayloads.includes(payload);
        const before = await totalChanges();
        let result;
        try {
          result = await admin.call(name, payload);
        } catch (error) {
          problems.push(`${name}: threw ${String(error)}`);
          continue;
        }
        let changed = (await totalChanges()) !== before;
        if (result.ok && changed && !wholeWrong) {
          // A first call may set something up once (e.g. built-in templates); the same call again must not write.
          const again = await totalChanges();
          await admin.call(name, payload);
          changed = (await totalChanges()) !== again;
        }
        // A list call may accept e.g. {aktif: true} alone (every field optional); it must then only read.
        if (result.ok && (wholeWrong || changed)) problems.push(`${name}: accepted ${describePayload(payload)}${changed ? ' and changed the database' : ''}`);
        if (!result.ok) {
          if (!['INVALID_INPUT', 'NOT_FOUND'].includes(result.error.code)) problems.push(`${name}: ${result.error.code} for ${describePayload(payload)} (${result.error.message})`);
          if (changed) problems.push(`${name}: refused ${describePayload(payload)} but changed the database`);
          if (result.error.message.length > 400) problems.push(`${name}: refusal message of ${result.error.message.length} characters echoes the payload`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('SQL, HTML, control characters and path traversal as text never cause an unexpected error or damage the database', async () => {
    const shape = await schemaShape();
    const problems: string[] = [];
    for (const name of callNames) {
      if (name === 'auth.logout') continue;
      const keys = objectKeys(lookupCall(name)!.input);
      if (keys.length === 0) continue;
      for (const text of hostileText) {
        const payload = Object.fromEntries(keys.map((k) => [k, text]));
        const result = await admin.call(name, payload);
        if (!result.ok && result.error.code === 'INTERNAL') problems.push(`${name}: INTERNAL for ${describePayload(text)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await schemaShape()).toBe(shape);
    const users = await core.db.selectFrom('app_user').select('username').execute();
    expect(users.map((u) => u.username)).toEqual(['admin']);
    if (!isPostgres(core.db)) {
      // The database file is whole; a server keeps its own storage whole.
      const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(core.db);
      expect(Object.values(rows[0] ?? {})[0]).toBe('ok');
    }
  });

  it('text holding NUL is refused by every call that takes text, with INVALID_INPUT, on either engine', async () => {
    // PostgreSQL cannot store NUL in text: without the one check in dispatch a write answered INTERNAL there.
    const accepted: string[] = [];
    for (const name of callNames) {
      const keys = objectKeys(lookupCall(name)!.input);
      if (keys.length === 0) continue;
      const result = await admin.call(name, Object.fromEntries(keys.map((k) => [k, 'Siti\u0000'])));
      if (result.ok || result.error.code !== 'INVALID_INPUT' || !result.error.message.includes('NUL')) accepted.push(name);
    }
    expect(accepted).toEqual([]);
    const nested = await admin.call('registry.list', { q: { deep: [['a', 'b\u0000']] } });
    expect(nested.ok ? 'ok' : nested.error.code).toBe('INVALID_INPUT');
  });

  it('every string and list in every call input has an upper bound', () => {
    const unbounded = callNames.flatMap((name) => unboundedFields(lookupCall(name)!.input).map((p) => `${name} ${p}`));
    expect(unbounded).toEqual([]);
  });

  it('a file name with a folder in it is refused wherever a file is uploaded', async () => {
    // The upload references (uploadId) and the transports' claim of a received file (incomingId).
    const uploads = callNames.filter((n) => objectKeys(lookupCall(n)!.input).includes('fileName'));
    expect(uploads).toEqual(expect.arrayContaining(['files.claimUpload', 'imports.upload', 'backup.stageUpload']));
    for (const name of uploads) {
      for (const fileName of [TRAVERSAL, WIN_TRAVERSAL, '/etc/passwd', 'C:\\data.xlsx', 'sub/dir.xlsx']) {
        const r = await admin.call(name, { fileName, uploadId: 'a'.repeat(32), size: 3, incomingId: 'a'.repeat(32), purpose: 'import' });
        expect(r.ok ? 'accepted' : r.error.code, `${name} ${fileName}`).not.toBe('accepted');
        expect(!r.ok && r.error.code, `${name} ${fileName}`).not.toBe('INTERNAL');
      }
    }
  });
});

function describePayload(payload: unknown): string {
  if (typeof payload === 'string') return payload.length > 40 ? `"${payload.slice(0, 20)}…" (${payload.length})` : JSON.stringify(payload);
  if (payload instanceof Uint8Array) return 'Uint8Array';
  try {
    const text = JSON.stringify(payload);
    return text.length > 80 ? `${text.slice(0, 60)}…` : text;
  } catch {
    return String(payload);
  }
}
