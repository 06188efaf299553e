/**
 * `pnpm bench`: runs (A) a plain ws relay, (B) a plain socket.io relay and (C) the real Heartlamp
 * server (The Power of Cooperation, My Emotion Monster) in turn, each in a child process, against a
 * load generator in another child process, and prints medians and ratios. Not a test: it asserts
 * nothing and is never run by CI. See bench/README.md for what each figure means.
 *
 *   pnpm bench                 full run: 5 interleaved repeats + the rooms ladder (15–30 min)
 *   pnpm bench --quick         1 repeat, short windows, a short ladder (a few minutes)
 *   options: --repeats N --seconds S --rooms R --rate I --steps 1,10,40 --no-capacity
 *            --only A,B,C-coop,C-emo --profile (CPU profile of the Heartlamp server child)
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ActivityId,
  Channel,
  type GeneratorReplies,
  type GeneratorRequest,
  type LoadResult,
  type ServerReplies,
  type ServerRequest,
  type TargetId,
} from './ipc.js';
import { type CapacityStep, type CaseResult, printReport, type Run } from './report.js';
import { sleep } from './stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const benchDir = join(here, '..');
const tsx = import.meta.resolve('tsx');

// ------------------------------------------------------------------ options
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag('quick');
const options = {
  quick,
  repeats: Number(option('repeats') ?? (quick ? 1 : 5)),
  /** Rooms of 30 open while CPU, latency and RSS are measured. */
  rooms: Number(option('rooms') ?? (quick ? 10 : 20)),
  seconds: Number(option('seconds') ?? (quick ? 6 : 20)),
  /** Unmeasured load first, so the JIT has compiled the hot paths. */
  warmup: Number(option('warmup') ?? 2),
  /** Intents per tablet per second (cooperation: one tap per 1000 ms beat, whatever this says). */
  rate: Number(option('rate') ?? 1),
  reconnectTablets: 40,
  capacity: !flag('no-capacity'),
  steps: (option('steps') ?? (quick ? '1,20,40,80' : '1,10,20,40,80,100')).split(',').map(Number),
  stepSeconds: Number(option('step-seconds') ?? (quick ? 5 : 10)),
  seed: Number(option('seed') ?? 20240607),
  profile: flag('profile'),
  only: option('only')?.split(','),
};

interface Case {
  id: string;
  target: TargetId;
  activity: ActivityId;
  label: string;
}
const CASES: Case[] = (
  [
    { id: 'A', target: 'A', activity: 'relay', label: 'A: ws relay' },
    { id: 'B', target: 'B', activity: 'relay', label: 'B: socket.io relay' },
    { id: 'C-coop', target: 'C', activity: 'cooperation', label: 'C: Heartlamp, The Power of Cooperation' },
    { id: 'C-emo', target: 'C', activity: 'emotion-monster', label: 'C: Heartlamp, My Emotion Monster' },
  ] satisfies Case[]
).filter((c) => !options.only || options.only.includes(c.id));

const SERVER_ENTRY: Record<TargetId, string> = {
  A: 'servers/ws-relay.ts',
  B: 'servers/sio-relay.ts',
  C: 'servers/heartlamp.ts',
};

const log = (line: string) => process.stdout.write(`${line}\n`);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const resultsDir = join(benchDir, 'results');

// ------------------------------------------------------------------ child processes
type ServerChannel = Channel<ServerRequest, ServerReplies>;
type GeneratorChannel = Channel<GeneratorRequest, GeneratorReplies>;

