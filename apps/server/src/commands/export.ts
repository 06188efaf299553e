/**
 * `pnpm heartlamp export --format xlsx|csv|summary [--out FILE] [--term ID | --from DATE --to DATE]
 * [--names] [--data DIR]`: the console's downloads, for a school's IT person. The current term by
 * default. Safe while the server runs (SQLite WAL: this reads a consistent snapshot).
 * Exit code 0 when written, 1 when it could not be, 2 for bad arguments.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getActivity } from '@heartlamp/activities';
import { exportQuerySchema, ledgerMessage } from '@heartlamp/shared';
import { exportFileName, writeExport } from '../reports/export.js';
import { isoDate, resolvePeriod } from '../reports/period.js';
import { createReports, type ReportOptions } from '../reports/queries.js';
import { openDb, openReader } from '../store/db.js';
import { createSchool } from '../store/school.js';

export interface ExportCommandOptions {
  dataDir: string;
  format: string | undefined;
  out: string | undefined;
  term: string | undefined;
  from: string | undefined;
  to: string | undefined;
  names: boolean;
  print: (line: string) => void;
  printError: (line: string) => void;
}

export async function exportCommand(options: ExportCommandOptions): Promise<number> {
  const parsed = exportQuerySchema.safeParse({
    format: options.format,
    ...(options.term === undefined ? {} : { term: options.term }),
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
    ...(options.names ? { names: '1' } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    options.printError(
      `参数不对 Bad option --${String(issue?.path[0] ?? 'format')}: ${issue?.message ?? ''} (--format xlsx|csv|summary, dates YYYY-MM-DD)`,
    );
    return 2;
  }
  const { format, names, ...range } = parsed.data;
  const dbPath = join(resolve(options.dataDir), 'heartlamp.db');
  // Opening would create an empty database: say plainly that there is none here instead.
  if (!existsSync(dbPath)) {
    options.printError(`没有找到数据库 No database at ${dbPath} (--data DIR)`);
    return 2;
  }
  const db = openDb(dbPath);
  try {
    const started = performance.now();
    const now = Date.now();
    const school = createSchool(db);
    const period = resolvePeriod(school, range, isoDate(now));
    if (!period.ok) {
      options.printError(`${ledgerMessage(period.error.code, 'zh-CN')}\n${ledgerMessage(period.error.code, 'en')}`);
      return 1;
    }
    const reportOptions: ReportOptions = { titleOf: (id) => getActivity(id)?.title['zh-CN'] ?? id, now: () => now };
    const reports = createReports(db, reportOptions);
    const out = resolve(options.out ?? exportFileName(format, period.period));
    const stream = createWriteStream(out);
    const opened = new Promise<void>((ok, fail) => {
      stream.once('open', () => ok());
      stream.once('error', fail);
    });
    await opened;
    const written = await writeExport(
      format,
      { reports, openReader: () => openReader(dbPath), reportOptions },
      period.period,
      names === '1',
      stream,
    );
    const what = format === 'csv' ? `${written} rows` : `${Math.round(written / 1024)} KB`;
    options.print(
      `已导出 Exported ${period.period.label} (${period.period.from} – ${period.period.to}) → ${out} (${what}, ${Math.round(performance.now() - started)} ms)`,
    );
    if (names === '1') options.print('注意:文件含学生姓名。Note: the file contains students’ names.');
    return 0;
  } catch (error) {
    options.printError(`无法导出 Cannot export: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    db.close();
  }
}
