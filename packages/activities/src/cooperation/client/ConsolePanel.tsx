/**
 * The teacher's panel for The Power of Cooperation: make teams (how many; the logic balances them),
 * move a child to another team, start / stop / next round, and follow each team's tower. For each
 * child the teacher sees only whether their tablet has tapped this round — a silent tablet may be
 * asleep, or a child may need a word — never how often anyone tapped: nobody is scored here.
 */
import { type CSSProperties, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsolePanelProps } from '../../client-contract.js';
import { type CooperationHostIntent, GOALS, MAX_TEAM_SIZE, ROUND_SECONDS } from '../logic/model.js';
import type { ConsoleTeam, ConsoleView } from '../logic/views.js';
import { NAMESPACE } from './namespace.js';
import { TeamBadge } from './TeamBadge.js';
import { cssColour, FONT_STACK, shade, teamStyle } from './theme.js';
import { useServerNow } from './useServerClock.js';

const panel: CSSProperties = {
  fontFamily: FONT_STACK,
  color: '#1d1d28',
  display: 'flex',
  flexDirection: 'column',
  gap: 20,
};
const card: CSSProperties = { background: '#ffffff', border: '1px solid #e2ddd0', borderRadius: 12, padding: 16 };
const h3: CSSProperties = { margin: '0 0 12px', fontSize: 18 };
const muted: CSSProperties = { margin: 0, fontSize: 14, color: '#5b5a66' };
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

/** A button that cannot be pressed now looks it: a teacher glancing down must not wonder. */
const off: CSSProperties = { opacity: 0.4, cursor: 'not-allowed' };

/** "4 per team" or "3–4 per team" for `children` dealt into `teams`. */
function teamSizes(children: number, teams: number): { key: 'sizesEqual' | 'sizesRange'; min: number; max: number } {
  const min = Math.floor(children / Math.max(1, teams));
  const max = Math.ceil(children / Math.max(1, teams));
  return { key: min === max ? 'sizesEqual' : 'sizesRange', min, max };
}

