/**
 * 统计: a term's (or a date range's) group guidance at a glance — sessions held, 人次, children
 * reached and each class's share, by grade band, class, activity, theme and month — and the
 * emotion check-ins per class, where a class with fewer than ten shows "<10" and nothing more.
 *
 * Every number comes from `GET /api/reports/stats`, the same query module the exports use. The
 * page refreshes itself every 10 s while open, so a lesson that just ended shows up by itself.
 */
import type { GradeBand, ReportStats } from '@heartlamp/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type AppKey, useLocale, useT } from '../../i18n';
import { activityDefinition } from '../labels';
import { errorWords, ledgerApi } from './api';
import { Chart } from './Chart';
import type { ChartOption } from './echarts-setup';
import { PeriodPicker } from './PeriodPicker';
import { useLedger } from './store';

const REFRESH_MS = 10_000;
const EMOTION_ORDER = ['joy', 'calm', 'sadness', 'anger', 'fear', 'love', 'pass'];
/** The picture book's colours, so the chart looks like the jars the children saw. */
const EMOTION_COLOURS: Record<string, string> = {
  joy: '#f6c945',
  calm: '#46a86b',
  sadness: '#3f7fd9',
  anger: '#e0473c',
  fear: '#2b2b33',
  love: '#f28cb8',
  pass: '#b9ad9c',
};
const PRIMARY = '#b34d12';
/** Warm first, then distinct enough for eight themes. */
const THEME_COLOURS = ['#b34d12', '#e8b27a', '#46a86b', '#3f7fd9', '#f6c945', '#8a6fb3', '#2b8a8a', '#e0473c'];
const SECONDARY = '#e8b27a';

