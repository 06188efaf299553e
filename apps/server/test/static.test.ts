/**
 * The static file server over real HTTP: precompressed `.br`/`.gz` siblings are sent when the
 * browser accepts them (with the right type, length, encoding and `vary`), the plain file
 * otherwise; hashed assets are immutable, index.html is revalidated; ETags give 304s; HEAD has no
 * body; dot-folders and paths outside the build are never served.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings, serveStatic } from '../src/http/static.js';

const JS = `export const hello = ${JSON.stringify('心灯 '.repeat(200))};\n`;
const INDEX = '<!doctype html><title>心灯</title><div id="root"></div>\n';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let root = '';
let port = 0;
let server: Server;

function fetchRaw(path: string, headers: Record<string, string> = {}, method = 'GET', at = port): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // node:http sends no Accept-Encoding of its own and never decompresses: what we see is what was sent.
    const req = request({ host: '127.0.0.1', port: at, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function listen(dir: string): Promise<{ server: Server; port: number }> {
  const s = createServer((req, res) => {
    serveStatic(dir, req, res, new URL(req.url ?? '/', 'http://localhost').pathname);
  });
  return new Promise((resolve) => {
    s.listen(0, '127.0.0.1', () => resolve({ server: s, port: (s.address() as AddressInfo).port }));
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'heartlamp-static-'));
  mkdirSync(join(root, 'assets'));
  mkdirSync(join(root, '.vite'));
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets', 'app-Ab12Cd34.js'), JS);
  writeFileSync(join(root, 'assets', 'app-Ab12Cd34.js.br'), brotliCompressSync(JS));
  writeFileSync(join(root, 'assets', 'app-Ab12Cd34.js.gz'), gzipSync(JS));
  // Only a gzip sibling (brotli did not help, say).
  writeFileSync(join(root, 'assets', 'style-Ef56Gh78.css'), 'body{color:red}'.repeat(50));
  writeFileSync(join(root, 'assets', 'style-Ef56Gh78.css.gz'), gzipSync('body{color:red}'.repeat(50)));
  // Images are not precompressed.
  writeFileSync(join(root, 'assets', 'logo-Ij90Kl12.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(root, '.vite', 'bundle-stats.json'), '{"chunks":[]}');
  ({ server, port } = await listen(root));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

describe('precompressed assets', () => {
  it('sends the brotli file to a browser that accepts it, with type, length, encoding and vary', async () => {
    const res = await fetchRaw('/assets/app-Ab12Cd34.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers.vary).toBe('accept-encoding');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(JS));
    expect(brotliDecompressSync(res.body).toString()).toBe(JS);
  });

  it('sends the gzip file when brotli is not accepted', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip;q=0.8', 'x-gzip']) {
      const res = await fetchRaw('/assets/app-Ab12Cd34.js', { 'accept-encoding': accept });
      expect(res.headers['content-encoding'], accept).toBe('gzip');
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(gunzipSync(res.body).toString()).toBe(JS);
    }
  });

  it('sends the plain file without Accept-Encoding, or when only identity is accepted', async () => {
    const cases: Record<string, string>[] = [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
    ];
    for (const headers of cases) {
      const res = await fetchRaw('/assets/app-Ab12Cd34.js', headers);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toBe('accept-encoding');
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(JS)));
      expect(res.body.toString()).toBe(JS);
    }
  });

  it('falls back to the sibling that exists', async () => {
    const res = await fetchRaw('/assets/style-Ef56Gh78.css', { 'accept-encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(gunzipSync(res.body).toString()).toBe('body{color:red}'.repeat(50));
  });

  it('sends an asset without siblings as is, with no vary', async () => {
    const res = await fetchRaw('/assets/logo-Ij90Kl12.png', { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBeUndefined();
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.body).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });

  it('answers HEAD with the headers of the GET and no body', async () => {
    const get = await fetchRaw('/assets/app-Ab12Cd34.js', { 'accept-encoding': 'br' });
    const head = await fetchRaw('/assets/app-Ab12Cd34.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it('answers 304 to a matching If-None-Match, one ETag per encoding', async () => {
    const br = await fetchRaw('/assets/app-Ab12Cd34.js', { 'accept-encoding': 'br' });
    const gz = await fetchRaw('/assets/app-Ab12Cd34.js', { 'accept-encoding': 'gzip' });
    const etag = String(br.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    expect(gz.headers.etag).not.toBe(etag);

    const again = await fetchRaw('/assets/app-Ab12Cd34.js', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers.vary).toBe('accept-encoding');

    // The brotli ETag does not validate the gzip copy.
    const other = await fetchRaw('/assets/app-Ab12Cd34.js', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(other.status).toBe(200);
    expect(gunzipSync(other.body).toString()).toBe(JS);
  });
});

describe('index.html and routes', () => {
  it('serves index.html uncompressed and never cached, for / and client-side routes', async () => {
    for (const path of ['/', '/join', '/screen/123456', '/teach/stats']) {
      const res = await fetchRaw(path, { 'accept-encoding': 'br, gzip' });
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body.toString()).toBe(INDEX);
    }
  });

  it('revalidates index.html with its ETag', async () => {
    const first = await fetchRaw('/join');
    const again = await fetchRaw('/join', { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.headers['cache-control']).toBe('no-cache');
  });

  it('answers 404 for a missing file, a dot-folder or a path outside the build', async () => {
    for (const path of [
      '/assets/missing-00000000.js',
      '/.vite/bundle-stats.json',
      '/.vite',
      '/assets/..%2f..%2fpackage.json',
      '/..%2f..%2fsecret',
    ]) {
      const res = await fetchRaw(path);
      expect(res.status, path).toBe(404);
    }
  });

  it('answers 405 to a method other than GET or HEAD', async () => {
    const res = await fetchRaw('/join', {}, 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('answers 503 with a hint when the app is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'heartlamp-static-empty-'));
    const bare = await listen(empty);
    try {
      const res = await fetchRaw('/join', {}, 'GET', bare.port);
      expect(res.status).toBe(503);
      expect(res.body.toString()).toContain('pnpm start');
    } finally {
      await new Promise((resolve) => bare.server.close(resolve));
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('acceptedEncodings', () => {
  it('reads q-values and the wildcard', () => {
    expect([...acceptedEncodings('gzip, br')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings('br;q=0, *')]).toEqual(['gzip']);
    expect([...acceptedEncodings('*;q=0, gzip')]).toEqual(['gzip']);
    expect([...acceptedEncodings('')]).toEqual([]);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
    expect([...acceptedEncodings(['br', 'gzip;q=0'])]).toEqual(['br']);
  });
});
