/**
 * Turns the runs into the printed tables (metric | A | B | C | C/A | C/B, one table per Heartlamp
 * activity) and the targets of issue 7, each with met / missed and the margin. Medians are over the
 * valid runs (generator event-loop p99 ≤ 10 ms); when no run is valid, over all, marked INVALID.
 */
import type { ActivityId, LoadResult, ReconnectResult, TargetId } from './ipc.js';
import { median } from './stats.js';

export interface Run {
  repeat: number;
  connectMs: number;
  sockets: number;
  load: LoadResult;
  cpuMs: number;
  cpuPer1000: number;
  cpuShare: number;
  rssBase: number;
  rssFull: number;
  rssPerChildKB: number;
  heapPerChildKB: number;
  dropped: number;
  reconnect: ReconnectResult;
  valid: boolean;
  /** The machine's 1-minute load average before and after: other work on the box skews latency. */
  loadAverage: number[];
}

export interface CapacityStep {
  rooms: number;
  connections: number;
  ackP99: number;
  viewP99: number;
  eldP99Ms: number;
  cpuShare: number;
  timedOut: number;
  held: boolean;
  valid: boolean;
  note: string;
}

export interface CaseResult {
  id: string;
  label: string;
  target: TargetId;
  activity: ActivityId;
  runs: Run[];
  ladder: CapacityStep[] | null;
}

interface Figures {
  cpuPer1000: number;
  ackP50: number;
  ackP95: number;
  ackP99: number;
  viewP50: number;
  viewP95: number;
  viewP99: number;
  rssPerChildKB: number;
  reconnectMs: number;
  maxRooms: number;
  /** The ladder stopped on a lagging generator or at its top step: the server may hold more. */
  maxRoomsAtLeast: boolean;
  maxRoomsNote: string;
  eldP99Ms: number;
  validRuns: string;
  invalid: boolean;
  viewLabel: string;
}

function figures(c: CaseResult): Figures {
  const valid = c.runs.filter((r) => r.valid);
  const use = valid.length > 0 ? valid : c.runs;
  const m = (pick: (r: Run) => number) => median(use.map(pick));
  const ladder = capacityOf(c.ladder);
  return {
    cpuPer1000: m((r) => r.cpuPer1000),
    ackP50: m((r) => r.load.ack.p50),
    ackP95: m((r) => r.load.ack.p95),
    ackP99: m((r) => r.load.ack.p99),
    viewP50: m((r) => r.load.projector.p50),
    viewP95: m((r) => r.load.projector.p95),
    viewP99: m((r) => r.load.projector.p99),
    rssPerChildKB: m((r) => r.rssPerChildKB),
    reconnectMs: m((r) => r.reconnect.ms),
    maxRooms: ladder.rooms,
    maxRoomsAtLeast: ladder.atLeast,
    maxRoomsNote: ladder.note,
    eldP99Ms: m((r) => r.load.eldP99Ms),
    validRuns: `${valid.length}/${c.runs.length}`,
    invalid: valid.length === 0 && c.runs.length > 0,
    viewLabel: c.runs[0]?.load.projectorLabel ?? '',
  };
}

/** The most rooms held (ack p99 < 100 ms, valid generator); and why the ladder stopped. */
function capacityOf(ladder: CapacityStep[] | null): { rooms: number; atLeast: boolean; note: string } {
  if (!ladder || ladder.length === 0) return { rooms: Number.NaN, atLeast: false, note: '' };
  let rooms = 0;
  for (const step of ladder) if (step.held && step.valid) rooms = step.rooms;
  const last = ladder[ladder.length - 1];
  if (!last) return { rooms, atLeast: false, note: '' };
  if (!last.valid)
    return { rooms, atLeast: true, note: `held ≥ ${rooms}; generator lagged at ${last.rooms} (INVALID)` };
  if (!last.held)
    return { rooms, atLeast: false, note: `held ${rooms}; ${last.note || `p99 ≥ 100 ms at ${last.rooms}`}` };
  return { rooms, atLeast: true, note: `held ≥ ${rooms} (the top step)` };
}

const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const ratio = (c: number, ref: number) =>
  Number.isFinite(c) && Number.isFinite(ref) && ref > 0 ? c / ref : Number.NaN;

interface Row {
  metric: string;
  pick: (f: Figures) => number;
  digits?: number;
  /** Marks a lower bound (`≥`) in the printed cell. */
  atLeast?: (f: Figures) => boolean;
}

const ROWS: Row[] = [
  { metric: 'server CPU ms per 1,000 intents', pick: (f) => f.cpuPer1000, digits: 1 },
  { metric: 'intent → ack p50 (ms)', pick: (f) => f.ackP50, digits: 2 },
  { metric: 'intent → ack p95 (ms)', pick: (f) => f.ackP95, digits: 2 },
  { metric: 'intent → ack p99 (ms)', pick: (f) => f.ackP99, digits: 2 },
  { metric: 'intent → view p50 (ms) †', pick: (f) => f.viewP50, digits: 2 },
  { metric: 'intent → view p95 (ms) †', pick: (f) => f.viewP95, digits: 2 },
  { metric: 'intent → view p99 (ms) †', pick: (f) => f.viewP99, digits: 2 },
  { metric: 'RSS per connected child (KB)', pick: (f) => f.rssPerChildKB, digits: 1 },
  { metric: '40 tablets reconnect (ms)', pick: (f) => f.reconnectMs, digits: 0 },
  { metric: 'most rooms ×30, ack p99 < 100 ms', pick: (f) => f.maxRooms, digits: 0, atLeast: (f) => f.maxRoomsAtLeast },
  { metric: 'generator event-loop p99 (ms)', pick: (f) => f.eldP99Ms, digits: 1 },
];

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

