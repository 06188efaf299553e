/**
 * Serves the built classroom app. Hashed assets are immutable (40 tablets download them once);
 * index.html is never cached, so a new version reaches every screen on reload. Unknown paths
 * without a file extension get index.html (client-side routes like /screen/123456).
 *
 * The build writes `name.br` and `name.gz` next to each hashed asset (apps/classroom/vite.config.ts):
 * when the browser accepts one, that file is sent as is with `content-encoding`, so the server never
 * compresses per request. Every response carries an ETag, and a matching `If-None-Match` gets 304.
 * Dot-folders (`dist/.vite/`, build statistics) are never served.
 */
import { createReadStream, type Stats, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Precompressed siblings, in the order the server prefers them (brotli is smaller). */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number]['name'];

const IMMUTABLE = 'public, max-age=31536000, immutable';

function fileStats(path: string): Stats | null {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats : null;
  } catch {
    return null;
  }
}

/** The encodings an `Accept-Encoding` header allows (q > 0), `*` standing for any not named. */
export function acceptedEncodings(header: string | string[] | undefined): Set<Encoding> {
  const accepted = new Set<Encoding>();
  const refused = new Set<string>();
  let anyOther = false;
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const part of value.split(',')) {
    const [token = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!token) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    const allowed = Number.isFinite(weight) && weight > 0;
    const name = token === 'x-gzip' ? 'gzip' : token;
    if (name === '*') anyOther = allowed;
    else if (!allowed) refused.add(name);
    else if (name === 'br' || name === 'gzip') accepted.add(name);
  }
  if (anyOther) for (const { name } of ENCODINGS) if (!refused.has(name)) accepted.add(name);
  return accepted;
}

/** Strong validator: the file's size and time, and which encoding (each is its own representation). */
function etagOf(stats: Stats, encoding: Encoding | null): string {
  return `"${stats.size.toString(36)}-${Math.floor(stats.mtimeMs).toString(36)}${encoding ? `-${encoding}` : ''}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, pathname: string): void {
  const index = join(root, 'index.html');
  const indexStats = fileStats(index);
  if (!indexStats) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('心灯的页面还没有构建。请运行 pnpm start。\nThe classroom app is not built yet. Run: pnpm start\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed');
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const hidden = decoded.split(/[\\/]/).some((segment) => segment.startsWith('.'));
  const file = normalize(join(root, decoded));
  const inside = file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);
  const stats = inside && !hidden ? fileStats(file) : null;
  if (!stats && (hidden || extname(decoded) !== '')) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const target = stats ? file : index;
  const hashed = stats !== null && decoded.startsWith('/assets/');

  // A precompressed sibling the browser accepts, best first; the plain file otherwise.
  const variants = hashed ? ENCODINGS.map((e) => ({ encoding: e.name, path: target + e.suffix })) : [];
  const present = variants.flatMap((v) => {
    const found = fileStats(v.path);
    return found ? [{ ...v, stats: found }] : [];
  });
  const accepted = acceptedEncodings(req.headers['accept-encoding']);
  const body = present.find((v) => accepted.has(v.encoding)) ?? {
    encoding: null,
    path: target,
    stats: stats ?? indexStats,
  };
  const etag = etagOf(body.stats, body.encoding);

  const headers: Record<string, string | number> = {
    'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
    'cache-control': hashed ? IMMUTABLE : 'no-cache',
    etag,
    'x-content-type-options': 'nosniff',
  };
  // Caches must keep one copy per encoding once any compressed copy exists.
  if (present.length > 0) headers.vary = 'accept-encoding';
  if (body.encoding) headers['content-encoding'] = body.encoding;

  if (matches(req.headers['if-none-match'], etag)) {
    delete headers['content-type'];
    res.writeHead(304, headers).end();
    return;
  }
  headers['content-length'] = body.stats.size;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(body.path)
    .on('error', () => res.destroy())
    .pipe(res);
}
