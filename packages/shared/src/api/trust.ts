/**
 * The trust contract of `/api`: teacher sign-in, the teacher list, retention and the guardian's
 * right to deletion. The server parses every request with these schemas; the console is typed from
 * the same source. Errors use the ledger's `ApiResult` / `LedgerError` shape (codes in
 * `LEDGER_ERROR_CODES`, words in `locales/ledger.*.json`).
 *
 *   GET    /api/auth                 { setupNeeded, teacher }                      (no sign-in needed)
 *   POST   /api/auth/setup           { name, passphrase }  first run only; signs in
 *   POST   /api/auth/login           { name, passphrase }  sets the `hl_session` cookie
 *   POST   /api/auth/logout          {}
 *   GET    /api/teachers             TeacherInfo[]
 *   POST   /api/teachers             { name, passphrase }  another teacher of this school
 *   DELETE /api/teachers/:id         not oneself, never the last one
 *   GET    /api/privacy              PrivacyInfo
 *   PUT    /api/privacy/retention    Retention
 *   POST   /api/privacy/purge        {}  → PurgeReport (the daily purge, now)
 *   DELETE /api/students/:id         → DeletionReport (every row with that child's id, gone)
 */
import { z } from 'zod';
import { displayNameSchema } from './ledger.js';

/** The session cookie: httpOnly, SameSite=Strict, Secure over HTTPS. */
export const SESSION_COOKIE = 'hl_session';

export const teacherIdSchema = z.string().regex(/^tc_[A-Za-z0-9_-]{10,32}$/, 'not a teacher id');

export const teacherNameSchema = displayNameSchema(40);
/** A passphrase: 8 to 128 characters; a sentence the teacher remembers beats a short password. */
export const passphraseSchema = z.string().min(8).max(128);

export const credentialsSchema = z.strictObject({ name: teacherNameSchema, passphrase: passphraseSchema });
export type Credentials = z.output<typeof credentialsSchema>;

/** Login takes any passphrase length up to the cap, so a too-short one reads "wrong", not "invalid". */
export const loginSchema = z.strictObject({ name: teacherNameSchema, passphrase: z.string().min(1).max(128) });

export interface TeacherInfo {
  id: string;
  name: string;
  createdAt: number;
  /** The teacher signed in on this console. */
  you: boolean;
}

export interface AuthState {
  /** No teacher exists yet: the console shows the first-run form. */
  setupNeeded: boolean;
  teacher: { id: string; name: string } | null;
}

/** How long data is kept, in days, counted from the end of the session it came from. */
export const retentionSchema = z
  .strictObject({
    /** Per-child emotional data: answers, intensities, reasons, follow-up requests. */
    emotionDays: z.number().int().min(30).max(3650),
    /** Who took part (participation rows; aggregate tallies stay for the summary). */
    participationDays: z.number().int().min(30).max(3650),
  })
  .refine((r) => r.emotionDays <= r.participationDays, {
    message: 'emotional data cannot be kept longer than participation',
    path: ['emotionDays'],
  });
export type Retention = z.output<typeof retentionSchema>;

export const DEFAULT_RETENTION: Retention = { emotionDays: 365, participationDays: 730 };

export interface PurgeReport {
  at: number;
  /** Rows removed, per table. */
  removed: Record<string, number>;
  /** Database file size before and after VACUUM. */
  bytesBefore: number;
  bytesAfter: number;
  ms: number;
}

export interface PrivacyInfo {
  retention: Retention;
  lastPurge: PurgeReport | null;
  /** Where the database lives on this computer. */
  dataPath: string;
}

export interface DeletionReport {
  studentId: string;
  /** Rows removed, per table. */
  removed: Record<string, number>;
}
