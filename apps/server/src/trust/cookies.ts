/**
 * The teacher's session cookie. httpOnly (no script can read it), SameSite=Strict (no other site's
 * page can make the browser send it), Path=/ (the console, `/api` and socket.io), and Secure when
 * the page was served over HTTPS — on a plain-HTTP school LAN a Secure cookie would never be sent.
 */
import type { IncomingMessage } from 'node:http';
import { SESSION_COOKIE } from '@heartlamp/shared';

/** Cookie header → name/value pairs; a malformed pair is skipped, never thrown on. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header || header.length > 8192) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

export function sessionToken(req: IncomingMessage): string | undefined {
  return parseCookies(req.headers.cookie).get(SESSION_COOKIE);
}

/** Served over TLS directly, or behind a proxy the school configured to say so. */
export function isHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ('encrypted' in req.socket && req.socket.encrypted === true) return true;
  return trustProxy && req.headers['x-forwarded-proto'] === 'https';
}

export function sessionCookie(token: string, maxAgeMs: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.floor(maxAgeMs / 1000)}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
