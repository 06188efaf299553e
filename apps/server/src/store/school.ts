/**
 * The school's side of the ledger: terms, classes, class rosters and the one table of real names.
 * A child is a random id (`st_…`, crypto) with a class and a seat; the name lives only in
 * `student_names`. A roster import replaces a class's roster in one transaction: children already
 * on it (same name) keep their id — so their past sessions stay theirs — and children missing from
 * the new file leave the roster without losing their history.
 */
import { randomBytes } from 'node:crypto';
import type { ClassInfo, CreateClass, CreateTerm, ImportReport, RosterEntry, TermInfo } from '@heartlamp/shared';
import type { Db } from './db.js';

export const newClassId = (): string => `c_${randomBytes(12).toString('base64url')}`;
export const newStudentId = (): string => `st_${randomBytes(12).toString('base64url')}`;
export const newTermId = (): string => `t_${randomBytes(12).toString('base64url')}`;

export interface ClassRecord {
  id: string;
  grade: number;
  name: string;
  archived: boolean;
}

export interface TermRecord {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

/** Classes in the order a school lists them: by grade, then (2)班 before (10)班. */
export function compareClasses(a: { grade: number | null; name: string }, b: { grade: number | null; name: string }) {
  return (a.grade ?? 99) - (b.grade ?? 99) || a.name.localeCompare(b.name, 'zh-CN', { numeric: true });
}

/** What the session runtime needs of the school: a class, its roster, one child. */
export interface Rosters {
  classRecord(id: string): ClassRecord | undefined;
  roster(classId: string): RosterEntry[];
  rosterStudent(classId: string, studentId: string): RosterEntry | undefined;
  student(studentId: string): RosterEntry | undefined;
}

export function createSchool(db: Db) {
  const { q } = db;

  const termRecord = (t: { id: string; name: string; starts_on: string; ends_on: string }): TermRecord => ({
    id: t.id,
    name: t.name,
    startsOn: t.starts_on,
    endsOn: t.ends_on,
  });

  const school = {
    // ---------------------------------------------------------------- terms
    terms(): TermRecord[] {
      return db
        .all(q.selectFrom('terms').select(['id', 'name', 'starts_on', 'ends_on']).orderBy('starts_on', 'desc'))
        .map(termRecord);
    },

    termInfos(today: string): TermInfo[] {
      const current = school.currentTerm(today);
      return school.terms().map((t) => ({ ...t, current: t.id === current?.id }));
    },

    term(id: string): TermRecord | undefined {
      const row = db.get(q.selectFrom('terms').select(['id', 'name', 'starts_on', 'ends_on']).where('id', '=', id));
      return row ? termRecord(row) : undefined;
    },

    /** The term today is in; else the latest that has started; else none. */
    currentTerm(today: string): TermRecord | undefined {
      const terms = school.terms();
      return terms.find((t) => t.startsOn <= today && today <= t.endsOn) ?? terms.find((t) => t.startsOn <= today);
    },

    /** Adds a term, or names the term whose dates it would overlap. */
    createTerm(t: CreateTerm, now: number): { ok: true; term: TermRecord } | { ok: false; overlaps: string } {
      const clash = db.get(
        q.selectFrom('terms').select('name').where('starts_on', '<=', t.endsOn).where('ends_on', '>=', t.startsOn),
      );
      if (clash) return { ok: false, overlaps: clash.name };
      const term = { id: newTermId(), name: t.name, startsOn: t.startsOn, endsOn: t.endsOn };
      db.run(
        q.insertInto('terms').values({
          id: term.id,
          name: term.name,
          starts_on: term.startsOn,
          ends_on: term.endsOn,
          created_at: now,
        }),
      );
      return { ok: true, term };
    },

    /** Removes a term (its dates only: no session belongs to a term, so no figure is lost). */
    deleteTerm(id: string): boolean {
      return db.run(q.deleteFrom('terms').where('id', '=', id)).changes > 0;
    },

    // ---------------------------------------------------------------- classes
    classes(): ClassInfo[] {
      const rows = db.all(
        q
          .selectFrom('classes')
          .leftJoin('students', (j) =>
            j.onRef('students.class_id', '=', 'classes.id').on('students.left_at', 'is', null),
          )
          .select((eb) => [
            'classes.id',
            'classes.grade',
            'classes.name',
            eb.fn.count<number>('students.id').as('students'),
          ])
          .where('classes.archived_at', 'is', null)
          .groupBy(['classes.id', 'classes.grade', 'classes.name']),
      );
      return rows
        .map((r) => ({ id: r.id, grade: r.grade, name: r.name, students: Number(r.students) }))
        .sort(compareClasses);
    },

    classRecord(id: string): ClassRecord | undefined {
      const row = db.get(q.selectFrom('classes').select(['id', 'grade', 'name', 'archived_at']).where('id', '=', id));
      return row ? { id: row.id, grade: row.grade, name: row.name, archived: row.archived_at !== null } : undefined;
    },

    createClass(c: CreateClass, now: number): { ok: true; id: string } | { ok: false } {
      const taken = db.get(
        q.selectFrom('classes').select('id').where('name', '=', c.name).where('archived_at', 'is', null),
      );
      if (taken) return { ok: false };
      const id = newClassId();
      db.run(q.insertInto('classes').values({ id, grade: c.grade, name: c.name, created_at: now, archived_at: null }));
      return { ok: true, id };
    },

    /** Archives a class: it leaves the lists, its sessions keep counting in the periods they were held. */
    archiveClass(id: string, now: number): boolean {
      return (
        db.run(q.updateTable('classes').set({ archived_at: now }).where('id', '=', id).where('archived_at', 'is', null))
          .changes > 0
      );
    },

    // ---------------------------------------------------------------- rosters
    roster(classId: string): RosterEntry[] {
      return db.all(
        q
          .selectFrom('students')
          .innerJoin('student_names', 'student_names.student_id', 'students.id')
          .select(['students.id', 'students.seat', 'student_names.name'])
          .where('students.class_id', '=', classId)
          .where('students.left_at', 'is', null)
          .orderBy('students.seat'),
      );
    },

    /** One child on a class's current roster, for a tablet that tapped their name. */
    rosterStudent(classId: string, studentId: string): RosterEntry | undefined {
      return db.get(
        q
          .selectFrom('students')
          .innerJoin('student_names', 'student_names.student_id', 'students.id')
          .select(['students.id', 'students.seat', 'student_names.name'])
          .where('students.id', '=', studentId)
          .where('students.class_id', '=', classId)
          .where('students.left_at', 'is', null),
      );
    },

    /** Any child by id, on a roster now or not (a session restored after the roster changed). */
    student(studentId: string): RosterEntry | undefined {
      return db.get(
        q
          .selectFrom('students')
          .innerJoin('student_names', 'student_names.student_id', 'students.id')
          .select(['students.id', 'students.seat', 'student_names.name'])
          .where('students.id', '=', studentId),
      );
    },

    /**
     * Replaces a class's roster with `rows` (already checked: unique names and seats) in one
     * transaction. Matching is by name: the same child keeps their id and moves seat if needed.
     */
    replaceRoster(classId: string, rows: readonly { name: string; seat: number }[], now: number): ImportReport {
      return db.transaction(() => {
        const current = school.roster(classId);
        const byName = new Map(current.map((s) => [s.name, s]));
        const incoming = new Set(rows.map((r) => r.name));
        // Seats are unique among a class's current children: park everyone's seat out of the way
        // first, so two children swapping seats never collide half-way.
        for (const s of current) {
          db.run(
            q
              .updateTable('students')
              .set({ seat: -s.seat - 1000 })
              .where('id', '=', s.id),
          );
        }
        let kept = 0;
        let left = 0;
        for (const s of current) {
          if (incoming.has(s.name)) continue;
          db.run(q.updateTable('students').set({ seat: s.seat, left_at: now }).where('id', '=', s.id));
          left += 1;
        }
        let added = 0;
        for (const row of rows) {
          const existing = byName.get(row.name);
          if (existing) {
            db.run(q.updateTable('students').set({ seat: row.seat }).where('id', '=', existing.id));
            kept += 1;
            continue;
          }
          const id = newStudentId();
          db.run(
            q.insertInto('students').values({ id, class_id: classId, seat: row.seat, created_at: now, left_at: null }),
          );
          db.run(q.insertInto('student_names').values({ student_id: id, name: row.name }));
          added += 1;
        }
        return { added, kept, left, roster: school.roster(classId) };
      });
    },
  };
  return school;
}

export type School = ReturnType<typeof createSchool>;
