/**
 * Intents that are retried until the server acks them.
 *
 * Every intent gets one client-made id when it is created (`newIntentId`), and every retry sends
 * the SAME id, so the server, which stores ids UNIQUE, applies it once however many copies arrive.
 * Intents go out one at a time, in order (`SerialQueue`): a child's second answer must never be
 * overtaken by a retry of the first.
 *
 * An attempt is only made when the channel is ready (`ReadyGate`: connected AND re-joined or
 * re-attached after a reconnect), so nothing piles up in socket.io's offline buffer.
 */
import type { Ack, ErrorCode } from '@heartlamp/shared';
import { randomId } from '../lib/random';
import { AckTimeoutError } from './ack';

/** 16 random bytes, base64url (22 characters): unique enough across every tablet, every lesson. */
export function newIntentId(): string {
  return randomId(16);
}

/** Errors that say "not now", not "never": the same intent is sent again after a pause. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'rate-limited',
  'server-busy',
  'storage-failed',
  'not-joined',
]);

export function isTransient(ack: Ack<unknown>): boolean {
  return !ack.ok && TRANSIENT.has(ack.error.code);
}

/** Opened when the channel can carry intents; closed while disconnected or re-joining. */
export class ReadyGate {
  #open = false;
  #waiters = new Set<() => void>();

  get isOpen(): boolean {
    return this.#open;
  }

  open(): void {
    this.#open = true;
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }

  close(): void {
    this.#open = false;
  }

  wait(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(abortError());
    if (this.#open) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wake = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.#waiters.delete(wake);
        reject(abortError());
      };
      this.#waiters.add(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

export function abortError(): DOMException {
  return new DOMException('closed', 'AbortError');
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError());
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryOptions {
  gate: ReadyGate;
  signal: AbortSignal;
  /** Called with a transient error ack, e.g. to re-join after `not-joined`. */
  onTransient?(ack: Ack<unknown>): void;
}

const FIRST_DELAY_MS = 400;
const MAX_DELAY_MS = 5000;

/**
 * Calls `attempt` until it yields a final ack (success or a non-transient error). Timeouts and
 * transient errors back off (0.4 s doubling to 5 s) and try again; `attempt` must resend the
 * same intent id each time. Rejects only with an AbortError when the client is closed.
 */
export async function untilAcked<T>(attempt: () => Promise<Ack<T>>, options: RetryOptions): Promise<Ack<T>> {
  let delay = FIRST_DELAY_MS;
  for (;;) {
    await options.gate.wait(options.signal);
    try {
      const ack = await attempt();
      if (!isTransient(ack)) return ack;
      options.onTransient?.(ack);
    } catch (error) {
      if (!(error instanceof AckTimeoutError)) throw error;
    }
    await sleep(delay, options.signal);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}

/** Runs tasks one after another, in the order they were queued. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  get pending(): number {
    return this.#pending;
  }

  run<T>(task: () => Promise<T>, onCount?: (pending: number) => void): Promise<T> {
    this.#pending += 1;
    onCount?.(this.#pending);
    const result = this.#tail.then(task, task);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result.finally(() => {
      this.#pending -= 1;
      onCount?.(this.#pending);
    });
  }
}
