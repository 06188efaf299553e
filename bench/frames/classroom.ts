/**
 * A live class of socket.io-client tablets that keeps acting, so the projector really animates
 * while it is measured:
 * - My Emotion Monster: a 12 s cycle — children place and change their balls while sorting (the
 *   monster untangles as the count rises), the teacher reveals (balls fall into the jars), then
 *   spotlights one jar, then back to sorting;
 * - The Power of Cooperation: ten teams of four tap on the beat (most of them, most beats), so
 *   towers rise; when a round ends (all towers topped, or the time is up) the teacher starts another.
 * Randomness is seeded: two runs act the same way.
 */
import type { Socket } from 'socket.io-client';
import type { Emotion, Intensity, Reason } from '../../packages/activities/src/emotion-monster/logic/model.js';
import {
  ADJECTIVES,
  ANIMALS,
  type ConsoleState,
  type CreatedSession,
  type Joined,
} from '../../packages/shared/src/index.js';
import { seededRandom } from '../src/stats.js';
import { type BenchServer, call, tryCall } from './server.js';

export type ActivityId = 'emotion-monster' | 'cooperation';

export interface DriverStats {
  /** Child intents sent / accepted by the server. */
  intents: number;
  accepted: number;
  /** Teacher steps taken (reveal, spotlight, start-round…). */
  hostSteps: number;
  /** Cooperation: rounds started and the highest tower seen. */
  rounds: number;
  maxHeight: number;
}

export interface LiveClass {
  activity: ActivityId;
  code: string;
  children: number;
  stats: DriverStats;
  /** A short description of what the class is doing right now, for the log. */
  describe(): string;
  /** Stops acting and ends the session, so its tablets and timers stop. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, Math.max(0, ms)));

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

interface Opened {
  teacher: Socket;
  children: Socket[];
  code: string;
  /** The latest `console:state` view. */
  latest: () => unknown;
  host: (intent: object) => Promise<boolean>;
}

/** Creates the session, lets `count` tablets join, and starts it. */
async function open(
  bench: BenchServer,
  activityId: ActivityId,
  config: object | undefined,
  count: number,
  stats: DriverStats,
): Promise<Opened> {
  const teacher = await bench.socket('teach', true);
  let view: unknown = null;
  teacher.on('console:state', (state: ConsoleState) => {
    view = state.view;
  });
  const { code } = await call<CreatedSession>(teacher, 'session:create', {
    activityId,
    ...(config ? { config } : {}),
  });
  const children: Socket[] = [];
  for (let i = 0; i < count; i++) {
    const socket = await bench.socket('play');
    await call<Joined>(socket, 'play:join', {
      code,
      nickname: {
        adjective: ADJECTIVES[i % ADJECTIVES.length],
        animal: ANIMALS[(i * 5 + Math.floor(i / ANIMALS.length)) % ANIMALS.length],
      },
    });
    children.push(socket);
  }
  await call(teacher, 'session:start', { code });
  let hostId = 0;
  const host = async (intent: object) => {
    stats.hostSteps += 1;
    hostId += 1;
    return tryCall(teacher, 'session:host', { code, clientIntentId: `bench-host-${hostId}`, intent });
  };
  return { teacher, children, code, latest: () => view, host };
}

function newStats(): DriverStats {
  return { intents: 0, accepted: 0, hostSteps: 0, rounds: 0, maxHeight: 0 };
}

/** One child intent, counted. */
async function act(child: Socket, stats: DriverStats, id: string, intent: object): Promise<void> {
  stats.intents += 1;
  if (await tryCall(child, 'play:intent', { clientIntentId: id, intent })) stats.accepted += 1;
}

const EMOTION_WEIGHTS: readonly Emotion[] = [
  'joy',
  'joy',
  'joy',
  'calm',
  'calm',
  'sadness',
  'sadness',
  'anger',
  'fear',
  'love',
];
const REASON_CHOICES: readonly (Reason | null)[] = ['home', 'friends', 'school', 'body', 'other', null];
const INTENSITY_CHOICES: readonly Intensity[] = [1, 2, 3];

/** Sort 5 s (answers placed and changed) → reveal 4 s (balls fall) → spotlight 3 s → sort… */
export const EMOTION_CYCLE = { sortMs: 5000, revealMs: 4000, spotlightMs: 3000 } as const;

