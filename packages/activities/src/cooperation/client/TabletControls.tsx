/**
 * The child's side panel beside (landscape) or under (portrait) the drum: which team I am in — the
 * team's shape, picture and name, never colour alone — and our tower, block by block, with the
 * time left. Nothing about anyone's taps: the tower is the team's, so is the credit.
 *
 * No buttons here: the one action, tapping the drum, is on the stage where the beat is drawn.
 */

import { ANIMAL_EMOJI } from '@heartlamp/shared';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { TabletControlsProps } from '../../client-contract.js';
import type { CooperationIntent } from '../logic/model.js';
import type { TabletTeam, TabletView } from '../logic/views.js';
import { NAMESPACE } from './namespace.js';
import { shapePoints } from './shapes.js';
import { TeamBadge } from './TeamBadge.js';
import { cssColour, FONT_STACK, shade, teamStyle } from './theme.js';
import { useServerNow } from './useServerClock.js';

/**
 * Landscape: a column the height of the screen, the tower filling what is left. Portrait: a short
 * row under the drum (team on the left, tower on the right), so the drum keeps most of the screen.
 * The tower's SVG is absolutely placed in a box that only grows into free space: as a plain flex
 * child its aspect ratio would ask for ~850 px and push the whole page taller than the tablet.
 */
const CSS = `
.coop-panel { font-family: ${FONT_STACK}; color: #1d1d28; box-sizing: border-box; height: 100%;
  display: flex; flex-direction: column; gap: 14px; padding: 16px; }
.coop-info { display: flex; flex-direction: column; gap: 12px; min-width: 0; }
.coop-tower { flex: 1 1 0; min-height: 120px; position: relative; }
.coop-tower svg { position: absolute; inset: 0; width: 100%; height: 100%; }
@media (orientation: portrait) {
  .coop-panel { flex-direction: row; height: auto; align-items: stretch; }
  .coop-info { flex: 1 1 auto; justify-content: center; }
  .coop-tower { flex: 0 0 190px; height: 250px; }
}`;

const teamRow: CSSProperties = { display: 'flex', alignItems: 'center', gap: 12 };
const big: CSSProperties = { margin: 0, fontSize: 30, fontWeight: 800, lineHeight: 1.2 };
const soft: CSSProperties = { margin: 0, fontSize: 22, color: '#5b5a66', lineHeight: 1.35 };

function Tower({ team, goal }: { team: TabletTeam; goal: number }) {
  const style = teamStyle(team.team);
  const width = 120;
  const block = 24;
  const top = 46;
  const height = top + goal * block + 6;
  const built = Math.min(team.height, goal);
  const edge = cssColour(shade(style.colour, -0.35));
  return (
    <svg viewBox={`0 0 ${width + 40} ${height}`} preserveAspectRatio="xMidYMax meet" aria-hidden="true">
      {/* The flag at the goal. */}
      <line x1={width + 18} y1={top} x2={width + 18} y2={6} stroke="#5b5a66" strokeWidth={3} />
      <polygon points={`${width + 18},6 ${width + 40},14 ${width + 18},22`} fill={team.topped ? '#ffc928' : edge} />
      {Array.from({ length: goal }, (_, i) => {
        const y = height - 6 - (i + 1) * block;
        const filled = i < built;
        const stamp = shapePoints(style.shape, 10 + width / 2, y + block / 2, block * 0.3)
          .map(([x, py]) => `${x.toFixed(1)},${py.toFixed(1)}`)
          .join(' ');
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a tower's floors are their index
          <g key={i}>
            <rect
              x={10}
              y={y + 1}
              width={width}
              height={block - 2}
              rx={5}
              fill={filled ? cssColour(style.colour) : 'none'}
              stroke={filled ? edge : '#d9d4c7'}
              strokeWidth={filled ? 2 : 1.5}
              strokeDasharray={filled ? undefined : '5 4'}
            />
            {filled ? <polygon points={stamp} fill={cssColour(shade(style.colour, 0.55))} /> : null}
          </g>
        );
      })}
      <rect x={0} y={height - 6} width={width + 20} height={6} rx={3} fill="#c9b79c" />
    </svg>
  );
}

export function TabletControls({ view }: TabletControlsProps<TabletView, CooperationIntent>) {
  const { t } = useTranslation(NAMESPACE);
  const team = view.team;
  const running = view.phase === 'playing' && view.endsAt !== null;
  const serverNow = useServerNow(view.serverTime, running);
  const style = team ? teamStyle(team.team) : null;
  const secondsLeft =
    running && view.endsAt !== null && serverNow !== null
      ? Math.max(0, Math.ceil((view.endsAt - Math.max(serverNow, view.origin ?? serverNow)) / 1000))
      : null;

  return (
    <section
      aria-label={t('tablet.controls')}
      className="coop-panel"
      data-testid="coop-tablet-controls"
      data-phase={view.phase}
      data-team={style?.code ?? ''}
      data-height={team?.height ?? 0}
      data-origin={view.origin ?? ''}
      data-beat-ms={view.beatMs}
    >
      <style>{CSS}</style>
      <div className="coop-info">
        {team && style ? (
          <>
            <div style={teamRow} data-testid="my-team">
              <TeamBadge team={team.team} size={72} />
              <p style={{ ...big, color: cssColour(shade(style.colour, -0.4)) }}>
                <span aria-hidden="true">{style.emoji} </span>
                {t(`team.${style.code}`)}
              </p>
            </div>
            {view.phase === 'teams' ? (
              <>
                <p style={soft}>{t('tablet.findMates')}</p>
                <p style={{ margin: 0, fontSize: 56, lineHeight: 1.2, letterSpacing: 6 }}>
                  <span role="img" aria-label={t('tablet.members', { count: team.size })}>
                    {team.animals.map((a) => ANIMAL_EMOJI[a]).join('')}
                  </span>
                </p>
                <p style={soft}>{t('tablet.need', { need: team.need })}</p>
              </>
            ) : (
              <>
                <p style={big} data-testid="my-height">
                  {t('tablet.height', { height: Math.min(team.height, view.goal), goal: view.goal })}
                </p>
                {secondsLeft !== null ? (
                  <p style={soft} role="timer">
                    ⏱ {t('tablet.timeLeft', { seconds: secondsLeft })}
                  </p>
                ) : null}
              </>
            )}
          </>
        ) : (
          <>
            <p style={big}>{t('title')}</p>
            <ol style={{ margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 18 }}>
              {(['rule1', 'rule2', 'rule3'] as const).map((rule) => (
                <li key={rule} style={{ listStyle: 'none', fontSize: 26, lineHeight: 1.4 }}>
                  {t(`projector.${rule}`)}
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
      {team && view.phase !== 'teams' ? (
        <div className="coop-tower">
          <Tower team={team} goal={view.goal} />
        </div>
      ) : null}
    </section>
  );
}
