/**
 * A session's tally: how many took part (人次), how many of them were roster children, how many
 * contributed, and the emotion check-ins by code. Written on the session row when it ends, in the
 * same transaction (an ended session's participations never change again), so the term statistics
 * read one small row per session instead of counting a million participations each time.
 *
 * `tallySession` is the one definition of these numbers: the ledger stores its answer at the end,
 * and the reports use it directly for a session still open. An emotion check-in is any contribution
 * of kind `emotion` (the activity's data); its code is the value's `emotion` field.
 */
import type { Db } from './db.js';

export interface SessionTally {
  participations: number;
  students: number;
  contributed: number;
  /** Emotion check-ins by code, e.g. `{ joy: 12, calm: 4, pass: 1 }`. */
  emotions: Record<string, number>;
}

export const EMOTION_KIND = 'emotion';

export function tallySession(db: Db, sessionId: string): SessionTally {
  const { q } = db;
  const counts = db.get(
    q
      .selectFrom('participations')
      .select((eb) => [
        eb.fn.countAll<number>().as('participations'),
        eb.fn.count<number>('student_id').as('students'),
        eb.fn.sum<number | null>('contributed').as('contributed'),
      ])
      .where('session_id', '=', sessionId),
  );
  const emotions: Record<string, number> = {};
  const values = db.all(
    q.selectFrom('contributions').select('value').where('session_id', '=', sessionId).where('kind', '=', EMOTION_KIND),
  );
  for (const { value } of values) {
    const code = emotionCode(value);
    if (code !== null) emotions[code] = (emotions[code] ?? 0) + 1;
  }
  return {
    participations: Number(counts?.participations ?? 0),
    students: Number(counts?.students ?? 0),
    contributed: Number(counts?.contributed ?? 0),
    emotions,
  };
}

/** The `emotion` code of a stored contribution value, or null if it has none. */
function emotionCode(json: string): string | null {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null && 'emotion' in value && typeof value.emotion === 'string') {
      return value.emotion.slice(0, 32);
    }
  } catch {
    // A value that is not JSON is not a check-in.
  }
  return null;
}

/** Computes and stores the tally of one session (call inside the transaction that ends it). */
export function writeTally(db: Db, sessionId: string): void {
  const t = tallySession(db, sessionId);
  db.run(
    db.q
      .updateTable('sessions')
      .set({
        tally_participations: t.participations,
        tally_students: t.students,
        tally_contributed: t.contributed,
        tally_emotions: JSON.stringify(t.emotions),
      })
      .where('id', '=', sessionId),
  );
}

/**
 * Tallies ended sessions that have none (ended before tallies existed, or written by a bulk load).
 * Cheap when there is nothing to do: a partial index holds exactly those sessions.
 */
export function tallyUntallied(db: Db): number {
  const ids = db.all(
    db.q.selectFrom('sessions').select('id').where('status', '=', 'ended').where('tally_participations', 'is', null),
  );
  if (ids.length === 0) return 0;
  db.transaction(() => {
    for (const { id } of ids) writeTally(db, id);
  });
  return ids.length;
}
