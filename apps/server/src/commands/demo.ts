/**
 * `pnpm heartlamp demo [--stress] [--data DIR]`: fills an empty database with a synthetic school, to
 * try the console and to measure the reports on realistic volumes.
 *
 * - 48 classes (grades 1–6, eight classes each), 2,000 children with made-up names;
 * - the current term (or the last one, if the current one has barely begun) with 30 group sessions
 *   per class, about 31 children in each (≈1,440 sessions, ≈45,000 participations), emotion
 *   check-ins in sessions of the emotion theme, and a few guests;
 * - with `--stress`, five school years before it (ten terms) holding 1,000,000 more participations.
 *
 * Activities are those in the registry, each in the grade bands it suggests. The data is seeded
 * (the same every run), except the ids, which come from crypto like real ones.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ACTIVITIES, type AnyActivity, createRng, type Rng } from '@heartlamp/activities';
import { type Grade, type GradeBand, gradeBandOf } from '@heartlamp/shared';
import { isoDate, localDayStart } from '../reports/period.js';
import { analyze, bulkInserter, hasSchoolData } from '../store/bulk.js';
import { openDb } from '../store/db.js';
import { createSchool, newClassId, newStudentId, newTermId } from '../store/school.js';
import { tallyUntallied } from '../store/tally.js';

export interface DemoOptions {
  dataDir: string;
  stress: boolean;
  /** Write into a database that already holds classes or sessions. */
  force: boolean;
  now?: number;
  print: (line: string) => void;
}

const CLASSES_PER_GRADE = 8;
const STUDENTS = 2000;
const SESSIONS_PER_CLASS = 30;
const STRESS_PARTICIPATIONS = 1_000_000;
const STRESS_YEARS = 5;

const GRADE_WORDS = ['一', '二', '三', '四', '五', '六'] as const;
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '子涵欣怡梓轩浩然宇轩雨桐一诺语嫣思远若曦俊熙博文诗琪晨阳佳怡嘉懿铭泽紫萱明哲梦瑶天佑雅琪皓轩心悦安然沐辰乐瑶家豪书瑶景行可馨昊天芷若志远婉清子墨雨泽星辰语桐承泽小满知夏';
const EMOTIONS = [
  ['joy', 35],
  ['calm', 20],
  ['sadness', 12],
  ['anger', 10],
  ['fear', 8],
  ['love', 8],
  ['pass', 7],
] as const;
const REASONS = ['home', 'friends', 'school', 'body', 'other', null] as const;
const NICK_ADJ = ['brave', 'happy', 'gentle', 'clever', 'curious', 'kind', 'calm', 'cheerful'];
const NICK_ANIMAL = ['bear', 'panda', 'rabbit', 'fox', 'tiger', 'cat', 'dog', 'koala'];

interface DemoClass {
  id: string;
  grade: Grade;
  band: GradeBand;
  students: string[];
}

