/**
 * The teacher's panel for Attention Challenge: choose a level, start it, stop it, go to the next,
 * finish at the summit; see the class's shared climb; and — privately — each child's results on the
 * chosen level (time or reaction time, wrong taps, for the fish game fish missed vs. sharks tapped,
 * personal best, tries). Rows stay in joining order: even the teacher's screen is not a ranking,
 * and no folk Schulte "norm" is shown next to a child's time.
 */
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsolePanelProps } from '../../client-contract.js';
import type { AttentionHostIntent, LevelSpec } from '../logic/model.js';
import type { ConsoleRow, ConsoleView } from '../logic/views.js';
import { seconds } from './feedback.js';
import { NAMESPACE } from './namespace.js';
import { LevelIcon } from './Pictures.js';
import { FONT_STACK } from './theme.js';

const panel: CSSProperties = {
  fontFamily: FONT_STACK,
  color: '#1d1d28',
  display: 'flex',
  flexDirection: 'column',
  gap: 20,
};
const card: CSSProperties = {
  background: '#ffffff',
  border: '1px solid #e2ddd0',
  borderRadius: 12,
  padding: 16,
};
const button: CSSProperties = {
  minHeight: 48,
  minWidth: 48,
  padding: '8px 16px',
  display: 'inline-flex',
  alignItems: 'center',
  gap: 8,
  fontFamily: FONT_STACK,
  fontSize: 17,
  fontWeight: 600,
  borderRadius: 10,
  border: '2px solid #c9c3b4',
  background: '#ffffff',
  color: '#1d1d28',
  cursor: 'pointer',
};
/** Disabled steps must look disabled: the teacher reads the buttons at a glance. */
function step(base: CSSProperties, disabled: boolean): CSSProperties {
  return disabled ? { ...base, opacity: 0.4, cursor: 'not-allowed' } : base;
}
const cell: CSSProperties = {
  padding: '6px 8px',
  borderBottom: '1px solid #eee9dc',
  textAlign: 'left',
  verticalAlign: 'middle',
  whiteSpace: 'nowrap',
};
const num: CSSProperties = { ...cell, textAlign: 'right', fontVariantNumeric: 'tabular-nums' };
const muted: CSSProperties = { margin: 0, fontSize: 14, color: '#5b5a66' };

