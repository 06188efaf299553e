/**
 * THE query module of the semester ledger: every figure the console shows and every export writes
 * comes from here, so the statistics page, the XLSX, the CSV and the work summary can never
 * disagree. (Tested against a fixture whose answers were worked out by hand: test/reports.test.ts.)
 *
 * Definitions, once:
 * - a session is *held* in a period when it was started in it (`started_at`); one opened and ended
 *   without starting was not held;
 * - 人次 (participations) counts one per child per held session, guests included;
 * - a child is *reached* when they took part in at least one held session of the period; reach is
 *   counted by the child's own class (and so its grade band), sessions and 人次 by the session's;
 * - an emotion check-in is a contribution of kind `emotion` (store/tally.ts); a class with fewer
 *   than ten is shown as "<10", without counts.
 *
 * Speed (a million participations, five years): sessions and 人次 are summed from the per-session
 * tallies written when a session ends (one index row per session; open sessions are tallied live),
 * month by month so no per-row date function runs; reach is one index probe per child. No query
 * here walks the participations table except the per-child and per-participation exports.
 */
import {
  EMOTION_MIN_ANSWERS,
  type EmotionRow,
  GRADE_BANDS,
  type Grade,
  type GradeBand,
  gradeBandOf,
  type ReportStats,
} from '@heartlamp/shared';
import type { Db } from '../store/db.js';
import { compareClasses } from '../store/school.js';
import { type SessionTally, tallySession } from '../store/tally.js';
import { isoMonth, localDayStart, monthsBetween, type Period } from './period.js';

/** A child's participation may be recorded up to this long before or after its session's start. */
const JOIN_SLACK_MS = 24 * 60 * 60 * 1000;

export interface ReportOptions {
  /** An activity's display title (zh-CN, for exports); the id when unknown. */
  titleOf?: (activityId: string) => string;
  now?: () => number;
}

export interface ClassMeta {
  id: string;
  name: string;
  grade: number;
  band: GradeBand;
  archived: boolean;
  /** Children on its roster now. */
  enrolled: number;
}

/** One held session, for the 场次 sheet. */
export interface SessionRow {
  id: string;
  startedAt: number;
  endedAt: number | null;
  classId: string | null;
  className: string | null;
  band: GradeBand | null;
  activityId: string;
  title: string;
  theme: string;
  participations: number;
  /** Of them, roster children. */
  students: number;
  guests: number;
  contributed: number;
}

/** One roster child's participation in the period, for the 学生参与 sheet. */
export interface StudentRow {
  studentId: string;
  classId: string;
  className: string;
  grade: number;
  seat: number;
  /** Only when the teacher asked for names. */
  name: string | null;
  /** Still on the class roster. */
  current: boolean;
  sessions: number;
  contributed: number;
  firstAt: number | null;
  lastAt: number | null;
}

/** One participation, for the CSV (a million of them stream through this). */
export interface ParticipationRow {
  startedAt: number;
  sessionId: string;
  classId: string | null;
  band: string | null;
  activityId: string;
  theme: string;
  studentId: string | null;
  seat: number | null;
  name: string | null;
  joinedAt: number;
  contributed: boolean;
}

interface Bucket {
  sessions: number;
  participations: number;
}

const bucket = (): Bucket => ({ sessions: 0, participations: 0 });

function add<K>(map: Map<K, Bucket>, key: K, sessions: number, participations: number): void {
  let b = map.get(key);
  if (!b) {
    b = bucket();
    map.set(key, b);
  }
  b.sessions += sessions;
  b.participations += participations;
}

function isBand(value: string | null): value is GradeBand {
  return value !== null && (GRADE_BANDS as readonly string[]).includes(value);
}

