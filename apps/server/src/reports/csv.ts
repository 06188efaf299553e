/**
 * The participation CSV: one row per child per held session, for a school's own analysis in Excel
 * or WPS. UTF-8 with a BOM (without it both open the file as GBK and Chinese turns to mojibake).
 *
 * A cell starting with = + - @, a tab or a carriage return would be run as a formula when the file
 * is opened (CSV injection); such a cell gets a leading apostrophe, which spreadsheets show as text.
 * Names are checked on import too, but a CSV must be safe whatever the database holds.
 *
 * Streamed: rows are written in chunks of ~64 KB, waiting for the stream to drain, so a million
 * rows go out in flat memory.
 */
import type { Writable } from 'node:stream';
import { bandLabel, dateTime, L, themeLabel } from './labels.js';
import type { ParticipationRow } from './queries.js';

export const BOM = '\uFEFF';
const RISKY_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell: neutralised, then quoted if it must be. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && RISKY_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export interface CsvContext {
  includeNames: boolean;
  className: (classId: string | null) => string;
  title: (activityId: string) => string;
}

export function csvHeader(includeNames: boolean): string {
  const h = L.headers;
  return csvLine([
    h.date,
    h.start,
    h.class,
    h.band,
    h.activity,
    h.theme,
    h.sessionId,
    h.identity,
    h.studentId,
    ...(includeNames ? [h.seat, h.name] : []),
    h.joinedAt,
    h.didAnswer,
  ]);
}

/**
 * A row builder for one export. The session's cells (date, time, class, band, activity, theme,
 * id) are the same for every child in it, so they are built once per session; join times are
 * formatted once per minute. A million rows are mostly string concatenation then.
 */
export function csvRows(ctx: CsvContext): (r: ParticipationRow) => string {
  let session = '';
  let prefix = '';
  const minutes = new Map<number, string>();
  return (r) => {
    if (r.sessionId !== session) {
      session = r.sessionId;
      const start = dateTime(r.startedAt);
      const band = r.band === 'low' || r.band === 'middle' || r.band === 'high' ? r.band : null;
      prefix = [
        start.slice(0, 10),
        start.slice(11),
        ctx.className(r.classId),
        bandLabel(band, true),
        ctx.title(r.activityId),
        themeLabel(r.theme),
        r.sessionId,
      ]
        .map(csvCell)
        .join(',');
      if (minutes.size > 50_000) minutes.clear();
    }
    const minute = Math.floor(r.joinedAt / 60_000);
    let joined = minutes.get(minute);
    if (joined === undefined) {
      joined = dateTime(r.joinedAt);
      minutes.set(minute, joined);
    }
    // Ids (base64url after a prefix), seats, dates and the fixed words need no quoting or
    // neutralising; the name is the one free-text cell left.
    const who = r.studentId === null ? `${L.guest},` : `${L.roster},${r.studentId}`;
    const named = ctx.includeNames ? `,${r.seat ?? ''},${csvCell(r.name)}` : '';
    return `${prefix},${who}${named},${joined},${r.contributed ? L.yes : L.no}\r\n`;
  };
}

/** One participation as a CSV line (the header's columns). */
export function csvRow(r: ParticipationRow, ctx: CsvContext): string {
  return csvRows(ctx)(r);
}

/** Writes the BOM, the header and every row to `out`, respecting backpressure. Returns the row count. */
export async function writeCsv(rows: Iterable<ParticipationRow>, out: Writable, ctx: CsvContext): Promise<number> {
  let chunk = BOM + csvHeader(ctx.includeNames);
  let count = 0;
  // Waits for room in the stream, or for its end: a download cancelled half-way must not leave the
  // query (and its connection) waiting forever.
  const room = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        out.off('drain', done);
        out.off('close', done);
        out.off('error', done);
        resolve();
      };
      out.once('drain', done);
      out.once('close', done);
      out.once('error', done);
    });
  const flush = async () => {
    const ok = out.write(chunk);
    chunk = '';
    if (!ok) await room();
  };
  const line = csvRows(ctx);
  for (const row of rows) {
    chunk += line(row);
    count += 1;
    if (chunk.length >= 32_768) {
      await flush();
      // Leaving the loop closes the generator, and with it the statement.
      if (out.destroyed) return count;
    }
  }
  if (chunk.length > 0) await flush();
  return count;
}
