/**
 * Frame sampling in the page, and the figures made from it.
 *
 * - rAF cadence: a requestAnimationFrame loop records every frame's timestamp for N seconds — how
 *   many frames the browser actually produced while Phaser ran (Phaser steps in the same frames).
 * - Phaser renders: an init script wraps `clear` of WebGL contexts and `clearRect` of 2D contexts,
 *   and notes the frame (rAF timestamp) when the canvas being cleared is in the document (the
 *   game's canvas; Text objects draw on detached canvases). A frame with such a call is a frame
 *   Phaser rendered. This matters where a scene caps its own rate (the cooperation scenes ask
 *   Phaser for 30 fps), so the browser's frames and the stage's frames differ.
 * - Long tasks (PerformanceObserver) and the renderer's main-thread time (CDP Performance metrics).
 *
 * The in-page code is plain JavaScript in strings: tsx (esbuild with keepNames) would wrap functions
 * passed to page.evaluate in helpers that do not exist in the page.
 */
import type { CDPSession, Page } from 'playwright-core';

/** Runs before any page script (page.addInitScript). */
export const FRAME_PROBE_SCRIPT = `(() => {
  const probe = { recording: false, marks: [], kind: 'none', frame: 0 };
  Object.defineProperty(window, '__hlFrameProbe', { value: probe });
  // Every rAF callback learns which frame it runs in, so a render is put in its own frame even
  // when the callbacks run late.
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => raf((t) => {
    probe.frame = t;
    callback(t);
  });
  const note = (canvas, kind) => {
    if (!(canvas instanceof HTMLCanvasElement) || !canvas.isConnected) return;
    probe.kind = kind;
    if (probe.recording && probe.marks[probe.marks.length - 1] !== probe.frame) probe.marks.push(probe.frame);
  };
  for (const Ctx of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    if (!Ctx) continue;
    const clear = Ctx.prototype.clear;
    Ctx.prototype.clear = function (mask) {
      note(this.canvas, 'webgl');
      return clear.call(this, mask);
    };
  }
  const clearRect = CanvasRenderingContext2D.prototype.clearRect;
  CanvasRenderingContext2D.prototype.clearRect = function (x, y, w, h) {
    note(this.canvas, 'canvas');
    return clearRect.call(this, x, y, w, h);
  };
})();`;

/**
 * An experiment, not the app: WebGL contexts created without multisampling (as Phaser's
 * `render.antialiasGL: false` would ask), to see what MSAA costs in software GL.
 */
export const NO_MSAA_SCRIPT = `(() => {
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, attributes) {
    if (type === 'webgl' || type === 'webgl2' || type === 'experimental-webgl') {
      return getContext.call(this, type, { ...(attributes || {}), antialias: false });
    }
    return getContext.call(this, type, attributes);
  };
})();`;

/** Samples rAF timestamps for `ms` milliseconds; resolves with the raw data. */
const SAMPLER = `(ms) => new Promise((resolve) => {
  const probe = window.__hlFrameProbe;
  const ticks = [];
  const longTasks = [];
  let observer = null;
  try {
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
  } catch {}
  if (probe) { probe.marks = []; probe.recording = true; }
  const started = performance.now();
  const frame = (t) => {
    ticks.push(t);
    if (performance.now() - started < ms) { requestAnimationFrame(frame); return; }
    if (probe) probe.recording = false;
    if (observer) observer.disconnect();
    resolve({
      ticks,
      marks: probe ? probe.marks.slice() : [],
      renderer: probe ? probe.kind : 'unknown',
      longTasks,
      wallMs: performance.now() - started,
    });
  };
  requestAnimationFrame(frame);
})`;

export interface RawSample {
  ticks: number[];
  marks: number[];
  renderer: string;
  longTasks: number[];
  wallMs: number;
}

export interface CadenceStats {
  frames: number;
  seconds: number;
  medianFps: number;
  /** The 5th percentile of instantaneous fps: 1000 / the 95th percentile frame time. */
  p5Fps: number;
  meanFps: number;
  frameMs: { p50: number; p95: number; p99: number; max: number };
  /** Frames longer than 50 ms. */
  longFrames: number;
}

export interface MainThread {
  /** Renderer main-thread busy time per second of wall time, in ms (CDP TaskDuration). */
  taskMsPerSecond: number;
  scriptMsPerSecond: number;
  layoutAndStyleMsPerSecond: number;
}

