/**
 * A simulated tablet for Node: the /play protocol as apps/classroom/src/net/play.ts speaks it,
 * over a real socket.io-client with reconnection on, so the fault tests exercise what a child's
 * tablet does on bad Wi-Fi rather than an idealised client.
 *
 * The retry machinery is not copied but imported from the classroom app (net/retry.ts and
 * net/ack.ts are plain TypeScript with no DOM): the same `ReadyGate`, the same `SerialQueue`, the
 * same `untilAcked` backoff and the same 6 s ack timeout the tablets run. What is re-written here
 * is the part of play.ts tied to the browser (zustand stores, localStorage, window timers):
 * - first join carries a client-made `joinId`, resent on ack timeouts (3 attempts, as play.ts);
 * - the resume token is kept, and on every (re)connection `play:join` is re-sent with it until the
 *   server answers for good; until then the intent gate stays closed;
 * - each intent gets one client-made id and is retried with that id until acked, one at a time, in
 *   order; `not-joined` closes the gate and triggers a resume;
 * - if no `play:state` follows a join within 2 s, the tablet re-joins (3 times at most);
 * - socket options as net/socket.ts (WebSocket then polling, backoff 0.5–4 s with socket.io's
 *   ±50% jitter), plus its "the server closed us / refused us: try again in 3 s".
 *
 * Unlike play.ts, a refused resume does not fall back to joining as a new child: it is recorded in
 * `refusals` so a test fails on it instead of silently counting a child twice.
 *
 * Everything the tablet saw is recorded for the test: every join, connect and disconnect, every
 * ack with its timings, the latest `play:state`.
 */
import { EventEmitter } from 'node:events';
import {
  type Ack,
  type Handshake,
  type JoinCode,
  type Joined,
  NAMESPACES,
  type Nickname,
  type ParticipantId,
  type PlayClientEvents,
  type PlayPushes,
  PROTOCOL_VERSION,
  type ProtocolError,
  type TabletState,
} from '@heartlamp/shared';
import { io, type Socket } from 'socket.io-client';
import { AckTimeoutError, type Requester, requester } from '../../../classroom/src/net/ack.js';
import {
  isAbort,
  isTransient,
  newIntentId,
  ReadyGate,
  SerialQueue,
  sleep,
  untilAcked,
} from '../../../classroom/src/net/retry.js';

export type PlaySocket = Socket<PlayPushes, PlayClientEvents>;

/** As play.ts. */
const RESUME_RETRY_MS = 1000;
const STATE_WAIT_MS = 2000;
const STATE_ASKS = 3;
const FIRST_JOIN_ATTEMPTS = 3;
/** As net/socket.ts. */
const REFUSED_RETRY_MS = 3000;

export interface SimTabletOptions {
  /** Where to connect, e.g. a proxy route's `http://127.0.0.1:port`. */
  origin: string;
  code: JoinCode;
  nickname: Nickname;
  label?: string;
}

export interface Identity {
  code: JoinCode;
  participantId: ParticipantId;
  resumeToken: string;
  nickname: Nickname;
}

export interface AckRecord {
  clientIntentId: string;
  intent: unknown;
  /** When the child tapped (the intent entered the queue). */
  queuedAt: number;
  /** When its first copy went out (after earlier intents and a closed gate). */
  firstSentAt: number;
  ackedAt: number;
  /** Copies sent with this id. */
  attempts: number;
  ack: Ack<null>;
}

export interface JoinRecord {
  at: number;
  participantId: ParticipantId;
  resumed: boolean;
}

export class SimTablet {
  readonly label: string;
  readonly socket: PlaySocket;
  identity: Identity | null = null;
  readonly acks: AckRecord[] = [];
  readonly joins: JoinRecord[] = [];
  readonly connects: number[] = [];
  readonly disconnects: { at: number; reason: string }[] = [];
  /** Answers that end this tablet's identity (session gone, token refused): must stay empty. */
  readonly refusals: ProtocolError[] = [];
  latestState: TabletState | null = null;
  latestStateAt = 0;
  /** When each `play:state` arrived. */
  readonly stateTimes: number[] = [];

