/**
 * Bulk inserts for the demo and benchmark data: one prepared statement per table, reused for every
 * row, inside the caller's transaction. Going through the query builder for each of a million rows
 * would spend longer compiling SQL than SQLite spends writing it.
 */
import type { Db } from './db.js';
import type { Database } from './schema.js';

type Row<T extends keyof Database> = { [K in keyof Database[T]]-?: unknown };

/** A function that inserts one row of `table`; every column must be given. */
export function bulkInserter<T extends keyof Database>(
  db: Db,
  table: T,
  columns: readonly (keyof Database[T] & string)[],
): (row: Partial<Row<T>>) => void {
  const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  const stmt = db.raw.prepare(sql);
  return (row) => {
    stmt.run(...columns.map((c) => (row as Record<string, unknown>)[c] ?? null));
  };
}

/** Whether the database holds anything a teacher made (so the demo will not mix into real data). */
export function hasSchoolData(db: Db): boolean {
  const row = db.raw
    .prepare(
      'SELECT (SELECT COUNT(*) FROM sessions) + (SELECT COUNT(*) FROM classes) + (SELECT COUNT(*) FROM terms) AS n',
    )
    .get() as { n: number };
  return row.n > 0;
}

/** Refreshes the planner's statistics after a bulk load, so it picks the covering indexes. */
export function analyze(db: Db): void {
  db.raw.exec('ANALYZE');
}
