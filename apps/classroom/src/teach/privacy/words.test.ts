import { describe, expect, it } from 'vitest';
import type { TranslateFn } from '../../i18n';
import { daysWords, formatBytes, removedWords, retentionChoices, retentionProblem } from './words';

/** Renders a key with its values, so the tests read what a teacher would see, structurally. */
const t: TranslateFn = (key, vars) => {
  if (key === 'privacy.purge.listSeparator') return '、';
  const values = vars ? Object.entries(vars).map(([k, v]) => `${k}=${v}`) : [];
  return `${key.split('.').pop()}(${values.join(',')})`;
};

describe('removedWords', () => {
  it('lists the child’s own records first and skips tables with nothing removed', () => {
    expect(removedWords(t, { sessions: 1, contributions: 12, follow_ups: 0, participations: 3 })).toBe(
      'participations(count=3)、contributions(count=12)、sessions(count=1)',
    );
  });
  it('words the cleared columns, after the child’s rows', () => {
    expect(removedWords(t, { 'sessions.tally_emotions': 2, 'sessions.snapshot': 1, contributions: 4 })).toBe(
      'contributions(count=4)、snapshots(count=1)、emotionTallies(count=2)',
    );
  });
  it('still counts a table it has no words for, by name, after the known ones', () => {
    expect(removedWords(t, { zeta: 2, student_names: 1, alpha: 5 })).toBe(
      'student_names(count=1)、other(count=5,table=alpha)、other(count=2,table=zeta)',
    );
  });
  it('is empty when nothing was removed', () => {
    expect(removedWords(t, {})).toBe('');
    expect(removedWords(t, { contributions: 0 })).toBe('');
  });
});

describe('formatBytes', () => {
  it('picks a unit a teacher reads at a glance', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(812 * 1024)).toBe('812 KB');
    expect(formatBytes(1.44 * 1024 * 1024)).toBe('1.4 MB');
    expect(formatBytes(23.6 * 1024 * 1024)).toBe('24 MB');
  });
});

describe('retention', () => {
  it('offers the usual periods, plus a custom current value in order', () => {
    expect(retentionChoices(365)).toEqual([183, 365, 730, 1095]);
    expect(retentionChoices(400)).toEqual([183, 365, 400, 730, 1095]);
  });
  it('words periods as a teacher thinks of them', () => {
    expect(daysWords(t, 183)).toBe('months6()');
    expect(daysWords(t, 365)).toBe('year1()');
    expect(daysWords(t, 1095)).toBe('years(count=3)');
    expect(daysWords(t, 400)).toBe('days(count=400)');
  });
  it('refuses emotional data kept longer than participation, as the server does', () => {
    expect(retentionProblem({ emotionDays: 730, participationDays: 365 })).toBe('emotion-longer');
    expect(retentionProblem({ emotionDays: 365, participationDays: 365 })).toBeNull();
  });
});