function pct(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`;
}

export function useStats() {
  const period = useLedger((s) => s.period);
  const [stats, setStats] = useState<ReportStats | null>(null);
  const [error, setError] = useState<{ code: string; text: string } | null>(null);
  const [loadedAt, setLoadedAt] = useState<number | null>(null);
  const locale = useLocale();
  const t = useT();

  const load = useCallback(async () => {
    const result = await ledgerApi.stats(period);
    if (result.ok) {
      setStats(result.data);
      setError(null);
      setLoadedAt(Date.now());
    } else {
      setError({ code: result.error.code, text: errorWords(result.error, locale, t('ledger.common.failed')) });
    }
  }, [period, locale, t]);

  useEffect(() => {
    setStats(null);
    void load();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  return { stats, error, loadedAt, reload: load };
}

export function StatsPage() {
  const t = useT();
  const locale = useLocale();
  const { stats, error, loadedAt, reload } = useStats();
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

  return (
    <div className="ledger-stats" data-testid="stats-page">
      <div className="ledger-toolbar">
        <h1 className="ledger-title">{t('ledger.stats.heading')}</h1>
        <PeriodPicker />
        <span className="topbar-spacer" />
        {stats && loadedAt !== null && (
          <span className="muted small">
            {t('ledger.stats.updated', { time: time.format(loadedAt), ms: stats.ms })}
          </span>
        )}
        <button type="button" className="btn btn-small" data-testid="stats-refresh" onClick={() => void reload()}>
          {t('ledger.stats.refresh')}
        </button>
      </div>
      {error && (
        <p className="panel form-error" role="alert" data-testid="stats-error">
          {error.code === 'no-term' ? t('ledger.period.noTerm') : error.text}
        </p>
      )}
      {!stats && !error && <p className="muted">{t('ledger.common.loading')}</p>}
      {stats && <StatsBody stats={stats} />}
    </div>
  );
}

function StatsBody({ stats }: { stats: ReportStats }) {
  const t = useT();
  const locale = useLocale();
  const title = (id: string, fallback: string) => activityDefinition(id)?.title[locale] ?? fallback;
  const themeName = (theme: string) => t(`theme.${theme}` as AppKey);
  const reachedNow = stats.byClass.reduce((sum, c) => sum + (c.classId ? c.students : 0), 0);
  const { totals } = stats;

  const charts = useMemo(() => {
    const themeLabel = (theme: string) => t(`theme.${theme}` as AppKey);
    const bandName = (band: GradeBand | null) => (band ? t(`grade.${band}`) : t('ledger.stats.noClass'));
    const className = (name: string | null) => name ?? t('ledger.stats.noClass');
    const months: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: stats.byMonth.map((m) => m.month) },
      yAxis: [
        { type: 'value', name: t('ledger.stats.participationsUnit'), minInterval: 1 },
        { type: 'value', name: t('ledger.stats.sessionsUnit'), minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        {
          type: 'bar',
          barMaxWidth: 56,
          name: t('ledger.stats.participations'),
          data: stats.byMonth.map((m) => m.participations),
          itemStyle: { color: PRIMARY },
        },
        {
          type: 'bar',
          barMaxWidth: 56,
          name: t('ledger.stats.sessions'),
          yAxisIndex: 1,
          data: stats.byMonth.map((m) => m.sessions),
          itemStyle: { color: SECONDARY },
        },
      ],
    };
    const bands = stats.byBand.filter((b) => b.band !== null);
    const byBand: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: bands.map((b) => bandName(b.band)) },
      yAxis: [
        { type: 'value', name: t('ledger.stats.participationsUnit'), minInterval: 1 },
        { type: 'value', name: '%', max: 100, splitLine: { show: false } },
      ],
      series: [
        {
          type: 'bar',
          barMaxWidth: 56,
          name: t('ledger.stats.participations'),
          data: bands.map((b) => b.participations),
          itemStyle: { color: PRIMARY },
        },
        {
          type: 'bar',
          barMaxWidth: 56,
          name: t('ledger.stats.reach'),
          yAxisIndex: 1,
          data: bands.map((b) => (b.enrolled === 0 ? 0 : Math.round((b.students / b.enrolled) * 1000) / 10)),
          itemStyle: { color: SECONDARY },
          label: { show: true, position: 'top', formatter: '{c}%' },
        },
      ],
    };
    const classes = stats.byClass.filter((c) => c.classId !== null);
    const reach: ChartOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 72 },
      xAxis: {
        type: 'category',
        data: classes.map((c) => className(c.name)),
        axisLabel: { rotate: classes.length > 12 ? 50 : 0, interval: 0, fontSize: 11 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 56,
          name: t('ledger.stats.reach'),
          data: classes.map((c) => (c.enrolled === 0 ? 0 : Math.round((c.students / c.enrolled) * 1000) / 10)),
          itemStyle: { color: PRIMARY },
          label: { show: classes.length <= 12, position: 'top', formatter: '{c}%' },
        },
      ],
    };
    const themes: ChartOption = {
      color: THEME_COLOURS,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['38%', '68%'],
          center: ['50%', '44%'],
          data: stats.byTheme.map((x) => ({ name: themeLabel(x.theme), value: x.participations })),
          label: { formatter: '{b}\n{d}%' },
        },
      ],
    };
    const shown = stats.emotions.filter((e) => e.counts !== null);
    const codes = [
      ...EMOTION_ORDER.filter((c) => shown.some((e) => (e.counts?.[c] ?? 0) > 0)),
      ...[...new Set(shown.flatMap((e) => Object.keys(e.counts ?? {})))].filter((c) => !EMOTION_ORDER.includes(c)),
    ];
    const emotions: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 72 },
      xAxis: {
        type: 'category',
        data: shown.map((e) => className(e.name)),
        axisLabel: { rotate: shown.length > 12 ? 50 : 0, interval: 0, fontSize: 11 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: codes.map((code) => ({
        type: 'bar',
        barMaxWidth: 56,
        stack: 'share',
        name: emotionName(t, code),
        itemStyle: { color: EMOTION_COLOURS[code] ?? '#999' },
        data: shown.map((e) => {
          const answers = typeof e.answers === 'number' ? e.answers : 0;
          return answers === 0 ? 0 : Math.round(((e.counts?.[code] ?? 0) / answers) * 1000) / 10;
        }),
      })),
    };
    return { months, byBand, reach, themes, emotions, hasEmotions: shown.length > 0 };
    // Labels follow the locale through `t`.
  }, [stats, t]);

  if (totals.sessions === 0) {
    return (
      <>
        <Kpis stats={stats} reachedNow={reachedNow} />
        <p className="panel muted" data-testid="stats-empty">
          {t('ledger.stats.empty')}
        </p>
      </>
    );
  }

  return (
    <>
      <Kpis stats={stats} reachedNow={reachedNow} />
      <div className="stats-grid">
        <section className="panel" aria-labelledby="by-month">
          <h2 id="by-month">{t('ledger.stats.byMonth')}</h2>
          <Chart option={charts.months} height={260} testId="chart-months" />
        </section>
        <section className="panel" aria-labelledby="by-band">
          <h2 id="by-band">{t('ledger.stats.byBand')}</h2>
          <Chart option={charts.byBand} height={260} testId="chart-bands" />
        </section>
        <section className="panel stats-wide" aria-labelledby="by-class">
          <h2 id="by-class">{t('ledger.stats.byClass')}</h2>
          <Chart option={charts.reach} height={280} testId="chart-reach" />
          <ClassTable stats={stats} />
        </section>
        <section className="panel" aria-labelledby="by-theme">
          <h2 id="by-theme">{t('ledger.stats.byTheme')}</h2>
          <Chart option={charts.themes} height={260} testId="chart-themes" />
        </section>
        <section className="panel" aria-labelledby="by-activity">
          <h2 id="by-activity">{t('ledger.stats.byActivity')}</h2>
          <table className="data-table" data-testid="activity-table">
            <thead>
              <tr>
                <th scope="col">{t('ledger.stats.activity')}</th>
                <th scope="col">{t('ledger.stats.theme')}</th>
                <th scope="col" className="num">
                  {t('ledger.stats.sessionsUnit')}
                </th>
                <th scope="col" className="num">
                  {t('ledger.stats.participationsUnit')}
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.byActivity.map((a) => (
                <tr key={a.activityId}>
                  <td>{title(a.activityId, a.title)}</td>
                  <td>{themeName(a.theme)}</td>
                  <td className="num">{a.sessions}</td>
                  <td className="num">{a.participations}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel stats-wide" aria-labelledby="emotions">
          <h2 id="emotions">{t('ledger.stats.emotions')}</h2>
          <p className="muted small">{t('ledger.stats.emotionsHint')}</p>
          {stats.emotions.length === 0 ? (
            <p className="muted">{t('ledger.stats.noEmotions')}</p>
          ) : (
            <>
              {charts.hasEmotions && <Chart option={charts.emotions} height={280} testId="chart-emotions" />}
              <EmotionTable stats={stats} />
            </>
          )}
        </section>
      </div>
    </>
  );
}

function emotionName(t: ReturnType<typeof useT>, code: string): string {
  return EMOTION_ORDER.includes(code) ? t(`ledger.emotions.${code}` as AppKey) : code;
}

function Kpis({ stats, reachedNow }: { stats: ReportStats; reachedNow: number }) {
  const t = useT();
  const { totals } = stats;
  return (
    <dl className="kpis" data-testid="kpis">
      <div className="kpi">
        <dt>{t('ledger.stats.sessions')}</dt>
        <dd>
          <strong data-testid="kpi-sessions">{totals.sessions}</strong> {t('ledger.stats.sessionsUnit')}
        </dd>
      </div>
      <div className="kpi">
        <dt>{t('ledger.stats.participations')}</dt>
        <dd>
          <strong data-testid="kpi-participations">{totals.participations}</strong>{' '}
          {t('ledger.stats.participationsUnit')}
        </dd>
        <dd className="muted small">{t('ledger.stats.guests', { count: totals.guests })}</dd>
      </div>
      <div className="kpi">
        <dt>{t('ledger.stats.students')}</dt>
        <dd>
          <strong data-testid="kpi-students">{totals.students}</strong> {t('ledger.stats.studentsUnit')}
        </dd>
        <dd className="muted small">
          {t('ledger.stats.studentsOf', { enrolled: totals.enrolled, reach: pct(reachedNow, totals.enrolled) })}
        </dd>
      </div>
      <div className="kpi">
        <dt>{t('ledger.stats.classesReached')}</dt>
        <dd>
          <strong data-testid="kpi-classes">{totals.classesReached}</strong>
        </dd>
        <dd className="muted small">{t('ledger.stats.classesOf', { count: totals.classes })}</dd>
      </div>
    </dl>
  );
}

function ClassTable({ stats }: { stats: ReportStats }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="class-table">
        <thead>
          <tr>
            <th scope="col">{t('ledger.stats.class')}</th>
            <th scope="col">{t('ledger.stats.band')}</th>
            <th scope="col" className="num">
              {t('ledger.stats.sessionsUnit')}
            </th>
            <th scope="col" className="num">
              {t('ledger.stats.participationsUnit')}
            </th>
            <th scope="col" className="num">
              {t('ledger.stats.students')}
            </th>
            <th scope="col" className="num">
              {t('ledger.stats.reach')}
            </th>
          </tr>
        </thead>
        <tbody>
          {stats.byClass.map((c) => (
            <tr key={c.classId ?? 'none'} data-testid="class-table-row">
              <td>{c.name ?? t('ledger.stats.noClass')}</td>
              <td>{c.grade ? t(`grade.${c.grade <= 2 ? 'low' : c.grade <= 4 ? 'middle' : 'high'}`) : '—'}</td>
              <td className="num">{c.sessions}</td>
              <td className="num">{c.participations}</td>
              <td className="num">{c.classId ? `${c.students} / ${c.enrolled}` : '—'}</td>
              <td className="num">{c.classId ? pct(c.students, c.enrolled) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EmotionTable({ stats }: { stats: ReportStats }) {
  const t = useT();
  const codes = [
    ...EMOTION_ORDER,
    ...[...new Set(stats.emotions.flatMap((e) => Object.keys(e.counts ?? {})))].filter(
      (c) => !EMOTION_ORDER.includes(c),
    ),
  ];
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="emotion-table">
        <thead>
          <tr>
            <th scope="col">{t('ledger.stats.class')}</th>
            <th scope="col" className="num">
              {t('ledger.stats.answers')}
            </th>
            {codes.map((code) => (
              <th key={code} scope="col" className="num">
                <span className="swatch" style={{ background: EMOTION_COLOURS[code] ?? '#999' }} aria-hidden="true" />
                {emotionName(t, code)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {stats.emotions.map((e) => (
            <tr key={e.classId ?? 'none'}>
              <td>{e.name ?? t('ledger.stats.noClass')}</td>
              <td className="num">{e.answers}</td>
              {codes.map((code) => (
                <td key={code} className="num muted-zero">
                  {e.counts ? (e.counts[code] ?? 0) : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
