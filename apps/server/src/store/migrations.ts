/**
 * Schema migrations, in order, each applied once inside a transaction. Written with Kysely's schema
 * builder so the same list can run on PostgreSQL later. Never edit a released migration: add one.
 */
import { type Kysely, sql } from 'kysely';
import type { Db } from './db.js';
import type { Database } from './schema.js';

interface Migration {
  id: number;
  name: string;
  up(q: Kysely<Database>): { compile(): { sql: string; parameters: readonly unknown[] } }[];
}

const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'sessions, participations, contributions, follow-ups',
    up: (q) => [
      q.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('activity_id', 'text', (c) => c.notNull())
        .addColumn('theme', 'text', (c) => c.notNull())
        .addColumn('grade_bands', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('seed', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'integer')
        .addColumn('ended_at', 'integer')
        .addColumn('snapshot', 'text')
        .addColumn('snapshot_at', 'integer'),
      q.schema.createIndex('sessions_status').on('sessions').columns(['status', 'created_at']),
      q.schema
        .createTable('participations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('student_id', 'text')
        .addColumn('nickname', 'text', (c) => c.notNull())
        .addColumn('resume_token_hash', 'text', (c) => c.notNull())
        .addColumn('joined_at', 'integer', (c) => c.notNull())
        .addColumn('last_seen_at', 'integer', (c) => c.notNull())
        .addColumn('contributed', 'integer', (c) => c.notNull().defaultTo(0)),
      q.schema.createIndex('participations_session').on('participations').column('session_id'),
      q.schema
        .createTable('contributions')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('participant_id', 'text', (c) => c.notNull().references('participations.id').onDelete('cascade'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('client_intent_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .addUniqueConstraint('contributions_session_key', ['session_id', 'key'])
        .addUniqueConstraint('contributions_intent_key', ['client_intent_id', 'key']),
      q.schema
        .createTable('follow_ups')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('participant_id', 'text', (c) => c.notNull().references('participations.id').onDelete('cascade'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'integer', (c) => c.notNull())
        .addColumn('resolved_at', 'integer')
        .addUniqueConstraint('follow_ups_session_key', ['session_id', 'key']),
    ],
  },
  {
    id: 2,
    name: 'terms, classes, students, student names; sessions for a class; indexes for the term statistics',
    up: (q) => [
      q.schema
        .createTable('terms')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        // Calendar dates (YYYY-MM-DD, both inclusive) as the school writes them, not instants:
        // a term is "9月1日 to 1月20日" wherever the clock's time zone is.
        .addColumn('starts_on', 'text', (c) => c.notNull())
        .addColumn('ends_on', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull()),
      q.schema.createIndex('terms_starts_on').on('terms').columns(['starts_on', 'ends_on']),
      q.schema
        .createTable('classes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('grade', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        // A class is archived, never deleted: its past sessions still count in old terms' figures.
        .addColumn('archived_at', 'integer'),
      q.schema
        .createIndex('classes_active_name')
        .on('classes')
        .column('name')
        .unique()
        .where(sql.ref('archived_at'), 'is', null),
      q.schema
        .createTable('students')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id'))
        .addColumn('seat', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        // Left the class (a re-import without them): kept so past participations still resolve.
        .addColumn('left_at', 'integer'),
      q.schema
        .createIndex('students_class_seat')
        .on('students')
        .columns(['class_id', 'seat'])
        .unique()
        .where(sql.ref('left_at'), 'is', null),
      q.schema.createIndex('students_class').on('students').columns(['class_id', 'left_at', 'seat']),
      // The only table with real names. Exports leave it out unless the teacher asks for names.
      q.schema
        .createTable('student_names')
        .addColumn('student_id', 'text', (c) => c.primaryKey().references('students.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull()),
      q.schema.alterTable('sessions').addColumn('class_id', 'text', (c) => c.references('classes.id')),
      // The class's band when the session was held (a class moves up a grade each September).
      q.schema.alterTable('sessions').addColumn('grade_band', 'text'),
      // The session's tally, written when it ends (see store/tally.ts): the statistics then read one
      // row per session instead of counting its participations again on every view.
      q.schema.alterTable('sessions').addColumn('tally_participations', 'integer'),
      q.schema.alterTable('sessions').addColumn('tally_students', 'integer'),
      q.schema.alterTable('sessions').addColumn('tally_contributed', 'integer'),
      q.schema.alterTable('sessions').addColumn('tally_emotions', 'text'),
      // Covering index for the statistics: a period's sessions, their class, band, activity, theme
      // and tally come from one range scan of this index alone, never the wide session rows.
      q.schema
        .createIndex('sessions_period')
        .on('sessions')
        .columns([
          'started_at',
          'id',
          'class_id',
          'grade_band',
          'activity_id',
          'theme',
          'tally_participations',
          'tally_students',
          'tally_contributed',
          'tally_emotions',
        ]),
      q.schema
        .createIndex('sessions_untallied')
        .on('sessions')
        .column('id')
        .where(sql<boolean>`status = 'ended' and tally_participations is null`),
      // A session's participations — who (roster child or guest), when, whether they answered —
      // without touching the table: the tally counts from it, and the CSV streams a million rows.
      q.schema.dropIndex('participations_session'),
      q.schema
        .createIndex('participations_session_student')
        .on('participations')
        .columns(['session_id', 'student_id', 'joined_at', 'contributed']),
      // "Distinct children reached" seeks each child's first participation in the period here, one
      // index probe per child rather than a pass over every participation.
      q.schema
        .createIndex('participations_student_joined')
        .on('participations')
        .columns(['student_id', 'joined_at', 'session_id'])
        .where(sql.ref('student_id'), 'is not', null),
    ],
  },
  {
    id: 3,
    name: 'teachers and their sign-in sessions; settings (retention, last purge)',
    up: (q) => [
      q.schema
        .createTable('teachers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('passphrase_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull()),
      q.schema.createIndex('teachers_name').unique().on('teachers').column('name'),
      q.schema
        .createTable('auth_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('teacher_id', 'text', (c) => c.notNull().references('teachers.id').onDelete('cascade'))
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'integer', (c) => c.notNull()),
      q.schema.createIndex('auth_sessions_teacher').on('auth_sessions').column('teacher_id'),
      q.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull()),
      // The purge finds old sessions by when they ended.
      q.schema.createIndex('sessions_ended').on('sessions').column('ended_at'),
    ],
  },
];

export function migrate(db: Db): void {
  db.raw.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(db.all(db.q.selectFrom('schema_migrations').select('id')).map((r) => r.id));
  for (const m of MIGRATIONS) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      for (const step of m.up(db.q)) {
        const { sql: text, parameters } = step.compile();
        if (parameters.length > 0) throw new Error(`migration ${m.id} must not take parameters`);
        db.raw.exec(text);
      }
      db.run(db.q.insertInto('schema_migrations').values({ id: m.id, name: m.name, applied_at: Date.now() }));
    });
  }
}

/** Exposed for tests that check the schema version. */
export const LATEST_MIGRATION = MIGRATIONS.length;
