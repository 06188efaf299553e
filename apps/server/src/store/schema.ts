/**
 * Table types for the query builder. Column names are snake_case as stored; times are epoch
 * milliseconds; JSON columns hold codes and numbers only (never a child's free text shown to others).
 */
import type { Generated } from 'kysely';

export interface SessionsTable {
  id: string;
  code: string;
  activity_id: string;
  theme: string;
  /** The activity's suggested grade bands, JSON array; the class's own band arrives with classes. */
  grade_bands: string;
  status: 'lobby' | 'running' | 'ended';
  config: string;
  seed: number;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  /** JSON of the activity state at the last phase change; restores build on it. */
  snapshot: string | null;
  snapshot_at: number | null;
}

export interface ParticipationsTable {
  /** The participant id (random), one per child per session. */
  id: string;
  session_id: string;
  /** Filled when a roster child taps their name (later); null for a generated nickname. */
  student_id: string | null;
  /** Nickname codes, "adjective/animal". */
  nickname: string;
  /** sha256 of the resume token, so a stolen database cannot impersonate a tablet. */
  resume_token_hash: string;
  joined_at: number;
  last_seen_at: number;
  contributed: number;
}

export interface ContributionsTable {
  id: Generated<number>;
  session_id: string;
  participant_id: string;
  key: string;
  kind: string;
  value: string;
  client_intent_id: string;
  created_at: number;
  updated_at: number;
}

export interface FollowUpsTable {
  id: Generated<number>;
  session_id: string;
  participant_id: string;
  key: string;
  requested_at: number;
  resolved_at: number | null;
}

export interface MigrationsTable {
  id: number;
  name: string;
  applied_at: number;
}

export interface Database {
  sessions: SessionsTable;
  participations: ParticipationsTable;
  contributions: ContributionsTable;
  follow_ups: FollowUpsTable;
  schema_migrations: MigrationsTable;
}
