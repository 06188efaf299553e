/**
 * Turning the server's privacy figures into a teacher's words: rows removed per table ("3 条回答、
 * 1 条求助记录"), file sizes, and retention periods as the choices a teacher thinks in (半年, 1 年…)
 * rather than day counts. Pure, given the translate function, so the tests drive it directly.
 */
import type { Retention } from '@heartlamp/shared';
import type { AppKey, TranslateFn } from '../../i18n';

/**
 * Tables (and `table.column`s cleared) the words know, in the order a teacher reads them: the
 * child's own records first.
 */
const TABLE_KEYS = {
  participations: 'privacy.table.participations',
  contributions: 'privacy.table.contributions',
  follow_ups: 'privacy.table.follow_ups',
  student_names: 'privacy.table.student_names',
  students: 'privacy.table.students',
  sessions: 'privacy.table.sessions',
  // Columns cleared rather than rows deleted: the lesson stays, its per-child detail goes.
  'sessions.snapshot': 'privacy.table.snapshots',
  'sessions.tally_emotions': 'privacy.table.emotionTallies',
  auth_sessions: 'privacy.table.auth_sessions',
} as const satisfies Record<string, AppKey>;

function isKnownTable(table: string): table is keyof typeof TABLE_KEYS {
  return Object.hasOwn(TABLE_KEYS, table);
}

/**
 * "3 条参加记录、12 条回答" for `{ participations: 3, contributions: 12 }`; tables with nothing
 * removed are left out; an unknown table is still counted, by its name. Empty string: nothing removed.
 */
export function removedWords(t: TranslateFn, removed: Readonly<Record<string, number>>): string {
  const known = Object.keys(TABLE_KEYS);
  const order = (table: string) => (isKnownTable(table) ? known.indexOf(table) : known.length);
  return Object.entries(removed)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([table, count]) =>
      isKnownTable(table) ? t(TABLE_KEYS[table], { count }) : t('privacy.table.other', { count, table }),
    )
    .join(t('privacy.purge.listSeparator'));
}

/** "812 KB", "1.4 MB": the database file before and after a purge. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${Math.round(kb)} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** The periods offered: half a year and one to three years (the contract allows 30–3650 days). */
export const RETENTION_CHOICES = [183, 365, 730, 1095] as const;

/**
 * The choices for a select: the usual periods, plus the current value if it is none of them (set
 * by hand, or by an older version), so the form never shows a period that is not the real one.
 */
export function retentionChoices(current: number): number[] {
  const choices: number[] = [...RETENTION_CHOICES];
  if (!choices.includes(current)) choices.push(current);
  return choices.sort((a, b) => a - b);
}

/** "半年", "1 年", "2 年", else "400 天". */
export function daysWords(t: TranslateFn, days: number): string {
  if (days === 183) return t('privacy.retention.months6');
  if (days === 365) return t('privacy.retention.year1');
  if (days % 365 === 0) return t('privacy.retention.years', { count: days / 365 });
  return t('privacy.retention.days', { count: days });
}

/** The contract's rule, checked before sending so the teacher sees it beside the fields. */
export function retentionProblem(retention: Retention): 'emotion-longer' | null {
  return retention.emotionDays > retention.participationDays ? 'emotion-longer' : null;
}
