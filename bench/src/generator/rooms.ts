/**
 * A classroom as the generator drives it: a teacher console (C) or a plain creator (A/B), one
 * projector, and N tablets that joined. Each kind of room knows how to send one intent from a
 * tablet and how to tell, from what its projector or console receives, when that intent shows.
 *
 * Latency definitions (they are printed with the results and explained in bench/README.md):
 * - ack: a tablet's intent → its ack, for every target.
 * - relay (A, B): intent → the projector's push that names that intent id.
 * - cooperation (C): the tap that raised a tower → the first projector view showing the higher
 *   tower. The raising tap is the team's `need`-th on-beat tap of that beat cycle, in send order.
 * - emotion-monster (C): an answer → the first console state showing that child's new answer (the
 *   projector shows no per-child answer while sorting, on purpose).
 * C's projector and console views go out at most once per 100 ms by design; those latencies include it.
 */
import type { Ack, ConsoleState, Joined, Nickname, ScreenState, TabletState } from '@heartlamp/shared';
import { ADJECTIVES, ANIMALS } from '@heartlamp/shared';
import type { ReconnectResult } from '../ipc.js';
import { ask, type Conn, type Connect } from './conn.js';

export interface Recorder {
  ack: number[];
  projector: number[];
  sent: number;
  acked: number;
  refused: number;
  timedOut: number;
  refusals: Map<string, number>;
}

export function newRecorder(): Recorder {
  return { ack: [], projector: [], sent: 0, acked: 0, refused: 0, timedOut: 0, refusals: new Map() };
}

export interface Beat {
  origin: number;
  beatMs: number;
}

export interface Room {
  readonly code: string;
  readonly tablets: number;
  readonly sockets: number;
  /** Makes the next intents count (cooperation: a fresh round); resolves when its countdown is over. */
  prepare(): Promise<void>;
  /** Cooperation's beat, to tap on; null for activities without one. */
  beat(): Beat | null;
  send(tablet: number, recorder: Recorder): void;
  /** From now on, every dropped tablet comes straight back with its resume token. */
  armReconnect(): Reconnecting;
  close(): void;
}

export interface Reconnecting {
  done: Promise<ReconnectResult>;
  /** How far it got, for a reconnect that did not finish in time. */
  progress(): ReconnectResult;
}

/** Cooperation's tap allowance: a tap is judged this much earlier than it arrived. */
export const LAG_ALLOWANCE_MS = 50;
const COOPERATION_CONFIG = { beatMs: 1000, roundSeconds: 180, goal: 30 } as const;

export function nickname(i: number): Nickname {
  return {
    adjective: ADJECTIVES[i % ADJECTIVES.length] ?? 'brave',
    animal: ANIMALS[(i * 7 + Math.floor(i / ADJECTIVES.length)) % ANIMALS.length] ?? 'bear',
  };
}

let intentCounter = 0;
/** Unique per generator process; the server keeps applied ids per session. */
const intentId = () => `bench-${(intentCounter++).toString(36).padStart(8, '0')}`;

function onAck(recorder: Recorder, t0: number) {
  return (error: Error | null, response: Ack<unknown> | undefined) => {
    if (error || !response) recorder.timedOut += 1;
    else if (response.ok) {
      recorder.acked += 1;
      recorder.ack.push(performance.now() - t0);
    } else {
      recorder.refused += 1;
      const code = response.error.code;
      recorder.refusals.set(code, (recorder.refusals.get(code) ?? 0) + 1);
    }
  };
}

/** What a tablet has received: its latest play:state view, and how many it got. */
interface Seen {
  view: unknown;
  states: number;
}

interface Tablet {
  conn: Conn;
  joined: Joined;
  nick: Nickname;
  seen: Seen;
}

async function joinTablets(connect: Connect, code: string, children: number, offset: number): Promise<Tablet[]> {
  return Promise.all(
    Array.from({ length: children }, async (_, i) => {
      const conn = await connect('play');
      const nick = nickname(offset + i);
      const seen: Seen = { view: null, states: 0 };
      conn.on('play:state', (state) => {
        seen.view = (state as TabletState).view;
        seen.states += 1;
      });
      const joined = await ask<Joined>(conn, 'play:join', { code, nickname: nick });
      return { conn, joined, nick, seen };
    }),
  );
}

