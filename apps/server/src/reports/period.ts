/**
 * The period a report covers: a term, or a from–to date range, both inclusive. Dates are the
 * school's calendar days on the server's clock (its time zone), turned into the half-open instant
 * range [from 00:00, day after `to` 00:00) that session start times are compared with.
 */
import { type LedgerError, ledgerError, type PeriodQuery } from '@heartlamp/shared';
import type { School } from '../store/school.js';

export interface Period {
  from: string;
  to: string;
  /** Local midnight starting `from`. */
  fromMs: number;
  /** Local midnight after `to` (exclusive). */
  toMs: number;
  termId: string | null;
  label: string;
}

/** YYYY-MM-DD of an instant, on the server's calendar. */
export function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** YYYY-MM of an instant, on the server's calendar. */
export function isoMonth(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local midnight at the start of YYYY-MM-DD. */
export function localDayStart(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}

/** Local midnight at the start of the day after YYYY-MM-DD (a DST-safe "+1 day"). */
export function localDayAfter(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).getTime();
}

/** Every YYYY-MM from `from` to `to`, so a month without a session still shows as 0. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${pad(m)}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export function rangePeriod(from: string, to: string, termId: string | null = null, label?: string): Period {
  return {
    from,
    to,
    fromMs: localDayStart(from),
    toMs: localDayAfter(to),
    termId,
    label: label ?? `${from} – ${to}`,
  };
}

/**
 * A query's period: the named term, the given range, or (neither given) the current term. A range
 * may also come half-given from the CLI (`--from` alone runs to today).
 */
export function resolvePeriod(
  school: School,
  query: Partial<{ term: string; from: string; to: string }> | PeriodQuery,
  today: string,
): { ok: true; period: Period } | { ok: false; error: LedgerError } {
  const { term: termId, from, to } = query as Partial<{ term: string; from: string; to: string }>;
  if (termId !== undefined) {
    const term = school.term(termId);
    if (!term) return { ok: false, error: ledgerError('not-found', {}, 'term') };
    return { ok: true, period: rangePeriod(term.startsOn, term.endsOn, term.id, term.name) };
  }
  if (from !== undefined || to !== undefined) {
    const start = from ?? school.currentTerm(today)?.startsOn ?? today;
    const end = to ?? today;
    if (start > end) return { ok: false, error: ledgerError('invalid-input', {}, 'to') };
    return { ok: true, period: rangePeriod(start, end) };
  }
  const current = school.currentTerm(today);
  if (!current) return { ok: false, error: ledgerError('no-term') };
  return { ok: true, period: rangePeriod(current.startsOn, current.endsOn, current.id, current.name) };
}
