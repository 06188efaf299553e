/**
 * Show it, 5: backups while 40 children keep answering.
 *
 * - "Back up now" (`POST /api/backup`, the console's button) and `pnpm heartlamp backup` (a
 *   separate process) both run mid-activity. Each copy passes `PRAGMA integrity_check`, and each
 *   is one consistent moment of the lesson: the same session and 40 participations as the live
 *   database, every stored answer one the child really sent and no older than what the child had
 *   been told was saved when the backup began, and the session snapshot agreeing with the ledger
 *   rows inside the same file.
 * - With the activity paused (children quiet, jars revealed, 40 tablets still connected) a third
 *   backup holds exactly the original's rows, table by table, and the semester exports
 *   (reports/export.ts: the participation CSV with names, and the work-summary figures) made from
 *   the backup and from the original are byte for byte the same. (The XLSX is left out: a workbook
 *   records when it was written.)
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { BackupReport, BackupResponse } from '@heartlamp/shared';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeExport } from '../../src/reports/export.js';
import { isoDate, rangePeriod } from '../../src/reports/period.js';
import { createReports, type ReportOptions } from '../../src/reports/queries.js';
import { openReader } from '../../src/store/db.js';
import { type Harness, startHarness } from '../harness.js';
import {
  Chatter,
  consoleView,
  countRows,
  createRng,
  joinAll,
  nicknameFor,
  report,
  type StoredAnswer,
  sleep,
  storedAnswers,
  storedForm,
  Teacher,
  watchEventLoop,
} from './lesson.js';
import { SimTablet } from './sim-tablet.js';
import { killAll, runCli } from './spawn.js';

const CHILDREN = 40;

let h: Harness;
let teacher: Teacher;
const tablets: SimTablet[] = [];

beforeAll(async () => {
  h = await startHarness();
  teacher = new Teacher(h.url, h.cookie);
});

afterAll(async () => {
  for (const t of tablets) t.close();
  teacher?.close();
  await killAll();
  await h?.close();
});

async function backUpNow(): Promise<BackupReport> {
  const response = await h.fetch(`/api/backup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const body = (await response.json()) as BackupResponse;
  if (!body.ok) throw new Error(`backup failed: ${body.error.message}`);
  expect(response.status).toBe(200);
  return body.data;
}

/** Every row of every table, in a stable order. */
function dump(db: BetterSqlite3.Database): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
  );
}

/** The participation CSV (with names) and the work-summary text a teacher would export from `path`. */
async function exportsOf(path: string): Promise<{ csv: string; summary: string }> {
  const day = 24 * 60 * 60 * 1000;
  const period = rangePeriod(isoDate(Date.now() - day), isoDate(Date.now() + day));
  const reportOptions: ReportOptions = { titleOf: (id) => id };
  const db = openReader(path);
  try {
    const sources = { reports: createReports(db, reportOptions), openReader: () => openReader(path), reportOptions };
    const text = async (format: 'csv' | 'summary') => {
      const chunks: Buffer[] = [];
      const out = new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      });
      await writeExport(format, sources, period, true, out);
      return Buffer.concat(chunks).toString('utf8');
    };
    return { csv: await text('csv'), summary: await text('summary') };
  } finally {
    db.close();
  }
}

