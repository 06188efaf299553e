/**
 * The SQLite connection. better-sqlite3 is synchronous, which is what lets the runtime commit a
 * whole event-loop turn's writes in one transaction before any ack goes out. Queries are written
 * with Kysely (so the SQL stays portable to PostgreSQL for a district) and compiled to SQL, then
 * run here through cached prepared statements.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type Compilable, DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import { migrate } from './migrations.js';
import type { Database } from './schema.js';
import { tallyUntallied } from './tally.js';

type SqlValue = string | number | bigint | Buffer | null;

export interface Db {
  /** The query builder; build a query, then `run`, `all` or `get` it. */
  readonly q: Kysely<Database>;
  run(query: Compilable): { changes: number };
  all<R>(query: Compilable<R>): R[];
  get<R>(query: Compilable<R>): R | undefined;
  /** Runs `fn` in one transaction: all of it is written, or none. */
  transaction<T>(fn: () => T): T;
  readonly path: string;
  readonly raw: BetterSqlite3.Database;
  close(): void;
}

export function openDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new BetterSqlite3(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten with zeros, not left readable in free pages: "delete this child's
  // data" and the retention purge must mean gone from the file, not only from the tables.
  raw.pragma('secure_delete = ON');
  const db = wrap(raw, path);
  migrate(db);
  // Sessions ended before tallies existed (or bulk-loaded) get theirs now, once.
  tallyUntallied(db);
  return db;
}

/**
 * A second, read-only connection to the same file, for a long export. An open better-sqlite3
 * iterator keeps its connection busy, so a CSV of a million rows streamed through the main
 * connection would make every tablet's write fail meanwhile; under WAL this reader sees one
 * consistent snapshot while the lesson goes on writing.
 */
export function openReader(path: string): Db {
  const raw = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  raw.pragma('busy_timeout = 5000');
  return wrap(raw, path);
}

function wrap(raw: BetterSqlite3.Database, path: string): Db {
  const q = new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });

  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (query: Compilable): { stmt: BetterSqlite3.Statement; params: SqlValue[] } => {
    const compiled = query.compile();
    let stmt = statements.get(compiled.sql);
    if (!stmt) {
      stmt = raw.prepare(compiled.sql);
      statements.set(compiled.sql, stmt);
    }
    return { stmt, params: compiled.parameters.map(toSqlValue) };
  };

  const db: Db = {
    q,
    path,
    raw,
    run(query) {
      const { stmt, params } = prepare(query);
      return { changes: stmt.run(...params).changes };
    },
    all<R>(query: Compilable<R>) {
      const { stmt, params } = prepare(query);
      return stmt.all(...params) as R[];
    },
    get<R>(query: Compilable<R>) {
      const { stmt, params } = prepare(query);
      return stmt.get(...params) as R | undefined;
    },
    transaction(fn) {
      return raw.transaction(fn)();
    },
    close() {
      statements.clear();
      raw.close();
    },
  };
  return db;
}

function toSqlValue(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Buffer.isBuffer(value)) return value;
  throw new TypeError(`cannot store a ${typeof value} in SQLite`);
}
