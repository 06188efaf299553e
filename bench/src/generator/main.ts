/**
 * The load generator: its own process, so its CPU is not the server's. It opens rooms of 30
 * tablets + 1 projector (+ the teacher's console for C), sends intents at a fixed rate per tablet,
 * records latencies, and watches its own event loop: a run whose generator lagged (p99 > 10 ms) is
 * reported as such, because then the generator, not the server, was the bottleneck.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  type GeneratorConfig,
  type GeneratorReplies,
  type GeneratorRequest,
  type LoadResult,
  type ReconnectResult,
  serve,
} from '../ipc.js';
import { jitter, seededRandom, sleep, summarize } from '../stats.js';
import { type Connect, sioConnector, wsConnector } from './conn.js';
import {
  LAG_ALLOWANCE_MS,
  newRecorder,
  openHeartlampRoom,
  openRelayRoom,
  type Reconnecting,
  type Room,
} from './rooms.js';

const config = JSON.parse(process.env.BENCH_GENERATOR ?? '{}') as GeneratorConfig;
const random = seededRandom(config.seed);

/** The teacher's sign-in (if this server has one yet): set up on the fresh data folder. */
async function signIn(url: string): Promise<string | null> {
  const response = await fetch(`${url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', passphrase: 'bench passphrase 1' }),
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`sign-in setup: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie') ?? ''])
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('hl_session='));
  if (!cookie) throw new Error('sign-in setup: no hl_session cookie');
  return cookie;
}

let connect: Connect | null = null;
async function connector(): Promise<Connect> {
  if (connect) return connect;
  connect =
    config.target === 'A'
      ? wsConnector(config.url)
      : sioConnector(config.url, config.target === 'C' ? await signIn(config.url) : null);
  return connect;
}

let rooms: Room[] = [];
let reconnecting: Reconnecting | null = null;

async function openRooms(count: number, children: number): Promise<GeneratorReplies['rooms']> {
  const open = await connector();
  const t0 = performance.now();
  const opening = async (index: number) =>
    config.activity === 'relay'
      ? openRelayRoom(open, children, index)
      : openHeartlampRoom(open, config.activity, children, index);
  // A few rooms at a time: a whole school logging in at the same second is not the question here.
  while (rooms.length < count) {
    const batch = Array.from({ length: Math.min(5, count - rooms.length) }, (_, i) => opening(rooms.length + i));
    rooms = rooms.concat(await Promise.all(batch));
  }
  return { rooms: rooms.length, sockets: rooms.reduce((n, r) => n + r.sockets, 0), ms: performance.now() - t0 };
}

/** Starts each room's round, spread over one beat so that rooms do not all drum at the same instant. */
async function prepare(): Promise<null> {
  const spread = 1000 / Math.max(1, rooms.length);
  await Promise.all(rooms.map((room, i) => sleep(i * spread).then(() => room.prepare())));
  const origins = rooms.flatMap((r) => r.beat()?.origin ?? []);
  if (origins.length > 0) await sleep(Math.max(0, Math.max(...origins) - Date.now()));
  return null;
}

/** Every tablet sends `rate` intents a second for `seconds` (cooperation: one tap per beat). */
async function load(seconds: number, rate: number): Promise<LoadResult> {
  const recorder = newRecorder();
  const period = 1000 / rate;
  const start = Date.now() + 100;
  const end = start + seconds * 1000;
  const eld = monitorEventLoopDelay({ resolution: 1 });
  let live = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });

  const next = (room: Room, after: number, first: boolean): number => {
    const beat = room.beat();
    if (beat) {
      // The next beat, plus the lag the server allows for, give or take a child's spread (±150 ms).
      const k = Math.max(0, Math.floor((after - beat.origin) / beat.beatMs) + 1);
      return beat.origin + k * beat.beatMs + LAG_ALLOWANCE_MS + jitter(random, 60, 150);
    }
    return first ? after + random() * period : after + period * (0.9 + 0.2 * random());
  };

  const drive = (room: Room, tablet: number, at: number) => {
    if (at >= end) {
      live -= 1;
      if (live === 0) done();
      return;
    }
    setTimeout(
      () => {
        room.send(tablet, recorder);
        drive(room, tablet, next(room, at, false));
      },
      Math.max(0, at - Date.now()),
    );
  };

  eld.enable();
  for (const room of rooms) {
    for (let i = 0; i < room.tablets; i++) {
      live += 1;
      drive(room, i, next(room, start, true));
    }
  }
  await finished;
  eld.disable();
  // The last acks and views are still on their way.
  const drainUntil = performance.now() + 3000;
  while (recorder.acked + recorder.refused + recorder.timedOut < recorder.sent && performance.now() < drainUntil) {
    await sleep(20);
  }
  await sleep(250);
  return {
    rooms: rooms.length,
    tablets: rooms.reduce((n, r) => n + r.tablets, 0),
    windowMs: end - start,
    sent: recorder.sent,
    acked: recorder.acked,
    refused: recorder.refused,
    timedOut: recorder.timedOut,
    refusals: [...recorder.refusals].map(([code, n]) => `${code}×${n}`),
    ack: summarize(recorder.ack),
    projector: summarize(recorder.projector),
    projectorLabel: PROJECTOR_LABELS[config.activity],
    eldP99Ms: eld.percentile(99) / 1e6,
    eldMaxMs: eld.max / 1e6,
  };
}

const PROJECTOR_LABELS: Record<GeneratorConfig['activity'], string> = {
  relay: 'intent → projector push naming it',
  cooperation: 'raising tap → projector shows the taller tower (incl. ≤100 ms coalescing)',
  'emotion-monster': 'answer → first console:state showing it (incl. ≤100 ms coalescing)',
};

serve<GeneratorRequest>(async (request): Promise<GeneratorReplies[GeneratorRequest['kind']]> => {
  switch (request.kind) {
    case 'rooms':
      return openRooms(request.rooms, request.children);
    case 'prepare':
      return prepare();
    case 'load':
      return load(request.seconds, request.rate);
    case 'arm-reconnect': {
      const room = rooms[rooms.length - 1];
      if (!room) throw new Error('no room to reconnect');
      reconnecting = room.armReconnect();
      return null;
    }
    case 'await-reconnect': {
      if (!reconnecting) throw new Error('not armed');
      const { done, progress } = reconnecting;
      reconnecting = null;
      const timedOut = sleep(request.timeoutMs).then((): ReconnectResult => ({ ...progress(), ms: Number.NaN }));
      return Promise.race([done, timedOut]);
    }
    case 'teardown':
      for (const room of rooms) room.close();
      rooms = [];
      await sleep(500);
      return null;
    case 'stop':
      for (const room of rooms) room.close();
      setImmediate(() => process.exit(0));
      return null;
  }
});
process.send?.({ ready: true, port: 0 });
process.on('disconnect', () => process.exit(0));