function start(entry: string, execArgv: string[], env: Record<string, string>): ChildProcess {
  return fork(join(here, entry), [], {
    execArgv: ['--import', tsx, ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

async function withProcesses<T>(
  c: Case,
  seed: number,
  body: (server: ServerChannel, generator: GeneratorChannel) => Promise<T>,
  profileName?: string,
): Promise<T> {
  const profileArgs =
    options.profile && c.target === 'C' && profileName
      ? // One folder per run: tsx's loader thread writes a profile of its own beside the main thread's.
        ['--cpu-prof', '--cpu-prof-dir', join(resultsDir, 'profiles', profileName)]
      : [];
  const server: ServerChannel = new Channel(start(SERVER_ENTRY[c.target], ['--expose-gc', ...profileArgs], {}));
  let generator: GeneratorChannel | null = null;
  try {
    const { port } = await server.ready;
    const url = `http://127.0.0.1:${port}`;
    generator = new Channel(
      start('generator/main.ts', [], {
        BENCH_GENERATOR: JSON.stringify({ target: c.target, activity: c.activity, url, seed }),
      }),
    );
    await generator.ready;
    return await body(server, generator);
  } finally {
    await generator?.request({ kind: 'stop' }).catch(() => {});
    await server.request({ kind: 'stop' }).catch(() => {});
    await Promise.all([exited(server.child), generator ? exited(generator.child) : Promise.resolve()]);
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Server CPU over one load window, per 1,000 acked intents. */
async function measuredLoad(
  server: ServerChannel,
  generator: GeneratorChannel,
  seconds: number,
): Promise<{ load: LoadResult; cpuMs: number; cpuPer1000: number; cpuShare: number }> {
  const before = await server.request({ kind: 'usage', gc: false });
  const t0 = performance.now();
  const load = await generator.request({ kind: 'load', seconds, rate: options.rate });
  const after = await server.request({ kind: 'usage', gc: false });
  const cpuMs = after.cpuMs - before.cpuMs;
  return {
    load,
    cpuMs,
    cpuPer1000: load.acked > 0 ? (cpuMs / load.acked) * 1000 : Number.NaN,
    cpuShare: cpuMs / (performance.now() - t0),
  };
}

// ------------------------------------------------------------------ one run: CPU, latency, RSS, reconnect
async function run(c: Case, repeat: number): Promise<Run> {
  const seed = options.seed + repeat * 101 + c.id.length;
  return withProcesses(
    c,
    seed,
    async (server, generator) => {
      // Warm up with one room, so the baseline holds the code paths and pools a room brings.
      await generator.request({ kind: 'rooms', rooms: 1, children: 30 });
      await generator.request({ kind: 'teardown' });
      const loadBefore = loadavg()[0] ?? Number.NaN;
      const base = await server.request({ kind: 'usage', gc: true });
      const opened = await generator.request({ kind: 'rooms', rooms: options.rooms, children: 30 });
      const full = await server.request({ kind: 'usage', gc: true });
      const children = options.rooms * 30;
      await generator.request({ kind: 'prepare' });
      // Warm-up: the first intents compile the hot paths (JIT) on both sides; they are not measured.
      await generator.request({ kind: 'load', seconds: options.warmup, rate: options.rate });
      const measured = await measuredLoad(server, generator, options.seconds);
      await generator.request({ kind: 'teardown' });

      await generator.request({ kind: 'rooms', rooms: 1, children: options.reconnectTablets });
      await sleep(300);
      await generator.request({ kind: 'arm-reconnect' });
      const { dropped } = await server.request({ kind: 'drop' });
      const reconnect = await generator.request({ kind: 'await-reconnect', timeoutMs: 30_000 });
      const result: Run = {
        repeat,
        connectMs: opened.ms,
        sockets: opened.sockets,
        ...measured,
        rssBase: base.rss,
        rssFull: full.rss,
        rssPerChildKB: (full.rss - base.rss) / children / 1024,
        heapPerChildKB: (full.heapUsed - base.heapUsed) / children / 1024,
        dropped,
        reconnect,
        valid: measured.load.eldP99Ms <= 10,
        loadAverage: [loadBefore, loadavg()[0] ?? Number.NaN],
      };
      const l = measured.load;
      log(
        `  ${c.id.padEnd(6)} #${repeat + 1}: ${l.acked}/${l.sent} acked (refused ${l.refused}${l.refusals.length ? ` ${l.refusals.join(' ')}` : ''}, timed out ${l.timedOut}, unanswered after 3 s ${l.sent - l.acked - l.refused - l.timedOut}), ` +
          `cpu ${result.cpuPer1000.toFixed(1)} ms/1k (${(measured.cpuShare * 100).toFixed(0)} % core), ` +
          `ack p50/p99 ${l.ack.p50.toFixed(1)}/${l.ack.p99.toFixed(1)} ms, view p50/p99 ${l.projector.p50.toFixed(1)}/${l.projector.p99.toFixed(1)} ms (n ${l.projector.n}), ` +
          `rss ${result.rssPerChildKB.toFixed(1)} KB/child, reconnect ${reconnect.rejoined}/${reconnect.tablets} in ${reconnect.ms.toFixed(0)} ms, ` +
          `gen eld p99 ${l.eldP99Ms.toFixed(1)} ms${result.valid ? '' : ' INVALID'}, machine load ${result.loadAverage.map((x) => x.toFixed(1)).join('→')}`,
      );
      return result;
    },
    `${c.id}-run${repeat + 1}-${stamp}`,
  );
}

// ------------------------------------------------------------------ the rooms ladder
async function capacity(c: Case): Promise<CapacityStep[]> {
  return withProcesses(
    c,
    options.seed + 7,
    async (server, generator) => {
      const steps: CapacityStep[] = [];
      for (const rooms of options.steps) {
        const opened = await generator.request({ kind: 'rooms', rooms, children: 30 }).catch((error: unknown) => {
          log(`  ${c.id} ${rooms} rooms: could not open (${String(error).split('\n')[0]})`);
          return null;
        });
        if (!opened) {
          steps.push({
            rooms,
            connections: Number.NaN,
            ackP99: Number.NaN,
            viewP99: Number.NaN,
            eldP99Ms: Number.NaN,
            cpuShare: Number.NaN,
            timedOut: Number.NaN,
            held: false,
            valid: true,
            note: 'could not open',
          });
          break;
        }
        await generator.request({ kind: 'prepare' });
        const { load, cpuShare } = await measuredLoad(server, generator, options.stepSeconds);
        const valid = load.eldP99Ms <= 10;
        const held = load.ack.p99 < 100 && load.timedOut === 0;
        steps.push({
          rooms,
          connections: opened.sockets,
          ackP99: load.ack.p99,
          viewP99: load.projector.p99,
          eldP99Ms: load.eldP99Ms,
          cpuShare,
          timedOut: load.timedOut,
          held,
          valid,
          note: '',
        });
        log(
          `  ${c.id.padEnd(6)} ${String(rooms).padStart(3)} rooms (${opened.sockets} conns, ${load.acked} intents): ` +
            `ack p99 ${load.ack.p99.toFixed(1)} ms, view p99 ${load.projector.p99.toFixed(1)} ms, server ${(cpuShare * 100).toFixed(0)} % core, ` +
            `gen eld p99 ${load.eldP99Ms.toFixed(1)} ms${valid ? '' : ' INVALID'}${held ? '' : ' — p99 ≥ 100 ms'}`,
        );
        if (!held || !valid) break;
      }
      return steps;
    },
    `${c.id}-capacity-${stamp}`,
  );
}

// ------------------------------------------------------------------ main
async function main(): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  log(
    `Heartlamp bench (${options.quick ? 'quick' : 'full'}): ${options.repeats} repeat(s) × [${CASES.map((c) => c.id).join(', ')}], ` +
      `${options.rooms} rooms × 30 tablets at ${options.rate}/s for ${options.seconds} s; ladder ${options.capacity ? options.steps.join('→') : 'off'}`,
  );
  const started = performance.now();
  const runs = new Map<string, Run[]>(CASES.map((c) => [c.id, []]));
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    log(`repeat ${repeat + 1}/${options.repeats}`);
    for (const c of CASES) runs.get(c.id)?.push(await run(c, repeat));
  }
  const ladders = new Map<string, CapacityStep[]>();
  if (options.capacity) {
    log('rooms ladder (each step: fixed rate per tablet; stops at ack p99 ≥ 100 ms or an INVALID generator)');
    for (const c of CASES) ladders.set(c.id, await capacity(c));
  }
  const results: CaseResult[] = CASES.map((c) => ({
    id: c.id,
    label: c.label,
    target: c.target,
    activity: c.activity,
    runs: runs.get(c.id) ?? [],
    ladder: ladders.get(c.id) ?? null,
  }));
  const summary = printReport(results, log);
  const file = join(resultsDir, `bench-${options.quick ? 'quick-' : ''}${stamp}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ when: new Date().toISOString(), options, machine: machineInfo(), summary, results }, null, 2)}\n`,
  );
  log(`\nwrote ${file} (${((performance.now() - started) / 60_000).toFixed(1)} min)`);
}

function machineInfo() {
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: cpus().length,
    model: cpus()[0]?.model,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
