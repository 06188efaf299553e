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
  /** The class the session was held for; null for a session without a class (it still counts). */
  class_id: string | null;
  /** 'low' | 'middle' | 'high': the class's band when the session was created; null without a class. */
  grade_band: string | null;
  /** The session's tally (store/tally.ts), written when it ends; null while it is open. */
  tally_participations: number | null;
  tally_students: number | null;
  tally_contributed: number | null;
  /** JSON object: emotion check-ins by code. */
  tally_emotions: string | null;
}

export interface ParticipationsTable {
  /** The participant id (random), one per child per session. */
  id: string;
  session_id: string;
  /** Filled when a roster child taps their name; null for a guest (generated nickname only). */
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

export interface TermsTable {
  id: string;
  name: string;
  /** YYYY-MM-DD, inclusive. */
  starts_on: string;
  /** YYYY-MM-DD, inclusive. */
  ends_on: string;
  created_at: number;
}

export interface ClassesTable {
  id: string;
  grade: number;
  /** As the school writes it, e.g. 三年级(2)班. */
  name: string;
  created_at: number;
  archived_at: number | null;
}

/** A child on a class roster, known by a random id; the name is in `student_names` only. */
export interface StudentsTable {
  id: string;
  class_id: string;
  seat: number;
  created_at: number;
  left_at: number | null;
}

export interface StudentNamesTable {
  student_id: string;
  name: string;
}

/** A teacher of this school. `name` is compared as typed (trimmed); the passphrase is an scrypt hash. */
export interface TeachersTable {
  id: string;
  name: string;
  /** `scrypt$N$r$p$salt$hash`, base64url parts. */
  passphrase_hash: string;
  created_at: number;
}

/** A signed-in browser: sha256 of the cookie's token, so a stolen database signs nobody in. */
export interface AuthSessionsTable {
  token_hash: string;
  teacher_id: string;
  created_at: number;
  expires_at: number;
}

export interface SettingsTable {
  key: string;
  /** JSON. */
  value: string;
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
  terms: TermsTable;
  classes: ClassesTable;
  students: StudentsTable;
  student_names: StudentNamesTable;
  teachers: TeachersTable;
  auth_sessions: AuthSessionsTable;
  settings: SettingsTable;
  schema_migrations: MigrationsTable;
}
