/**
 * Shared pieces of the fault tests: a teacher console that survives reconnects, a class of
 * simulated tablets, children who keep changing their answers, and the ledger checks every
 * scenario ends with — "what the tablets were told was saved is what the database holds".
 *
 * Figures are printed with `process.stdout.write` (Biome keeps `console` out of the codebase).
 */
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createRng, type Rng } from '@heartlamp/activities';
import {
  type Ack,
  ADJECTIVES,
  ANIMALS,
  type ConsoleState,
  type CreatedSession,
  type Handshake,
  type JoinCode,
  NAMESPACES,
  type Nickname,
  PROTOCOL_VERSION,
  type TeachClientEvents,
  type TeachPushes,
} from '@heartlamp/shared';
import type BetterSqlite3 from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import { type Requester, requester } from '../../../classroom/src/net/ack.js';
import type { AckRecord, SimTablet } from './sim-tablet.js';

export { createRng, type Rng };

// ---------------------------------------------------------------- My Emotion Monster, as the tests see it

const EMOTIONS = ['joy', 'sadness', 'anger', 'fear', 'calm', 'love'] as const;
const REASONS = ['home', 'friends', 'school', 'body', 'other', null] as const;

export interface AnswerIntent {
  type: 'answer';
  emotion: (typeof EMOTIONS)[number];
  intensity: 1 | 2 | 3;
  reason: (typeof REASONS)[number];
}

/** What the ledger stores for an answer (`contributions.value`). */
export interface StoredAnswer {
  emotion: string;
  intensity: number | null;
  reason: string | null;
}

/** The fields of the activity's tablet and console views the tests read. */
interface AnswerView {
  choice: string;
  intensity: number | null;
  reason: string | null;
  at: number;
}
export interface TabletViewSeen {
  phase: string;
  spotlight: string | null;
  mine: AnswerView | null;
}
export interface ConsoleViewSeen {
  phase: string;
  spotlight: string | null;
  answers: { participant: string; answer: AnswerView }[];
}

export function tabletView(view: unknown): TabletViewSeen {
  return view as TabletViewSeen;
}
export function consoleView(view: unknown): ConsoleViewSeen {
  return view as ConsoleViewSeen;
}

/** A random answer different from `previous`: children in these tests keep changing their minds. */
export function nextAnswer(rng: Rng, previous: AnswerIntent | undefined): AnswerIntent {
  for (;;) {
    const answer: AnswerIntent = {
      type: 'answer',
      emotion: EMOTIONS[rng.below(EMOTIONS.length)] ?? 'joy',
      intensity: (rng.below(3) + 1) as 1 | 2 | 3,
      reason: REASONS[rng.below(REASONS.length)] ?? null,
    };
    if (!previous || JSON.stringify(answer) !== JSON.stringify(previous)) return answer;
  }
}

export function storedForm(intent: unknown): StoredAnswer {
  const a = intent as AnswerIntent;
  return { emotion: a.emotion, intensity: a.intensity, reason: a.reason };
}

export function nicknameFor(i: number): Nickname {
  return {
    adjective: ADJECTIVES[i % ADJECTIVES.length] ?? 'brave',
    animal: ANIMALS[(i * 7 + Math.floor(i / ADJECTIVES.length)) % ANIMALS.length] ?? 'bear',
  };
}