/** Drop → reconnect → rejoin with the resume token → a play:state after the join: for every tablet. */
function reconnectAll(tablets: readonly Tablet[], code: string): Reconnecting {
  let firstDrop = Number.NaN;
  let lastDone = Number.NaN;
  let rejoined = 0;
  let resumed = 0;
  const progress = (): ReconnectResult => ({ tablets: tablets.length, rejoined, resumed, ms: lastDone - firstDrop });
  const done = new Promise<ReconnectResult>((resolve) => {
    const finish = () => {
      if (rejoined === tablets.length) resolve(progress());
    };
    for (const tablet of tablets) {
      tablet.conn.onceDisconnect(() => {
        if (Number.isNaN(firstDrop)) firstDrop = performance.now();
        const before = tablet.seen.states;
        const come = async () => {
          await tablet.conn.reconnect();
          const again = await ask<Joined>(tablet.conn, 'play:join', {
            code,
            nickname: tablet.nick,
            resumeToken: tablet.joined.resumeToken,
          });
          if (again.resumed && again.participantId === tablet.joined.participantId) resumed += 1;
          // A current state: the push that follows (or came with) the rejoin.
          while (tablet.seen.states === before) await new Promise((r) => setTimeout(r, 1));
        };
        come().then(
          () => {
            rejoined += 1;
            lastDone = performance.now();
            finish();
          },
          (error: unknown) => process.stderr.write(`[generator] rejoin failed: ${String(error)}\n`),
        );
      });
    }
  });
  return { done, progress };
}

// ------------------------------------------------------------------ A and B: the relays
export async function openRelayRoom(connect: Connect, children: number, index: number): Promise<Room> {
  const teach = await connect('teach');
  const { code } = await ask<{ code: string }>(teach, 'session:create', { activityId: 'relay' });
  const screen = await connect('screen');
  await ask(screen, 'screen:watch', { code });
  const pending = new Map<string, { t0: number; recorder: Recorder }>();
  screen.on('screen:state', (state) => {
    const id = ((state as ScreenState).view as { intent?: string }).intent;
    const waiting = id === undefined ? undefined : pending.get(id);
    if (!id || !waiting) return;
    pending.delete(id);
    waiting.recorder.projector.push(performance.now() - waiting.t0);
  });
  const tablets = await joinTablets(connect, code, children, index * children);
  return {
    code,
    tablets: tablets.length,
    sockets: tablets.length + 2,
    prepare: async () => {},
    beat: () => null,
    send(i, recorder) {
      const tablet = tablets[i];
      if (!tablet) return;
      const clientIntentId = intentId();
      const t0 = performance.now();
      pending.set(clientIntentId, { t0, recorder });
      recorder.sent += 1;
      tablet.conn.emit('play:intent', { clientIntentId, intent: { type: 'tap' } }, onAck(recorder, t0));
    },
    armReconnect: () => reconnectAll(tablets, code),
    close() {
      for (const t of tablets) t.conn.close();
      screen.close();
      teach.close();
    },
  };
}

// ------------------------------------------------------------------ C: Heartlamp
interface ProjectorTeamView {
  team: number;
  need: number;
  height: number;
}
interface CooperationTabletView {
  phase: string;
  origin: number | null;
  beatMs: number;
  team: { team: number } | null;
}
interface EmotionAnswer {
  choice: string;
  intensity: number | null;
}

const EMOTIONS = ['joy', 'sadness', 'anger', 'fear', 'calm', 'love'] as const;