interface TermPlan {
  name: string;
  startsOn: string;
  endsOn: string;
  /** Sessions are held between these instants (school days, 8:00–16:00). */
  from: number;
  to: number;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[rng.below(items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** School year terms: 9/1–1/20 (第一学期) and 2/20–7/10 (第二学期). */
export function termOf(year: number, half: 1 | 2): Omit<TermPlan, 'from' | 'to'> {
  return half === 1
    ? { name: `${year}–${year + 1}学年 第一学期`, startsOn: `${year}-09-01`, endsOn: `${year + 1}-01-20` }
    : { name: `${year - 1}–${year}学年 第二学期`, startsOn: `${year}-02-20`, endsOn: `${year}-07-10` };
}

/** The term holding `now`, or the last one before it if `now` is in a holiday or the first two weeks. */
function demoTerm(now: number): TermPlan {
  const today = isoDate(now);
  const year = new Date(now).getFullYear();
  const candidates = [termOf(year, 2), termOf(year, 1), termOf(year - 1, 1), termOf(year - 1, 2)].sort((a, b) =>
    b.startsOn.localeCompare(a.startsOn),
  );
  for (const t of candidates) {
    if (t.startsOn > today) continue;
    const from = localDayStart(t.startsOn);
    const to = Math.min(localDayStart(t.endsOn) + 86_400_000, now);
    if (to - from >= 14 * 86_400_000) return { ...t, from, to };
  }
  throw new Error('no term to fill');
}

function previousTerms(first: TermPlan, count: number): TermPlan[] {
  const out: TermPlan[] = [];
  let [year, half] = first.startsOn.endsWith('-09-01')
    ? [Number(first.startsOn.slice(0, 4)), 1 as 1 | 2]
    : [Number(first.startsOn.slice(0, 4)), 2 as 1 | 2];
  for (let i = 0; i < count; i++) {
    if (half === 1) half = 2;
    else {
      half = 1;
      year -= 1;
    }
    const t = termOf(year, half);
    out.push({ ...t, from: localDayStart(t.startsOn), to: localDayStart(t.endsOn) + 86_400_000 });
  }
  return out;
}

/** A weekday lesson time in [from, to): 8:00–15:20 on a Monday to Friday. */
function lessonTime(rng: Rng, term: TermPlan): number {
  for (;;) {
    const day = term.from + rng.below(Math.max(1, Math.floor((term.to - term.from) / 86_400_000))) * 86_400_000;
    const date = new Date(day);
    if (date.getDay() === 0 || date.getDay() === 6) continue;
    date.setHours(8 + rng.below(8), rng.below(6) * 10, 0, 0);
    const at = date.getTime();
    if (at >= term.from && at < term.to) return at;
  }
}

function ids(prefix: string): () => string {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + 12 > pool.length) {
      pool = randomBytes(12 * 4096);
      offset = 0;
    }
    const id = `${prefix}${pool.subarray(offset, offset + 12).toString('base64url')}`;
    offset += 12;
    return id;
  };
}

export async function demoCommand(options: DemoOptions): Promise<number> {
  const started = performance.now();
  const now = options.now ?? Date.now();
  const dataDir = resolve(options.dataDir);
  const db = openDb(join(dataDir, 'heartlamp.db'));
  try {
    if (hasSchoolData(db) && !options.force) {
      options.print(
        `这个数据库里已经有班级或课堂记录,演示数据不会混进去。请换一个文件夹,例如 --data data-demo。\nThis database already holds classes or sessions; the demo will not mix into them. Use another folder, e.g. --data data-demo.`,
      );
      return 2;
    }
    // A bulk load of data that can be made again: durability per commit is not worth a 5x slower load.
    db.raw.pragma('synchronous = OFF');
    db.raw.pragma('cache_size = -262144');
    const rng = createRng(20_250_901);
    const school = createSchool(db);
    const term = demoTerm(now);
    const stressTerms = options.stress ? previousTerms(term, STRESS_YEARS * 2) : [];

    const insertClass = bulkInserter(db, 'classes', ['id', 'grade', 'name', 'created_at', 'archived_at']);
    const insertStudent = bulkInserter(db, 'students', ['id', 'class_id', 'seat', 'created_at', 'left_at']);
    const insertName = bulkInserter(db, 'student_names', ['student_id', 'name']);
    const insertTerm = bulkInserter(db, 'terms', ['id', 'name', 'starts_on', 'ends_on', 'created_at']);
    const insertSession = bulkInserter(db, 'sessions', [
      'id',
      'code',
      'activity_id',
      'theme',
      'grade_bands',
      'status',
      'config',
      'seed',
      'created_at',
      'started_at',
      'ended_at',
      'snapshot',
      'snapshot_at',
      'class_id',
      'grade_band',
    ]);
    const insertParticipation = bulkInserter(db, 'participations', [
      'id',
      'session_id',
      'student_id',
      'nickname',
      'resume_token_hash',
      'joined_at',
      'last_seen_at',
      'contributed',
    ]);
    const insertContribution = bulkInserter(db, 'contributions', [
      'session_id',
      'participant_id',
      'key',
      'kind',
      'value',
      'client_intent_id',
      'created_at',
      'updated_at',
    ]);

    // ------------------------------------------------------------ classes and children
    const classes: DemoClass[] = [];
    db.transaction(() => {
      for (const t of [term, ...stressTerms]) {
        insertTerm({ id: newTermId(), name: t.name, starts_on: t.startsOn, ends_on: t.endsOn, created_at: now });
      }
      let remaining = STUDENTS;
      const total = 6 * CLASSES_PER_GRADE;
      for (let g = 1; g <= 6; g++) {
        for (let n = 1; n <= CLASSES_PER_GRADE; n++) {
          const grade = g as Grade;
          const id = newClassId();
          insertClass({ id, grade, name: `${GRADE_WORDS[g - 1]}年级(${n})班`, created_at: now, archived_at: null });
          const size = Math.round(remaining / (total - classes.length));
          remaining -= size;
          const names = new Set<string>();
          const students: string[] = [];
          for (let seat = 1; seat <= size; seat++) {
            let name = '';
            do {
              name = pick(rng, [...SURNAMES]) + pick(rng, [...GIVEN]) + (rng.next() < 0.6 ? pick(rng, [...GIVEN]) : '');
            } while (names.has(name));
            names.add(name);
            const sid = newStudentId();
            insertStudent({ id: sid, class_id: id, seat, created_at: now, left_at: null });
            insertName({ student_id: sid, name });
            students.push(sid);
          }
          classes.push({ id, grade, band: gradeBandOf(grade), students });
        }
      }
    });

    // ------------------------------------------------------------ sessions
    const participationId = ids('p_');
    const sessionId = ids('s_');
    let intent = 0;
    const counts = { sessions: 0, participations: 0, contributions: 0 };
    const suitable = (band: GradeBand): readonly AnyActivity[] => {
      const fit = ACTIVITIES.filter((a) => a.gradeBands.includes(band));
      return fit.length > 0 ? fit : ACTIVITIES;
    };
    const holdSession = (t: TermPlan, cls: DemoClass | null, present: number): number => {
      const activity = pick(rng, suitable(cls?.band ?? 'middle'));
      const at = lessonTime(rng, t);
      const id = sessionId();
      insertSession({
        id,
        code: String(100_000 + rng.below(900_000)),
        activity_id: activity.id,
        theme: activity.theme,
        grade_bands: JSON.stringify(activity.gradeBands),
        status: 'ended',
        config: '{}',
        seed: rng.below(2 ** 31),
        created_at: at - 5 * 60_000,
        started_at: at,
        ended_at: at + 35 * 60_000,
        snapshot: null,
        snapshot_at: null,
        class_id: cls?.id ?? null,
        grade_band: cls?.band ?? null,
      });
      counts.sessions += 1;
      // Who came: a random `present` of the class, then a guest now and then.
      const roster = cls ? [...cls.students] : [];
      for (let i = roster.length - 1; i > 0; i--) {
        const j = rng.below(i + 1);
        [roster[i], roster[j]] = [roster[j] as string, roster[i] as string];
      }
      const children: (string | null)[] = roster.slice(0, Math.min(present, roster.length));
      while (children.length < present) children.push(null);
      // Now and then a child not on the roster joins as a guest.
      if (cls && children.length > 0 && rng.next() < 0.25) children[children.length - 1] = null;
      for (const studentId of children) {
        const pid = participationId();
        const joined = at - rng.below(4 * 60_000);
        // Emotion check-ins are what emotion-theme activities record (`kind: 'emotion'`).
        const answers = activity.theme === 'emotion' && rng.next() < 0.92;
        insertParticipation({
          id: pid,
          session_id: id,
          student_id: studentId,
          nickname: `${pick(rng, NICK_ADJ)}/${pick(rng, NICK_ANIMAL)}`,
          resume_token_hash: 'demo',
          joined_at: joined,
          last_seen_at: at + 30 * 60_000,
          contributed: answers || rng.next() < 0.8 ? 1 : 0,
        });
        counts.participations += 1;
        if (answers) {
          let roll = rng.below(100);
          let emotion: string = EMOTIONS[0][0];
          for (const [code, weight] of EMOTIONS) {
            if (roll < weight) {
              emotion = code;
              break;
            }
            roll -= weight;
          }
          const value =
            emotion === 'pass'
              ? { emotion, intensity: null, reason: null }
              : { emotion, intensity: 1 + rng.below(3), reason: pick(rng, REASONS) };
          insertContribution({
            session_id: id,
            participant_id: pid,
            key: `emotion:${pid}`,
            kind: 'emotion',
            value: JSON.stringify(value),
            client_intent_id: `demo-${(intent++).toString(36).padStart(8, '0')}`,
            created_at: at + 10 * 60_000,
            updated_at: at + 10 * 60_000,
          });
          counts.contributions += 1;
        }
      }
      return children.length;
    };

    db.transaction(() => {
      for (const cls of classes) {
        for (let i = 0; i < SESSIONS_PER_CLASS; i++) holdSession(term, cls, 28 + rng.below(7));
      }
      // A few open lessons without a class (a club, a visiting group): they count too.
      for (let i = 0; i < 12; i++) holdSession(term, null, 8 + rng.below(15));
    });
    const termCounts = { ...counts };
    options.print(
      `演示学期 Demo term ${term.name}: ${termCounts.sessions} sessions, ${termCounts.participations} participations, ${termCounts.contributions} emotion check-ins`,
    );

    if (options.stress) {
      let placed = 0;
      const perTerm = STRESS_PARTICIPATIONS / stressTerms.length;
      for (const t of stressTerms) {
        db.transaction(() => {
          let inTerm = 0;
          while (inTerm < perTerm && placed < STRESS_PARTICIPATIONS) {
            const cls = pick(rng, classes);
            const want = Math.min(28 + rng.below(7), perTerm - inTerm, STRESS_PARTICIPATIONS - placed);
            const made = holdSession(t, cls, want);
            inTerm += made;
            placed += made;
          }
        });
      }
      options.print(
        `压力测试数据 Stress set, ${STRESS_YEARS} years (${stressTerms.length} terms): ${counts.sessions - termCounts.sessions} sessions, ${counts.participations - termCounts.participations} participations`,
      );
    }
    const tallied = tallyUntallied(db);
    analyze(db);
    const classCount = school.classes().length;
    options.print(
      `共 Total: ${classCount} classes, ${STUDENTS} students, ${counts.sessions} sessions, ${counts.participations} participations, ${counts.contributions} emotion check-ins (${tallied} sessions tallied, ${Math.round(performance.now() - started)} ms)`,
    );
    options.print(`试试 Try it: pnpm heartlamp start --data ${options.dataDir}`);
    return 0;
  } finally {
    db.close();
  }
}
