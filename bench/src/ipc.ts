/**
 * The messages between the orchestrator (src/main.ts) and its two kinds of child process: the
 * server under test (src/servers/*) and the load generator (src/generator/main.ts). Every request
 * carries an id and gets one reply with the same id.
 */
import type { ChildProcess } from 'node:child_process';
import type { Summary } from './stats.js';

export type TargetId = 'A' | 'B' | 'C';
export type ActivityId = 'relay' | 'cooperation' | 'emotion-monster';

// ------------------------------------------------------------------ server child
export type ServerRequest = { kind: 'usage'; gc: boolean } | { kind: 'drop' } | { kind: 'stop' };
export interface Usage {
  /** process.cpuUsage() user + system, in ms since the process started. */
  cpuMs: number;
  rss: number;
  heapUsed: number;
}
export interface ServerReplies {
  usage: Usage;
  drop: { dropped: number };
  stop: null;
}

// ------------------------------------------------------------------ generator child
export interface GeneratorConfig {
  target: TargetId;
  activity: ActivityId;
  url: string;
  seed: number;
}

export type GeneratorRequest =
  | { kind: 'rooms'; rooms: number; children: number }
  | { kind: 'prepare' }
  | { kind: 'load'; seconds: number; rate: number }
  | { kind: 'arm-reconnect' }
  | { kind: 'await-reconnect'; timeoutMs: number }
  | { kind: 'teardown' }
  | { kind: 'stop' };

export interface LoadResult {
  rooms: number;
  tablets: number;
  windowMs: number;
  sent: number;
  acked: number;
  refused: number;
  timedOut: number;
  /** The first refusal codes seen, for the log. */
  refusals: string[];
  /** intent → ack on the tablet that sent it. */
  ack: Summary;
  /** intent → the projector (or console) showing it; see `projectorLabel`. */
  projector: Summary;
  projectorLabel: string;
  /** The generator's own event-loop delay (monitorEventLoopDelay, 1 ms resolution), in ms. */
  eldP99Ms: number;
  eldMaxMs: number;
}

export interface ReconnectResult {
  tablets: number;
  rejoined: number;
  resumed: number;
  /** First disconnect seen → the last tablet rejoined with its resume token and holding a fresh state. */
  ms: number;
}

export interface GeneratorReplies {
  rooms: { rooms: number; sockets: number; ms: number };
  prepare: null;
  load: LoadResult;
  'arm-reconnect': null;
  'await-reconnect': ReconnectResult;
  teardown: null;
  stop: null;
}

export type Reply = { id: number; ok: true; data: unknown } | { id: number; ok: false; error: string };
export type Envelope<R> = R & { id: number };
export type ReadyMessage = { ready: true; port: number };

/** Serves typed requests arriving over IPC in a child process. */
export function serve<R extends { kind: string }>(handle: (request: R) => Promise<unknown>): void {
  process.on('message', (raw: unknown) => {
    const message = raw as Envelope<R>;
    handle(message).then(
      (data) => process.send?.({ id: message.id, ok: true, data: data ?? null } satisfies Reply),
      (error: unknown) =>
        process.send?.({
          id: message.id,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies Reply),
    );
  });
}

/** The orchestrator's side: a typed request/reply channel to one child. */
export class Channel<R extends { kind: keyof M & string }, M> {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly ready: Promise<ReadyMessage>;

  constructor(readonly child: ChildProcess) {
    let onReady: (m: ReadyMessage) => void = () => {};
    this.ready = new Promise((resolve) => {
      onReady = resolve;
    });
    child.on('message', (raw: unknown) => {
      if (typeof raw === 'object' && raw !== null && 'ready' in raw) {
        onReady(raw as ReadyMessage);
        return;
      }
      const reply = raw as Reply;
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.data);
      else waiter.reject(new Error(reply.error));
    });
    child.on('exit', (code, signal) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`child exited (${code ?? signal})`));
      this.waiting.clear();
    });
  }

  request<K extends R['kind']>(message: Extract<R, { kind: K }>): Promise<M[K]> {
    const id = this.next++;
    return new Promise<M[K]>((resolve, reject) => {
      this.waiting.set(id, { resolve: (v) => resolve(v as M[K]), reject });
      this.child.send({ ...message, id });
    });
  }
}
