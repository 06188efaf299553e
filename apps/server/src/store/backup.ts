/**
 * Online backups of the ledger: "Back up now" in the console and `pnpm heartlamp backup`.
 *
 * SQLite's online backup API (better-sqlite3's `.backup()`) copies the database page by page while
 * the lesson goes on. Run on the server's own connection, every write the server makes during the
 * copy is applied to the copy too, so the result is the database as it stood when the copy ended;
 * run from another process (the CLI), it reads one consistent snapshot (WAL readers never block the
 * writer). The copy is then switched to a rollback journal — one self-contained file to carry on a
 * USB stick — opened read-only and checked with `PRAGMA integrity_check` before it gets its final
 * name. A backup never overwrites a file: the copy is made under a temporary name beside the target
 * and only then given its name.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export interface BackupResult {
  /** Absolute path of the backup file. */
  path: string;
  bytes: number;
  /** Wall time of the copy and the check, in ms. */
  ms: number;
  /** `PRAGMA integrity_check` of the copy: `['ok']` when sound, else SQLite's findings. */
  integrity: string[];
  ok: boolean;
}

export class BackupError extends Error {
  constructor(
    readonly code: 'exists' | 'same-file' | 'no-database',
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/**
 * Pages copied per step when backing up the server's own connection. Between steps the event loop
 * runs (acks keep flowing); 1,000 pages of 4 KB is a few milliseconds of work per step.
 */
const PAGES_PER_STEP_LIVE = 1000;
/**
 * From another process, each write by the server restarts a stepwise copy; one step copies the whole
 * file inside one read transaction, which in WAL mode holds nobody up.
 */
const ALL_PAGES = 0x7fffffff;

/** `heartlamp-YYYYMMDD-HHMMSS.db` in local time: the teacher reads it in a file manager. */
export function backupFileName(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}`;
  const time = `${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
  return `heartlamp-${day}-${time}.db`;
}

/** A free path for a backup taken at `at` in `dir`: two backups in the same second get `-2`, `-3`… */
export function nextBackupPath(dir: string, at: Date): string {
  const base = backupFileName(at).slice(0, -'.db'.length);
  for (let n = 1; ; n++) {
    const candidate = join(dir, n === 1 ? `${base}.db` : `${base}-${n}.db`);
    if (!existsSync(candidate)) return candidate;
  }
}

/** Backs up the server's open connection into `out` (a new file) and checks the copy. */
export function backupConnection(source: BetterSqlite3.Database, out: string): Promise<BackupResult> {
  return copyAndCheck(source, out, PAGES_PER_STEP_LIVE);
}

/**
 * Backs up the database file at `dbPath` into `out` from a separate, read-only connection — the
 * command line, which may run beside a live server.
 */
export async function backupFile(dbPath: string, out: string): Promise<BackupResult> {
  if (!existsSync(dbPath)) throw new BackupError('no-database', `no database at ${resolve(dbPath)}`);
  const source = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    return await copyAndCheck(source, out, ALL_PAGES);
  } finally {
    source.close();
  }
}

async function copyAndCheck(source: BetterSqlite3.Database, out: string, pagesPerStep: number): Promise<BackupResult> {
  const started = performance.now();
  const target = resolve(out);
  const live = resolve(source.name);
  if (target === live || target === `${live}-wal` || target === `${live}-shm`) {
    throw new BackupError('same-file', `a backup cannot be written over the live database (${live})`);
  }
  if (existsSync(target)) throw new BackupError('exists', `${target} already exists; choose another name`);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial-${randomBytes(4).toString('hex')}`;
  try {
    await source.backup(partial, { progress: () => pagesPerStep });
    singleFile(partial);
    const integrity = check(partial);
    moveIntoPlace(partial, target);
    return {
      path: target,
      bytes: statSync(target).size,
      ms: Math.round(performance.now() - started),
      integrity,
      ok: integrity.length === 1 && integrity[0] === 'ok',
    };
  } finally {
    for (const leftover of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) {
      rmSync(leftover, { force: true });
    }
  }
}

/**
 * Gives the checked copy its name without ever replacing a file: a hard link fails if the name is
 * taken. File systems without hard links (a FAT32 USB stick) get a rename after a last look.
 */
function moveIntoPlace(partial: string, target: string): void {
  const taken = () => new BackupError('exists', `${target} already exists; choose another name`);
  try {
    linkSync(partial, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw taken();
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    if (existsSync(target)) throw taken();
    renameSync(partial, target);
  }
}

/** The copy inherits WAL mode from the live file; a rollback journal makes it one portable file. */
function singleFile(path: string): void {
  const copy = new BetterSqlite3(path, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** `PRAGMA integrity_check` on a read-only connection: the check itself cannot change the copy. */
export function check(path: string): string[] {
  const copy = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const rows = copy.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check);
  } finally {
    copy.close();
  }
}
