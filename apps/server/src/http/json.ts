/**
 * JSON in and out of `/api`: the answer shape (`ApiResult`), and a body reader that refuses a
 * non-JSON request (a page on another origin cannot send JSON without a CORS preflight, which this
 * server never grants) and a body over its limit without reading it all.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiResult, type LedgerError, ledgerError } from '@heartlamp/shared';
import type { z } from 'zod';

export const SMALL_BODY_MAX_BYTES = 16 * 1024;

export function send<T>(res: ServerResponse, status: number, body: ApiResult<T>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export const fail = (res: ServerResponse, status: number, error: LedgerError) =>
  send(res, status, { ok: false, error });

export function pathOf(error: z.ZodError): string {
  return error.issues[0]?.path.map(String).join('.') ?? '';
}

export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly error: LedgerError,
  ) {
    super(error.code);
  }
}

/**
 * Reads a JSON body of at most `limit` bytes; a bigger one is refused without reading it all.
 * `shownLimit` is the size the refusal names (a base64 upload's file limit, not its body's).
 */
export function readJson(req: IncomingMessage, limit: number, shownLimit = limit): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      req.resume();
      reject(new BodyError(415, ledgerError('unsupported-media-type')));
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = () => new BodyError(413, ledgerError('too-large', { max: Math.round(shownLimit / 1024) }));
    if (declared > limit) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) return;
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new BodyError(400, ledgerError('invalid-input')));
      }
    });
    req.on('error', reject);
  });
}
