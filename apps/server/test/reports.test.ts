/**
 * The query module against the fixture whose answers were worked out by hand (ledger-fixture.ts
 * has the table of sessions; the sums are written out beside each expectation). Every figure the
 * console and the exports show comes from these functions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rangePeriod, resolvePeriod } from '../src/reports/period.js';
import type { Reports } from '../src/reports/queries.js';
import { createSchool } from '../src/store/school.js';
import { tallySession } from '../src/store/tally.js';
import { buildFixture, type Fixture, fixtureReports, TERM } from './ledger-fixture.js';

let f: Fixture;
let reports: Reports;
const term = rangePeriod(TERM.startsOn, TERM.endsOn, 't_fixture', TERM.name);

beforeAll(() => {
  f = buildFixture();
  reports = fixtureReports(f);
});
afterAll(() => f.close());

describe('term statistics (hand-computed)', () => {
  it('totals: 6 sessions held, 26 人次 (12 roster + 14 guests), 7 children reached, 8 enrolled', () => {
    const s = reports.stats(term);
    // Held in the term: S1 S2 S3 S4 S5 S7 (S6 never started, S8 after the term).
    // 人次: 4 + 5 + 11 + 2 + 2 + 2 = 26; roster children 3 + 3 + 3 + 2 + 0 + 1 = 12; guests 14.
    // Reached: A1 A2 A3 A4 B1 B2 B3 = 7 (B3 has left since, but was reached). C1 only in S6: not.
    // Enrolled now: 4 (A) + 2 (B, without B3) + 2 (C) = 8. Classes reached: A and B.
    expect(s.totals).toEqual({
      sessions: 6,
      participations: 26,
      students: 7,
      guests: 14,
      enrolled: 8,
      classes: 3,
      classesReached: 2,
    });
  });

  it('by class: sessions and 人次 by the session’s class, reach by the child’s (current) class', () => {
    const s = reports.stats(term);
    expect(s.byClass).toEqual([
      // A: S1 (4) + S2 (5) = 9; reached A1–A4 of 4.
      { classId: f.classes.A, name: '一年级(1)班', grade: 1, sessions: 2, participations: 9, students: 4, enrolled: 4 },
      // B: S3 (11) + S4 (2) + S7 (2) = 15; reached B1 B2 of the 2 still on the roster.
      {
        classId: f.classes.B,
        name: '三年级(2)班',
        grade: 3,
        sessions: 3,
        participations: 15,
        students: 2,
        enrolled: 2,
      },
      { classId: f.classes.C, name: '五年级(1)班', grade: 5, sessions: 0, participations: 0, students: 0, enrolled: 2 },
      // S5, without a class.
      { classId: null, name: null, grade: null, sessions: 1, participations: 2, students: 0, enrolled: 0 },
    ]);
  });

  it('by grade band, activity, theme and month', () => {
    const s = reports.stats(term);
    expect(s.byBand).toEqual([
      { band: 'low', sessions: 2, participations: 9, students: 4, enrolled: 4 },
      { band: 'middle', sessions: 3, participations: 15, students: 2, enrolled: 2 },
      { band: 'high', sessions: 0, participations: 0, students: 0, enrolled: 2 },
      { band: null, sessions: 1, participations: 2, students: 0, enrolled: 0 },
    ]);
    // emotion-monster: S1 S2 S3 S5 S7 = 5 sessions, 4 + 5 + 11 + 2 + 2 = 24; attention: S4, 2.
    expect(s.byActivity).toEqual([
      { activityId: 'emotion-monster', title: '我的情绪小怪兽', theme: 'emotion', sessions: 5, participations: 24 },
      { activityId: 'attention-challenge', title: '注意力大闯关', theme: 'attention', sessions: 1, participations: 2 },
    ]);
    expect(s.byTheme).toEqual([
      { theme: 'emotion', sessions: 5, participations: 24 },
      { theme: 'attention', sessions: 1, participations: 2 },
    ]);
    expect(s.byBandActivity).toEqual([
      // middle: S3 (11) + S7 (2); low: S1 (4) + S2 (5); none: S5; middle attention: S4.
      {
        band: 'middle',
        activityId: 'emotion-monster',
        title: '我的情绪小怪兽',
        theme: 'emotion',
        sessions: 2,
        participations: 13,
      },
      {
        band: 'low',
        activityId: 'emotion-monster',
        title: '我的情绪小怪兽',
        theme: 'emotion',
        sessions: 2,
        participations: 9,
      },
      {
        band: null,
        activityId: 'emotion-monster',
        title: '我的情绪小怪兽',
        theme: 'emotion',
        sessions: 1,
        participations: 2,
      },
      {
        band: 'middle',
        activityId: 'attention-challenge',
        title: '注意力大闯关',
        theme: 'attention',
        sessions: 1,
        participations: 2,
      },
    ]);
    // Sep: S1 (4); Oct: S2 + S3 (16); Nov: S4 + S5 (4); Dec: S7 (2); Jan: nothing, still listed.
    expect(s.byMonth).toEqual([
      { month: '2025-09', sessions: 1, participations: 4 },
      { month: '2025-10', sessions: 2, participations: 16 },
      { month: '2025-11', sessions: 2, participations: 4 },
      { month: '2025-12', sessions: 1, participations: 2 },
      { month: '2026-01', sessions: 0, participations: 0 },
    ]);
  });

  it('emotion check-ins per class, with fewer than ten answers shown as "<10"', () => {
    const s = reports.stats(term);
    expect(s.emotions).toEqual([
      // A: S1 (joy joy calm sadness) + S2 (calm joy fear pass joy) = 9 answers: suppressed.
      { classId: f.classes.A, name: '一年级(1)班', grade: 1, answers: '<10', counts: null },
      // B: S3 (joy×5 sadness×2 calm×2 anger pass) + S7, still running (love) = 12.
      {
        classId: f.classes.B,
        name: '三年级(2)班',
        grade: 3,
        answers: 12,
        counts: { joy: 5, sadness: 2, calm: 2, anger: 1, pass: 1, love: 1 },
      },
      // S5: one answer.
      { classId: null, name: null, grade: null, answers: '<10', counts: null },
    ]);
    // All together: 9 + 12 + 1 = 22, joy 4 + 5 + 1, calm 2 + 2, sadness 1 + 2, pass 1 + 1.
    expect(s.emotionTotals).toEqual({
      answers: 22,
      counts: { joy: 10, calm: 4, sadness: 3, fear: 1, pass: 2, anger: 1, love: 1 },
    });
  });

  it('a date range: October alone holds S2 and S3', () => {
    const s = reports.stats(rangePeriod('2025-10-01', '2025-10-31'));
    // 5 + 11 = 16 人次; reached A1 A2 A4 B1 B2 B3.
    expect(s.totals).toMatchObject({ sessions: 2, participations: 16, students: 6, guests: 10, classesReached: 2 });
    expect(s.byMonth).toEqual([{ month: '2025-10', sessions: 2, participations: 16 }]);
    expect(s.period).toEqual({ from: '2025-10-01', to: '2025-10-31', termId: null, label: '2025-10-01 – 2025-10-31' });
  });

  it('the sessions sheet: held sessions in order, the running one tallied live', () => {
    const rows = reports.sessions(term);
    expect(rows.map((r) => r.id)).toEqual([
      's_fixture000001',
      's_fixture000002',
      's_fixture000003',
      's_fixture000004',
      's_fixture000005',
      's_fixture000007',
    ]);
    expect(rows.map((r) => [r.participations, r.students, r.guests, r.contributed])).toEqual([
      [4, 3, 1, 4],
      [5, 3, 2, 5],
      [11, 3, 8, 11],
      [2, 2, 0, 0],
      [2, 0, 2, 1],
      [2, 1, 1, 1],
    ]);
    expect(rows[4]?.className).toBeNull();
    expect(rows[5]?.endedAt).toBeNull();
  });

  it('the per-child sheet: current children, and those who left but were reached', () => {
    const rows = reports.students(term, false);
    const by = Object.fromEntries(rows.map((r) => [r.studentId, r]));
    const count = (name: string) => by[f.students[name] ?? '']?.sessions;
    // A1: S1 S2 (S8 is after the term); B1: S3 S4 S7; B3 left, reached in S3; C1 only in S6.
    expect([count('A1'), count('A2'), count('A3'), count('A4')]).toEqual([2, 2, 1, 1]);
    expect([count('B1'), count('B2'), count('B3')]).toEqual([3, 2, 1]);
    expect([count('C1'), count('C2')]).toEqual([0, 0]);
    expect(by[f.students.B3 ?? '']?.current).toBe(false);
    expect(rows).toHaveLength(9);
    expect(rows.every((r) => r.name === null)).toBe(true);
    expect(reports.students(term, true).find((r) => r.studentId === f.students.A1)?.name).toBe('A1');
  });

  it('the CSV rows: one per participation of held sessions, names only when asked', () => {
    const rows = [...reports.participations(term, false)];
    expect(rows).toHaveLength(26);
    expect(rows.filter((r) => r.studentId === null)).toHaveLength(14);
    expect(rows.every((r) => r.name === null && r.seat === null)).toBe(true);
    const named = [...reports.participations(term, true)].filter((r) => r.name !== null);
    expect(named).toHaveLength(12);
  });

  it('a tally written at the end equals the live one (one definition of the numbers)', () => {
    for (const id of ['s_fixture000001', 's_fixture000003', 's_fixture000004']) {
      const row = f.db.raw
        .prepare(
          'SELECT tally_participations p, tally_students s, tally_contributed c, tally_emotions e FROM sessions WHERE id = ?',
        )
        .get(id) as { p: number; s: number; c: number; e: string };
      const live = tallySession(f.db, id);
      expect({ p: row.p, s: row.s, c: row.c, e: JSON.parse(row.e) }).toEqual({
        p: live.participations,
        s: live.students,
        c: live.contributed,
        e: live.emotions,
      });
    }
  });

  it('the current term by default, a term by id, or an error naming the field', () => {
    const school = createSchool(f.db);
    const byDefault = resolvePeriod(school, {}, '2025-11-01');
    expect(byDefault.ok && byDefault.period.label).toBe(TERM.name);
    const byId = resolvePeriod(school, { term: f.termId }, '2030-01-01');
    expect(byId.ok && byId.period.from).toBe('2025-09-01');
    const missing = resolvePeriod(school, { term: 't_doesnotexist00' }, '2025-11-01');
    expect(missing.ok).toBe(false);
  });
});
