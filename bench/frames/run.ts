/**
 * Frame budget (issue 7 part 3): frames per second of the Phaser stages in headless Chromium,
 * measured with requestAnimationFrame timestamps while a live class of 40 socket.io tablets acts.
 *
 *   - the projector (/screen/:code) at 1920×1080, budget: median ≥ 55 fps;
 *   - a tablet (/join, 1024×768) under 4× CPU throttling (CDP Emulation.setCPUThrottlingRate),
 *     budget: median ≥ 30 fps;
 *
 * for My Emotion Monster and The Power of Cooperation, with the app's own renderer choice (`webgl`:
 * Chromium here has --disable-gpu, so WebGL would be SwiftShader and the app picks Canvas, see
 * apps/classroom/src/stage/renderer.ts) and with WebGL switched off in Chromium (`canvas`).
 *
 * A benchmark: it prints figures and writes them to bench/frames/results/*.json; it asserts
 * nothing. One Chromium at a time; the pages are measured one at a time.
 *
 *   pnpm bench:frames [--seconds 10] [--warmup 3] [--children 40] [--throttle 4]
 *                     [--renderers webgl,canvas,webgl-no-msaa] [--activities emotion-monster,cooperation]
 *                     [--stages projector,tablet] [--profile always|miss|never] [--trace] [--build]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../e2e/chromium.js';
import { tabletDrumCentre } from '../../packages/activities/src/cooperation/client/layout.js';
import { tabletJarCentre } from '../../packages/activities/src/emotion-monster/client/layout.js';
import { JAR_EMOTIONS } from '../../packages/activities/src/emotion-monster/logic/model.js';
import { type ActivityId, COOPERATION_CONFIG, EMOTION_CYCLE, type LiveClass, startClass } from './classroom.js';
import { type CpuShare, cpuMeter } from './cpu.js';
import {
  type CadenceStats,
  FRAME_PROBE_SCRIPT,
  type FrameResult,
  NO_MSAA_SCRIPT,
  type ProfileEntry,
  profileTop,
  sampleFrames,
} from './sample.js';
import { type BenchServer, ensureClassroomBuilt, startBenchServer } from './server.js';
import { type TraceSummary, traceSummary } from './trace.js';

type Stage = 'projector' | 'tablet';
/** webgl-no-msaa: WebGL with multisampling refused by an init script (an experiment; see sample.ts). */
type Renderer = 'webgl' | 'webgl-no-msaa' | 'canvas';
const isRenderer = (r: string): r is Renderer => r === 'webgl' || r === 'webgl-no-msaa' || r === 'canvas';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    children: { type: 'string', default: '40' },
    throttle: { type: 'string', default: '4' },
    renderers: { type: 'string', default: 'webgl,canvas' },
    activities: { type: 'string', default: 'emotion-monster,cooperation' },
    stages: { type: 'string', default: 'projector,tablet' },
    profile: { type: 'string', default: 'miss' },
    build: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
  },
});

const SECONDS = Number(args.seconds);
const WARMUP = Number(args.warmup);
const CHILDREN = Number(args.children);
const THROTTLE = Number(args.throttle);
const PROFILE = args.profile;
const RENDERERS = args.renderers.split(',').filter(isRenderer);
const ACTIVITIES = args.activities
  .split(',')
  .filter((a): a is ActivityId => a === 'emotion-monster' || a === 'cooperation');
const STAGES = args.stages.split(',').filter((s): s is Stage => s === 'projector' || s === 'tablet');

const BUDGET: Readonly<Record<Stage, number>> = { projector: 55, tablet: 30 };
const PROJECTOR = { width: 1920, height: 1080 };
const TABLET = { width: 1024, height: 768 };
const LOCALE = 'zh-CN';
const STAGE_READY = '[data-testid="phaser-stage"][data-status="ready"] canvas';

const RESULTS = join(import.meta.dirname, 'results');
const STAMP = new Date().toISOString().replace(/[:.]/g, '-');
const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, Math.max(0, ms)));

interface Measurement {
  stage: Stage;
  activity: ActivityId;
  renderer: Renderer;
  viewport: { width: number; height: number };
  cpuThrottling: number;
  budgetFps: number;
  /** Median rAF fps minus the budget. */
  marginFps: number;
  met: boolean;
  frames: FrameResult;
  /** What the class was doing when the sample started and ended. */
  classBefore: string;
  classAfter: string;
  /** Load average of the machine (1 min) when the sample started: other work shares the 2 cores. */
  loadAverage: number;
  /** CPU ms per wall second during the sample, by process (1000 = one core). */
  cpu: CpuShare;
  profile: ProfileEntry[] | null;
  /** With --trace: a 3 s Chromium trace after the sample, summarised. */
  trace: TraceSummary | null;
}

