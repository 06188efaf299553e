/**
 * Show it, 3: the server is a real `heartlamp start` process. 40 children answer; on the 25th
 * acknowledgement the process is killed with SIGKILL — no shutdown handler, no final flush — and
 * started again on the same data folder and port.
 *
 * Every answer a tablet was told was saved is in the database the dead process left behind
 * (read from a copy, so the check cannot change what the restart sees); the restarted server
 * brings the session back; 40/40 tablets return as themselves within 15 s of the restarted server
 * answering; the answers that were in flight are applied once; and the lesson goes on — the
 * children answer again and the teacher reveals the jars.
 *
 * The 15 s are counted from the moment the new process answers `/api/health`, because that is when
 * reconnecting becomes possible: how long the process takes to start is the machine's (Node
 * loading and compiling the server), and is printed beside it.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setUpTeacher } from '../harness.js';
import {
  backAt,
  Chatter,
  checkLedger,
  consoleView,
  countRows,
  createRng,
  joinAll,
  lastAcked,
  ms,
  nicknameFor,
  poll,
  report,
  sleep,
  spread,
  storedAnswers,
  Teacher,
  tabletView,
  viewMatches,
  watchEventLoop,
} from './lesson.js';
import { type AckRecord, SimTablet } from './sim-tablet.js';
import { freePort, killAll, type ServerProcess, spawnServer } from './spawn.js';

const CHILDREN = 40;
const ACKED_BEFORE_KILL = 25;
const BACK_WITHIN_MS = 15_000;

const dataDir = mkdtempSync(join(tmpdir(), 'heartlamp-kill9-'));
const dbPath = join(dataDir, 'heartlamp.db');
let teacher: Teacher | undefined;
const tablets: SimTablet[] = [];

beforeAll(() => {
  expect(existsSync(dbPath)).toBe(false);
});

afterAll(async () => {
  for (const t of tablets) t.close();
  teacher?.close();
  await killAll();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Reads the database as a restart would find it — file and write-ahead log — from a copy, so that
 * SQLite's crash recovery on opening it cannot change what the real restart sees.
 */
function readCrashCopy<T>(read: (db: BetterSqlite3.Database) => T): T {
  const copyDir = mkdtempSync(join(tmpdir(), 'heartlamp-crash-copy-'));
  try {
    for (const suffix of ['', '-wal']) {
      if (existsSync(dbPath + suffix)) copyFileSync(dbPath + suffix, join(copyDir, `heartlamp.db${suffix}`));
    }
    const db = new BetterSqlite3(join(copyDir, 'heartlamp.db'));
    try {
      return read(db);
    } finally {
      db.close();
    }
  } finally {
    rmSync(copyDir, { recursive: true, force: true });
  }
}