export async function startEmotionMonster(bench: BenchServer, count: number): Promise<LiveClass> {
  const stats = newStats();
  const { teacher, children, code, host } = await open(bench, 'emotion-monster', undefined, count, stats);
  const random = seededRandom(7);
  let running = true;
  let phase = 'sort';
  let cycle = 0;
  const loop = (async () => {
    while (running) {
      cycle += 1;
      phase = 'sort';
      await host({ type: 'sort' });
      // Every child places a ball, and some change their mind, at their own pace.
      const answers = children.map(async (child, i) => {
        const times = [random() * 3500, ...(random() < 0.5 ? [3600 + random() * 1000] : [])];
        for (const [n, at] of times.entries()) {
          await sleep(at - (n > 0 ? (times[n - 1] ?? 0) : 0));
          if (!running) return;
          const intent =
            random() < 0.06
              ? { type: 'pass' }
              : {
                  type: 'answer',
                  emotion: pick(EMOTION_WEIGHTS, random),
                  intensity: pick(INTENSITY_CHOICES, random),
                  reason: pick(REASON_CHOICES, random),
                };
          await act(child, stats, `em-${cycle}-${i}-${n}-bench`, intent);
        }
      });
      await Promise.all([...answers, sleep(EMOTION_CYCLE.sortMs)]);
      if (!running) break;
      phase = 'reveal';
      await host({ type: 'reveal' });
      await sleep(EMOTION_CYCLE.revealMs);
      if (!running) break;
      phase = 'spotlight';
      await host({ type: 'spotlight', jar: pick(['joy', 'sadness', 'anger', 'fear', 'calm'] as const, random) });
      await sleep(EMOTION_CYCLE.spotlightMs);
    }
  })();
  return {
    activity: 'emotion-monster',
    code,
    children: count,
    stats,
    describe: () => `cycle ${cycle}, ${phase}`,
    async stop() {
      running = false;
      await loop;
      await tryCall(teacher, 'session:end', { code });
    },
  };
}

interface CoopConsoleView {
  phase: 'gather' | 'teams' | 'playing' | 'result';
  origin: number | null;
  beatMs: number;
  round: number;
  teams: { height: number }[];
}

/** The beat and the tower for the class: 1.2 s beats, 30 floors, 3-minute rounds. */
export const COOPERATION_CONFIG = { beatMs: 1200, roundSeconds: 180, goal: 30 } as const;

export async function startCooperation(bench: BenchServer, count: number): Promise<LiveClass> {
  const stats = newStats();
  const { teacher, children, code, host, latest } = await open(bench, 'cooperation', COOPERATION_CONFIG, count, stats);
  await host({ type: 'form-teams' });
  await host({ type: 'start-round' });
  stats.rounds += 1;
  const random = seededRandom(11);
  const view = () => latest() as CoopConsoleView | null;
  let running = true;
  let tapId = 0;
  let resultSince: number | null = null;
  const loop = (async () => {
    let lastBeatAt = Number.NEGATIVE_INFINITY;
    while (running) {
      const v = view();
      if (v) stats.maxHeight = Math.max(stats.maxHeight, ...v.teams.map((t) => t.height));
      if (v?.phase === 'result') {
        // The class looks at the result a moment, then the teacher starts the next round.
        resultSince ??= Date.now();
        if (Date.now() - resultSince > 2000) {
          resultSince = null;
          if (await host({ type: 'start-round' })) stats.rounds += 1;
        }
        await sleep(200);
        continue;
      }
      if (v?.phase !== 'playing' || v.origin === null) {
        await sleep(100);
        continue;
      }
      // The server runs in this process: Date.now() is its clock. Aim at the next beat.
      const { origin, beatMs } = v;
      // (By time, not beat number: a new round restarts the count at a new origin.)
      const beatAt = origin + Math.ceil((Date.now() + 150 - origin) / beatMs) * beatMs;
      if (beatAt <= lastBeatAt) {
        await sleep(50);
        continue;
      }
      lastBeatAt = beatAt;
      for (const [i, child] of children.entries()) {
        // Most children tap on the beat (±120 ms); some miss a beat; a few rush a second tap.
        const r = random();
        if (r < 0.12) continue;
        const at = beatAt + (random() - 0.5) * 240;
        setTimeout(() => {
          if (!running) return;
          tapId += 1;
          void act(child, stats, `coop-${i}-${tapId}-bench`, { type: 'tap' });
        }, at - Date.now());
        if (r > 0.95) {
          setTimeout(
            () => {
              if (!running) return;
              tapId += 1;
              void act(child, stats, `coop-${i}-${tapId}-bench`, { type: 'tap' });
            },
            at + beatMs * 0.3 - Date.now(),
          );
        }
      }
      await sleep(beatAt - Date.now());
    }
  })();
  return {
    activity: 'cooperation',
    code,
    children: count,
    stats,
    describe: () => {
      const v = view();
      return v ? `round ${v.round}, ${v.phase}, towers ${v.teams.map((t) => t.height).join('/')}` : 'no view yet';
    },
    async stop() {
      running = false;
      await loop;
      await sleep(600);
      await tryCall(teacher, 'session:end', { code });
    },
  };
}

export function startClass(bench: BenchServer, activity: ActivityId, count: number): Promise<LiveClass> {
  return activity === 'emotion-monster' ? startEmotionMonster(bench, count) : startCooperation(bench, count);
}
