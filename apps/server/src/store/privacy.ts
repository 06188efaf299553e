/**
 * Retention and the right to deletion.
 *
 * - `purge()` enforces the retention setting: per-child emotional data (answers, follow-up requests,
 *   and the session snapshot that holds them) goes once its session ended more than `emotionDays`
 *   ago; who took part (participation rows) goes after `participationDays`. A session's tally — counts
 *   with no child in them — stays, so past terms' totals still add up. Then the file is vacuumed,
 *   so deleted rows do not linger in free pages.
 * - `deleteStudent()` removes every row carrying one child's id: their participations (and with them
 *   answers and follow-ups), the snapshots of the ended sessions they were in, their roster entry
 *   and their name. Refused while they are in a session that is still open.
 */
import { statSync } from 'node:fs';
import {
  DEFAULT_RETENTION,
  type DeletionReport,
  type PurgeReport,
  type Retention,
  retentionSchema,
} from '@heartlamp/shared';
import type { Db } from './db.js';

const DAY = 24 * 3600_000;

export type Privacy = ReturnType<typeof createPrivacy>;

export function createPrivacy(db: Db, options: { now: () => number }) {
  const { q } = db;

  const setting = (key: string): unknown => {
    const row = db.get(q.selectFrom('settings').select('value').where('key', '=', key));
    return row ? JSON.parse(row.value) : undefined;
  };
  const setSetting = (key: string, value: unknown) => {
    db.run(
      q
        .insertInto('settings')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((c) => c.column('key').doUpdateSet({ value: JSON.stringify(value) })),
    );
  };

  const fileBytes = (): number => {
    let total = 0;
    for (const suffix of ['', '-wal']) {
      try {
        total += statSync(db.path + suffix).size;
      } catch {
        // no WAL file right now
      }
    }
    return total;
  };

  const privacy = {
    /** Where the database file is on this computer (for the privacy page). */
    path: db.path,

    retention(): Retention {
      const parsed = retentionSchema.safeParse(setting('retention'));
      return parsed.success ? parsed.data : DEFAULT_RETENTION;
    },

    setRetention(retention: Retention): void {
      setSetting('retention', retention);
    },

    lastPurge(): PurgeReport | null {
      return (setting('last_purge') as PurgeReport | undefined) ?? null;
    },

    /** Applies the retention setting now; returns what went. */
    purge(): PurgeReport {
      const started = performance.now();
      const at = options.now();
      const { emotionDays, participationDays } = privacy.retention();
      const emotionCutoff = at - emotionDays * DAY;
      const participationCutoff = at - participationDays * DAY;
      const bytesBefore = fileBytes();
      const removed: Record<string, number> = {};
      const add = (table: string, n: number) => {
        removed[table] = (removed[table] ?? 0) + n;
      };
      db.transaction(() => {
        const old = (cutoff: number) =>
          q.selectFrom('sessions').select('id').where('status', '=', 'ended').where('ended_at', '<', cutoff);
        add(
          'contributions',
          db.run(q.deleteFrom('contributions').where('session_id', 'in', old(emotionCutoff))).changes,
        );
        add('follow_ups', db.run(q.deleteFrom('follow_ups').where('session_id', 'in', old(emotionCutoff))).changes);
        add(
          'sessions.snapshot',
          db.run(
            q
              .updateTable('sessions')
              .set({ snapshot: null, snapshot_at: null })
              .where('id', 'in', old(emotionCutoff))
              .where('snapshot', 'is not', null),
          ).changes,
        );
        // Emotion codes per session are counts, but a session of one child would say what that child
        // felt: they go with the emotional data.
        add(
          'sessions.tally_emotions',
          db.run(
            q
              .updateTable('sessions')
              .set({ tally_emotions: null })
              .where('id', 'in', old(emotionCutoff))
              .where('tally_emotions', 'is not', null),
          ).changes,
        );
        // Participations past their time; answers and follow-ups cascade with them.
        add(
          'participations',
          db.run(q.deleteFrom('participations').where('session_id', 'in', old(participationCutoff))).changes,
        );
        add('auth_sessions', db.run(q.deleteFrom('auth_sessions').where('expires_at', '<=', at)).changes);
      });
      // Deleted rows must not linger in free pages of the file.
      db.raw.pragma('wal_checkpoint(TRUNCATE)');
      db.raw.exec('VACUUM');
      db.raw.pragma('wal_checkpoint(TRUNCATE)');
      const report: PurgeReport = {
        at,
        removed,
        bytesBefore,
        bytesAfter: fileBytes(),
        ms: Math.round(performance.now() - started),
      };
      setSetting('last_purge', report);
      return report;
    },

    /**
     * Deletes one child's data everywhere. `null` when no such child exists; `'live'` when they are
     * in a session that is still open (end it first, so no live state holds them).
     */
    deleteStudent(studentId: string, isLive: (sessionId: string) => boolean): DeletionReport | 'live' | null {
      const known =
        db.get(q.selectFrom('students').select('id').where('id', '=', studentId)) ??
        db.get(q.selectFrom('participations').select('id').where('student_id', '=', studentId).limit(1));
      if (!known) return null;
      const sessions = db
        .all(q.selectFrom('participations').select('session_id').where('student_id', '=', studentId).distinct())
        .map((r) => r.session_id);
      if (sessions.some(isLive)) return 'live';
      const mine = q.selectFrom('participations').select('id').where('student_id', '=', studentId);
      return db.transaction(() => {
        const removed: Record<string, number> = {
          contributions: db.run(q.deleteFrom('contributions').where('participant_id', 'in', mine)).changes,
          follow_ups: db.run(q.deleteFrom('follow_ups').where('participant_id', 'in', mine)).changes,
          // The end-of-session snapshot lists every child of that session by id.
          'sessions.snapshot':
            sessions.length === 0
              ? 0
              : db.run(
                  q
                    .updateTable('sessions')
                    .set({ snapshot: null, snapshot_at: null })
                    .where('id', 'in', sessions)
                    .where('status', '=', 'ended'),
                ).changes,
          participations: db.run(q.deleteFrom('participations').where('student_id', '=', studentId)).changes,
          student_names: db.run(q.deleteFrom('student_names').where('student_id', '=', studentId)).changes,
          students: db.run(q.deleteFrom('students').where('id', '=', studentId)).changes,
        };
        return { studentId, removed };
      });
    },
  };
  return privacy;
}