function launch(renderer: Renderer): Promise<Browser> {
  // No WebGL at all: Phaser.AUTO then picks its Canvas renderer.
  return launchChromium(renderer === 'canvas' ? ['--disable-webgl', '--disable-webgl2'] : []);
}

async function newContext(
  browser: Browser,
  bench: BenchServer,
  viewport: { width: number; height: number },
  teacher: boolean,
  renderer: Renderer,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: LOCALE, hasTouch: viewport.width < 1100 });
  const value = bench.cookie?.split('=').slice(1).join('=');
  if (teacher && value) await context.addCookies([{ name: 'hl_session', value, url: bench.url }]);
  await context.addInitScript({ content: FRAME_PROBE_SCRIPT });
  if (renderer === 'webgl-no-msaa') await context.addInitScript({ content: NO_MSAA_SCRIPT });
  return context;
}

/** The software GL Chromium uses here (SwiftShader under --disable-gpu), read once. */
async function glRenderer(page: Page): Promise<string> {
  const found: unknown = await page.evaluate(`(() => {
    const gl = document.createElement('canvas').getContext('webgl');
    if (!gl) return 'no WebGL';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return String(name);
  })()`);
  return String(found);
}

/**
 * The harness's ceiling: rAF cadence of an empty 1920×1080 page in the same browser, with the class
 * idle. If this is not 60 fps, the machine (not the app) is the limit at that moment.
 */
async function baseline(browser: Browser): Promise<CadenceStats> {
  const context = await browser.newContext({ viewport: PROJECTOR });
  try {
    const page = await context.newPage();
    await page.setContent('<body style="margin:0;background:#fdf8ef"></body>');
    const cdp = await context.newCDPSession(page);
    return (await sampleFrames(page, cdp, 3000)).raf;
  } finally {
    await context.close();
  }
}

async function stageBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.locator(STAGE_READY).boundingBox();
  if (!box) throw new Error('no stage canvas');
  return box;
}

/**
 * What the measured tablet's child does while it is sampled: in My Emotion Monster, taps a jar
 * every 2.5 s (while sorting the ball moves); in The Power of Cooperation, taps the drum on the beat.
 */
async function actAsChild(page: Page, activity: ActivityId, until: number): Promise<number> {
  let taps = 0;
  const box = await stageBox(page);
  if (activity === 'emotion-monster') {
    let n = 0;
    while (Date.now() < until - 500) {
      const emotion = JAR_EMOTIONS[n % JAR_EMOTIONS.length] ?? 'joy';
      const { x, y } = tabletJarCentre(emotion, box.width, box.height);
      await page.mouse.click(box.x + x, box.y + y).catch(() => {});
      taps += 1;
      n += 1;
      await sleep(Math.min(2500, until - Date.now()));
    }
    return taps;
  }
  const { x, y } = tabletDrumCentre(box.width, box.height);
  const panel = page.getByTestId('coop-tablet-controls');
  while (Date.now() < until - 300) {
    const origin = Number(await panel.getAttribute('data-origin').catch(() => ''));
    const beatMs = Number(await panel.getAttribute('data-beat-ms').catch(() => '')) || COOPERATION_CONFIG.beatMs;
    if (!origin) {
      await sleep(300);
      continue;
    }
    // The server runs in this process: aim at the next beat on its clock.
    const beatAt = origin + Math.ceil((Date.now() + 200 - origin) / beatMs) * beatMs;
    await sleep(beatAt - 60 - Date.now());
    if (Date.now() >= until) break;
    await page.mouse.click(box.x + x, box.y + y).catch(() => {});
    taps += 1;
  }
  return taps;
}