function withCopy<T>(path: string, read: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

interface Consistency {
  integrity: string;
  answers: number;
  problems: string[];
}

/**
 * A backup taken mid-activity is one consistent moment: what it holds must have happened, must
 * not be older than what was acknowledged before it began, and must agree with itself.
 */
function checkMidLesson(path: string, ackedBefore: Map<SimTablet, number>): Consistency {
  return withCopy(path, (copy) => {
    const problems: string[] = [];
    const integrity = String(copy.pragma('integrity_check', { simple: true }));
    const cols = 'id, session_id, nickname, resume_token_hash, joined_at';
    const live = JSON.stringify(h.server.db.raw.prepare(`SELECT ${cols} FROM participations ORDER BY id`).all());
    if (JSON.stringify(copy.prepare(`SELECT ${cols} FROM participations ORDER BY id`).all()) !== live) {
      problems.push('participations differ from the live database');
    }
    const stored = storedAnswers(copy);
    for (const tablet of tablets) {
      const row = tablet.participantId ? stored.get(tablet.participantId) : undefined;
      const floor = ackedBefore.get(tablet) ?? -1;
      if (!row) {
        if (floor >= 0) problems.push(`${tablet.label}: acknowledged before the backup, missing from it`);
        continue;
      }
      const index = tablet.acks.findIndex((a) => a.clientIntentId === row.clientIntentId);
      const sent = tablet.acks[index];
      if (!sent) problems.push(`${tablet.label}: stored an intent the tablet never sent`);
      else if (JSON.stringify(storedForm(sent.intent)) !== JSON.stringify(row.value)) {
        problems.push(`${tablet.label}: stored value differs from the intent with its id`);
      } else if (index < floor) problems.push(`${tablet.label}: older than what was acknowledged before the backup`);
    }
    const session = copy.prepare('SELECT snapshot FROM sessions').get() as { snapshot: string };
    const snapshot = JSON.parse(session.snapshot) as {
      answers: Record<string, { choice: string; intensity: number | null; reason: string | null }>;
    };
    const inSnapshot = Object.entries(snapshot.answers).map(([id, a]) => [id, JSON.stringify(toStored(a))]);
    const inLedger = [...stored.values()].map((r) => [r.participantId, JSON.stringify(r.value)]);
    if (JSON.stringify(inSnapshot.sort()) !== JSON.stringify(inLedger.sort())) {
      problems.push('the session snapshot disagrees with the ledger rows in the same file');
    }
    return { integrity, answers: stored.size, problems };
  });
}

function toStored(a: { choice: string; intensity: number | null; reason: string | null }): StoredAnswer {
  return { emotion: a.choice, intensity: a.intensity, reason: a.reason };
}

it('backs up a live lesson into sound, consistent copies; paused, the copy equals the original', async () => {
  const loop = watchEventLoop();
  const code = await teacher.createSession();
  for (let i = 0; i < CHILDREN; i++) {
    tablets.push(new SimTablet({ origin: h.url, code, nickname: nicknameFor(i), label: `tablet-${i}` }));
  }
  await joinAll(tablets);
  await teacher.start();
  const rng = createRng(5);
  const chatters = tablets.map((t) => new Chatter(t, rng, { min: 300, max: 900 }));
  for (const c of chatters) c.start();
  await sleep(3000);

  // "Back up now" and the command line, while the answers keep coming.
  const floor = () => new Map(tablets.map((t) => [t, t.acks.findLastIndex((a) => a.ack.ok)]));
  const acksBefore = tablets.reduce((n, t) => n + t.acks.length, 0);
  const floorApi = floor();
  const apiStarted = Date.now();
  const cliOut = join(h.dataDir, 'cli-backup.db');
  const floorCli = floor();
  let apiWall = 0;
  let acksDuring = 0;
  const [live, cli] = await Promise.all([
    backUpNow().then((report) => {
      apiWall = Date.now() - apiStarted;
      acksDuring = tablets.reduce((n, t) => n + t.acks.length, 0) - acksBefore;
      return report;
    }),
    runCli(['backup', '--data', h.dataDir, '--out', cliOut]),
  ]);
  await sleep(2000);

  // Pause: quiet children, jars revealed, every tablet still connected.
  await Promise.all(chatters.map((c) => c.pause()));
  expect((await teacher.host({ type: 'reveal' })).ok).toBe(true);
  await teacher.until((s) => consoleView(s.view).phase === 'reveal', 5000, 'the reveal');
  await teacher.until((s) => s.participants.filter((p) => p.connected).length === CHILDREN, 5000, 'all online');
  const paused = await backUpNow();
  const original = dump(h.server.db.raw);
  const copy = withCopy(paused.path, dump);
  const originalExports = await exportsOf(join(h.dataDir, 'heartlamp.db'));
  const copyExports = await exportsOf(paused.path);

  const midApi = checkMidLesson(live.path, floorApi);
  const midCli = checkMidLesson(cliOut, floorCli);
  const rows = Object.entries(original)
    .map(([name, r]) => `${name} ${r.length}`)
    .join(', ');
  report('5 · backups while 40 children answer', [
    `"Back up now" mid-activity: ${live.file}, ${(live.bytes / 1024).toFixed(0)} KB, ${live.ms} ms ` +
      `(request ${apiWall} ms), integrity_check ${live.integrity}; ${acksDuring} answers acknowledged meanwhile`,
    `  consistent moment: answers ${midApi.answers}, integrity ${midApi.integrity}, problems ${midApi.problems.length}`,
    `pnpm heartlamp backup mid-activity: exit ${cli.code}; ${cli.stdout.trim()}`,
    `  consistent moment: answers ${midCli.answers}, integrity ${midCli.integrity}, problems ${midCli.problems.length}`,
    `paused, "Back up now": ${(paused.bytes / 1024).toFixed(0)} KB, ${paused.ms} ms, integrity_check ${paused.integrity}; ` +
      `equal to the original in every table: ${JSON.stringify(copy) === JSON.stringify(original)} (${rows})`,
    `  exports from the copy and the original: CSV ${copyExports.csv.length} bytes, ` +
      `${copyExports.csv.trim().split('\n').length - 1} rows, same ${copyExports.csv === originalExports.csv}; ` +
      `work summary same ${copyExports.summary === originalExports.summary}`,
    loop(),
  ]);

  expect(live.integrity).toBe('ok');
  expect(midApi).toEqual({ integrity: 'ok', answers: expect.any(Number), problems: [] });
  expect(cli.code).toBe(0);
  expect(midCli).toEqual({ integrity: 'ok', answers: expect.any(Number), problems: [] });
  expect(paused.integrity).toBe('ok');
  expect(copy).toEqual(original);
  expect(copyExports.csv.split('\n').length).toBeGreaterThan(CHILDREN);
  expect(copyExports).toEqual(originalExports);
  expect(countRows(h.server.db.raw, 'participations')).toBe(CHILDREN);
});
