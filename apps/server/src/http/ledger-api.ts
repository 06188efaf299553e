/**
 * `/api` routes of the semester ledger: terms, classes, rosters, statistics and exports.
 *
 *   GET    /api/terms                     terms, newest first, the current one marked
 *   POST   /api/terms                     { name, startsOn, endsOn }
 *   DELETE /api/terms/:id
 *   GET    /api/classes                   current classes with roster sizes
 *   POST   /api/classes                   { grade, name }
 *   DELETE /api/classes/:id               archive (its sessions keep counting)
 *   GET    /api/classes/:id/roster        seat and name of each child
 *   POST   /api/classes/:id/roster        { base64, fileName? } or { text }: replace the roster
 *   GET    /api/reports/stats             ?term= | ?from=&to= | nothing (current term)
 *   GET    /api/reports/export            ?format=xlsx|csv|summary [&term= | &from=&to=] [&names=1]
 *
 * Every input is parsed with its zod schema from @heartlamp/shared first; an error answers with a
 * code, the line to blame if any, and words in Chinese and English. Writes take JSON only: a page
 * on another origin cannot send JSON without a CORS preflight, which this server never grants.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createClassSchema,
  createTermSchema,
  exportQuerySchema,
  ledgerError,
  periodQuerySchema,
  ROSTER_MAX_BYTES,
  rosterImportSchema,
} from '@heartlamp/shared';
import { CONTENT_TYPES, exportFileName, writeExport } from '../reports/export.js';
import { isoDate, resolvePeriod } from '../reports/period.js';
import type { ReportOptions, Reports } from '../reports/queries.js';
import { parseRosterFile, parseRosterText } from '../rosters/parse.js';
import type { Db } from '../store/db.js';
import type { School } from '../store/school.js';
import { BodyError, fail, pathOf, readJson, SMALL_BODY_MAX_BYTES, send } from './json.js';

export interface LedgerApiContext {
  school: School;
  reports: Reports;
  reportOptions: ReportOptions;
  openReader: () => Db;
  now: () => number;
  onError: (error: unknown) => void;
}

/** Base64 of a 1 MB file, and room for the JSON around it. */
const BODY_MAX_BYTES = Math.ceil((ROSTER_MAX_BYTES * 4) / 3) + 4096;

function query(req: IncomingMessage): Record<string, string> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  return Object.fromEntries(url.searchParams);
}

/** Handles a ledger route; false when `pathname` is not one of them. */
export function handleLedgerApi(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  ctx: LedgerApiContext,
): boolean {
  const parts = pathname.split('/').filter(Boolean); // ['api', 'classes', id, 'roster']
  const [, resource, id, sub] = parts;
  const method = req.method ?? 'GET';
  let handled: Promise<void> | undefined;

  if (resource === 'terms' && !sub) {
    if (!id && method === 'GET') handled = Promise.resolve(listTerms(res, ctx));
    else if (!id && method === 'POST') handled = createTerm(req, res, ctx);
    else if (id && method === 'DELETE') handled = Promise.resolve(deleteTerm(res, ctx, id));
  } else if (resource === 'classes') {
    if (!id && method === 'GET') handled = Promise.resolve(send(res, 200, { ok: true, data: ctx.school.classes() }));
    else if (!id && method === 'POST') handled = createClass(req, res, ctx);
    else if (id && !sub && method === 'DELETE') handled = Promise.resolve(archiveClass(res, ctx, id));
    else if (id && sub === 'roster' && method === 'GET') handled = Promise.resolve(getRoster(res, ctx, id));
    else if (id && sub === 'roster' && method === 'POST') handled = importRoster(req, res, ctx, id);
  } else if (resource === 'reports' && !sub) {
    if (id === 'stats' && method === 'GET') handled = Promise.resolve(stats(req, res, ctx));
    else if (id === 'export' && method === 'GET') handled = exportFile(req, res, ctx);
  }
  if (!handled) return false;
  handled.catch((error: unknown) => {
    if (error instanceof BodyError) {
      // A refused upload may still be arriving: close the connection rather than read it all.
      if (error.status === 413) res.setHeader('connection', 'close');
      if (!res.headersSent) fail(res, error.status, error.error);
      return;
    }
    ctx.onError(error);
    if (!res.headersSent) fail(res, 500, ledgerError('invalid-input'));
    else res.destroy();
  });
  return true;
}

function listTerms(res: ServerResponse, ctx: LedgerApiContext): void {
  send(res, 200, { ok: true, data: ctx.school.termInfos(isoDate(ctx.now())) });
}