  private readonly request: Requester<PlayClientEvents>;
  private readonly gate = new ReadyGate();
  private readonly queue = new SerialQueue();
  private readonly abort = new AbortController();
  private readonly changes = new EventEmitter();
  private readonly options: SimTabletOptions;
  private resuming = false;
  private stateTimer: ReturnType<typeof setTimeout> | undefined;
  private stateAsks = 0;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(options: SimTabletOptions) {
    this.options = options;
    this.label = options.label ?? options.nickname.animal;
    this.changes.setMaxListeners(0);
    this.socket = io(options.origin + NAMESPACES.play, {
      auth: (send) => {
        const handshake: Handshake = { protocolVersion: PROTOCOL_VERSION, locale: 'zh-CN' };
        send(handshake);
      },
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
      // socket.io's default jitter (each delay ±50%), as the tablets run it: 40 tablets dropped by
      // one access point do not all knock again at the same instant.
      randomizationFactor: 0.5,
      timeout: 8000,
      autoConnect: false,
      // Each tablet is its own device: no connection shared with another simulated tablet.
      forceNew: true,
    });
    this.request = requester<PlayClientEvents>(this.socket);

    this.socket.on('connect', () => {
      if (this.closed) return;
      this.connects.push(Date.now());
      this.changed();
      if (this.identity) void this.resume();
    });
    this.socket.on('disconnect', (reason) => {
      if (this.closed || reason === 'io client disconnect') return;
      this.disconnects.push({ at: Date.now(), reason });
      this.gate.close();
      this.changed();
      if (reason === 'io server disconnect') this.restartLater();
    });
    this.socket.on('connect_error', () => {
      if (this.closed) return;
      // `active` is false when the server's middleware refused us; socket.io then stops retrying.
      if (!this.socket.active) this.restartLater();
    });
    this.socket.on('play:state', (state) => {
      clearTimeout(this.stateTimer);
      this.stateAsks = 0;
      this.latestState = state;
      this.latestStateAt = Date.now();
      this.stateTimes.push(this.latestStateAt);
      this.changed();
    });
    this.socket.connect();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Connected and re-joined: intents may go out. */
  get ready(): boolean {
    return this.gate.isOpen;
  }

  get participantId(): ParticipantId | undefined {
    return this.identity?.participantId;
  }

  /** Intents tapped but not yet finally answered. */
  get pending(): number {
    return this.queue.pending;
  }

  /**
   * First join, as play.ts's `join`: one joinId, resent on ack timeouts (3 attempts, as play.ts;
   * a test setting up a class on a busy machine may allow more — the same joinId keeps it one child).
   */
  async join(attempts = FIRST_JOIN_ATTEMPTS): Promise<Joined> {
    const { code, nickname } = this.options;
    const joinId = newIntentId();
    for (let attempt = 1; ; attempt++) {
      try {
        const ack = await this.request('play:join', { code, nickname, joinId });
        if (!ack.ok) throw new Error(`${this.label}: join refused: ${ack.error.code}`);
        this.adopt(code, ack.data);
        return ack.data;
      } catch (error) {
        if (!(error instanceof AckTimeoutError) || attempt >= attempts) throw error;
      }
    }
  }

  /**
   * The child taps: the intent is queued and retried with one id until the server answers.
   * Resolves with the final answer, or null if the tablet was closed first.
   */
  intent(intent: unknown): Promise<AckRecord | null> {
    const clientIntentId = newIntentId();
    const queuedAt = Date.now();
    let attempts = 0;
    let firstSentAt = 0;
    return this.queue
      .run(async () => {
        const ack = await untilAcked(
          () => {
            attempts += 1;
            if (firstSentAt === 0) firstSentAt = Date.now();
            return this.request('play:intent', { clientIntentId, intent });
          },
          {
            gate: this.gate,
            signal: this.abort.signal,
            onTransient: (a) => {
              if (!a.ok && a.error.code === 'not-joined') {
                this.gate.close();
                void this.resume();
              }
            },
          },
        );
        const record: AckRecord = { clientIntentId, intent, queuedAt, firstSentAt, ackedAt: Date.now(), attempts, ack };
        this.acks.push(record);
        return record;
      })
      .catch((error: unknown) => {
        if (isAbort(error)) return null;
        throw error;
      })
      .finally(() => {
        // After the queue's own bookkeeping, so `pending` already counts this intent as done.
        this.changed();
      });
  }

  /** Resolves once `predicate` holds (checked after every connect, join, state and ack). */
  until(predicate: () => boolean, ms: number, what: string): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.changes.off('change', check);
        reject(new Error(`${this.label}: timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.changes.off('change', check);
        resolve();
      };
      this.changes.on('change', check);
    });
  }

  /** Resolves when every tapped intent has its final answer. */
  idle(ms: number): Promise<void> {
    return this.until(() => this.queue.pending === 0, ms, 'its intents to be acked');
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    clearTimeout(this.stateTimer);
    clearTimeout(this.restartTimer);
    this.gate.close();
    this.socket.disconnect();
  }

  private changed(): void {
    this.changes.emit('change');
  }

  private restartLater(): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (!this.closed) this.socket.connect();
    }, REFUSED_RETRY_MS);
  }

  private adopt(code: JoinCode, joined: Joined): void {
    this.identity = {
      code,
      participantId: joined.participantId,
      resumeToken: joined.resumeToken,
      nickname: joined.nickname,
    };
    this.joins.push({ at: Date.now(), participantId: joined.participantId, resumed: joined.resumed });
    this.gate.open();
    this.changed();
    this.expectState();
  }

  /** As play.ts: should the state pushed after a join be lost, re-joining makes the server resend it. */
  private expectState(): void {
    clearTimeout(this.stateTimer);
    if (this.latestState) {
      this.stateAsks = 0;
      return;
    }
    this.stateTimer = setTimeout(() => {
      if (this.latestState || this.stateAsks >= STATE_ASKS || !this.socket.connected) return;
      this.stateAsks += 1;
      void this.resume();
    }, STATE_WAIT_MS);
  }

  /** Re-join with the resume token until the server answers for good or the socket drops. */
  private async resume(): Promise<void> {
    if (this.resuming) return;
    this.resuming = true;
    try {
      while (this.socket.connected && !this.abort.signal.aborted) {
        const current = this.identity;
        if (!current) return;
        try {
          const ack = await this.request('play:join', {
            code: current.code,
            nickname: current.nickname,
            resumeToken: current.resumeToken,
          });
          if (ack.ok) {
            this.adopt(current.code, ack.data);
            return;
          }
          if (!isTransient(ack)) {
            this.refusals.push(ack.error);
            this.changed();
            return;
          }
        } catch (error) {
          if (!(error instanceof AckTimeoutError)) throw error;
        }
        await sleep(RESUME_RETRY_MS, this.abort.signal);
      }
    } catch (error) {
      if (!isAbort(error)) throw error;
    } finally {
      this.resuming = false;
    }
  }
}
