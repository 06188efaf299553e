/**
 * A small school whose term figures were worked out by hand (see the table in reports.test.ts),
 * written through the same ledger and school functions the server uses.
 *
 * Term 2025-09-01 – 2026-01-20. Classes: 一年级(1)班 (A1–A4), 三年级(2)班 (B1–B3; B3 leaves
 * the roster after taking part), 五年级(1)班 (C1, C2; never has a session). Sessions:
 *
 * | id | class | activity            | started          | who                     | emotion check-ins            |
 * |----|-------|---------------------|------------------|-------------------------|------------------------------|
 * | S1 | A     | emotion-monster     | 2025-09-10 09:00 | A1 A2 A3 + 1 guest      | joy joy calm sadness         |
 * | S2 | A     | emotion-monster     | 2025-10-15 10:00 | A1 A2 A4 + 2 guests     | calm joy fear pass joy       |
 * | S3 | B     | emotion-monster     | 2025-10-20 11:00 | B1 B2 B3 + 8 guests     | joy×5 sadness×2 calm×2 anger pass |
 * | S4 | B     | attention-challenge | 2025-11-05 14:00 | B1 B2                   | —                            |
 * | S5 | —     | emotion-monster     | 2025-11-20 15:00 | 2 guests                | joy                          |
 * | S6 | A     | emotion-monster     | never started    | C1                      | —                            |
 * | S7 | B     | emotion-monster     | 2025-12-01 09:00 | B1 + 1 guest (running)  | love                         |
 * | S8 | A     | emotion-monster     | 2026-02-10 09:00 | A1 (after the term)     | —                            |
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReports } from '../src/reports/queries.js';
import { type Db, openDb } from '../src/store/db.js';
import { createLedger } from '../src/store/ledger.js';
import { createSchool } from '../src/store/school.js';

export const TERM = { name: '2025–2026学年 第一学期', startsOn: '2025-09-01', endsOn: '2026-01-20' };

const at = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).getTime();

export interface Fixture {
  db: Db;
  dir: string;
  termId: string;
  classes: { A: string; B: string; C: string };
  students: Record<string, string>;
  close(): void;
}

export function buildFixture(): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'heartlamp-fixture-'));
  const db = openDb(join(dir, 'heartlamp.db'));
  const school = createSchool(db);
  const ledger = createLedger(db);
  const created = at(2025, 8, 25, 8);

  const term = school.createTerm(TERM, created);
  if (!term.ok) throw new Error('term');
  const classId = (grade: number, name: string) => {
    const r = school.createClass({ grade, name }, created);
    if (!r.ok) throw new Error(name);
    return r.id;
  };
  const classes = { A: classId(1, '一年级(1)班'), B: classId(3, '三年级(2)班'), C: classId(5, '五年级(1)班') };
  const students: Record<string, string> = {};
  const roster = (cls: string, names: string[]) => {
    const report = school.replaceRoster(
      cls,
      names.map((name, i) => ({ name, seat: i + 1 })),
      created,
    );
    for (const s of report.roster) students[s.name] = s.id;
  };
  roster(classes.A, ['A1', 'A2', 'A3', 'A4']);
  roster(classes.B, ['B1', 'B2', 'B3']);
  roster(classes.C, ['C1', 'C2']);

  let n = 0;
  const session = (
    id: string,
    cls: 'A' | 'B' | 'C' | null,
    activityId: string,
    theme: string,
    started: number | null,
    who: (string | null)[],
    emotions: string[],
    end: 'ended' | 'running' | 'never',
  ) => {
    const band = cls === 'A' ? 'low' : cls === 'B' ? 'middle' : cls === 'C' ? 'high' : null;
    const createdAt = (started ?? at(2025, 11, 1, 8)) - 5 * 60_000;
    db.transaction(() => {
      ledger.insertSession({
        id,
        code: String(100_000 + n),
        activityId,
        theme,
        gradeBands: ['low'],
        config: {},
        seed: 1,
        createdAt,
        classId: cls === null ? null : classes[cls],
        gradeBand: band,
      });
      if (started !== null) ledger.startSession(id, started, {});
      who.forEach((name, i) => {
        const pid = `p_fixture${String(n++).padStart(6, '0')}`;
        ledger.insertParticipation({
          id: pid,
          sessionId: id,
          nickname: 'brave/bear',
          resumeTokenHash: 'x',
          joinedAt: createdAt + 60_000,
          studentId: name === null ? null : (students[name] ?? null),
        });
        const emotion = emotions[i];
        if (emotion !== undefined) {
          ledger.upsertContribution({
            sessionId: id,
            participantId: pid,
            key: `emotion:${pid}`,
            kind: 'emotion',
            value: { emotion, intensity: emotion === 'pass' ? null : 2, reason: null },
            clientIntentId: `fixture-${pid}`,
            at: (started ?? createdAt) + 10 * 60_000,
          });
        }
      });
      if (end === 'ended' || end === 'never') ledger.endSession(id, (started ?? createdAt) + 40 * 60_000, {});
    });
  };
  const g = null;
  session(
    's_fixture000001',
    'A',
    'emotion-monster',
    'emotion',
    at(2025, 9, 10, 9),
    ['A1', 'A2', 'A3', g],
    ['joy', 'joy', 'calm', 'sadness'],
    'ended',
  );
  session(
    's_fixture000002',
    'A',
    'emotion-monster',
    'emotion',
    at(2025, 10, 15, 10),
    ['A1', 'A2', 'A4', g, g],
    ['calm', 'joy', 'fear', 'pass', 'joy'],
    'ended',
  );
  session(
    's_fixture000003',
    'B',
    'emotion-monster',
    'emotion',
    at(2025, 10, 20, 11),
    ['B1', 'B2', 'B3', g, g, g, g, g, g, g, g],
    ['joy', 'joy', 'anger', 'joy', 'joy', 'joy', 'sadness', 'sadness', 'calm', 'calm', 'pass'],
    'ended',
  );
  session('s_fixture000004', 'B', 'attention-challenge', 'attention', at(2025, 11, 5, 14), ['B1', 'B2'], [], 'ended');
  session('s_fixture000005', null, 'emotion-monster', 'emotion', at(2025, 11, 20, 15), [g, g], ['joy'], 'ended');
  session('s_fixture000006', 'A', 'emotion-monster', 'emotion', null, ['C1'], [], 'never');
  session('s_fixture000007', 'B', 'emotion-monster', 'emotion', at(2025, 12, 1, 9), ['B1', g], ['love'], 'running');
  session('s_fixture000008', 'A', 'emotion-monster', 'emotion', at(2026, 2, 10, 9), ['A1'], [], 'ended');

  // B3 leaves the class after the lessons: a new roster without them.
  school.replaceRoster(
    classes.B,
    [
      { name: 'B1', seat: 1 },
      { name: 'B2', seat: 2 },
    ],
    at(2025, 12, 15, 8),
  );

  return {
    db,
    dir,
    termId: term.term.id,
    classes,
    students,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function fixtureReports(f: Fixture) {
  const titles: Record<string, string> = { 'emotion-monster': '我的情绪小怪兽', 'attention-challenge': '注意力大闯关' };
  return createReports(f.db, { titleOf: (id) => titles[id] ?? id, now: () => at(2026, 1, 21, 9) });
}
