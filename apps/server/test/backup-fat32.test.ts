/**
 * A backup to a file system without hard links (a FAT32 USB stick): the copy is renamed into place
 * instead, and still never replaces a file. `linkSync` is made to fail as it does there.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { BackupError, backupConnection, check } from '../src/store/backup.js';

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    linkSync: () => {
      throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    },
  };
});

let dir: string;
let db: BetterSqlite3.Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'heartlamp-fat32-'));
  db = new BetterSqlite3(join(dir, 'heartlamp.db'));
  db.pragma('journal_mode = WAL');
  db.exec("CREATE TABLE t (a TEXT); INSERT INTO t VALUES ('kept')");
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

it('renames the checked copy into place where hard links are not supported', async () => {
  const out = join(dir, 'usb', 'heartlamp.db');
  const result = await backupConnection(db, out);
  expect(result).toMatchObject({ path: out, ok: true });
  expect(check(out)).toEqual(['ok']);
  expect(readdirSync(join(dir, 'usb'))).toEqual(['heartlamp.db']);
});

it('still refuses to replace a file there', async () => {
  const out = join(dir, 'taken.db');
  writeFileSync(out, 'precious');
  await expect(backupConnection(db, out)).rejects.toBeInstanceOf(BackupError);
  expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
});
