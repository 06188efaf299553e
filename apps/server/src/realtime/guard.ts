/**
 * The socket boundary, shared by the three namespaces: the handshake check, the per-socket size and
 * rate caps, unknown events, and `bind` — which parses every payload with its zod schema before
 * the handler sees it, so nothing unvalidated reaches the runtime. Every refusal is an ack carrying
 * an error code and words a person understands; the socket and every other child carry on.
 */
import {
  type Ack,
  type ErrorCode,
  EVENT_TABLES,
  errorMessage,
  handshakeSchema,
  type Locale,
  MAX_PAYLOAD_BYTES,
  type NamespaceName,
  type PayloadOf,
  PROTOCOL_VERSION,
  pickLocale,
} from '@heartlamp/shared';
import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import { fail, zodPath } from '../sessions/runtime.js';

export interface GuardOptions {
  /** Sustained events per second a socket may send, and the burst above it. */
  ratePerSecond: number;
  burst: number;
  now: () => number;
  onError: (error: unknown) => void;
  /** A socket cut off for flooding (after FLOOD_CUTOFF refusals in a row). */
  onFlood?: (socket: Socket) => void;
}

/** Rate-limited events (less those forgiven at the sustained rate) after which a socket is cut off. */
export const FLOOD_CUTOFF = 100;

export interface SocketContext {
  socket: Socket;
  locale: Locale;
}

type Table = Record<string, { payload: z.ZodType; result?: unknown }>;

/** Refuses a connection from an older client in words a teacher understands. */
export function checkHandshake(nsp: Namespace): void {
  nsp.use((socket, next) => {
    const parsed = handshakeSchema.safeParse(socket.handshake.auth);
    const locale = pickLocale(parsed.success ? parsed.data.locale : undefined);
    if (!parsed.success || parsed.data.protocolVersion !== PROTOCOL_VERSION) {
      const error = new Error(errorMessage('client-outdated', locale)) as Error & { data?: unknown };
      error.data = { code: 'client-outdated' satisfies ErrorCode };
      next(error);
      return;
    }
    socket.data.locale = locale;
    next();
  });
}

function localeOf(socket: Socket): Locale {
  return pickLocale(socket.data.locale);
}

/** Installs the size cap, the rate cap and the unknown-event answer on one socket. */
export function guardSocket(socket: Socket, name: NamespaceName, options: GuardOptions): void {
  const table: Table = EVENT_TABLES[name];
  let tokens = options.burst;
  let last = options.now();
  // Refusals for going too fast, forgiven at the sustained rate: a socket at twice the rate stays
  // near zero, a burst of retries after a reconnect stays well under the cutoff, and one that keeps
  // flooding after being told is cut off, so its events stop costing the others.
  let strikes = 0;
  socket.use((packet, next) => {
    const [event, ...args] = packet;
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (r: Ack<never>) => void) : undefined;
    const refuse = (code: ErrorCode) => ack?.(fail(code, localeOf(socket)));

    const now = options.now();
    const earned = ((now - last) / 1000) * options.ratePerSecond;
    tokens = Math.min(options.burst, tokens + earned);
    strikes = Math.max(0, strikes - earned);
    last = now;
    if (tokens < 1) {
      strikes += 1;
      if (strikes >= FLOOD_CUTOFF) {
        options.onFlood?.(socket);
        socket.disconnect(true);
        return;
      }
      return refuse('rate-limited');
    }
    tokens -= 1;

    if (!Object.hasOwn(table, event)) {
      const elsewhere = Object.values(EVENT_TABLES).some((t) => Object.hasOwn(t, event));
      return refuse(elsewhere ? 'not-allowed' : 'unknown-event');
    }
    if (!ack) return; // every client event is acked; one without an ack is not ours
    // Exactly one payload before the ack: with none or two, the handler would take the ack for the
    // payload (or the extra argument for the ack) — found by the fuzz test, which crashed the process.
    if (args.length !== 1) return refuse('invalid-payload');
    if (byteLength(args) > MAX_PAYLOAD_BYTES) return refuse('payload-too-large');
    next();
  });
}

function byteLength(args: unknown[]): number {
  try {
    return Buffer.byteLength(JSON.stringify(args) ?? '');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Binds a handler to a client event of `table`: the payload is parsed with the event's schema first;
 * the handler's answer (or a thrown error, reported as `server-busy`) goes back as the ack.
 */
export function bind<T extends Table, K extends keyof T & string>(
  socket: Socket,
  table: T,
  event: K,
  handler: (payload: PayloadOf<T, K>, ctx: SocketContext) => Ack<unknown> | Promise<Ack<unknown>>,
  onError: (error: unknown) => void,
): void {
  const schema = table[event]?.payload;
  if (!schema) throw new Error(`no schema for ${event}`);
  const name: string = event;
  socket.on(name, (payload: unknown, ack: (response: Ack<unknown>) => void) => {
    const locale = localeOf(socket);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      ack(fail('invalid-payload', locale, { path: zodPath(parsed.error) }));
      return;
    }
    Promise.resolve()
      .then(() => handler(parsed.data as PayloadOf<T, K>, { socket, locale }))
      .then(ack, (error: unknown) => {
        onError(error);
        ack(fail('server-busy', locale));
      });
  });
}
