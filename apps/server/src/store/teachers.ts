/**
 * Teachers and their sign-in sessions. A passphrase is kept as an scrypt hash at OWASP's parameters
 * (N = 2^17, r = 8, p = 1, 16-byte salt); a browser's session is a random 32-byte token in an
 * httpOnly cookie, stored here only as its sha256, so a copied database signs nobody in.
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import type { TeacherInfo } from '@heartlamp/shared';
import type { Db } from './db.js';

export const newTeacherId = (): string => `tc_${randomBytes(12).toString('base64url')}`;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP Password Storage Cheat Sheet: scrypt with N=2^17, r=8, p=1. */
export const OWASP_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const KEY_BYTES = 32;

function scrypt(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // 128 * N * r bytes of memory, and some room.
    const maxmem = 256 * params.N * params.r;
    scryptCallback(secret.normalize('NFC'), salt, KEY_BYTES, { ...params, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassphrase(passphrase: string, params: ScryptParams = OWASP_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(passphrase, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassphrase(passphrase: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(passphrase, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');

/** How long a sign-in lasts: a school week, so the console is not signed out mid-lesson. */
export const SESSION_MS = 7 * 24 * 3600_000;

export interface Teacher {
  id: string;
  name: string;
}

export type Teachers = ReturnType<typeof createTeachers>;

export function createTeachers(db: Db, options: { now: () => number; scrypt?: ScryptParams }) {
  const { q } = db;
  const params = options.scrypt ?? OWASP_SCRYPT;
  // Verifying against this when the name is unknown takes as long as a real check: no name probing.
  let dummyHash: Promise<string> | null = null;

  const teachers = {
    count(): number {
      return Number(db.get(q.selectFrom('teachers').select((e) => e.fn.countAll<number>().as('n')))?.n ?? 0);
    },

    list(): { id: string; name: string; createdAt: number }[] {
      return db
        .all(q.selectFrom('teachers').select(['id', 'name', 'created_at']).orderBy('created_at'))
        .map((t) => ({ id: t.id, name: t.name, createdAt: t.created_at }));
    },

    info(you: string): TeacherInfo[] {
      return teachers.list().map((t) => ({ ...t, you: t.id === you }));
    },

    byName(name: string): { id: string; name: string; passphrase_hash: string } | undefined {
      return db.get(q.selectFrom('teachers').select(['id', 'name', 'passphrase_hash']).where('name', '=', name));
    },

    /** Adds a teacher; `null` when the name is taken. Hashing happens before the write. */
    async add(name: string, passphrase: string): Promise<Teacher | null> {
      if (teachers.byName(name)) return null;
      const hash = await hashPassphrase(passphrase, params);
      const id = newTeacherId();
      // Checked again after the await: two requests may have raced.
      if (teachers.byName(name)) return null;
      db.run(q.insertInto('teachers').values({ id, name, passphrase_hash: hash, created_at: options.now() }));
      return { id, name };
    },

    /** The teacher whose name and passphrase these are, or null; always takes one scrypt's time. */
    async verify(name: string, passphrase: string): Promise<Teacher | null> {
      const row = teachers.byName(name);
      if (!row) {
        dummyHash ??= hashPassphrase('not a passphrase anyone has', params);
        await verifyPassphrase(passphrase, await dummyHash);
        return null;
      }
      return (await verifyPassphrase(passphrase, row.passphrase_hash)) ? { id: row.id, name: row.name } : null;
    },

    /** A new passphrase; every sign-in of that teacher ends. */
    async setPassphrase(id: string, passphrase: string): Promise<void> {
      const hash = await hashPassphrase(passphrase, params);
      db.transaction(() => {
        db.run(q.updateTable('teachers').set({ passphrase_hash: hash }).where('id', '=', id));
        db.run(q.deleteFrom('auth_sessions').where('teacher_id', '=', id));
      });
    },

    remove(id: string): boolean {
      return db.transaction(() => {
        db.run(q.deleteFrom('auth_sessions').where('teacher_id', '=', id));
        return db.run(q.deleteFrom('teachers').where('id', '=', id)).changes > 0;
      });
    },

    /** Starts a sign-in session; returns the token for the cookie (never stored as is). */
    startSession(teacherId: string): { token: string; expiresAt: number } {
      const token = randomBytes(32).toString('base64url');
      const now = options.now();
      const expiresAt = now + SESSION_MS;
      db.run(q.deleteFrom('auth_sessions').where('expires_at', '<=', now));
      db.run(
        q
          .insertInto('auth_sessions')
          .values({ token_hash: sha256(token), teacher_id: teacherId, created_at: now, expires_at: expiresAt }),
      );
      return { token, expiresAt };
    },

    /** The teacher a cookie's token belongs to, if it has not expired. */
    session(token: string | undefined): Teacher | null {
      if (!token || token.length > 100) return null;
      const row = db.get(
        q
          .selectFrom('auth_sessions')
          .innerJoin('teachers', 'teachers.id', 'auth_sessions.teacher_id')
          .select(['teachers.id as id', 'teachers.name as name', 'auth_sessions.expires_at as expires_at'])
          .where('auth_sessions.token_hash', '=', sha256(token)),
      );
      if (!row || row.expires_at <= options.now()) return null;
      return { id: row.id, name: row.name };
    },

    endSession(token: string): void {
      db.run(q.deleteFrom('auth_sessions').where('token_hash', '=', sha256(token)));
    },
  };
  return teachers;
}
