/**
 * Same-origin checks. A browser always sends `Origin` on a WebSocket handshake and on a cross-site
 * POST; a page on another site (or a hostile page the teacher happens to open) therefore cannot
 * open the console's socket or write through `/api` with the teacher's cookie. Clients that send no
 * Origin are not browsers (the CLI, tests, a school's monitoring) and carry no cookie by accident.
 */
import type { IncomingMessage } from 'node:http';

export function originAllowed(req: IncomingMessage, extra: readonly string[] = []): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (extra.includes(origin)) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === req.headers.host;
  } catch {
    return false;
  }
}