export function newId(): string {
  return randomBytes(12).toString('base64url');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------- the teacher

/**
 * The teacher's console over /teach, directly to the server (the faults are the tablets'). It
 * reconnects as the browser console does and re-attaches to its session on every connection.
 */
export class Teacher {
  readonly socket: Socket<TeachPushes, TeachClientEvents>;
  /** Typed acked emits, the console's own (apps/classroom/src/net/ack.ts). */
  readonly call: Requester<TeachClientEvents>;
  code: JoinCode | null = null;
  latest: ConsoleState | null = null;
  private readonly waiters = new Set<() => void>();

  /** `cookie`: the signed-in teacher's session cookie (`Cookie` header form). */
  constructor(origin: string, cookie: string) {
    this.socket = io(origin + NAMESPACES.teach, {
      extraHeaders: { cookie },
      auth: (send) => {
        const handshake: Handshake = { protocolVersion: PROTOCOL_VERSION, locale: 'en' };
        send(handshake);
      },
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
      forceNew: true,
    });
    this.call = requester<TeachClientEvents>(this.socket);
    this.socket.on('console:state', (state) => {
      this.latest = state;
      for (const wake of [...this.waiters]) wake();
    });
    this.socket.on('connect', () => {
      if (this.code) void this.call('session:attach', { code: this.code });
    });
  }

  connected(ms = 10_000): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('teacher did not connect')), ms);
      this.socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async createSession(): Promise<JoinCode> {
    await this.connected();
    const created: CreatedSession = unwrap(await this.call('session:create', { activityId: 'emotion-monster' }));
    this.code = created.code;
    return created.code;
  }

  async start(): Promise<void> {
    unwrap(await this.call('session:start', { code: this.requireCode() }));
  }

  async host(intent: unknown): Promise<Ack<null>> {
    return this.call('session:host', { code: this.requireCode(), clientIntentId: newId(), intent });
  }

  /** Resolves with the console state once `predicate` holds for the latest one. */
  until(predicate: (state: ConsoleState) => boolean, ms: number, what: string): Promise<ConsoleState> {
    const now = this.latest;
    if (now && predicate(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`console: timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      const check = () => {
        const state = this.latest;
        if (!state || !predicate(state)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(state);
      };
      this.waiters.add(check);
    });
  }

  close(): void {
    this.socket.disconnect();
  }

  private requireCode(): JoinCode {
    if (!this.code) throw new Error('no session yet');
    return this.code;
  }
}

export function unwrap<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

// ---------------------------------------------------------------- children who keep answering

/**
 * Drives one tablet like a child who keeps changing their answer: a tap every `gap` ms (uniform),
 * whether or not the tablet is online — offline taps queue, as they do on a real tablet.
 */
export class Chatter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private last: AnswerIntent | undefined;
  taps = 0;

  constructor(
    readonly tablet: SimTablet,
    private readonly rng: Rng,
    private readonly gap: { min: number; max: number },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  /** Stops tapping and waits for every tapped answer to get its final ack. */
  async pause(ms = 30_000): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.tablet.idle(ms);
  }

  /** One tap now. */
  tap(): Promise<AckRecord | null> {
    this.last = nextAnswer(this.rng, this.last);
    this.taps += 1;
    return this.tablet.intent(this.last);
  }

  private schedule(): void {
    const wait = this.gap.min + this.rng.next() * (this.gap.max - this.gap.min);
    this.timer = setTimeout(() => {
      if (!this.running) return;
      void this.tap();
      this.schedule();
    }, wait);
  }
}

// ---------------------------------------------------------------- the ledger

export interface LedgerRow {
  participantId: string;
  clientIntentId: string;
  value: StoredAnswer;
}

/** Every `emotion` contribution of a session, by participant. */
export function storedAnswers(db: BetterSqlite3.Database): Map<string, LedgerRow> {
  const rows = db
    .prepare("SELECT participant_id, client_intent_id, value FROM contributions WHERE kind = 'emotion'")
    .all() as { participant_id: string; client_intent_id: string; value: string }[];
  const byChild = new Map<string, LedgerRow>();
  for (const r of rows) {
    if (byChild.has(r.participant_id)) throw new Error(`two emotion rows for ${r.participant_id}`);
    byChild.set(r.participant_id, {
      participantId: r.participant_id,
      clientIntentId: r.client_intent_id,
      value: JSON.parse(r.value) as StoredAnswer,
    });
  }
  return byChild;
}

export function countRows(db: BetterSqlite3.Database, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** The last answer each tablet was told was saved. */
export function lastAcked(tablet: SimTablet): AckRecord | undefined {
  for (let i = tablet.acks.length - 1; i >= 0; i--) {
    const record = tablet.acks[i];
    if (record?.ack.ok) return record;
  }
  return undefined;
}

export interface LedgerCheck {
  /** Tablets with at least one acknowledged answer. */
  acknowledged: number;
  stored: number;
  /** Acks received in all (a child's later answer replaces the earlier row). */
  acks: number;
  /** Human-readable differences; empty when the ledger holds exactly what was acknowledged. */
  mismatches: string[];
}

/**
 * Per child, the stored answer must be the last one acknowledged; no row without an ack. With
 * `subset`, rows of children not in `tablets` are not looked at (they may be mid-answer).
 */
export function checkLedger(
  tablets: readonly SimTablet[],
  db: BetterSqlite3.Database,
  subset: 'all' | 'subset' = 'all',
): LedgerCheck {
  const stored = storedAnswers(db);
  const mismatches: string[] = [];
  let acknowledged = 0;
  let acks = 0;
  const known = new Set<string>();
  for (const tablet of tablets) {
    const id = tablet.participantId;
    if (!id) {
      mismatches.push(`${tablet.label}: never joined`);
      continue;
    }
    known.add(id);
    acks += tablet.acks.filter((a) => a.ack.ok).length;
    const last = lastAcked(tablet);
    const row = stored.get(id);
    if (!last) {
      if (row) mismatches.push(`${tablet.label}: a stored answer nobody acknowledged`);
      continue;
    }
    acknowledged += 1;
    const expected = JSON.stringify(storedForm(last.intent));
    if (!row) mismatches.push(`${tablet.label}: acknowledged ${expected}, nothing stored`);
    else if (JSON.stringify(row.value) !== expected) {
      mismatches.push(`${tablet.label}: acknowledged ${expected} last, stored ${JSON.stringify(row.value)}`);
    }
  }
  if (subset === 'all') {
    for (const id of stored.keys()) if (!known.has(id)) mismatches.push(`a stored answer from unknown ${id}`);
  }
  return { acknowledged, stored: stored.size, acks, mismatches };
}

/** The tablet's view shows exactly what the console shows for that child. */
export function viewMatches(tablet: SimTablet, console: ConsoleState | null): boolean {
  if (!console || !tablet.latestState || !tablet.participantId) return false;
  const mine = tabletView(tablet.latestState.view);
  const theirs = consoleView(console.view);
  const answer = theirs.answers.find((a) => a.participant === tablet.participantId)?.answer ?? null;
  return (
    tablet.latestState.status === console.status &&
    mine.phase === theirs.phase &&
    mine.spotlight === theirs.spotlight &&
    JSON.stringify(mine.mine) === JSON.stringify(answer)
  );
}

// ---------------------------------------------------------------- figures

export interface Spread {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? Number.NaN };
}

export function ms(s: Spread): string {
  return `p50 ${Math.round(s.p50)} ms · p95 ${Math.round(s.p95)} ms · max ${Math.round(s.max)} ms (n=${s.n})`;
}

/** Prints a titled block of figures to the test output. */
export function report(title: string, lines: readonly string[]): void {
  process.stdout.write(`\n── ${title}\n${lines.map((l) => `   ${l}`).join('\n')}\n`);
}

/** Polls `predicate` every 25 ms; rejects after `ms`. */
export async function poll(predicate: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(25);
  }
}

/** When a tablet was whole again after `since`: re-joined as itself and holding a fresh state. */
export function backAt(tablet: SimTablet, since: number): number | null {
  const connect = tablet.connects.find((t) => t > since);
  const join = tablet.joins.find((j) => j.at > since);
  if (connect === undefined || !join) return null;
  const state = tablet.stateTimes.find((t) => t >= connect);
  return state === undefined ? null : Math.max(join.at, state);
}

/**
 * Watches this process's event-loop delay. The server, the proxy and 40 tablets share one loop in
 * most fault tests (and the machine's cores with the other test files), so a late ack may be the
 * loop's fault, not the network's: printed beside the timings to tell the two apart.
 */
export function watchEventLoop(): () => string {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return () => {
    histogram.disable();
    const at = (q: number) => Math.round(histogram.percentile(q) / 1e6);
    return `event-loop delay of this test process: p50 ${at(50)} ms · p99 ${at(99)} ms · max ${Math.round(histogram.max / 1e6)} ms`;
  };
}

/**
 * Joins a class of tablets ten at a time — a class arrives over a minute, not in one instant — and
 * lets each retry its join (same joinId) for up to a minute: setting up is not what is tested.
 */
export async function joinAll(tablets: readonly SimTablet[]): Promise<void> {
  for (let i = 0; i < tablets.length; i += 10) {
    await Promise.all(tablets.slice(i, i + 10).map((t) => t.join(10)));
  }
}