export interface FrameResult {
  /** Browser frames (rAF callbacks). */
  raf: CadenceStats;
  /** Frames in which Phaser drew its canvas. */
  renders: CadenceStats;
  /** 'webgl' or 'canvas', as seen by the probe. */
  renderer: string;
  longTasks: { count: number; totalMs: number; maxMs: number };
  mainThread: MainThread | null;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function cadence(timestamps: readonly number[]): CadenceStats {
  const intervals: number[] = [];
  for (let i = 1; i < timestamps.length; i++) intervals.push((timestamps[i] ?? 0) - (timestamps[i - 1] ?? 0));
  const sorted = [...intervals].sort((a, b) => a - b);
  const span = (timestamps.at(-1) ?? 0) - (timestamps[0] ?? 0);
  const p50 = percentile(sorted, 0.5);
  const p95 = percentile(sorted, 0.95);
  return {
    frames: intervals.length,
    seconds: round1(span / 1000),
    medianFps: round1(1000 / p50),
    p5Fps: round1(1000 / p95),
    meanFps: round1(span > 0 ? (intervals.length * 1000) / span : 0),
    frameMs: {
      p50: round1(p50),
      p95: round1(p95),
      p99: round1(percentile(sorted, 0.99)),
      max: round1(sorted.at(-1) ?? Number.NaN),
    },
    longFrames: intervals.filter((d) => d > 50).length,
  };
}

/** The frames (by rAF timestamp) in which Phaser drew, within the sampled span. */
export function renderedFrames(ticks: readonly number[], marks: readonly number[]): number[] {
  const first = ticks[0] ?? 0;
  const last = ticks.at(-1) ?? 0;
  return [...new Set(marks)].filter((t) => t >= first && t <= last).sort((a, b) => a - b);
}

type Metrics = Map<string, number>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return new Map(list.map((m) => [m.name, m.value]));
}

function isRawSample(value: unknown): value is RawSample {
  return typeof value === 'object' && value !== null && 'ticks' in value && Array.isArray(value.ticks);
}

/** Samples `ms` of frames on `page` (`cdp` is a CDP session on it, for main-thread metrics). */
export async function sampleFrames(page: Page, cdp: CDPSession, ms: number): Promise<FrameResult> {
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const before = await metrics(cdp);
  const raw: unknown = await page.evaluate(`(${SAMPLER})(${ms})`);
  const after = await metrics(cdp);
  if (!isRawSample(raw)) throw new Error('the frame sampler returned nothing usable');
  const wallS = raw.wallMs / 1000;
  const delta = (name: string) => ((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000;
  const perSecond = (ms: number) => round1(ms / wallS);
  const mainThread: MainThread | null = after.has('TaskDuration')
    ? {
        taskMsPerSecond: perSecond(delta('TaskDuration')),
        scriptMsPerSecond: perSecond(delta('ScriptDuration')),
        layoutAndStyleMsPerSecond: perSecond(delta('LayoutDuration') + delta('RecalcStyleDuration')),
      }
    : null;
  return {
    raf: cadence(raw.ticks),
    renders: cadence(renderedFrames(raw.ticks, raw.marks)),
    renderer: raw.renderer,
    longTasks: {
      count: raw.longTasks.length,
      totalMs: Math.round(raw.longTasks.reduce((a, b) => a + b, 0)),
      maxMs: Math.round(Math.max(0, ...raw.longTasks)),
    },
    mainThread,
  };
}

export interface ProfileEntry {
  /** Self time, ms, and its share of all samples. */
  selfMs: number;
  share: number;
  fn: string;
  where: string;
}

/**
 * A sampling CPU profile of the page's main thread for `ms`, summed by function (self time): what
 * the frame time is spent on. Taken after the frame sample, never during it (profiling slows).
 */
export async function profileTop(cdp: CDPSession, ms: number, top = 14): Promise<ProfileEntry[]> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  await new Promise((done) => setTimeout(done, ms));
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  const byNode = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    byNode.set(id, (byNode.get(id) ?? 0) + (deltas[i] ?? 0));
  });
  const byFunction = new Map<string, { us: number; fn: string; where: string }>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = byNode.get(node.id) ?? 0;
    total += us;
    if (us === 0) continue;
    const frame = node.callFrame;
    const file = frame.url.split('/').at(-1) ?? '';
    const where = file ? `${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : '';
    const fn = frame.functionName || '(anonymous)';
    const key = `${fn}@${where}`;
    const entry = byFunction.get(key) ?? { us: 0, fn, where };
    entry.us += us;
    byFunction.set(key, entry);
  }
  return [...byFunction.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({
      selfMs: Math.round(e.us / 1000),
      share: round1((100 * e.us) / Math.max(1, total)),
      fn: e.fn,
      where: e.where,
    }));
}