function TeamCard({
  team,
  view,
  host,
  nameOf,
}: {
  team: ConsoleTeam;
  view: ConsoleView;
  host: (intent: CooperationHostIntent) => void;
  nameOf: (id: string) => string;
}) {
  const { t } = useTranslation(NAMESPACE);
  const style = teamStyle(team.team);
  const size = team.members.length;
  const playing = view.phase === 'playing';
  const built = Math.min(team.height, view.goal);
  const warning =
    size === 0
      ? t('console.empty')
      : size === 1
        ? t('console.tooSmall')
        : size > MAX_TEAM_SIZE
          ? t('console.tooBig')
          : null;
  return (
    <li
      data-testid={`team-card-${style.code}`}
      data-size={size}
      data-height={team.height}
      style={{
        ...card,
        listStyle: 'none',
        borderWidth: 3,
        borderColor: cssColour(style.colour),
        background: cssColour(shade(style.colour, 0.92)),
        display: 'flex',
        flexDirection: 'column',
        gap: 10,
        minWidth: 0,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
        <TeamBadge team={team.team} size={40} />
        <strong style={{ fontSize: 20 }}>
          <span aria-hidden="true">{style.emoji} </span>
          {t(`team.${style.code}`)}
        </strong>
        <span style={{ marginLeft: 'auto', fontSize: 14, color: '#5b5a66' }}>
          {t('console.need', { need: team.need })}
        </span>
      </div>
      {view.phase === 'playing' || view.phase === 'result' ? (
        <div>
          <div
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={view.goal}
            aria-valuenow={built}
            aria-label={t(`team.${style.code}`)}
            style={{
              height: 14,
              borderRadius: 7,
              background: '#ffffff',
              border: '1px solid #d9d4c7',
              overflow: 'hidden',
            }}
          >
            <div
              style={{
                width: `${(100 * built) / Math.max(1, view.goal)}%`,
                height: '100%',
                background: cssColour(style.colour),
                transition: 'width 300ms ease-out',
              }}
            />
          </div>
          <p style={{ margin: '6px 0 0', fontSize: 16, fontWeight: 700 }} data-testid={`team-height-${style.code}`}>
            {team.topped ? `${t('console.topped')} · ` : ''}
            {t('console.height', { height: built, goal: view.goal })}
          </p>
        </div>
      ) : null}
      {warning ? <p style={{ ...muted, color: '#9a4a00' }}>{warning}</p> : null}
      <ul style={{ margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 6 }}>
        {team.members.map((member) => (
          <li
            key={member.id}
            data-testid="team-member"
            style={{ listStyle: 'none', display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}
          >
            <span style={{ flex: '1 1 auto', minWidth: 0 }}>{nameOf(member.id)}</span>
            {playing ? (
              <span
                style={{ fontSize: 13, color: member.active ? '#2e7d4f' : '#8a8795' }}
                title={member.active ? undefined : t('console.notYetHint')}
              >
                {member.active ? `● ${t('console.tapped')}` : `○ ${t('console.notYet')}`}
              </span>
            ) : null}
            <select
              data-testid={`move-${member.id}`}
              aria-label={t('console.moveLabel', { name: nameOf(member.id) })}
              value=""
              onChange={(event) => {
                const to = Number(event.target.value);
                if (Number.isInteger(to) && to !== team.team) host({ type: 'move', participant: member.id, team: to });
              }}
              style={{ minHeight: 40, fontSize: 15, fontFamily: FONT_STACK, borderRadius: 8 }}
            >
              <option value="">{t('console.moveTo')}</option>
              {view.teams
                .filter((other) => other.team !== team.team)
                .map((other) => (
                  <option key={other.team} value={other.team}>
                    {teamStyle(other.team).emoji} {t(`team.${teamStyle(other.team).code}`)}
                  </option>
                ))}
            </select>
          </li>
        ))}
      </ul>
    </li>
  );
}

export function ConsolePanel({ view, host, nameOf }: ConsolePanelProps<ConsoleView, CooperationHostIntent>) {
  const { t } = useTranslation(NAMESPACE);
  const [picked, setPicked] = useState<number | null>(null);
  const [seconds, setSeconds] = useState<number | null>(null);
  const roundSeconds = seconds ?? Math.round(view.roundMs / 1000);
  const [goalPicked, setGoal] = useState<number | null>(null);
  const goal = goalPicked ?? view.goal;
  const { min, max, suggested } = view.teamCounts;
  const count = picked !== null && picked >= min && picked <= max ? picked : suggested;
  const running = view.phase === 'playing';
  const serverNow = useServerNow(view.serverTime, running);
  const counting = running && view.origin !== null && serverNow !== null && serverNow < view.origin;
  const secondsLeft =
    running && view.endsAt !== null && serverNow !== null
      ? Math.max(0, Math.ceil((view.endsAt - serverNow) / 1000))
      : null;
  const options = Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
  const haveTeams = view.teams.length > 0;

  return (
    <section aria-label={t('console.heading')} data-testid="coop-console" style={panel}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 16 }}>
        <p data-testid="phase" data-phase={view.phase} style={{ margin: 0, fontSize: 20, fontWeight: 700 }}>
          {t('console.phaseNow', { phase: t(`phase.${view.phase}`) })}
          {view.round > 0 ? ` · ${t('console.round', { round: view.round })}` : ''}
        </p>
        {running ? (
          <p style={{ margin: 0, fontSize: 18 }} role="timer">
            {counting
              ? t('console.countdown')
              : secondsLeft !== null
                ? t('console.timeLeft', { seconds: secondsLeft })
                : ''}
          </p>
        ) : null}
        <p style={muted}>
          {t('console.settings', {
            beat: (view.beatMs / 1000).toFixed(1),
            goal: view.goal,
            seconds: Math.round(view.roundMs / 1000),
          })}
        </p>
      </div>

      <fieldset style={{ ...card, margin: 0, display: 'flex', flexDirection: 'column', gap: 12 }}>
        <legend style={{ fontSize: 16, fontWeight: 700, padding: '0 4px' }}>{t('console.steps')}</legend>
        {view.present === 0 ? (
          <p style={muted}>{t('console.noChildren')}</p>
        ) : running ? null : (
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
            <span style={{ fontWeight: 700 }}>{t('console.teamCount')}</span>
            {options.map((n) => (
              <button
                key={n}
                type="button"
                data-testid={`host-team-count-${n}`}
                aria-pressed={n === count}
                style={{
                  ...button,
                  flexDirection: 'column',
                  gap: 0,
                  borderColor: n === count ? '#b34d12' : '#c9c3b4',
                  background: n === count ? '#fff1e0' : '#ffffff',
                }}
                onClick={() => setPicked(n)}
              >
                <span>{t('console.teamOption', { teams: n })}</span>
                <span style={{ fontSize: 12, fontWeight: 400, color: '#5b5a66' }}>
                  {(() => {
                    const sizes = teamSizes(view.present, n);
                    return t(`console.${sizes.key}`, { size: sizes.min, min: sizes.min, max: sizes.max });
                  })()}
                </span>
              </button>
            ))}
            <button
              type="button"
              data-testid="host-form-teams"
              style={{ ...button, background: '#fff4cc', borderColor: '#e0b400' }}
              onClick={() => host({ type: 'form-teams', teams: count })}
            >
              <span aria-hidden="true">🎲</span>
              {haveTeams ? t('console.reform') : t('console.formTeams')}
            </button>
          </div>
        )}
        {haveTeams && !running ? (
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
            <span style={{ fontWeight: 700 }}>{t('console.roundLength')}</span>
            {[...new Set([...ROUND_SECONDS, Math.round(view.roundMs / 1000)])]
              .sort((a, b) => a - b)
              .map((s) => (
                <button
                  key={s}
                  type="button"
                  data-testid={`host-round-seconds-${s}`}
                  aria-pressed={s === roundSeconds}
                  style={{
                    ...button,
                    borderColor: s === roundSeconds ? '#b34d12' : '#c9c3b4',
                    background: s === roundSeconds ? '#fff1e0' : '#ffffff',
                  }}
                  onClick={() => setSeconds(s)}
                >
                  {t('console.seconds', { seconds: s })}
                </button>
              ))}
          </div>
        ) : null}
        {haveTeams && !running ? (
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
            <span style={{ fontWeight: 700 }}>{t('console.goal')}</span>
            {[...new Set([...GOALS, view.goal])]
              .sort((a, b) => a - b)
              .map((g) => (
                <button
                  key={g}
                  type="button"
                  data-testid={`host-goal-${g}`}
                  aria-pressed={g === goal}
                  style={{
                    ...button,
                    borderColor: g === goal ? '#b34d12' : '#c9c3b4',
                    background: g === goal ? '#fff1e0' : '#ffffff',
                  }}
                  onClick={() => setGoal(g)}
                >
                  {t('console.floors', { goal: g })}
                </button>
              ))}
          </div>
        ) : null}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
          <button
            type="button"
            data-testid="host-start-round"
            disabled={!haveTeams || running}
            style={{ ...button, background: '#e3f4e8', borderColor: '#2e7d4f', ...(haveTeams && !running ? {} : off) }}
            onClick={() => host({ type: 'start-round', seconds: roundSeconds, goal })}
          >
            <span aria-hidden="true">▶️</span>
            {view.phase === 'result' ? t('console.next') : t('console.start')}
          </button>
          <button
            type="button"
            data-testid="host-stop-round"
            disabled={!running}
            style={{ ...button, ...(running ? {} : off) }}
            onClick={() => host({ type: 'stop-round' })}
          >
            <span aria-hidden="true">⏹️</span>
            {t('console.stop')}
          </button>
        </div>
        <p style={muted}>{t('console.rule')}</p>
      </fieldset>

      {view.unassigned.length > 0 ? (
        <div style={card} data-testid="unassigned">
          <h3 style={h3}>
            {t('console.unassigned')} ({view.unassigned.length})
          </h3>
          <p style={{ margin: 0, fontSize: 16, lineHeight: 1.6 }}>{view.unassigned.map(nameOf).join('、')}</p>
        </div>
      ) : null}

      {haveTeams ? (
        <div>
          <h3 style={h3}>{t('console.teams')}</h3>
          <ul
            style={{
              margin: 0,
              padding: 0,
              display: 'grid',
              gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
              gap: 12,
            }}
          >
            {view.teams.map((team) => (
              <TeamCard key={team.team} team={team} view={view} host={host} nameOf={nameOf} />
            ))}
          </ul>
        </div>
      ) : null}

      {view.rounds.length > 0 ? (
        <div style={card}>
          <h3 style={h3}>{t('console.rounds')}</h3>
          <table data-testid="rounds" style={{ borderCollapse: 'collapse', width: '100%', fontSize: 15 }}>
            <tbody>
              {view.rounds.map((round) => (
                <tr key={round.round} style={{ borderBottom: '1px solid #eee9dc' }}>
                  <th style={{ textAlign: 'left', padding: '6px 8px', whiteSpace: 'nowrap' }}>
                    {t('console.roundLabel', { round: round.round })}
                  </th>
                  <td style={{ padding: '6px 8px', display: 'flex', flexWrap: 'wrap', gap: 14 }}>
                    {round.teams.map((team) => (
                      <span key={team.team} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
                        <TeamBadge team={team.team} size={22} />
                        {t(`team.${teamStyle(team.team).code}`)}:
                        {team.succeeded && team.seconds !== null
                          ? t('console.reached', { seconds: team.seconds })
                          : t('console.notReached', { height: Math.min(team.height, round.goal) })}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <p style={muted}>{t('console.private')}</p>
    </section>
  );
}
