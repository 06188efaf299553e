/**
 * The semester ledger's `/api` contract: terms, classes, rosters, statistics and exports. The server
 * parses every request with these schemas before anything else runs; the console is typed from the
 * same source. Children are known by random ids (`st_…`); a real name travels only in a roster
 * answer to the teacher's console, in a tablet's own name tiles, and in an export the teacher asked
 * to include names in.
 */
import { z } from 'zod';
import type { GradeBand } from '../domain/grades.js';
import type { Locale } from '../domain/locale.js';
import en from '../locales/ledger.en.json' with { type: 'json' };
import zhCN from '../locales/ledger.zh-CN.json' with { type: 'json' };

// ---------------------------------------------------------------- ids and dates
export const classIdSchema = z.string().regex(/^c_[A-Za-z0-9_-]{10,32}$/, 'not a class id');
export const studentIdSchema = z.string().regex(/^st_[A-Za-z0-9_-]{10,32}$/, 'not a student id');
export const termIdSchema = z.string().regex(/^t_[A-Za-z0-9_-]{10,32}$/, 'not a term id');

/** A calendar date, YYYY-MM-DD, that exists (no 2025-02-30). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine((text) => {
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'no such date');

// ---------------------------------------------------------------- names shown to others
/**
 * Characters a class, term or teacher name may not hold: control characters; bidi overrides,
 * embeddings and isolates (a name with U+202E turns the app's own words around it backwards);
 * zero-width spaces, word joiners and BOMs; and filler letters that draw nothing (an invisible
 * name). ZWJ and ZWNJ stay allowed: emoji sequences and several scripts need them.
 */
const HIDDEN_OR_REVERSING =
  /[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u115F\u1160\u180E\u3164\uFFA0]/u;
/** Something a person can see: a letter, digit, mark, symbol or punctuation. */
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;

/** A name shown on screens: trimmed, 1–`max` characters, visible, read the way it was typed. */
export function displayNameSchema(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !HIDDEN_OR_REVERSING.test(text), 'holds invisible or direction-changing characters')
    .refine((text) => VISIBLE.test(text.replace(/[\u3164\u115F\u1160\uFFA0]/gu, '')), 'shows nothing');
}

// ---------------------------------------------------------------- terms and classes
export const createTermSchema = z
  .strictObject({
    name: displayNameSchema(40),
    startsOn: isoDateSchema,
    endsOn: isoDateSchema,
  })
  .refine((t) => t.startsOn <= t.endsOn, { message: 'the term ends before it starts', path: ['endsOn'] });
export type CreateTerm = z.output<typeof createTermSchema>;

export interface TermInfo {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  /** The term today falls in. */
  current: boolean;
}

export const createClassSchema = z.strictObject({
  grade: z.number().int().min(1).max(6),
  name: displayNameSchema(40),
});
export type CreateClass = z.output<typeof createClassSchema>;

export interface ClassInfo {
  id: string;
  grade: number;
  name: string;
  /** Children on the roster now. */
  students: number;
}

/** One child on a roster, as the teacher's console shows it. */
export interface RosterEntry {
  id: string;
  seat: number;
  name: string;
}

/**
 * A roster upload: a CSV or XLSX file as base64, or text pasted from Excel/WPS (tab-separated) or
 * typed as CSV. JSON only, so a page on another origin cannot post one without a CORS preflight.
 */
export const rosterImportSchema = z.union([
  z.strictObject({ fileName: z.string().max(200).optional(), base64: z.string().min(1) }),
  z.strictObject({ text: z.string().min(1) }),
]);
export type RosterImport = z.output<typeof rosterImportSchema>;

/** The biggest roster file the server reads (a class of 60 is under 10 KB, even as XLSX). */
export const ROSTER_MAX_BYTES = 1024 * 1024;

export interface ImportReport {
  /** New children on the roster. */
  added: number;
  /** Children already on it (same name), seat updated if it changed. */
  kept: number;
  /** Children on the old roster but not in the file: they leave the roster; their history stays. */
  left: number;
  roster: RosterEntry[];
}

// ---------------------------------------------------------------- statistics
/**
 * A period: a term by id, or a date range (both inclusive, the server's calendar), or nothing for
 * the current term. A range may give one end only: `from` alone runs to today.
 */
const periodFields = {
  term: termIdSchema.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
};
const onePeriod = (p: { term?: string | undefined; from?: string | undefined; to?: string | undefined }) =>
  p.term === undefined || (p.from === undefined && p.to === undefined);
const ordered = (p: { from?: string | undefined; to?: string | undefined }) =>
  p.from === undefined || p.to === undefined || p.from <= p.to;

export const periodQuerySchema = z
  .strictObject(periodFields)
  .refine(onePeriod, { message: 'a term or a date range, not both', path: ['term'] })
  .refine(ordered, { message: 'the range ends before it starts', path: ['to'] });
export type PeriodQuery = z.output<typeof periodQuerySchema>;