export function ConsolePanel({ view, host, nameOf }: ConsolePanelProps<ConsoleView, AttentionHostIntent>) {
  const { t } = useTranslation(NAMESPACE);
  const spec = view.levels[view.current];
  const levelName = (s: LevelSpec): string =>
    s.kind === 'schulte'
      ? t('level.schulte', { size: s.size })
      : t('level.gonogo', { pace: t(`level.pace.${s.pace}`) });
  const fish = spec?.kind === 'gonogo';
  const time = (ms: number | null): string => {
    if (ms === null) return '—';
    return fish ? t('console.ms', { ms }) : t('console.seconds', { seconds: seconds(ms) });
  };
  const isLast = view.current + 1 >= view.levels.length;
  const playing = view.phase === 'playing';

  const status = (row: ConsoleRow): 'playing' | 'done' | 'waiting' =>
    row.playing ? 'playing' : row.tries > 0 ? 'done' : 'waiting';

  return (
    <section aria-label={t('console.heading')} data-testid="ac-console" style={panel}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 16 }}>
        <p data-testid="ac-phase" data-phase={view.phase} style={{ margin: 0, fontSize: 20, fontWeight: 700 }}>
          {t('console.now', {
            number: view.current + 1,
            name: spec ? levelName(spec) : '',
            phase: t(`phase.${view.phase}`),
          })}
        </p>
        <p data-testid="ac-cleared" data-count={view.clearedNow} style={{ margin: 0, fontSize: 18 }}>
          {t('console.cleared', { cleared: view.clearedNow, present: view.present })}
        </p>
        <p data-testid="ac-climbed" data-count={view.climbed} style={{ margin: 0, fontSize: 18 }}>
          ⛰ {t('console.climbed', { climbed: view.climbed, goal: view.goal })}
        </p>
      </div>

      <fieldset style={{ ...card, margin: 0, display: 'flex', flexDirection: 'column', gap: 12 }}>
        <legend style={{ fontSize: 16, fontWeight: 700, padding: '0 4px' }}>{t('console.controls')}</legend>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
          <button
            type="button"
            data-testid="host-start"
            disabled={playing}
            style={step({ ...button, background: '#e3f4e8', borderColor: '#2f8f57' }, playing)}
            onClick={() => host({ type: 'start' })}
          >
            <span aria-hidden="true">▶</span>
            {view.phase === 'stopped' ? t('console.startAgain') : t('console.start')}
          </button>
          <button
            type="button"
            data-testid="host-stop"
            disabled={!playing}
            style={step(button, !playing)}
            onClick={() => host({ type: 'stop' })}
          >
            <span aria-hidden="true">⏹</span>
            {t('console.stop')}
          </button>
          <button
            type="button"
            data-testid="host-next"
            disabled={isLast}
            style={step(button, isLast)}
            onClick={() => host({ type: 'next' })}
          >
            <span aria-hidden="true">⏭</span>
            {t('console.next')}
          </button>
          <button
            type="button"
            data-testid="host-finish"
            disabled={view.phase === 'finished'}
            style={step({ ...button, background: '#fff4cc', borderColor: '#e0b400' }, view.phase === 'finished')}
            onClick={() => host({ type: 'finish' })}
          >
            <span aria-hidden="true">🏁</span>
            {t('console.finish')}
          </button>
        </div>
        <p style={muted}>{t(`console.hint.${view.phase}`)}</p>
        <fieldset style={{ border: 'none', margin: 0, padding: 0 }}>
          <legend style={{ fontSize: 16, fontWeight: 700, marginBottom: 8 }}>{t('console.levels')}</legend>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {view.levels.map((level, i) => {
              const current = i === view.current;
              const key = `${i}-${level.kind}`;
              return (
                <button
                  key={key}
                  type="button"
                  data-testid={`host-level-${i}`}
                  aria-pressed={current}
                  style={{
                    ...button,
                    borderColor: current ? '#b34d12' : '#c9c3b4',
                    borderWidth: current ? 4 : 2,
                    background: current ? '#fff1e6' : '#ffffff',
                  }}
                  onClick={() => {
                    if (!current || view.phase !== 'ready') host({ type: 'choose', level: i });
                  }}
                >
                  <strong>{i + 1}</strong>
                  <LevelIcon spec={level} size={28} />
                  {levelName(level)}
                </button>
              );
            })}
          </div>
        </fieldset>
      </fieldset>

      <div style={card}>
        <h3 style={{ margin: '0 0 8px', fontSize: 18 }}>{t('console.results')}</h3>
        <p style={{ ...muted, marginBottom: 4 }}>{t('console.private')}</p>
        <p style={{ ...muted, marginBottom: 12 }} data-testid="ac-norms">
          {t('console.norms')}
        </p>
        {view.rows.length === 0 ? (
          <p data-testid="ac-no-results" style={{ margin: 0 }}>
            {t('console.noResults')}
          </p>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table data-testid="ac-results" style={{ borderCollapse: 'collapse', width: '100%', fontSize: 16 }}>
              <thead>
                <tr>
                  <th style={cell}>{t('console.column.name')}</th>
                  <th style={cell}>{t('console.column.status')}</th>
                  <th style={num}>{t('console.column.tries')}</th>
                  <th style={num}>{fish ? t('console.column.rt') : t('console.column.time')}</th>
                  <th style={num}>{fish ? t('console.column.missed') : t('console.column.errors')}</th>
                  {fish ? <th style={num}>{t('console.column.sharks')}</th> : null}
                  <th style={num}>{t('console.column.best')}</th>
                  <th style={num}>{t('console.column.levels')}</th>
                </tr>
              </thead>
              <tbody>
                {view.rows.map((row) => {
                  const state = status(row);
                  return (
                    <tr
                      key={row.participant}
                      data-testid={`ac-row-${row.participant}`}
                      data-status={state}
                      data-tries={row.tries}
                    >
                      <td style={cell}>{nameOf(row.participant)}</td>
                      <td style={cell}>{t(`console.status.${state}`)}</td>
                      <td style={num}>{row.tries || '—'}</td>
                      <td style={num} data-testid="ac-row-time">
                        {time(row.timeMs)}
                      </td>
                      <td style={num}>{fish ? (row.fishMissed ?? '—') : (row.errors ?? '—')}</td>
                      {fish ? <td style={num}>{row.sharksTapped ?? '—'}</td> : null}
                      <td style={num}>
                        {fish
                          ? row.bestErrors === null
                            ? '—'
                            : t('console.bestErrors', { errors: row.bestErrors })
                          : time(row.bestTimeMs)}
                      </td>
                      <td style={num}>
                        {row.levelsCleared} / {view.levels.length}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
