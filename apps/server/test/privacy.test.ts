/**
 * Privacy by default, checked over every table: "delete this child's data" leaves no row carrying
 * the child's id (nor their name in the file's bytes), and the retention purge takes emotional data
 * after a year and participation after two, keeping the tallies the term summary needs.
 */
import { readFileSync } from 'node:fs';
import type {
  ApiResult,
  CreatedSession,
  DeletionReport,
  ImportReport,
  Joined,
  PrivacyInfo,
  PurgeReport,
} from '@heartlamp/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { call, cookieOf, count, type Harness, startHarness, TEST_TEACHER, unwrap } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  cookie = undefined;
});

const DAY = 24 * 3600_000;
const NAMES = ['张小花', '李明明', '欧阳娜娜'];
let intents = 0;
const intentId = () => `privacy-intent-${(intents++).toString().padStart(5, '0')}`;

/** A sign-in lasts a week: after the clock jumps a year, the teacher signs in again. */
let cookie: string | undefined;
async function signInAgain(harness: Harness): Promise<void> {
  const res = await fetch(`${harness.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_TEACHER),
  });
  cookie = cookieOf(res);
}

async function api<T>(harness: Harness, method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const res = await harness.fetch(path, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await res.json()) as ApiResult<T>;
}
const data = <T>(result: ApiResult<T>): T => {
  if (!result.ok) throw new Error(result.error.message.en);
  return result.data;
};

/** Every cell of every table that mentions `needle` (as text), as `table.column`. */
function mentions(harness: Harness, needle: string): string[] {
  const raw = harness.server.db.raw;
  const tables = raw
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  const found: string[] = [];
  for (const { name } of tables) {
    const columns = raw.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[];
    for (const column of columns) {
      const row = raw
        .prepare(`SELECT COUNT(*) AS n FROM "${name}" WHERE instr(CAST("${column.name}" AS TEXT), ?) > 0`)
        .get(needle) as { n: number };
      if (row.n > 0) found.push(`${name}.${column.name}`);
    }
  }
  return found;
}

/** A class of three on a roster; a lesson where each taps their name, answers and one asks to talk. */
async function lessonForClass(harness: Harness, end = true) {
  const { id: classId } = data(
    await api<{ id: string }>(harness, 'POST', '/api/classes', { grade: 2, name: '二年级(3)班' }),
  );
  const report = data(
    await api<ImportReport>(harness, 'POST', `/api/classes/${classId}/roster`, {
      text: ['姓名,座号', ...NAMES.map((n, i) => `${n},${i + 1}`)].join('\n'),
    }),
  );
  const ids = Object.fromEntries(report.roster.map((s) => [s.name, s.id])) as Record<string, string>;
  const teacher = await harness.teach();
  const { code } = unwrap(
    await call<CreatedSession>(teacher, 'session:create', { activityId: 'emotion-monster', classId }),
  );
  unwrap(await call(teacher, 'session:start', { code }));
  const participants: Record<string, string> = {};
  for (const [i, name] of NAMES.entries()) {
    const tablet = await harness.play();
    const joined = unwrap(
      await call<Joined>(tablet, 'play:join', {
        code,
        nickname: { adjective: 'brave', animal: 'bear' },
        studentId: ids[name],
      }),
    );
    participants[name] = joined.participantId;
    unwrap(
      await call(tablet, 'play:intent', {
        clientIntentId: intentId(),
        intent: { type: 'answer', emotion: i === 0 ? 'fear' : 'joy', intensity: 3, reason: 'home' },
      }),
    );
    if (i === 0)
      unwrap(await call(tablet, 'play:intent', { clientIntentId: intentId(), intent: { type: 'ask-to-talk' } }));
  }
  if (end) unwrap(await call(teacher, 'session:end', { code }));
  return { classId, ids, participants, code, teacher };
}

describe("delete this child's data", () => {
  it('removes every row with the child’s id, and their name from the file, leaving classmates whole', async () => {
    const harness = await startHarness();
    h = harness;
    const { ids, participants } = await lessonForClass(harness);
    const child = NAMES[0] as string;
    const studentId = ids[child] as string;
    const participantId = participants[child] as string;
    expect(mentions(harness, studentId).length).toBeGreaterThan(0);
    expect(mentions(harness, participantId).length).toBeGreaterThan(0);
    const before = {
      contributions: count(harness.server, 'contributions'),
      followUps: count(harness.server, 'follow_ups'),
    };

    const report = data(await api<DeletionReport>(harness, 'DELETE', `/api/students/${studentId}`));
    expect(report.removed).toMatchObject({ participations: 1, students: 1, student_names: 1, follow_ups: 1 });
    expect(report.removed.contributions).toBeGreaterThanOrEqual(1);
    expect(mentions(harness, studentId)).toEqual([]);
    expect(mentions(harness, participantId)).toEqual([]);
    expect(mentions(harness, child)).toEqual([]);
    // Classmates keep everything.
    for (const name of NAMES.slice(1)) {
      expect(mentions(harness, ids[name] as string).length).toBeGreaterThan(0);
      expect(mentions(harness, participants[name] as string)).toContain('participations.id');
    }
    expect(count(harness.server, 'contributions')).toBe(before.contributions - (report.removed.contributions ?? 0));
    expect(count(harness.server, 'follow_ups')).toBe(before.followUps - 1);
    // Not in the file's bytes either (secure_delete zeroes freed space; the WAL is folded in first).
    harness.server.db.raw.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(harness.server.db.path);
    expect(bytes.includes(Buffer.from(child, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from(studentId, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from(NAMES[1] as string, 'utf8'))).toBe(true);

    const again = await api(harness, 'DELETE', `/api/students/${studentId}`);
    expect(again.ok ? 'ok' : again.error.code).toBe('not-found');
  });

  it('refuses while the child is in a lesson that is still open, and says so', async () => {
    const harness = await startHarness();
    h = harness;
    const { ids } = await lessonForClass(harness, false);
    const refused = await api(harness, 'DELETE', `/api/students/${ids[NAMES[1] as string]}`);
    expect(refused.ok ? 'ok' : refused.error.code).toBe('student-in-live-session');
    expect(refused.ok ? '' : refused.error.message['zh-CN']).toContain('结束');
    expect(count(harness.server, 'students')).toBe(3);
  });
});

describe('the retention purge', () => {
  it('takes emotional data after a year and participation after two; tallies stay; nothing of a child is left', async () => {
    let t = Date.UTC(2026, 2, 2, 2);
    const harness = await startHarness({ now: () => t });
    h = harness;
    const { participants, ids } = await lessonForClass(harness);
    const info = data(await api<PrivacyInfo>(harness, 'GET', '/api/privacy'));
    expect(info.retention).toEqual({ emotionDays: 365, participationDays: 730 });
    expect(info.dataPath).toBe(harness.server.db.path);
    const tally = () =>
      harness.server.db.raw.prepare('SELECT tally_participations AS n, tally_contributed AS c FROM sessions').get();
    const tallyBefore = tally();

    t += 300 * DAY;
    await signInAgain(harness);
    const early = data(await api<PurgeReport>(harness, 'POST', '/api/privacy/purge', {}));
    expect(Object.values(early.removed).reduce((a, b) => a + b, 0)).toBe(0);

    t += 70 * DAY; // a year and five days after the lesson
    await signInAgain(harness);
    const year = data(await api<PurgeReport>(harness, 'POST', '/api/privacy/purge', {}));
    expect(year.removed).toMatchObject({ contributions: 3, follow_ups: 1, 'sessions.snapshot': 1, participations: 0 });
    expect(count(harness.server, 'contributions')).toBe(0);
    expect(count(harness.server, 'participations')).toBe(3);
    expect(tally()).toEqual(tallyBefore);

    t += 366 * DAY;
    await signInAgain(harness);
    const twoYears = data(await api<PurgeReport>(harness, 'POST', '/api/privacy/purge', {}));
    expect(twoYears.removed.participations).toBe(3);
    for (const id of Object.values(participants)) expect(mentions(harness, id)).toEqual([]);
    // The session still counts in its term's summary; the roster (children still at school) stays.
    expect(tally()).toEqual(tallyBefore);
    expect(count(harness.server, 'sessions')).toBe(1);
    expect(mentions(harness, ids[NAMES[0] as string] as string)).toEqual(['students.id', 'student_names.student_id']);
    expect(twoYears.bytesAfter).toBeGreaterThan(0);
    const last = data(await api<PrivacyInfo>(harness, 'GET', '/api/privacy')).lastPurge;
    expect(last?.at).toBe(t);
    process.stdout.write(
      `\n── retention purge: year ${JSON.stringify(year.removed)} in ${year.ms} ms; ` +
        `two years ${JSON.stringify(twoYears.removed)}; file ${twoYears.bytesBefore} → ${twoYears.bytesAfter} bytes\n`,
    );
  });

  it('takes a shorter retention from the teacher and refuses a nonsensical one', async () => {
    const harness = await startHarness();
    h = harness;
    const bad = await api(harness, 'PUT', '/api/privacy/retention', { emotionDays: 800, participationDays: 400 });
    expect(bad.ok ? '' : bad.error.path).toBe('emotionDays');
    const tiny = await api(harness, 'PUT', '/api/privacy/retention', { emotionDays: 1, participationDays: 400 });
    expect(tiny.ok).toBe(false);
    data(await api(harness, 'PUT', '/api/privacy/retention', { emotionDays: 180, participationDays: 365 }));
    expect(data(await api<PrivacyInfo>(harness, 'GET', '/api/privacy')).retention).toEqual({
      emotionDays: 180,
      participationDays: 365,
    });
  });
});