async function measure(
  browser: Browser,
  bench: BenchServer,
  live: LiveClass,
  stage: Stage,
  renderer: Renderer,
): Promise<Measurement> {
  const viewport = stage === 'projector' ? PROJECTOR : TABLET;
  const context = await newContext(browser, bench, viewport, stage === 'projector', renderer);
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    if (stage === 'projector') {
      await page.goto(`${bench.url}/screen/${live.code}`);
    } else {
      // A child arriving by the QR link: the code is prefilled; OK, then join with the nickname offered.
      await page.goto(`${bench.url}/join?code=${live.code}`);
      // Generous waits: the machine is shared, and a page under load is slow to answer.
      await page.getByTestId('key-ok').click({ timeout: 120_000 });
      await page.getByTestId('join').click({ timeout: 120_000 });
    }
    await page.locator(STAGE_READY).waitFor({ timeout: 120_000 });
    const cdp = await context.newCDPSession(page);
    if (stage === 'tablet') await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await sleep(WARMUP * 1000);

    const classBefore = live.describe();
    const loadAverage = Math.round((loadavg()[0] ?? 0) * 100) / 100;
    const until = Date.now() + SECONDS * 1000;
    const stopMeter = cpuMeter();
    const [frames, taps] = await Promise.all([
      sampleFrames(page, cdp, SECONDS * 1000),
      stage === 'tablet' ? actAsChild(page, live.activity, until) : Promise.resolve(0),
    ]);
    const cpu = stopMeter();
    const classAfter = live.describe() + (stage === 'tablet' ? `; this tablet tapped ${taps}×` : '');
    const budgetFps = BUDGET[stage];
    const marginFps = Math.round((frames.raf.medianFps - budgetFps) * 10) / 10;
    const met = frames.raf.medianFps >= budgetFps;
    const profile =
      PROFILE === 'always' || (PROFILE === 'miss' && !met) ? await profileTop(cdp, Math.min(5, SECONDS) * 1000) : null;
    const trace = args.trace
      ? await traceSummary(
          browser,
          page,
          3000,
          join(RESULTS, `trace-${stage}-${live.activity}-${renderer}-${STAMP}.json`),
        )
      : null;
    if (stage === 'tablet') await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    if (errors.length > 0) log(`  page errors: ${errors.join(' | ')}`);
    return {
      stage,
      activity: live.activity,
      renderer,
      viewport,
      cpuThrottling: stage === 'tablet' ? THROTTLE : 1,
      budgetFps,
      marginFps,
      met,
      frames,
      classBefore,
      classAfter,
      loadAverage,
      cpu,
      profile,
      trace,
    };
  } finally {
    await context.close();
  }
}

/** CPU ms a process spent per frame Phaser drew: a cost that machine load does not inflate much. */
function perFrame(m: Measurement, kind: 'renderer' | 'gpu-process'): number {
  const fps = m.frames.renders.meanFps || m.frames.raf.meanFps;
  return fps > 0 ? Math.round((m.cpu.chromium[kind] / fps) * 10) / 10 : Number.NaN;
}

function describe(m: Measurement): string {
  const { raf, renders, longTasks, mainThread } = m.frames;
  return [
    `  ${m.stage} · ${m.activity} · ${m.renderer} (probe saw: ${m.frames.renderer})${m.cpuThrottling > 1 ? ` · CPU ${m.cpuThrottling}× slower` : ''}`,
    `    rAF: median ${raf.medianFps} fps, p5 ${raf.p5Fps} fps, mean ${raf.meanFps} fps; frame ms p50 ${raf.frameMs.p50} / p95 ${raf.frameMs.p95} / p99 ${raf.frameMs.p99} / max ${raf.frameMs.max}; >50 ms: ${raf.longFrames}; ${raf.frames} frames in ${raf.seconds} s`,
    `    Phaser renders: median ${renders.medianFps} fps, p5 ${renders.p5Fps} fps, mean ${renders.meanFps} fps (${renders.frames} in ${renders.seconds} s)`,
    `    main thread: ${mainThread ? `${mainThread.taskMsPerSecond} ms/s busy (script ${mainThread.scriptMsPerSecond}, layout+style ${mainThread.layoutAndStyleMsPerSecond})` : 'n/a'}; long tasks ${longTasks.count} (total ${longTasks.totalMs} ms, max ${longTasks.maxMs} ms); load avg ${m.loadAverage}`,
    `    CPU ms/s: renderer ${m.cpu.chromium.renderer}, GPU process ${m.cpu.chromium['gpu-process']}, browser ${m.cpu.chromium.browser}, other Chromium ${m.cpu.chromium.other}; node (server + ${CHILDREN} tablets) ${m.cpu.node}`,
    `    CPU ms per Phaser frame: renderer ${perFrame(m, 'renderer')}, GPU process ${perFrame(m, 'gpu-process')}`,
    `    class: ${m.classBefore} → ${m.classAfter}`,
    `    budget ≥ ${m.budgetFps} fps median: ${m.met ? 'MET' : 'MISSED'} (${m.marginFps >= 0 ? '+' : ''}${m.marginFps} fps)`,
    ...(m.profile
      ? [
          '    CPU profile (self time, main thread):',
          ...m.profile.map((p) => `      ${String(p.share).padStart(5)} %  ${p.fn} ${p.where}`),
        ]
      : []),
    ...(m.trace
      ? [
          `    trace (${m.trace.file}), ms per second by event, nested events overlap:`,
          ...Object.entries(m.trace.processes)
            .filter(([process]) => /Renderer|GPU/i.test(process))
            .map(
              ([process, top]) =>
                `      ${process}: ${top
                  .slice(0, 6)
                  .map((e) => `${e.name} ${e.msPerSecond}`)
                  .join(' · ')}`,
            ),
        ]
      : []),
  ].join('\n');
}

