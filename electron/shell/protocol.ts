import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../core/security/csp';
import { resolveStaticFile } from '../core/security/staticFiles';

/** Must run before the app is ready: app:// behaves like a secure web origin (modules, fetch, storage). */
export function registerAppScheme() {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from app://dinsos/… with a path-traversal guard; nothing else is reachable. */
export function setupAppProtocol(rendererDir: string) {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'dinsos' ? resolveStaticFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Tidak ditemukan', { status: 404 });
    const response = await net.fetch(pathToFileURL(file.path).toString());
    return new Response(response.body, {
      headers: { 'content-type': file.mime, 'content-security-policy': CONTENT_SECURITY_POLICY },
    });
  });
}