export function createReports(db: Db, options: ReportOptions = {}) {
  const { q } = db;
  const titleOf = options.titleOf ?? ((id: string) => id);
  const now = options.now ?? Date.now;

  /** Every class that is current or has a held session in the period, with its roster size now. */
  function classMeta(): Map<string, ClassMeta> {
    const rows = db.all(q.selectFrom('classes').select(['id', 'name', 'grade', 'archived_at']));
    const enrolled = new Map(
      db
        .all(
          q
            .selectFrom('students')
            .select((eb) => ['class_id', eb.fn.countAll<number>().as('n')])
            .where('left_at', 'is', null)
            .groupBy('class_id'),
        )
        .map((r) => [r.class_id, Number(r.n)]),
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          name: r.name,
          grade: r.grade,
          band: gradeBandOf(r.grade as Grade),
          archived: r.archived_at !== null,
          enrolled: enrolled.get(r.id) ?? 0,
        },
      ]),
    );
  }

  /** Held sessions of the period still open (no tally yet), tallied now. */
  function openSessions(period: Period) {
    const rows = db.all(
      q
        .selectFrom('sessions')
        .select(['id', 'started_at', 'ended_at', 'class_id', 'grade_band', 'activity_id', 'theme'])
        .where('started_at', '>=', period.fromMs)
        .where('started_at', '<', period.toMs)
        .where('tally_participations', 'is', null),
    );
    return rows.map((r) => ({ ...r, started_at: r.started_at ?? 0, tally: tallySession(db, r.id) }));
  }

  /** The roster children reached in the period: one index probe per child. */
  function reached(period: Period): { id: string; classId: string; current: boolean }[] {
    return db
      .all(
        q
          .selectFrom('students as st')
          .select(['st.id', 'st.class_id', 'st.left_at'])
          .where(({ exists, selectFrom }) =>
            exists(
              selectFrom('participations as p')
                .innerJoin('sessions as s', 's.id', 'p.session_id')
                .select('p.session_id')
                .whereRef('p.student_id', '=', 'st.id')
                .where('p.joined_at', '>=', period.fromMs - JOIN_SLACK_MS)
                .where('p.joined_at', '<', period.toMs + JOIN_SLACK_MS)
                .where('s.started_at', '>=', period.fromMs)
                .where('s.started_at', '<', period.toMs),
            ),
          ),
      )
      .map((r) => ({ id: r.id, classId: r.class_id, current: r.left_at === null }));
  }

  /** [start, end) of each calendar month of the period, clipped to it. */
  function monthRanges(period: Period): { month: string; from: number; to: number }[] {
    return monthsBetween(period.from, period.to).map((month) => {
      const start = localDayStart(`${month}-01`);
      const [y, m] = month.split('-').map(Number) as [number, number];
      const next = new Date(y, m, 1).getTime();
      return { month, from: Math.max(start, period.fromMs), to: Math.min(next, period.toMs) };
    });
  }

  const reports = {
    classMeta,

    stats(period: Period): ReportStats {
      const started = performance.now();
      const classes = classMeta();
      const byClass = new Map<string | null, Bucket>();
      const byBand = new Map<GradeBand | null, Bucket>();
      const byActivity = new Map<string, Bucket & { theme: string }>();
      const byBandActivity = new Map<string, Bucket & { band: GradeBand | null; activityId: string; theme: string }>();
      const byTheme = new Map<string, Bucket>();
      const byMonth = new Map<string, Bucket>();
      let sessions = 0;
      let participations = 0;
      let named = 0;

      const count = (
        month: string,
        classId: string | null,
        band: GradeBand | null,
        activityId: string,
        theme: string,
        n: number,
        p: number,
        s: number,
      ) => {
        sessions += n;
        participations += p;
        named += s;
        add(byClass, classId, n, p);
        add(byBand, band, n, p);
        add(byTheme, theme, n, p);
        add(byMonth, month, n, p);
        const activity = byActivity.get(activityId) ?? { ...bucket(), theme };
        activity.sessions += n;
        activity.participations += p;
        byActivity.set(activityId, activity);
        const key = `${band ?? ''}\u0000${activityId}`;
        const cross = byBandActivity.get(key) ?? { ...bucket(), band, activityId, theme };
        cross.sessions += n;
        cross.participations += p;
        byBandActivity.set(key, cross);
      };

      // Ended sessions: their tallies, summed month by month (a range scan of sessions_period each).
      for (const range of monthRanges(period)) {
        const rows = db.all(
          q
            .selectFrom('sessions')
            .select((eb) => [
              'class_id',
              'grade_band',
              'activity_id',
              'theme',
              eb.fn.countAll<number>().as('n'),
              eb.fn.sum<number>('tally_participations').as('p'),
              eb.fn.sum<number>('tally_students').as('s'),
            ])
            .where('started_at', '>=', range.from)
            .where('started_at', '<', range.to)
            .where('tally_participations', 'is not', null)
            .groupBy(['class_id', 'grade_band', 'activity_id', 'theme']),
        );
        byMonth.set(range.month, byMonth.get(range.month) ?? bucket());
        for (const r of rows) {
          const band = isBand(r.grade_band) ? r.grade_band : null;
          count(range.month, r.class_id, band, r.activity_id, r.theme, Number(r.n), Number(r.p), Number(r.s));
        }
      }

      // Open sessions (a lesson running now): tallied live, with the same definition.
      const open = openSessions(period);
      for (const o of open) {
        const band = isBand(o.grade_band) ? o.grade_band : null;
        count(
          isoMonth(o.started_at),
          o.class_id,
          band,
          o.activity_id,
          o.theme,
          1,
          o.tally.participations,
          o.tally.students,
        );
      }

      // Reach, by the child's class.
      const reach = reached(period);
      const reachedByClass = new Map<string, number>();
      for (const r of reach) if (r.current) reachedByClass.set(r.classId, (reachedByClass.get(r.classId) ?? 0) + 1);

      const classRows: ReportStats['byClass'] = [...classes.values()]
        .filter((c) => !c.archived || byClass.has(c.id))
        .sort(compareClasses)
        .map((c) => ({
          classId: c.id,
          name: c.name,
          grade: c.grade,
          ...(byClass.get(c.id) ?? bucket()),
          students: reachedByClass.get(c.id) ?? 0,
          enrolled: c.enrolled,
        }));
      const noClass = byClass.get(null);
      if (noClass) classRows.push({ classId: null, name: null, grade: null, ...noClass, students: 0, enrolled: 0 });

      const bandRows: ReportStats['byBand'] = [...GRADE_BANDS, null]
        .filter((band) => band !== null || byBand.has(null))
        .map((band) => {
          const inBand = [...classes.values()].filter((c) => !c.archived && c.band === band);
          return {
            band,
            ...(byBand.get(band) ?? bucket()),
            students: inBand.reduce((sum, c) => sum + (reachedByClass.get(c.id) ?? 0), 0),
            enrolled: inBand.reduce((sum, c) => sum + c.enrolled, 0),
          };
        });

      const bySize = <T extends Bucket>(a: T, b: T) => b.participations - a.participations || b.sessions - a.sessions;
      const current = [...classes.values()].filter((c) => !c.archived);
      return {
        period: { from: period.from, to: period.to, termId: period.termId, label: period.label },
        totals: {
          sessions,
          participations,
          students: reach.length,
          guests: participations - named,
          enrolled: current.reduce((sum, c) => sum + c.enrolled, 0),
          classes: current.length,
          classesReached: [...byClass.keys()].filter((id) => id !== null && classes.get(id)?.archived === false).length,
        },
        byBand: bandRows,
        byClass: classRows,
        byActivity: [...byActivity]
          .map(([activityId, b]) => ({
            activityId,
            title: titleOf(activityId),
            theme: b.theme,
            sessions: b.sessions,
            participations: b.participations,
          }))
          .sort(bySize),
        byBandActivity: [...byBandActivity.values()]
          .map((b) => ({
            band: b.band,
            activityId: b.activityId,
            title: titleOf(b.activityId),
            theme: b.theme,
            sessions: b.sessions,
            participations: b.participations,
          }))
          .sort(bySize),
        byTheme: [...byTheme].map(([theme, b]) => ({ theme, ...b })).sort(bySize),
        byMonth: [...byMonth].map(([month, b]) => ({ month, ...b })).sort((a, b) => a.month.localeCompare(b.month)),
        ...reports.emotions(period, classes, open),
        ms: Math.round(performance.now() - started),
      };
    },

    /** Emotion check-ins per class (by the session's class), suppressed below ten answers. */
    emotions(
      period: Period,
      classes: Map<string, ClassMeta> = classMeta(),
      open: { class_id: string | null; tally: SessionTally }[] = openSessions(period),
    ): Pick<ReportStats, 'emotions' | 'emotionTotals'> {
      const rows = db.all(
        q
          .selectFrom('sessions')
          .select(['class_id', 'tally_emotions'])
          .where('started_at', '>=', period.fromMs)
          .where('started_at', '<', period.toMs)
          .where('tally_emotions', 'is not', null)
          .where('tally_emotions', '!=', '{}'),
      );
      const perClass = new Map<string | null, Record<string, number>>();
      const addCounts = (classId: string | null, counts: Record<string, number>) => {
        const into = perClass.get(classId) ?? {};
        for (const [code, n] of Object.entries(counts)) into[code] = (into[code] ?? 0) + n;
        perClass.set(classId, into);
      };
      for (const r of rows) addCounts(r.class_id, parseCounts(r.tally_emotions));
      for (const o of open) if (Object.keys(o.tally.emotions).length > 0) addCounts(o.class_id, o.tally.emotions);
      const all: Record<string, number> = {};
      for (const counts of perClass.values())
        for (const [code, n] of Object.entries(counts)) all[code] = (all[code] ?? 0) + n;
      const emotions = [...perClass]
        .map(([classId, counts]): EmotionRow => {
          const meta = classId === null ? undefined : classes.get(classId);
          return { classId, name: meta?.name ?? null, grade: meta?.grade ?? null, ...suppress(counts) };
        })
        .sort((a, b) =>
          compareClasses({ grade: a.grade, name: a.name ?? '\uffff' }, { grade: b.grade, name: b.name ?? '\uffff' }),
        );
      return { emotions, emotionTotals: suppress(all) };
    },

    /** Held sessions of the period, in order, for the 场次 sheet. */
    sessions(period: Period): SessionRow[] {
      const classes = classMeta();
      const rows = db.all(
        q
          .selectFrom('sessions')
          .select([
            'id',
            'started_at',
            'ended_at',
            'class_id',
            'grade_band',
            'activity_id',
            'theme',
            'tally_participations',
            'tally_students',
            'tally_contributed',
          ])
          .where('started_at', '>=', period.fromMs)
          .where('started_at', '<', period.toMs)
          .orderBy('started_at'),
      );
      return rows.map((r) => {
        const tally =
          r.tally_participations === null
            ? tallySession(db, r.id)
            : {
                participations: r.tally_participations,
                students: r.tally_students ?? 0,
                contributed: r.tally_contributed ?? 0,
              };
        return {
          id: r.id,
          startedAt: r.started_at ?? 0,
          endedAt: r.ended_at,
          classId: r.class_id,
          className: r.class_id === null ? null : (classes.get(r.class_id)?.name ?? null),
          band: isBand(r.grade_band) ? r.grade_band : null,
          activityId: r.activity_id,
          title: titleOf(r.activity_id),
          theme: r.theme,
          participations: tally.participations,
          students: tally.students,
          guests: tally.participations - tally.students,
          contributed: tally.contributed,
        };
      });
    },

    /** Every roster child (current, or reached in the period) with their sessions in it. */
    students(period: Period, includeNames: boolean): StudentRow[] {
      const classes = classMeta();
      const counts = new Map(
        db
          .all(
            q
              .selectFrom('participations as p')
              .innerJoin('sessions as s', 's.id', 'p.session_id')
              .select((eb) => [
                'p.student_id',
                eb.fn.countAll<number>().as('n'),
                eb.fn.sum<number>('p.contributed').as('c'),
                eb.fn.min<number>('s.started_at').as('first'),
                eb.fn.max<number>('s.started_at').as('last'),
              ])
              .where('p.student_id', 'is not', null)
              .where('p.joined_at', '>=', period.fromMs - JOIN_SLACK_MS)
              .where('p.joined_at', '<', period.toMs + JOIN_SLACK_MS)
              .where('s.started_at', '>=', period.fromMs)
              .where('s.started_at', '<', period.toMs)
              .groupBy('p.student_id'),
          )
          .map((r) => [r.student_id ?? '', r]),
      );
      const students = db.all(
        q
          .selectFrom('students as st')
          .leftJoin('student_names as n', 'n.student_id', 'st.id')
          .select(['st.id', 'st.class_id', 'st.seat', 'st.left_at', 'n.name']),
      );
      return students
        .filter((s) => s.left_at === null || counts.has(s.id))
        .map((s) => {
          const c = counts.get(s.id);
          const cls = classes.get(s.class_id);
          return {
            studentId: s.id,
            classId: s.class_id,
            className: cls?.name ?? '',
            grade: cls?.grade ?? 0,
            seat: s.seat,
            name: includeNames ? (s.name ?? null) : null,
            current: s.left_at === null,
            sessions: Number(c?.n ?? 0),
            contributed: Number(c?.c ?? 0),
            firstAt: c ? Number(c.first) : null,
            lastAt: c ? Number(c.last) : null,
          };
        })
        .sort(
          (a, b) =>
            compareClasses({ grade: a.grade, name: a.className }, { grade: b.grade, name: b.className }) ||
            a.seat - b.seat,
        );
    },

    /**
     * Every participation of the period's held sessions, in session order, one at a time (the CSV
     * streams a million of these). Run it on a connection of its own (`openReader`): an iterator
     * keeps its connection busy until it is done.
     */
    *participations(period: Period, includeNames: boolean): Generator<ParticipationRow> {
      // The period's sessions first (one small row each, in start order from sessions_period),
      // then each session's participations from the covering index: every row then carries three
      // values instead of nine, and nothing is sorted — memory stays flat for a million rows.
      const sessions = db.all(
        q
          .selectFrom('sessions')
          .select(['id', 'started_at', 'class_id', 'grade_band', 'activity_id', 'theme'])
          .where('started_at', '>=', period.fromMs)
          .where('started_at', '<', period.toMs)
          .orderBy('started_at')
          .orderBy('id'),
      );
      const base = q
        .selectFrom('participations as p')
        .select(['p.student_id', 'p.joined_at', 'p.contributed'])
        .where('p.session_id', '=', '');
      // Seats and names are looked up only when asked for: two fewer probes per row otherwise.
      const compiled = includeNames
        ? base
            .leftJoin('students as st', 'st.id', 'p.student_id')
            .leftJoin('student_names as n', 'n.student_id', 'p.student_id')
            .select(['st.seat', 'n.name'])
            .compile()
        : base.compile();
      const stmt = db.raw.prepare(compiled.sql).raw(true);
      // One read transaction: every session's rows come from the same snapshot of the file.
      const inTransaction = db.raw.inTransaction;
      if (!inTransaction) db.raw.exec('BEGIN');
      try {
        for (const s of sessions) {
          const rows = stmt.all(s.id) as [
            string | null,
            number,
            number,
            number | null | undefined,
            string | null | undefined,
          ][];
          for (const [studentId, joinedAt, contributed, seat, name] of rows) {
            yield {
              startedAt: s.started_at ?? 0,
              sessionId: s.id,
              classId: s.class_id,
              band: s.grade_band,
              activityId: s.activity_id,
              theme: s.theme,
              studentId,
              seat: includeNames ? (seat ?? null) : null,
              name: includeNames ? (name ?? null) : null,
              joinedAt,
              contributed: contributed === 1,
            };
          }
        }
      } finally {
        if (!inTransaction && db.raw.inTransaction) db.raw.exec('COMMIT');
      }
    },

    now,
  };
  return reports;
}

/** Counts only when there are enough answers that no child can be picked out. */
function suppress(counts: Record<string, number>): Pick<EmotionRow, 'answers' | 'counts'> {
  const answers = Object.values(counts).reduce((a, b) => a + b, 0);
  return answers >= EMOTION_MIN_ANSWERS ? { answers, counts } : { answers: '<10', counts: null };
}

function parseCounts(json: string | null): Record<string, number> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number'));
  } catch {
    return {};
  }
}

export type Reports = ReturnType<typeof createReports>;