async function createTerm(req: IncomingMessage, res: ServerResponse, ctx: LedgerApiContext): Promise<void> {
  const parsed = createTermSchema.safeParse(await readJson(req, SMALL_BODY_MAX_BYTES));
  if (!parsed.success) {
    fail(res, 400, ledgerError('invalid-input', {}, pathOf(parsed.error)));
    return;
  }
  const result = ctx.school.createTerm(parsed.data, ctx.now());
  if (!result.ok) {
    fail(res, 409, ledgerError('term-overlap', { value: result.overlaps }, 'startsOn'));
    return;
  }
  send(res, 201, { ok: true, data: result.term });
}

function deleteTerm(res: ServerResponse, ctx: LedgerApiContext, id: string): void {
  if (!ctx.school.deleteTerm(id)) {
    fail(res, 404, ledgerError('not-found'));
    return;
  }
  send(res, 200, { ok: true, data: null });
}

async function createClass(req: IncomingMessage, res: ServerResponse, ctx: LedgerApiContext): Promise<void> {
  const parsed = createClassSchema.safeParse(await readJson(req, SMALL_BODY_MAX_BYTES));
  if (!parsed.success) {
    fail(res, 400, ledgerError('invalid-input', {}, pathOf(parsed.error)));
    return;
  }
  const result = ctx.school.createClass(parsed.data, ctx.now());
  if (!result.ok) {
    fail(res, 409, ledgerError('class-exists', { value: parsed.data.name }, 'name'));
    return;
  }
  send(res, 201, { ok: true, data: { id: result.id } });
}

function archiveClass(res: ServerResponse, ctx: LedgerApiContext, id: string): void {
  if (!ctx.school.archiveClass(id, ctx.now())) {
    fail(res, 404, ledgerError('not-found'));
    return;
  }
  send(res, 200, { ok: true, data: null });
}

function getRoster(res: ServerResponse, ctx: LedgerApiContext, classId: string): void {
  const cls = ctx.school.classRecord(classId);
  if (!cls || cls.archived) {
    fail(res, 404, ledgerError('not-found'));
    return;
  }
  send(res, 200, { ok: true, data: ctx.school.roster(classId) });
}

async function importRoster(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: LedgerApiContext,
  classId: string,
): Promise<void> {
  const cls = ctx.school.classRecord(classId);
  if (!cls || cls.archived) {
    req.resume();
    fail(res, 404, ledgerError('not-found'));
    return;
  }
  const parsed = rosterImportSchema.safeParse(await readJson(req, BODY_MAX_BYTES, ROSTER_MAX_BYTES));
  if (!parsed.success) {
    fail(res, 400, ledgerError('invalid-input', {}, pathOf(parsed.error)));
    return;
  }
  let result: Awaited<ReturnType<typeof parseRosterFile>>;
  if ('text' in parsed.data) {
    result = parseRosterText(parsed.data.text);
  } else {
    const bytes = Buffer.from(parsed.data.base64, 'base64');
    result = await parseRosterFile(bytes);
  }
  if (!result.ok) {
    fail(res, result.error.code === 'too-large' ? 413 : 422, result.error);
    return;
  }
  // All or nothing: the replace runs in one transaction.
  send(res, 200, { ok: true, data: ctx.school.replaceRoster(classId, result.rows, ctx.now()) });
}

function stats(req: IncomingMessage, res: ServerResponse, ctx: LedgerApiContext): void {
  const parsed = periodQuerySchema.safeParse(query(req));
  if (!parsed.success) {
    fail(res, 400, ledgerError('invalid-input', {}, pathOf(parsed.error)));
    return;
  }
  const period = resolvePeriod(ctx.school, parsed.data, isoDate(ctx.now()));
  if (!period.ok) {
    fail(res, period.error.code === 'no-term' ? 409 : 404, period.error);
    return;
  }
  send(res, 200, { ok: true, data: ctx.reports.stats(period.period) });
}

async function exportFile(req: IncomingMessage, res: ServerResponse, ctx: LedgerApiContext): Promise<void> {
  const parsed = exportQuerySchema.safeParse(query(req));
  if (!parsed.success) {
    fail(res, 400, ledgerError('invalid-input', {}, pathOf(parsed.error)));
    return;
  }
  const { format, names, ...range } = parsed.data;
  const period = resolvePeriod(ctx.school, range, isoDate(ctx.now()));
  if (!period.ok) {
    fail(res, period.error.code === 'no-term' ? 409 : 404, period.error);
    return;
  }
  const fileName = exportFileName(format, period.period);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[format],
    // RFC 6266: an ASCII fallback, and the real (Chinese) name as UTF-8.
    'content-disposition': `attachment; filename="heartlamp-${format}.${format === 'summary' ? 'txt' : format}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  await writeExport(
    format,
    { reports: ctx.reports, openReader: ctx.openReader, reportOptions: ctx.reportOptions },
    period.period,
    names === '1',
    res,
  );
}
