/**
 * 工作总结数据: the sentences of the term-end work summary template (`seed/000_…txt`, section
 * 团体辅导) whose bracketed figures Heartlamp knows, filled from the statistics — sessions held,
 * 人次, children reached, per grade band with the activities run there, per theme, and the emotion
 * check-ins — ready to paste. Only figures from the query module; no number is made up here.
 */
import type { ReportStats } from '@heartlamp/shared';
import { bandLabel, emotionLabel, fill, L, percent, themeLabel } from './labels.js';

const S = L.summary;

export function summaryText(stats: ReportStats): string {
  const { label, from, to } = stats.period;
  const lines: string[] = [fill(S.heading, { label, from, to }), S.note, ''];
  if (stats.totals.sessions === 0) {
    lines.push(S.empty);
    return `${lines.join('\n')}\n`;
  }
  const reachedNow = stats.byClass.reduce((sum, c) => sum + (c.classId === null ? 0 : c.students), 0);
  lines.push(
    fill(S.effect, {
      sessions: stats.totals.sessions,
      participations: stats.totals.participations,
      students: stats.totals.students,
      enrolled: stats.totals.enrolled,
      reach: percent(reachedNow, stats.totals.enrolled),
      classesReached: stats.totals.classesReached,
    }),
    '',
    S.bandHeading,
  );
  for (const band of stats.byBand) {
    if (band.band === null) continue;
    const name = bandLabel(band.band);
    if (band.sessions === 0) {
      lines.push(`- ${fill(S.bandEmpty, { band: name })}`);
      continue;
    }
    const activities = stats.byBandActivity
      .filter((a) => a.band === band.band)
      .map((a) => fill(S.activity, { title: a.title, sessions: a.sessions }))
      .join('、');
    lines.push(
      `- ${fill(S.band, {
        band: name,
        activities,
        sessions: band.sessions,
        participations: band.participations,
        students: band.students,
        reach: percent(band.students, band.enrolled),
      })}`,
    );
  }
  const none = stats.byBand.find((b) => b.band === null);
  if (none && none.sessions > 0) {
    lines.push(fill(S.noClass, { sessions: none.sessions, participations: none.participations }));
  }
  lines.push('');
  lines.push(
    fill(S.themeLine, {
      themes: stats.byTheme
        .map((t) =>
          fill(S.theme, { theme: themeLabel(t.theme), sessions: t.sessions, participations: t.participations }),
        )
        .join(';'),
    }),
  );
  const totals = stats.emotionTotals;
  if (totals.counts && typeof totals.answers === 'number') {
    const answers = totals.answers;
    const top = Object.entries(totals.counts)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => fill(S.emotionPart, { emotion: emotionLabel(code), share: percent(n, answers) }))
      .join('、');
    lines.push(fill(S.emotions, { answers, top }));
  }
  return `${lines.join('\n')}\n`;
}
