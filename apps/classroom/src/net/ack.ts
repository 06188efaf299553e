/**
 * Acked emits as promises. Every client event of the protocol is `(payload, ack)`; this turns one
 * into `Promise<Ack<T>>` with a timeout, typed from the namespace's event map so a wrong event name
 * or payload is a compile error.
 *
 * A timeout is not an `Ack`: it means "we do not know whether the server applied it", which only
 * the caller can handle (retry an intent with the same id; tell the teacher to try again).
 */
import type { Ack, AckCallback } from '@heartlamp/shared';

/** Long enough for a busy classroom Wi-Fi, short enough that a lost packet is retried soon. */
export const ACK_TIMEOUT_MS = 6000;

export class AckTimeoutError extends Error {
  constructor(readonly event: string) {
    super(`no answer to ${event}`);
    this.name = 'AckTimeoutError';
  }
}

/** The payload of an event `(payload, ack) => void`. */
export type PayloadOf<F> = F extends (payload: infer P, ack: AckCallback<infer _R>) => void ? P : never;
/** What the ack of an event `(payload, ack) => void` carries on success. */
export type ResultOf<F> = F extends (payload: infer _P, ack: AckCallback<infer R>) => void ? R : never;

/**
 * The one untyped view of a socket. socket.io's own `emit` is generic over the event name, which a
 * generic helper cannot call; `Requester<E>` below restores the types at every call site.
 */
export interface TimeoutEmitter {
  timeout(ms: number): {
    // `never[]`: any socket's typed ack callback fits here; ours below reads its arguments as unknown.
    emit(event: string, payload: unknown, ack: (...args: never[]) => void): unknown;
  };
}

export type Requester<E> = <K extends keyof E & string>(
  event: K,
  payload: PayloadOf<E[K]>,
  timeoutMs?: number,
) => Promise<Ack<ResultOf<E[K]>>>;

/**
 * Builds the typed `emitWithAck` for a socket whose emit map is `E`. The server answers with an
 * `Ack<ResultOf<E[K]>>` by protocol (it is typed from the same event table on its side), which is
 * the trust the final conversion writes down.
 */
export function requester<E>(socket: TimeoutEmitter): Requester<E> {
  return <K extends keyof E & string>(event: K, payload: PayloadOf<E[K]>, timeoutMs = ACK_TIMEOUT_MS) =>
    new Promise<Ack<ResultOf<E[K]>>>((resolve, reject) => {
      socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, response: unknown) => {
        if (err) reject(new AckTimeoutError(event));
        else if (isAck(response)) resolve(response as Ack<ResultOf<E[K]>>);
        else reject(new Error(`malformed ack for ${event}`));
      });
    });
}

function isAck(value: unknown): value is Ack<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'data' in value;
  return 'error' in value && typeof value.error === 'object' && value.error !== null;
}
