/**
 * `/api` routes. Today: health. Later issues add auth, classes, rosters and reports here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROTOCOL_VERSION } from '@heartlamp/shared';

export interface ApiContext {
  version: string;
  liveSessions: () => number;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string, ctx: ApiContext): void {
  if (pathname === '/api/health' && (req.method === 'GET' || req.method === 'HEAD')) {
    json(res, 200, {
      ok: true,
      version: ctx.version,
      protocolVersion: PROTOCOL_VERSION,
      liveSessions: ctx.liveSessions(),
    });
    return;
  }
  json(res, 404, { ok: false, error: { code: 'not-found', message: `No API route ${req.method} ${pathname}` } });
}
