/**
 * The three exports, for the console's download buttons and the CLI alike: the XLSX workbook, the
 * participation CSV (streamed from a read-only connection of its own) and the work-summary text.
 */
import type { Writable } from 'node:stream';
import type { ExportFormat, ReportStats } from '@heartlamp/shared';
import type { Db } from '../store/db.js';
import { writeCsv } from './csv.js';
import { L } from './labels.js';
import type { Period } from './period.js';
import { createReports, type ReportOptions, type Reports } from './queries.js';
import { summaryText } from './summary.js';
import { workbookBuffer } from './xlsx.js';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  summary: 'text/plain; charset=utf-8',
};

/** e.g. 心灯-2026–2027学年 第一学期-参与记录.csv; the period's dates when it is not a term. */
export function exportFileName(format: ExportFormat, period: Period): string {
  const what = format === 'xlsx' ? '统计' : format === 'csv' ? '参与记录' : '工作总结数据';
  const when = period.termId ? period.label : `${period.from}至${period.to}`;
  const ext = format === 'summary' ? 'txt' : format;
  return `心灯-${when}-${what}.${ext}`.replace(/[\\/:*?"<>|\s]+/g, '_');
}

export interface ExportSources {
  reports: Reports;
  /** Opens a read-only connection for the CSV stream; it is closed when the stream ends. */
  openReader: () => Db;
  reportOptions: ReportOptions;
}

/** Writes one export to `out` (and ends it). Returns rows written for the CSV, bytes otherwise. */
export async function writeExport(
  format: ExportFormat,
  sources: ExportSources,
  period: Period,
  includeNames: boolean,
  out: Writable,
  stats?: ReportStats,
): Promise<number> {
  if (format === 'xlsx') {
    const buffer = await workbookBuffer(sources.reports, period, includeNames, stats);
    await endWith(out, buffer);
    return buffer.length;
  }
  if (format === 'summary') {
    const text = summaryText(stats ?? sources.reports.stats(period));
    const buffer = Buffer.from(text, 'utf8');
    await endWith(out, buffer);
    return buffer.length;
  }
  const classes = sources.reports.classMeta();
  const reader = sources.openReader();
  try {
    const readerReports = createReports(reader, sources.reportOptions);
    const titleOf = sources.reportOptions.titleOf ?? ((id: string) => id);
    const rows = await writeCsv(readerReports.participations(period, includeNames), out, {
      includeNames,
      className: (id) => (id === null ? L.noClass : (classes.get(id)?.name ?? '')),
      title: titleOf,
    });
    await endWith(out);
    return rows;
  } finally {
    reader.close();
  }
}

function endWith(out: Writable, chunk?: Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (out.destroyed) {
      resolve();
      return;
    }
    out.once('error', () => resolve());
    if (chunk) out.end(chunk, () => resolve());
    else out.end(() => resolve());
  });
}
