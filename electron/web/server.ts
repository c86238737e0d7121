import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeWire, encodeWire } from '../../shared/api/wire';
import { uploadLimits, uploadPurposes, type UploadPurpose } from '../../shared/api/files';
import { tooLarge, uploadThrough } from '../core/files/incoming';
import type { CoreClients } from '../core/host/host';
import { CONTENT_SECURITY_POLICY } from '../core/security/csp';
import { resolveStaticFile } from '../core/security/staticFiles';

/** A call's JSON (picked files never travel in it: they stream to POST /uploads). */
const MAX_BODY = 32 * 1024 * 1024;

export interface WebServer {
  url: string;
  /** The address with the per-run token, to open in a browser. */
  openUrl: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Browser mode: the built renderer and the real main-side code behind the same contract, on 127.0.0.1 only.
 * Every API request must carry the random per-run token, so no other local user or web page can call it.
 */
export async function startWebServer(core: CoreClients & { readonly dataDir: string }, opts: { rendererDir: string; port?: number; token?: string }): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const client = core.createClient();
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[web]', error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Kesalahan server.');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // DNS rebinding guard: only our own loopback host names.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 421, 'text/plain', 'Host ditolak.');
    const url = new URL(req.url ?? '/', `http://${host}`);

    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/files/') || url.pathname === '/uploads') {
      if (!tokenOk(req.headers['x-dinsos-token'], token)) return send(res, 403, 'application/json', encodeWire({ ok: false, error: { code: 'FOREIGN_SENDER', message: 'Permintaan ditolak: token tidak sah.' } }));
      if (url.pathname.startsWith('/files/')) return sendOutboxFile(res, url.pathname.slice('/files/'.length));
      if (url.pathname === '/uploads') return receive(req, res, url);
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Metode tidak diizinkan.');
      const body = await readBody(req);
      if (body === null) return send(res, 413, 'application/json', encodeWire({ ok: false, error: { code: 'INVALID_INPUT', message: 'Permintaan terlalu besar.' } }));
      let input: unknown;
      try {
        input = body.length ? (decodeWire(body) as { input?: unknown }).input : undefined;
      } catch {
        return send(res, 400, 'application/json', encodeWire({ ok: false, error: { code: 'INVALID_INPUT', message: 'Data permintaan tidak dapat dibaca.' } }));
      }
      const result = await client.call(decodeURIComponent(url.pathname.slice('/api/'.length)), input);
      return send(res, 200, 'application/json; charset=utf-8', encodeWire(result));
    }

    const file = resolveStaticFile(opts.rendererDir, url.pathname);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Tidak ditemukan.');
    res.writeHead(200, { 'content-type': file.mime, ...securityHeaders() });
    createReadStream(file.path).pipe(res);
  }

  /**
   * A picked file, POST /uploads?purpose=import|photo|backup&name=<file name>, the body being the file itself:
   * streamed to the staging folder chunk by chunk (never held whole), refused with 413 past the purpose's limit
   * (at once when Content-Length says so), then claimed for whoever is signed in on this token's client.
   */
  async function receive(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Metode tidak diizinkan.');
    const purpose = url.searchParams.get('purpose') ?? '';
    if (!isUploadPurpose(purpose)) return send(res, 400, 'application/json', encodeWire({ ok: false, error: { code: 'INVALID_INPUT', message: 'Jenis unggahan tidak dikenal.' } }));
    const declared = Number(req.headers['content-length'] ?? NaN);
    const refuse = () => {
      // The rest of the body is not read: the connection closes after the answer.
      res.setHeader('connection', 'close');
      send(res, 413, 'application/json; charset=utf-8', encodeWire(tooLarge(purpose)));
    };
    if (declared > uploadLimits[purpose].maxBytes) return refuse();
    const result = await uploadThrough(client.call, core.dataDir, req.iterator({ destroyOnReturn: false }), url.searchParams.get('name') ?? '', purpose);
    if (!result.ok && result.error.code === 'TOO_LARGE') return refuse();
    return send(res, 200, 'application/json; charset=utf-8', encodeWire(result));
  }

  /** Only the signed-in user's own files: another user's id answers as one that never existed. */
  async function sendOutboxFile(res: ServerResponse, id: string) {
    const file = await client.file(id);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Berkas tidak ditemukan.');
    res.writeHead(200, {
      'content-type': file.mime,
      'content-length': String(file.size),
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      ...securityHeaders(),
    });
    createReadStream(file.path).pipe(res);
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    openUrl: `${url}/#token=${token}`,
    token,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function securityHeaders() {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { 'content-type': type, ...securityHeaders() });
  res.end(body);
}

function tokenOk(given: string | string[] | undefined, expected: string) {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isUploadPurpose(value: string): value is UploadPurpose {
  return (uploadPurposes as string[]).includes(value);
}
