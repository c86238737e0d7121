/**
 * The parent's side of the protocol against a scripted core process: it never trusts the child's messages
 * (malformed ones are dropped, Platform requests with wrong arguments never reach the platform), and a
 * database that will not open rejects start() with the database's own error (the desktop app then offers a
 * restore).
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { CoreHost, type ChildHandle } from '../../../electron/core/host/host';
import type { ToCore } from '../../../electron/core/host/protocol';
import { AppError } from '../../../electron/core/api/errors';

class ScriptedChild extends EventEmitter implements ChildHandle {
  readonly pid = 1234;
  readonly received: ToCore[] = [];
  send(message: ToCore) {
    this.received.push(message);
  }
  onMessage(listener: (message: unknown) => void) {
    this.on('message', listener);
  }
  onExit(listener: (code: number | null) => void) {
    this.on('exit', listener);
  }
  kill() {
    this.emit('exit', null);
  }
  say(message: unknown) {
    this.emit('message', message);
  }
}

const paths = { dbPath: '/data/dinsos.sqlite', dataDir: '/data', outboxDir: '/data/outbox' };

function scripted() {
  const children: ScriptedChild[] = [];
  const platform = { kind: 'desktop' as const, htmlToPdf: vi.fn(async () => Buffer.from('%PDF-1.7')), chooseFolder: vi.fn(async () => '/media/usb') };
  const host = new CoreHost({ spawn: () => (children.push(new ScriptedChild()), children.at(-1)!), init: { resourcesDir: '/app/resources', autoBackup: true }, platform });
  return { host, children, platform };
}

describe('CoreHost (parent side of the core-process protocol)', () => {
  it('sends init with the platform it offers, then relays calls and results by id; malformed messages are dropped', async () => {
    const { host, children } = scripted();
    const starting = host.start();
    const child = children[0]!;
    expect(child.received[0]).toEqual({ t: 'init', init: { resourcesDir: '/app/resources', autoBackup: true, platform: { kind: 'desktop', optional: ['chooseFolder'] } } });
    child.say({ t: 'ready', paths });
    await starting;

    const client = host.createClient();
    const answer = client.call('auth.current', undefined);
    await vi.waitFor(() => expect(child.received).toHaveLength(2));
    const sent = child.received[1] as Extract<ToCore, { t: 'call' }>;
    expect(sent).toMatchObject({ t: 'call', name: 'auth.current' });
    for (const junk of [null, 'ok', { t: 'result' }, { t: 'result', id: sent.id, result: { ok: 'yes' } }, { t: 'result', id: sent.id, result: { ok: false, error: { code: 7 } } }, { t: 'ready' }]) child.say(junk);
    child.say({ t: 'result', id: sent.id + 1000, result: { ok: true, value: 'not yours' } });
    child.say({ t: 'result', id: sent.id, result: { ok: true, value: null } });
    expect(await answer).toEqual({ ok: true, value: null });
    expect(host.dbPath).toBe('/data/dinsos.sqlite');

    // Calls the core process would drop are answered here instead of hanging.
    expect(await client.call('x'.repeat(300), undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await client.call(42, undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    child.send = () => {
      throw new DOMException('could not be cloned', 'DataCloneError');
    };
    expect(await client.call('auth.login', { username: () => 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('serves Platform requests with checked arguments only, and returns bytes for a PDF', async () => {
    const { host, children, platform } = scripted();
    const starting = host.start();
    const child = children[0]!;
    child.say({ t: 'ready', paths });
    await starting;

    child.say({ t: 'platform', id: 1, method: 'htmlToPdf', args: [42, { paper: 'A4', landscape: false }] });
    child.say({ t: 'platform', id: 2, method: 'htmlToPdf', args: ['<p>x</p>', { paper: 'Letter', landscape: false }] });
    child.say({ t: 'platform', id: 3, method: 'openExternal', args: ['https://evil.example'] });
    child.say({ t: 'platform', id: 4, method: 'htmlToPdf', args: ['<p>BAST</p>', { paper: 'F4', landscape: false }] });
    child.say({ t: 'platform', id: 5, method: 'print', args: ['<p>BAST</p>', { paper: 'F4', landscape: false }] });
    await vi.waitFor(() => expect(child.received.filter((m) => m.t === 'platformResult')).toHaveLength(2));
    expect(platform.htmlToPdf).toHaveBeenCalledTimes(1);
    expect(platform.htmlToPdf).toHaveBeenCalledWith('<p>BAST</p>', { paper: 'F4', landscape: false });
    const replies = child.received.filter((m) => m.t === 'platformResult') as Extract<ToCore, { t: 'platformResult' }>[];
    const pdf = replies.find((r) => r.id === 4);
    const print = replies.find((r) => r.id === 5);
    expect(pdf).toMatchObject({ id: 4, result: { ok: true } });
    expect(Buffer.from((pdf!.result as { value: Uint8Array }).value).toString()).toBe('%PDF-1.7');
    // This platform has no print: the core process hears NOT_SUPPORTED instead of a hang.
    expect(print).toMatchObject({ id: 5, result: { ok: false, error: { code: 'NOT_SUPPORTED' } } });
  });

  it('rejects start() with the database error when the core process cannot open it, and can start again', async () => {
    const { host, children } = scripted();
    const first = host.start();
    children[0]!.say({ t: 'openFailed', error: { code: 'DB_CORRUPT', message: 'Berkas basis data rusak.' } });
    const error = await first.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'DB_CORRUPT', message: 'Berkas basis data rusak.' });
    const second = host.start();
    children[1]!.say({ t: 'ready', paths });
    await second;
    expect(children).toHaveLength(2);
  });
});
