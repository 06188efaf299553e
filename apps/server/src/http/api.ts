/**
 * `/api` routes: health, sign-in and trust (trust-api.ts), backup, and the ledger (ledger-api.ts).
 * Everything but health and signing in needs a teacher's session cookie; every write must come from
 * the server's own pages (Origin check) and be JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename } from 'node:path';
import { type BackupResponse, ledgerError, PROTOCOL_VERSION } from '@heartlamp/shared';
import type { BackupResult } from '../store/backup.js';
import { sessionToken } from '../trust/cookies.js';
import { originAllowed } from '../trust/origin.js';
import { fail } from './json.js';
import { handleLedgerApi, type LedgerApiContext } from './ledger-api.js';
import { handleTrustApi, isPublicRoute, type TrustApiContext } from './trust-api.js';

export interface ApiContext {
  version: string;
  liveSessions: () => number;
  /** An online backup into `<data>/backups/`, checked with `integrity_check`. */
  backup: () => Promise<BackupResult>;
  onError?: (error: unknown) => void;
  /** Terms, classes, rosters, statistics and exports (ledger-api.ts). */
  ledger?: LedgerApiContext;
  /** Sign-in, teachers, retention and deletion (trust-api.ts). */
  trust: TrustApiContext;
  allowedOrigins: readonly string[];
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string, ctx: ApiContext): void {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD' && !originAllowed(req, ctx.allowedOrigins)) {
    req.resume();
    fail(res, 403, ledgerError('bad-origin'));
    return;
  }
  const token = sessionToken(req);
  const teacher = token ? ctx.trust.teachers.session(token) : null;
  if (!teacher && !isPublicRoute(method, pathname)) {
    req.resume();
    fail(res, 401, ledgerError('unauthorized'));
    return;
  }
  if (handleTrustApi(req, res, pathname, teacher, ctx.trust)) return;
  if (pathname === '/api/health' && (req.method === 'GET' || req.method === 'HEAD')) {
    json(res, 200, {
      ok: true,
      version: ctx.version,
      protocolVersion: PROTOCOL_VERSION,
      liveSessions: ctx.liveSessions(),
    });
    return;
  }
  if (pathname === '/api/backup' && req.method === 'POST') {
    backup(req, res, ctx);
    return;
  }
  if (ctx.ledger && handleLedgerApi(req, res, pathname, ctx.ledger)) return;
  json(res, 404, { ok: false, error: { code: 'not-found', message: `No API route ${req.method} ${pathname}` } });
}

/**
 * `POST /api/backup`. Only a JSON request is taken: a web page on another origin cannot send one
 * without a CORS preflight (which this server never grants), so a page open in the teacher's
 * browser cannot fill the laptop's disk with backups.
 */
function backup(req: IncomingMessage, res: ServerResponse, ctx: ApiContext): void {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    json(res, 415, { ok: false, error: { code: 'unsupported-media-type', message: 'Send application/json.' } });
    return;
  }
  req.resume();
  ctx.backup().then(
    (result) => {
      const data = {
        path: result.path,
        file: basename(result.path),
        bytes: result.bytes,
        ms: result.ms,
        integrity: result.integrity.join('; '),
      };
      const body: BackupResponse = result.ok
        ? { ok: true, data }
        : { ok: false, error: { code: 'integrity-failed', message: data.integrity }, data };
      json(res, result.ok ? 200 : 500, body);
    },
    (error: unknown) => {
      ctx.onError?.(error);
      const body: BackupResponse = {
        ok: false,
        error: { code: 'backup-failed', message: error instanceof Error ? error.message : String(error) },
      };
      json(res, 500, body);
    },
  );
}