it('keeps every acknowledged answer through kill -9 and carries the lesson on', async () => {
  const loop = watchEventLoop();
  const port = await freePort();
  const first: ServerProcess = await spawnServer({ dataDir, port });
  teacher = new Teacher(first.origin, await setUpTeacher(first.origin));
  const code = await teacher.createSession();
  for (let i = 0; i < CHILDREN; i++) {
    tablets.push(new SimTablet({ origin: first.origin, code, nickname: nicknameFor(i), label: `tablet-${i}` }));
  }
  await joinAll(tablets);
  await teacher.start();
  const rng = createRng(99);
  const chatters = tablets.map((t) => new Chatter(t, rng, { min: 1000, max: 2000 }));

  // Every child answers once, 30 ms apart; the 25th acknowledgement pulls the plug.
  let acked = 0;
  let killAt = 0;
  let killed: Promise<void> | undefined;
  const answers: Promise<AckRecord | null>[] = [];
  for (const c of chatters) {
    answers.push(
      c.tap().then((record) => {
        if (record?.ack.ok) acked += 1;
        if (acked === ACKED_BEFORE_KILL && !killed) {
          killAt = Date.now();
          killed = first.kill9();
        }
        return record;
      }),
    );
    await sleep(30);
  }
  await poll(() => killed !== undefined, 10_000, '25 acknowledged answers');
  await killed;
  const ackedAtKill = tablets.flatMap((t) => t.acks.filter((a) => a.ack.ok));

  // What the dead process left: every acknowledged answer, with the id the tablet sent.
  const { onDisk, integrity } = readCrashCopy((db) => ({
    onDisk: storedAnswers(db),
    integrity: db.pragma('integrity_check', { simple: true }),
  }));
  const acknowledgedOnDisk = tablets.filter((t) => {
    const last = lastAcked(t);
    return last && t.participantId && onDisk.get(t.participantId)?.clientIntentId === last.clientIntentId;
  }).length;
  expect(integrity).toBe('ok');
  expect(ackedAtKill.length).toBeGreaterThanOrEqual(ACKED_BEFORE_KILL);
  expect(acknowledgedOnDisk).toBe(ackedAtKill.length);

  // Restart on the same folder and port; the tablets and the console find it by themselves.
  const restartAt = Date.now();
  const second = await spawnServer({ dataDir, port });
  const readyAt = Date.now();
  await Promise.all(
    tablets.map((t) =>
      t.until(() => backAt(t, killAt) !== null, BACK_WITHIN_MS + 5000, 'coming back after the restart'),
    ),
  );
  const backSinceRestart = tablets.map((t) => (backAt(t, killAt) ?? Number.NaN) - restartAt);
  const backSinceReady = tablets.map((t) => (backAt(t, killAt) ?? Number.NaN) - readyAt);
  const backSinceKill = tablets.map((t) => (backAt(t, killAt) ?? Number.NaN) - killAt);
  const inFlight = await Promise.all(answers);
  await teacher.until((s) => s.participants.length === CHILDREN, 10_000, 'the console to re-attach');
  await teacher.until((s) => s.participants.every((p) => p.connected), 10_000, 'all 40 online');

  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    // The answers in flight at the kill were retried with their ids and applied once.
    expect(inFlight.every((r) => r?.ack.ok === true)).toBe(true);
    expect(checkLedger(tablets, db).mismatches).toEqual([]);
    const retriedAcrossRestart = inFlight.filter((r) => r && r.ackedAt > killAt).length;

    // The lesson goes on: everyone changes their answer, then the teacher reveals the jars.
    const changed = await Promise.all(chatters.map((c) => c.tap()));
    expect(changed.every((r) => r?.ack.ok === true)).toBe(true);
    expect((await teacher.host({ type: 'reveal' })).ok).toBe(true);
    await teacher.until((s) => consoleView(s.view).phase === 'reveal', 5000, 'the reveal');
    await sleep(500);
    await poll(() => tablets.every((t) => viewMatches(t, teacher?.latest ?? null)), 5000, 'every tablet at the reveal');
    expect(tablets.every((t) => tabletView(t.latestState?.view).phase === 'reveal')).toBe(true);

    const ledger = checkLedger(tablets, db);
    const participations = countRows(db, 'participations');
    const sessions = db.prepare('SELECT status FROM sessions').all() as { status: string }[];
    report('3 · kill -9 after 25 acknowledged answers, restart on the same data', [
      `acknowledged before the kill ${ackedAtKill.length}; in the database the dead process left ` +
        `${acknowledgedOnDisk}/${ackedAtKill.length} (rows on disk ${onDisk.size}, integrity_check ${integrity})`,
      `restart to /api/health answering: ${readyAt - restartAt} ms`,
      `tablets back after the server answered: ${ms(spread(backSinceReady))}`,
      `tablets back after the restart began:  ${ms(spread(backSinceRestart))}`,
      `tablets back after the kill:           ${ms(spread(backSinceKill))}`,
      `back within ${BACK_WITHIN_MS / 1000} s of the server answering: ${backSinceReady.filter((d) => d <= BACK_WITHIN_MS).length}/${CHILDREN}, ` +
        `of the restart beginning: ${backSinceRestart.filter((d) => d <= BACK_WITHIN_MS).length}/${CHILDREN}; ` +
        `same participant ${tablets.filter((t) => t.joins.every((j) => j.participantId === t.joins[0]?.participantId)).length}/${CHILDREN}`,
      `answers in flight at the kill, acknowledged after the restart: ${retriedAcrossRestart}`,
      `after the restart: ${changed.length}/${CHILDREN} new answers acknowledged, reveal ok, ` +
        `every tablet at the reveal`,
      `database: answers stored ${ledger.stored} = children with an acknowledged answer ${ledger.acknowledged}, ` +
        `mismatches ${ledger.mismatches.length}; participations ${participations}; sessions ${sessions.map((s) => s.status).join(',')}`,
      loop(),
    ]);
    expect(backSinceReady.every((d) => d <= BACK_WITHIN_MS)).toBe(true);
    expect(ledger.mismatches).toEqual([]);
    expect(ledger.stored).toBe(CHILDREN);
    expect(participations).toBe(CHILDREN);
    expect(sessions).toEqual([{ status: 'running' }]);
    expect(tablets.every((t) => t.refusals.length === 0)).toBe(true);
  } finally {
    db.close();
    await second.stop();
  }
});
