/**
 * "Tap your name" over real sockets: a session for a class offers its roster as name tiles; a
 * child joins as themselves (once: a second tablet cannot take the same name, the first can come
 * back with its resume token); a child not on the roster joins as a guest; the teacher's console
 * sees names, the projector never does; and the statistics and exports count it all.
 */
import type {
  ApiResult,
  ConsoleState,
  CreatedSession,
  ImportReport,
  Joined,
  Nickname,
  ReportStats,
  RosterTiles,
  ScreenState,
} from '@heartlamp/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, count, type Harness, type PlaySocket, startHarness, until, unwrap } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const bear: Nickname = { adjective: 'brave', animal: 'bear' };
const NAMES = ['张三', '李小明', '欧阳娜娜', '王五', '赵六'];

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await h.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as ApiResult<T>;
  if (!json.ok) throw new Error(json.error.message.en);
  return json.data;
}

async function classWithRoster(name = '三年级(2)班'): Promise<{ classId: string; ids: Record<string, string> }> {
  const { id: classId } = await post<{ id: string }>('/api/classes', { grade: 3, name });
  const report = await post<ImportReport>(`/api/classes/${classId}/roster`, {
    text: ['姓名,座号', ...NAMES.map((n, i) => `${n},${i + 1}`)].join('\n'),
  });
  return { classId, ids: Object.fromEntries(report.roster.map((s) => [s.name, s.id])) };
}