export const EXPORT_FORMATS = ['xlsx', 'csv', 'summary'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportQuerySchema = z
  .strictObject({
    format: z.enum(EXPORT_FORMATS),
    ...periodFields,
    /** "1" to include real names (XLSX 学生参与 and CSV); anything else leaves them out. */
    names: z.enum(['0', '1']).optional(),
  })
  .refine(onePeriod, { message: 'a term or a date range, not both', path: ['term'] })
  .refine(ordered, { message: 'the range ends before it starts', path: ['to'] });
export type ExportQuery = z.output<typeof exportQuerySchema>;

/** Counts every breakdown carries. */
export interface Figures {
  /** Group sessions held (started) in the period. */
  sessions: number;
  /** 人次: one per child per session, guests included. */
  participations: number;
}

/**
 * Distinct children reached, for breakdowns a child belongs to (their class, and so its grade band):
 * `students` of the `enrolled` children on the roster now took part at least once in the period.
 */
export interface Reach {
  students: number;
  enrolled: number;
}

export interface PeriodInfo {
  from: string;
  to: string;
  termId: string | null;
  /** The term's name, or "from – to". */
  label: string;
}

/** The emotion check-in of one class: counts only when at least `EMOTION_MIN_ANSWERS` answers. */
export interface EmotionRow {
  /** null: sessions without a class. */
  classId: string | null;
  name: string | null;
  grade: number | null;
  /** The number of answers, or "<10" when there were fewer (then no counts either). */
  answers: number | '<10';
  /** Answers per emotion code (as the activity wrote them); null when suppressed. */
  counts: Record<string, number> | null;
}

/** Below this many answers a class's emotion counts are not shown: a few children are recognisable. */
export const EMOTION_MIN_ANSWERS = 10;

export interface ReportStats {
  period: PeriodInfo;
  totals: Figures & {
    /** Distinct roster children who took part at least once (including any who have since left). */
    students: number;
    /** 人次 of children who joined as guests (not on a roster). */
    guests: number;
    /** Children on the rosters now. */
    enrolled: number;
    /** Classes now (not archived). */
    classes: number;
    /** Classes with at least one session in the period. */
    classesReached: number;
  };
  /** By grade band (the session's, for sessions and 人次; the child's class's, for reach); `band` null: no class. */
  byBand: (Figures & Reach & { band: GradeBand | null })[];
  /** Every class (reached or not), then sessions without a class (`classId` null). */
  byClass: (Figures & Reach & { classId: string | null; name: string | null; grade: number | null })[];
  byActivity: (Figures & { activityId: string; title: string; theme: string })[];
  /** Activities per grade band, for the work summary's 低/中/高年级 paragraphs. */
  byBandActivity: (Figures & { band: GradeBand | null; activityId: string; title: string; theme: string })[];
  byTheme: (Figures & { theme: string })[];
  /** YYYY-MM, every month of the period, empty ones included. */
  byMonth: (Figures & { month: string })[];
  emotions: EmotionRow[];
  /** All classes together (the same suppression: fewer than ten answers in all shows "<10"). */
  emotionTotals: Omit<EmotionRow, 'classId' | 'name' | 'grade'>;
  /** How long the server took, for the console's footnote. */
  ms: number;
}

// ---------------------------------------------------------------- errors
export const LEDGER_ERROR_CODES = [
  'not-found',
  'invalid-input',
  'unsupported-media-type',
  'too-large',
  'class-exists',
  'term-overlap',
  'no-term',
  'roster-empty',
  'roster-xls',
  'roster-xlsx-unreadable',
  'roster-encoding',
  'roster-no-header',
  'roster-no-name-column',
  'roster-no-seat-column',
  'roster-missing-name',
  'roster-missing-seat',
  'roster-bad-seat',
  'roster-formula',
  'roster-bad-name',
  'roster-duplicate-name',
  'roster-duplicate-seat',
  'roster-too-many',
  'unauthorized',
  'bad-login',
  'login-throttled',
  'setup-done',
  'teacher-exists',
  'last-teacher',
  'not-yourself',
  'student-in-live-session',
  'bad-origin',
] as const satisfies readonly (keyof typeof zhCN)[];
export type LedgerErrorCode = (typeof LEDGER_ERROR_CODES)[number];

/** Values a message may name: the line, the other line of a duplicate, the cell. */
export interface LedgerErrorParams {
  line?: number;
  other?: number;
  value?: string;
  max?: number;
  /** Seconds to wait (login throttling). */
  seconds?: number;
}

/** An `/api` error, in both languages (the console shows its own; the CLI prints both). */
export interface LedgerError {
  code: LedgerErrorCode;
  /** The line of the file (1-based, as a spreadsheet numbers rows), when one is to blame. */
  line?: number;
  /** Where a request failed validation, e.g. `endsOn`. */
  path?: string;
  message: Record<Locale, string>;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: LedgerError };

const MESSAGES: Record<Locale, Record<LedgerErrorCode, string>> = { 'zh-CN': zhCN, en };

export function ledgerMessage(code: LedgerErrorCode, locale: Locale, params: LedgerErrorParams = {}): string {
  return MESSAGES[locale][code].replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const value = params[key as keyof LedgerErrorParams];
    return value === undefined ? whole : String(value);
  });
}

export function ledgerError(code: LedgerErrorCode, params: LedgerErrorParams = {}, path?: string): LedgerError {
  return {
    code,
    ...(params.line === undefined ? {} : { line: params.line }),
    ...(path === undefined ? {} : { path }),
    message: { 'zh-CN': ledgerMessage(code, 'zh-CN', params), en: ledgerMessage(code, 'en', params) },
  };
}

// ---------------------------------------------------------------- tablets: "tap your name"
/** One name tile on a tablet. */
export interface RosterTile {
  studentId: string;
  seat: number;
  name: string;
  /** Already joined in this session (by another tablet, or this child earlier). */
  taken: boolean;
}
/** A session's class roster for the tablets, or `null` tiles for a session without a class. */
export interface RosterTiles {
  className: string | null;
  tiles: RosterTile[] | null;
}
