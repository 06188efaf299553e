/**
 * `POST /api/backup` ("Back up now" in the console): the server copies its database online into
 * `<data>/backups/` and checks the copy. The answer says where the file is and whether SQLite's
 * `integrity_check` found it sound, so the teacher knows the backup can be trusted.
 */

/** One finished backup. */
export interface BackupReport {
  /** Absolute path on the laptop running the server. */
  path: string;
  /** The file name alone, e.g. `heartlamp-20250301-101500.db`. */
  file: string;
  bytes: number;
  /** How long the copy and the check took. */
  ms: number;
  /** `ok`, or what `PRAGMA integrity_check` found. */
  integrity: string;
}

export type BackupResponse =
  | { ok: true; data: BackupReport }
  | { ok: false; error: { code: 'backup-failed' | 'integrity-failed'; message: string }; data?: BackupReport };
