/**
 * `pnpm heartlamp bench-reports [--data DIR]`: prints how fast the reports are on the demo's data
 * (run `pnpm heartlamp demo --stress` first). Figures, not a pass/fail: targets from the issue are
 * printed beside them — statistics over the 1M-participation set ≤ 200 ms, the term's XLSX ≤ 1 s,
 * the 1M-row CSV ≤ 5 s in flat memory (peak RSS printed).
 */
import { createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { getActivity } from '@heartlamp/activities';
import { writeExport } from '../reports/export.js';
import { isoDate, type Period, rangePeriod } from '../reports/period.js';
import { createReports, type ReportOptions } from '../reports/queries.js';
import { workbookBuffer } from '../reports/xlsx.js';
import { openDb, openReader } from '../store/db.js';
import { createSchool } from '../store/school.js';

export interface BenchOptions {
  dataDir: string;
  print: (line: string) => void;
}

const RUNS = 7;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** CPU time of this process (user + system), in ms: on a busy machine, what the work itself costs. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function timed<T>(runs: number, fn: () => T | Promise<T>): Promise<{ ms: number[]; cpu: number[]; result: T }> {
  const ms: number[] = [];
  const cpu: number[] = [];
  let result = await fn(); // warm-up: statements prepared, pages cached
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = cpuMs();
    result = await fn();
    ms.push(performance.now() - t);
    cpu.push(cpuMs() - c);
  }
  return { ms, cpu, result };
}

const line = ({ ms, cpu }: { ms: number[]; cpu: number[] }) =>
  `median ${median(ms).toFixed(1)} ms wall, ${median(cpu).toFixed(1)} ms CPU (wall min ${Math.min(...ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)}, ${ms.length} runs)`;

export async function benchCommand(options: BenchOptions): Promise<number> {
  const dbPath = join(resolve(options.dataDir), 'heartlamp.db');
  if (!existsSync(dbPath)) {
    options.print(
      `没有找到数据库 No database at ${dbPath}: run pnpm heartlamp demo --stress --data ${options.dataDir}`,
    );
    return 2;
  }
  const db = openDb(dbPath);
  const out = options.print;
  try {
    const counts = db.raw
      .prepare(
        `SELECT (SELECT COUNT(*) FROM participations) AS p, (SELECT COUNT(*) FROM sessions) AS s,
                (SELECT MIN(started_at) FROM sessions) AS first, (SELECT MAX(started_at) FROM sessions) AS last`,
      )
      .get() as { p: number; s: number; first: number | null; last: number | null };
    if (counts.p < 1_000_000 || counts.first === null || counts.last === null) {
      out(
        `只有 ${counts.p} 条参与记录。请先运行 pnpm heartlamp demo --stress --data ${options.dataDir}\nOnly ${counts.p} participations: run pnpm heartlamp demo --stress --data ${options.dataDir} first.`,
      );
      return 2;
    }
    const reportOptions: ReportOptions = { titleOf: (id) => getActivity(id)?.title['zh-CN'] ?? id };
    const reports = createReports(db, reportOptions);
    const school = createSchool(db);
    const all = rangePeriod(isoDate(counts.first), isoDate(counts.last));
    const term = school.currentTerm(isoDate(Date.now())) ?? school.terms()[0];
    const termPeriod: Period | null = term ? rangePeriod(term.startsOn, term.endsOn, term.id, term.name) : null;
    out(`数据 Data: ${counts.s} sessions, ${counts.p} participations, ${all.from} – ${all.to}`);
    out(`机器 Machine: ${process.platform} ${process.arch}, Node ${process.versions.node}, load ${loadAverage()}`);
    out('');

    // 1M-row CSV first, so the peak RSS it prints is its own (RSS only grows within a process).
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const file = join(tmpdir(), `heartlamp-bench-${process.pid}.csv`);
    const fileStream = createWriteStream(file);
    let written = 0;
    const samples: number[] = [];
    const sampling = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += 1;
        if (written % 16 === 0) peak = Math.max(peak, process.memoryUsage().rss);
        // Every ~16 MB of CSV: RSS along the way, to see it level off rather than grow with the rows.
        if (written % 512 === 0) samples.push(process.memoryUsage().rss);
        if (fileStream.write(chunk)) done();
        else fileStream.once('drain', () => done());
      },
      final(done) {
        fileStream.end(() => done());
      },
    });
    const csvStarted = performance.now();
    const csvCpu = cpuMs();
    const rows = await writeExport(
      'csv',
      { reports, openReader: () => openReader(dbPath), reportOptions },
      all,
      false,
      sampling,
    );
    const csvMs = performance.now() - csvStarted;
    const csvCpuMs = cpuMs() - csvCpu;
    const size = statSync(file).size;
    rmSync(file, { force: true });
    peak = Math.max(peak, process.memoryUsage().rss);
    out(`CSV RSS every ~16 MB written: ${samples.map((r) => Math.round(r / 1024 / 1024)).join(', ')} MB`);
    out(
      `CSV, all ${rows} participations: ${(csvMs / 1000).toFixed(2)} s wall, ${(csvCpuMs / 1000).toFixed(2)} s CPU, ${mb(size)}; RSS ${mb(rssBefore)} before, peak ${mb(peak)} during (target ≤ 5 s, flat memory)`,
    );

    const stats = await timed(RUNS, () => reports.stats(all));
    out(
      `Statistics view, all ${stats.result.totals.participations} participations (${stats.result.totals.sessions} sessions, ${stats.result.byMonth.length} months): ${line(stats)} (target ≤ 200 ms)`,
    );
    if (termPeriod) {
      const termStats = await timed(RUNS, () => reports.stats(termPeriod));
      out(
        `Statistics view, term ${termPeriod.label} (${termStats.result.totals.participations} participations): ${line(termStats)}`,
      );
      const xlsx = await timed(3, () => workbookBuffer(reports, termPeriod, true));
      out(
        `XLSX of the term, names included: ${line(xlsx)}, ${Math.round(xlsx.result.length / 1024)} KB (target ≤ 1 s)`,
      );
    }
    return 0;
  } finally {
    db.close();
  }
}

function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}