export interface Target {
  target: string;
  activity: string;
  value: number;
  limit: number;
  met: boolean | null;
  detail: string;
}

export function printReport(results: CaseResult[], log: (line: string) => void) {
  const byId = new Map(results.map((c) => [c.id, figures(c)]));
  const a = byId.get('A');
  const b = byId.get('B');
  const tables: Record<string, Record<string, number | string>[]> = {};
  const targets: Target[] = [];
  for (const c of results.filter((r) => r.target === 'C')) {
    const f = byId.get(c.id);
    if (!f) continue;
    log(
      `\n${c.label} — medians of ${f.validRuns} valid run(s)${f.invalid ? ' — INVALID: the generator lagged in every run' : ''}`,
    );
    const rows = ROWS.map((row) => {
      const [va, vb, vc] = [a, b, f].map((x) => (x ? row.pick(x) : Number.NaN)) as [number, number, number];
      const cell = (x: Figures | undefined, v: number) => `${x && row.atLeast?.(x) ? '≥' : ''}${fmt(v, row.digits)}`;
      return [row.metric, cell(a, va), cell(b, vb), cell(f, vc), fmt(ratio(vc, va), 2), fmt(ratio(vc, vb), 2)];
    });
    log(table(['metric', 'A ws', 'B socket.io', 'C heartlamp', 'C/A', 'C/B'], rows));
    log(`† view = A/B: ${a?.viewLabel || 'intent → projector push naming it'}; C: ${f.viewLabel}`);
    const notes = [a, b, f]
      .map((x, i) => (x?.maxRoomsNote ? `${['A', 'B', 'C'][i]} ${x.maxRoomsNote}` : ''))
      .filter(Boolean);
    if (notes.length) log(`  rooms ladder: ${notes.join('; ')}`);
    tables[c.id] = ROWS.map((row) => ({
      metric: row.metric,
      A: a ? row.pick(a) : Number.NaN,
      B: b ? row.pick(b) : Number.NaN,
      C: row.pick(f),
      'C/A': ratio(row.pick(f), a ? row.pick(a) : Number.NaN),
      'C/B': ratio(row.pick(f), b ? row.pick(b) : Number.NaN),
    }));

    const check = (target: string, value: number, limit: number, detail: string, lagged = false) => {
      const met = Number.isFinite(value) && !lagged ? value <= limit : null;
      targets.push({
        target,
        activity: c.activity,
        value,
        limit,
        met,
        detail: lagged ? 'generator lagged in every run' : detail,
      });
    };
    const lagged = f.invalid || b?.invalid === true;
    check('CPU per 1,000 intents C/B ≤ 1.5', ratio(f.cpuPer1000, b?.cpuPer1000 ?? Number.NaN), 1.5, '');
    check('CPU per 1,000 intents C/A ≤ 2.0', ratio(f.cpuPer1000, a?.cpuPer1000 ?? Number.NaN), 2.0, '');
    check('p50 latency C/B ≤ 1.5 (intent → ack)', ratio(f.ackP50, b?.ackP50 ?? Number.NaN), 1.5, '', lagged);
    check(
      'p50 latency C/B ≤ 1.5 (intent → view)',
      ratio(f.viewP50, b?.viewP50 ?? Number.NaN),
      1.5,
      'C includes its deliberate ≤100 ms coalescing; B pushes every intent at once',
      lagged,
    );
    check('RSS ≤ 60 KB per connected child', f.rssPerChildKB, 60, '');
    // ≥ 80 rooms wherever B holds them: B's own figure when B provably fails below 80.
    const bRooms = b?.maxRooms ?? Number.NaN;
    const bExact = b !== undefined && Number.isFinite(bRooms) && !b.maxRoomsAtLeast;
    const needRooms = bExact && bRooms < 80 ? bRooms : 80;
    const cMet = Number.isFinite(f.maxRooms) ? f.maxRooms >= needRooms : null;
    targets.push({
      target: `≥ ${needRooms} rooms × 30 with ack p99 < 100 ms`,
      activity: c.activity,
      value: f.maxRooms,
      limit: needRooms,
      // A ladder cut short by a lagging generator proves only a lower bound.
      met: cMet === false && f.maxRoomsAtLeast ? null : cMet,
      detail: `B held ${b ? `${b.maxRoomsAtLeast ? '≥' : ''}${fmt(bRooms, 0)}` : '—'}, C ${f.maxRoomsNote}`,
    });
  }
  log('\nTargets (issue 7)');
  log(
    table(
      ['target', 'activity', 'value', 'limit', 'result'],
      targets.map((t) => [
        t.target,
        t.activity,
        fmt(t.value, 2),
        fmt(t.limit, t.limit >= 10 ? 0 : 1),
        `${t.met === null ? 'n/a (inconclusive)' : t.met ? 'met' : 'MISSED'}${t.detail ? ` — ${t.detail}` : ''}`,
      ]),
    ),
  );
  return { tables, targets, figures: Object.fromEntries(byId) };
}