describe('a session for a class', () => {
  it('offers name tiles, takes each child once, lets a guest in, and keeps names off the projector', async () => {
    const { classId, ids } = await classWithRoster();
    const teacher = await h.teach();
    const { code } = unwrap(
      await call<CreatedSession>(teacher, 'session:create', { activityId: 'emotion-monster', classId }),
    );
    const screen = await h.screen();
    const screenMessages: string[] = [];
    screen.on('screen:state', (s) => screenMessages.push(JSON.stringify(s)));
    unwrap(await call(screen, 'screen:watch', { code }));

    const a = await h.play();
    const tiles = unwrap(await call<RosterTiles>(a, 'play:roster', { code }));
    expect(tiles.className).toBe('三年级(2)班');
    expect(tiles.tiles?.map((t) => [t.seat, t.name, t.taken])).toEqual(NAMES.map((n, i) => [i + 1, n, false]));

    const zhang = ids.张三 ?? '';
    const joined = unwrap(await call<Joined>(a, 'play:join', { code, nickname: bear, studentId: zhang }));
    const after = unwrap(await call<RosterTiles>(a, 'play:roster', { code }));
    expect(after.tiles?.find((t) => t.studentId === zhang)?.taken).toBe(true);

    // Another tablet cannot be 张三 too.
    const b = await h.play();
    const taken = await call<Joined>(b, 'play:join', { code, nickname: bear, studentId: zhang });
    expect(!taken.ok && taken.error.code).toBe('student-taken');
    expect(!taken.ok && taken.error.message).toMatch(/名字已经有人用了/);

    // 张三's own tablet comes back with its resume token: the same child.
    a.disconnect();
    const again = await h.play();
    const resumed = unwrap(
      await call<Joined>(again, 'play:join', {
        code,
        nickname: bear,
        studentId: zhang,
        resumeToken: joined.resumeToken,
      }),
    );
    expect(resumed).toMatchObject({ participantId: joined.participantId, resumed: true });

    // A child not on the roster joins as a guest; a student of another class is not on this one.
    unwrap(await call<Joined>(b, 'play:join', { code, nickname: { adjective: 'kind', animal: 'fox' } }));
    const other = await classWithRoster('四年级(1)班');
    const c = await h.play();
    const stranger = await call<Joined>(c, 'play:join', { code, nickname: bear, studentId: other.ids.王五 });
    expect(!stranger.ok && stranger.error.code).toBe('not-on-roster');

    const consoleState = await until<ConsoleState>(teacher, 'console:state', (s) => s.participants.length === 2);
    expect(consoleState.class).toEqual({ id: classId, name: '三年级(2)班', enrolled: 5 });
    expect(consoleState.participants.map((p) => p.student)).toEqual([{ name: '张三', seat: 1 }, null]);

    await until<ScreenState>(screen, 'screen:state', (s) => s.joined === 2);
    for (const message of screenMessages) for (const name of NAMES) expect(message).not.toContain(name);

    const rows = h.server.db.raw.prepare('SELECT student_id FROM participations ORDER BY joined_at').all();
    expect(rows).toEqual([{ student_id: zhang }, { student_id: null }]);
    const session = h.server.db.raw.prepare('SELECT class_id, grade_band FROM sessions').get();
    expect(session).toEqual({ class_id: classId, grade_band: 'middle' });
  });

  it('gives a name to exactly one of two tablets tapping it at the same moment', async () => {
    const { classId, ids } = await classWithRoster();
    const teacher = await h.teach();
    const { code } = unwrap(
      await call<CreatedSession>(teacher, 'session:create', { activityId: 'emotion-monster', classId }),
    );
    const tablets: PlaySocket[] = await Promise.all([h.play(), h.play(), h.play()]);
    const acks = await Promise.all(
      tablets.map((t) => call<Joined>(t, 'play:join', { code, nickname: bear, studentId: ids.李小明 })),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    expect(acks.filter((a) => !a.ok && a.error.code === 'student-taken')).toHaveLength(2);
    expect(count(h.server, 'participations')).toBe(1);
  });

  it('a session without a class has no tiles; a bogus class is refused', async () => {
    const teacher = await h.teach();
    const { code } = unwrap(await call<CreatedSession>(teacher, 'session:create', { activityId: 'emotion-monster' }));
    const tablet = await h.play();
    expect(unwrap(await call<RosterTiles>(tablet, 'play:roster', { code }))).toEqual({ className: null, tiles: null });
    const refused = await call<Joined>(tablet, 'play:join', { code, nickname: bear, studentId: 'st_aaaaaaaaaaaaaaaa' });
    expect(!refused.ok && refused.error.code).toBe('not-on-roster');
    const bogus = await call<CreatedSession>(teacher, 'session:create', {
      activityId: 'emotion-monster',
      classId: 'c_doesnotexist000',
    });
    expect(!bogus.ok && bogus.error.code).toBe('class-not-found');
    const malformed = await call(tablet, 'play:join', { code, nickname: bear, studentId: '张三' });
    expect(!malformed.ok && malformed.error).toMatchObject({ code: 'invalid-payload', path: 'studentId' });
  });

  it('counts the lesson in the statistics and the CSV download', async () => {
    const { classId, ids } = await classWithRoster();
    const teacher = await h.teach();
    const { code } = unwrap(
      await call<CreatedSession>(teacher, 'session:create', { activityId: 'emotion-monster', classId }),
    );
    for (const name of ['张三', '李小明', '王五']) {
      const t = await h.play();
      unwrap(await call<Joined>(t, 'play:join', { code, nickname: bear, studentId: ids[name] }));
    }
    const guest = await h.play();
    unwrap(await call<Joined>(guest, 'play:join', { code, nickname: bear }));
    unwrap(await call(teacher, 'session:start', { code }));
    unwrap(await call(teacher, 'session:end', { code }));

    const today = new Date();
    const d = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    const res = await h.fetch(`/api/reports/stats?from=${d}&to=${d}`);
    const stats = (await res.json()) as ApiResult<ReportStats>;
    if (!stats.ok) throw new Error(stats.error.message.en);
    expect(stats.data.totals).toMatchObject({ sessions: 1, participations: 4, students: 3, guests: 1 });
    expect(stats.data.byClass[0]).toMatchObject({ classId, sessions: 1, participations: 4, students: 3, enrolled: 5 });

    const csv = await h.fetch(`/api/reports/export?format=csv&from=${d}&to=${d}&names=1`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(5);
    expect(text).toContain('张三');
    const noTerm = await h.fetch(`/api/reports/export?format=xlsx`);
    expect(noTerm.status).toBe(409);
    const badFormat = await h.fetch(`/api/reports/export?format=pdf`);
    expect(badFormat.status).toBe(400);
  });
});
