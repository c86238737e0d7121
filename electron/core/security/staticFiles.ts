import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * Maps a URL path to a file inside `root`, or null when it would leave `root` (../, encoded dots,
 * absolute paths, backslashes) or does not exist. Unknown paths without an extension fall back to
 * index.html so client-side routes load.
 */
export function resolveStaticFile(root: string, urlPath: string): { path: string; mime: string } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = resolve(root);
  const candidate = resolve(base, `.${normalize(`/${decoded}`)}`);
  const rel = relative(base, candidate);
  if (rel.startsWith('..') || rel.includes(`..${sep}`) || resolve(base, rel) !== candidate) return null;
  let path = candidate;
  if (!existsSync(path) || statSync(path).isDirectory()) {
    if (extname(decoded) !== '') return null;
    path = join(base, 'index.html');
    if (!existsSync(path)) return null;
  }
  return { path, mime: MIME[extname(path).toLowerCase()] ?? 'application/octet-stream' };
}