function table(results: readonly Measurement[]): string {
  const head = [
    'stage',
    'activity',
    'renderer',
    'med fps',
    'p5 fps',
    'mean',
    'ft p50',
    'ft p95',
    'ft p99',
    '>50ms',
    'frames',
    'renders/s',
    'budget',
    'verdict',
  ];
  const rows = results.map((m) => [
    m.stage + (m.cpuThrottling > 1 ? ` (${m.cpuThrottling}x)` : ''),
    m.activity,
    m.renderer,
    String(m.frames.raf.medianFps),
    String(m.frames.raf.p5Fps),
    String(m.frames.raf.meanFps),
    String(m.frames.raf.frameMs.p50),
    String(m.frames.raf.frameMs.p95),
    String(m.frames.raf.frameMs.p99),
    String(m.frames.raf.longFrames),
    `${m.frames.raf.frames}/${m.frames.raf.seconds}s`,
    String(m.frames.renders.medianFps),
    `≥${m.budgetFps}`,
    `${m.met ? 'met' : 'MISSED'} ${m.marginFps >= 0 ? '+' : ''}${m.marginFps}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  ensureClassroomBuilt(args.build, log);
  mkdirSync(RESULTS, { recursive: true });
  const bench = await startBenchServer(log);
  const results: Measurement[] = [];
  const environment: Record<string, unknown> = {
    date: new Date().toISOString(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '',
    node: process.version,
    children: CHILDREN,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    signedIn: bench.cookie !== null,
    emotionMonsterCycle: EMOTION_CYCLE,
    cooperationConfig: COOPERATION_CONFIG,
  };
  log(`frame budget: ${CHILDREN} tablets, ${SECONDS} s samples after ${WARMUP} s warm-up, ${cpus().length} CPUs`);
  try {
    for (const renderer of RENDERERS) {
      const browser = await launch(renderer);
      environment.chromium = browser.version();
      try {
        const idle = await baseline(browser);
        environment[`baseline-${renderer}`] = idle;
        log(
          `\nbaseline (${renderer} browser, empty 1920×1080 page): median ${idle.medianFps} fps, p5 ${idle.p5Fps} fps, >50 ms ${idle.longFrames}; load avg ${loadavg()[0]?.toFixed(2)}`,
        );
        for (const activity of ACTIVITIES) {
          log(`\n${activity}, ${renderer}: ${CHILDREN} tablets join…`);
          const live = await startClass(bench, activity, CHILDREN);
          try {
            for (const stage of STAGES) {
              const m = await measure(browser, bench, live, stage, renderer);
              results.push(m);
              log(describe(m));
            }
          } finally {
            await live.stop();
          }
          log(
            `  class: ${live.stats.intents} intents (${live.stats.accepted} accepted), ${live.stats.hostSteps} teacher steps` +
              (activity === 'cooperation'
                ? `, ${live.stats.rounds} rounds, highest tower ${live.stats.maxHeight}`
                : ''),
          );
        }
        if (renderer === 'webgl' && environment.gl === undefined) {
          const context = await browser.newContext();
          const page = await context.newPage();
          environment.gl = await glRenderer(page);
          await context.close();
        }
      } finally {
        await browser.close();
      }
    }
  } finally {
    await bench.close();
  }

  log(`\n${table(results)}`);
  log(
    `\nWebGL here is ${String(environment.gl ?? 'SwiftShader (software)')}: Chromium runs with --disable-gpu, so GL is rasterised on the CPU` +
      ' and shares the two cores with the page, the server and the tablets. A classroom projector PC or tablet with a GPU renders in hardware.',
  );
  const file = join(RESULTS, `frames-${STAMP}.json`);
  writeFileSync(file, `${JSON.stringify({ environment, results }, null, 2)}\n`);
  log(`results: ${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
