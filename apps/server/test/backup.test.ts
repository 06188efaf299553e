/**
 * Backups: the online copy (store/backup.ts), "Back up now" (`POST /api/backup`) and
 * `pnpm heartlamp backup` run as a real child process beside a running server. (Backups under the
 * load of 40 answering children are in test/faults/backup-under-load.test.ts.)
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { BackupResponse, CreatedSession, Joined } from '@heartlamp/shared';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupError, backupConnection, backupFileName, check, nextBackupPath } from '../src/store/backup.js';
import { killAll, runCli } from './faults/spawn.js';
import { call, type Harness, startHarness, unwrap } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});
afterAll(async () => {
  await killAll();
});

/** A session with two children and one answer, so the ledger has rows in every main table. */
async function lesson(): Promise<void> {
  const teacher = await h.teach();
  const { code } = unwrap(await call<CreatedSession>(teacher, 'session:create', { activityId: 'emotion-monster' }));
  unwrap(await call(teacher, 'session:start', { code }));
  for (const [i, animal] of ['owl', 'cat'].entries()) {
    const tablet = await h.play();
    unwrap(await call<Joined>(tablet, 'play:join', { code, nickname: { adjective: 'kind', animal } }));
    unwrap(
      await call(tablet, 'play:intent', {
        clientIntentId: `backup-test-intent-${i}`,
        intent: { type: 'answer', emotion: 'calm', intensity: 2 },
      }),
    );
  }
}

function rows(path: string): Record<string, unknown[]> {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
  } finally {
    db.close();
  }
}

describe('the online backup', () => {
  it('names backups by local time and never reuses a name', () => {
    const at = new Date(2025, 2, 7, 9, 5, 3);
    expect(backupFileName(at)).toBe('heartlamp-20250307-090503.db');
    const dir = mkdtempSync(join(tmpdir(), 'heartlamp-names-'));
    try {
      const first = nextBackupPath(dir, at);
      expect(basename(first)).toBe('heartlamp-20250307-090503.db');
      writeFileSync(first, '');
      expect(basename(nextBackupPath(dir, at))).toBe('heartlamp-20250307-090503-2.db');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('copies the live database into one checked, self-contained file', async () => {
    await lesson();
    const out = join(h.dataDir, 'copies', 'one.db');
    const result = await backupConnection(h.server.db.raw, out);
    expect(result).toMatchObject({ path: out, ok: true, integrity: ['ok'] });
    expect(result.bytes).toBeGreaterThan(0);
    expect(check(out)).toEqual(['ok']);
    expect(rows(out)).toEqual(rows(join(h.dataDir, 'heartlamp.db')));
    // A rollback journal, not WAL: the copy is one file, safe to carry on a USB stick.
    const copy = new BetterSqlite3(out, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    expect(readdirSync(dirname(out))).toEqual(['one.db']);
  });

  it('refuses to overwrite a file or the live database', async () => {
    const existing = join(h.dataDir, 'taken.db');
    writeFileSync(existing, 'precious');
    await expect(backupConnection(h.server.db.raw, existing)).rejects.toBeInstanceOf(BackupError);
    await expect(backupConnection(h.server.db.raw, join(h.dataDir, 'heartlamp.db'))).rejects.toThrow(/live database/);
    expect(readdirSync(h.dataDir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });
});

describe('POST /api/backup', () => {
  it('writes data/backups/heartlamp-YYYYMMDD-HHMMSS.db and answers with the path and the check', async () => {
    await lesson();
    const response = await h.fetch(`/api/backup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as BackupResponse;
    if (!body.ok) throw new Error(body.error.message);
    expect(body.data.file).toMatch(/^heartlamp-\d{8}-\d{6}\.db$/);
    expect(body.data.path).toBe(join(h.dataDir, 'backups', body.data.file));
    expect(body.data.integrity).toBe('ok');
    expect(rows(body.data.path)).toEqual(rows(join(h.dataDir, 'heartlamp.db')));
  });

  it('takes JSON only, so a page on another site cannot trigger it with a plain form', async () => {
    const response = await h.fetch(`/api/backup`, { method: 'POST', body: 'a=1' });
    expect(response.status).toBe(415);
    expect(existsSync(join(h.dataDir, 'backups'))).toBe(false);
  });
});

describe('pnpm heartlamp backup', () => {
  // Four real processes: generous on a busy machine, where each may take seconds to start.
  it('backs up beside a running server, refuses to overwrite, and says when there is nothing to back up', {
    timeout: 120_000,
  }, async () => {
    await lesson();
    const out = join(h.dataDir, 'cli', 'copy.db');
    const made = await runCli(['backup', '--data', h.dataDir, '--out', out]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(out);
    expect(made.stdout).toContain('integrity_check: ok');
    expect(check(out)).toEqual(['ok']);
    expect(rows(out)).toEqual(rows(join(h.dataDir, 'heartlamp.db')));

    const again = await runCli(['backup', '--data', h.dataDir, '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');

    const byDefault = await runCli(['backup', '--data', h.dataDir]);
    expect(byDefault.code).toBe(0);
    expect(readdirSync(join(h.dataDir, 'backups'))).toEqual([expect.stringMatching(/^heartlamp-\d{8}-\d{6}\.db$/)]);

    const empty = mkdtempSync(join(tmpdir(), 'heartlamp-empty-'));
    try {
      const nothing = await runCli(['backup', '--data', empty, '--out', join(empty, 'x.db')]);
      expect(nothing.code).toBe(2);
      expect(nothing.stderr).toContain('no database');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
