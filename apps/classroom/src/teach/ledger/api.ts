/**
 * The console's calls to the ledger's `/api` routes (terms, classes, rosters, statistics, exports).
 * Answers are `ApiResult`s typed from @heartlamp/shared; a network failure becomes one too, so every
 * caller handles one shape. Writes are JSON (the server refuses anything else).
 */
import {
  type ApiResult,
  type ClassInfo,
  type CreateClass,
  type CreateTerm,
  type DeletionReport,
  type ExportFormat,
  type ImportReport,
  type LedgerError,
  type Locale,
  ledgerError,
  type ReportStats,
  type RosterEntry,
  type RosterImport,
  type TermInfo,
} from '@heartlamp/shared';

/** The period the statistics and exports cover: a term, or dates (both inclusive). */
export type PeriodChoice = { kind: 'term'; termId: string | null } | { kind: 'range'; from: string; to: string };

/** Reading the server's answer; a body that is not an ApiResult (a proxy page, an old server) is an error. */
async function answer<T>(response: Response): Promise<ApiResult<T>> {
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null && 'ok' in body) return body as ApiResult<T>;
  } catch {
    // Not JSON: fall through.
  }
  return { ok: false, error: ledgerError('invalid-input') };
}

/**
 * Told when the server answers `unauthorized` (the teacher's sign-in ran out, or they signed out in
 * another window): the console goes back to the sign-in card. Set by teach/auth/store.
 */
let unauthorized: () => void = () => {};
export function whenUnauthorized(listener: () => void): void {
  unauthorized = listener;
}

/** One `/api` call; also used by the sign-in and privacy pages (teach/auth, teach/privacy). */
export async function call<T>(path: string, init?: RequestInit): Promise<ApiResult<T>> {
  let result: ApiResult<T>;
  try {
    result = await answer<T>(await fetch(path, init));
  } catch {
    return { ok: false, error: offline() };
  }
  if (!result.ok && result.error.code === 'unauthorized') unauthorized();
  return result;
}

/** A failure with no answer from the server. */
function offline(): LedgerError {
  return { code: 'not-found', message: { 'zh-CN': '', en: '' } };
}

export function isOffline(error: LedgerError): boolean {
  return error.message['zh-CN'] === '';
}

export function errorWords(error: LedgerError, locale: Locale, fallback: string): string {
  return isOffline(error) ? fallback : error.message[locale];
}

export const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const ledgerApi = {
  terms: () => call<TermInfo[]>('/api/terms'),
  createTerm: (term: CreateTerm) => call<TermInfo>('/api/terms', json('POST', term)),
  deleteTerm: (id: string) => call<null>(`/api/terms/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  classes: () => call<ClassInfo[]>('/api/classes'),
  createClass: (c: CreateClass) => call<{ id: string }>('/api/classes', json('POST', c)),
  archiveClass: (id: string) => call<null>(`/api/classes/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  roster: (classId: string) => call<RosterEntry[]>(`/api/classes/${encodeURIComponent(classId)}/roster`),
  importRoster: (classId: string, body: RosterImport) =>
    call<ImportReport>(`/api/classes/${encodeURIComponent(classId)}/roster`, json('POST', body)),
  /** A guardian's request: every record of this child, and the name, gone. */
  deleteStudent: (studentId: string) =>
    call<DeletionReport>(`/api/students/${encodeURIComponent(studentId)}`, { method: 'DELETE' }),
  stats: (period: PeriodChoice) => call<ReportStats>(`/api/reports/stats${periodQuery(period)}`),
  /** The work-summary text, for the preview. */
  async summary(period: PeriodChoice): Promise<ApiResult<string>> {
    try {
      const response = await fetch(exportUrl('summary', period, false));
      if (!response.ok) {
        const result = await answer<string>(response);
        if (!result.ok && result.error.code === 'unauthorized') unauthorized();
        return result;
      }
      return { ok: true, data: await response.text() };
    } catch {
      return { ok: false, error: offline() };
    }
  },
};

export function periodQuery(period: PeriodChoice, prefix = '?'): string {
  const params = new URLSearchParams();
  if (period.kind === 'term' && period.termId) params.set('term', period.termId);
  if (period.kind === 'range') {
    params.set('from', period.from);
    params.set('to', period.to);
  }
  const text = params.toString();
  return text ? `${prefix}${text}` : '';
}

/** A download link: the browser saves the file under the name the server gives it. */
export function exportUrl(format: ExportFormat, period: PeriodChoice, names: boolean): string {
  return `/api/reports/export?format=${format}${periodQuery(period, '&')}${names ? '&names=1' : ''}`;
}

/** A file as base64, for the JSON upload. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
