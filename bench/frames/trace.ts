/**
 * A short Chromium trace (gpu, viz, cc, blink, v8 categories) and a summary of it: total duration
 * of complete events by name, per process (renderer, GPU process, browser). Events nest, so the
 * totals overlap; they say which kinds of work dominate, not an exact split. The trace itself is
 * saved next to the results (open it in chrome://tracing or Perfetto).
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

const CATEGORIES = ['gpu', 'viz', 'cc', 'blink', 'v8', 'toplevel', 'devtools.timeline'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  dur?: number;
  args?: { name?: string };
}

export interface TraceSummary {
  file: string;
  /** Per process name: the top event names by total duration (ms per second of trace). */
  processes: Record<string, { name: string; msPerSecond: number }[]>;
}

function isTrace(value: unknown): value is { traceEvents: TraceEvent[] } {
  return typeof value === 'object' && value !== null && 'traceEvents' in value && Array.isArray(value.traceEvents);
}

export async function traceSummary(browser: Browser, page: Page, ms: number, file: string): Promise<TraceSummary> {
  await browser.startTracing(page, { categories: CATEGORIES });
  await new Promise((done) => setTimeout(done, ms));
  const buffer = await browser.stopTracing();
  writeFileSync(file, buffer);
  const parsed: unknown = JSON.parse(buffer.toString('utf8'));
  const events = isTrace(parsed) ? parsed.traceEvents : [];
  const names = new Map<number, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'process_name' && e.args?.name) names.set(e.pid, e.args.name);
  const totals = new Map<string, Map<string, number>>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const process = names.get(e.pid) ?? `pid ${e.pid}`;
    const byName = totals.get(process) ?? new Map<string, number>();
    byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur);
    totals.set(process, byName);
  }
  const seconds = ms / 1000;
  const processes: TraceSummary['processes'] = {};
  for (const [process, byName] of totals) {
    processes[process] = [...byName]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, us]) => ({ name, msPerSecond: Math.round(us / 1000 / seconds) }));
  }
  return { file, processes };
}
