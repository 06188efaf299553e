/**
 * Schema migrations, in order, each applied once inside a transaction. Written with Kysely's schema
 * builder so the same list can run on PostgreSQL later. Never edit a released migration: add one.
 */
import type { Kysely } from 'kysely';
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