export async function openHeartlampRoom(
  connect: Connect,
  activity: 'cooperation' | 'emotion-monster',
  children: number,
  index: number,
): Promise<Room> {
  const teach = await connect('teach');
  const config = activity === 'cooperation' ? COOPERATION_CONFIG : { askReason: false };
  const { code } = await ask<{ code: string }>(teach, 'session:create', { activityId: activity, config });
  const screen = await connect('screen');
  await ask(screen, 'screen:watch', { code });
  const tablets = await joinTablets(connect, code, children, index * children);
  await ask(teach, 'session:start', { code });
  let hostCounter = 0;
  const host = (intent: object) =>
    ask(teach, 'session:host', { code, clientIntentId: `bench-host-${index}-${hostCounter++}`, intent });
  const waitFor = async (what: string, ok: () => boolean, ms = 15_000) => {
    const until = performance.now() + ms;
    while (!ok()) {
      if (performance.now() > until) throw new Error(`room ${code}: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const coopView = (t: Tablet) => t.seen.view as CooperationTabletView | null;

  // -------- cooperation: taps per team and beat, and the projector's towers
  let beat: Beat | null = null;
  const heights = new Map<number, number>();
  /** team → beat → send times (performance.now) of that cycle's on-beat taps, in send order. */
  const taps = new Map<number, Map<number, number[]>>();
  let towerRecorder: Recorder | null = null;
  if (activity === 'cooperation') {
    await host({ type: 'form-teams' });
    await waitFor('teams', () => tablets.every((t) => coopView(t)?.team != null));
    screen.on('screen:state', (state) => {
      const at = performance.now();
      const view = (state as ScreenState).view as { teams?: ProjectorTeamView[] };
      for (const team of view.teams ?? []) {
        const before = heights.get(team.team) ?? 0;
        heights.set(team.team, team.height);
        const log = taps.get(team.team);
        if (team.height <= before || !log || !towerRecorder) continue;
        // Newest beats first: a beat whose taps the server judged late (off the beat) raised nothing,
        // and must not be blamed for the next beat's rise a whole beat later.
        let rises = team.height - before;
        const beats = [...log.keys()].sort((x, y) => y - x);
        for (const b of beats) {
          const raising = log.get(b)?.[team.need - 1];
          if (rises > 0 && raising !== undefined && raising <= at) {
            towerRecorder.projector.push(at - raising);
            rises -= 1;
            log.delete(b);
          } else if (rises === 0) log.delete(b);
        }
      }
    });
  }

  // -------- emotion-monster: each child's latest answer, until the console shows it
  const latest = new Map<string, { key: string; t0: number; recorder: Recorder }>();
  const counters = new Array<number>(tablets.length).fill(0);
  if (activity === 'emotion-monster') {
    teach.on('console:state', (state) => {
      if (latest.size === 0) return;
      const at = performance.now();
      const view = (state as ConsoleState).view as { answers?: { participant: string; answer: EmotionAnswer }[] };
      for (const { participant, answer } of view.answers ?? []) {
        const waiting = latest.get(participant);
        if (waiting && waiting.key === `${answer.choice}:${answer.intensity}`) {
          waiting.recorder.projector.push(at - waiting.t0);
          latest.delete(participant);
        }
      }
    });
  }

  return {
    code,
    tablets: tablets.length,
    sockets: tablets.length + 2,
    async prepare() {
      if (activity !== 'cooperation') return;
      if (tablets.some((t) => coopView(t)?.phase === 'playing')) await host({ type: 'stop-round' });
      const previous = tablets.map((t) => coopView(t)?.origin ?? null);
      await host({ type: 'start-round', seconds: COOPERATION_CONFIG.roundSeconds, goal: COOPERATION_CONFIG.goal });
      await waitFor('the round', () =>
        tablets.every((t, i) => {
          const v = coopView(t);
          return v?.phase === 'playing' && v.origin !== null && v.origin !== previous[i];
        }),
      );
      const view = coopView(tablets[0] as Tablet);
      if (!view || view.origin === null) throw new Error('no beat');
      beat = { origin: view.origin, beatMs: view.beatMs };
      heights.clear();
      taps.clear();
    },
    beat: () => beat,
    send(i, recorder) {
      const tablet = tablets[i];
      if (!tablet) return;
      const t0 = performance.now();
      recorder.sent += 1;
      if (activity === 'cooperation') {
        towerRecorder = recorder;
        const team = coopView(tablet)?.team?.team;
        if (beat && team !== undefined) {
          const sinceOrigin = Date.now() - LAG_ALLOWANCE_MS - beat.origin;
          const b = Math.round(sinceOrigin / beat.beatMs);
          // On the beat (±25 % of a beat, the activity's window) and past the countdown.
          if (b >= 0 && Math.abs(sinceOrigin - b * beat.beatMs) <= beat.beatMs / 4) {
            const log = taps.get(team) ?? new Map<number, number[]>();
            taps.set(team, log);
            log.set(b, [...(log.get(b) ?? []), t0]);
            log.delete(b - 4);
          }
        }
        tablet.conn.emit('play:intent', { clientIntentId: intentId(), intent: { type: 'tap' } }, onAck(recorder, t0));
        return;
      }
      const n = (counters[i] ?? 0) + 1;
      counters[i] = n;
      const emotion = EMOTIONS[n % EMOTIONS.length] ?? 'joy';
      const intensity = (Math.floor(n / EMOTIONS.length) % 3) + 1;
      latest.set(tablet.joined.participantId, { key: `${emotion}:${intensity}`, t0, recorder });
      tablet.conn.emit(
        'play:intent',
        { clientIntentId: intentId(), intent: { type: 'answer', emotion, intensity, reason: null } },
        onAck(recorder, t0),
      );
    },
    armReconnect: () => reconnectAll(tablets, code),
    close() {
      for (const t of tablets) t.conn.close();
      screen.close();
      teach.close();
    },
  };
}
