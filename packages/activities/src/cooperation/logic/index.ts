/** The Power of Cooperation: the pure definition (no Phaser, safe on Node). */
import type { ParticipantId } from '@heartlamp/shared';
import { type Contribution, defineActivity, reject } from '../../contract.js';
import {
  type CooperationState,
  configSchema,
  hostIntentSchema,
  intentSchema,
  type RoundResult,
  TEAM_CODES,
} from './model.js';
import { finishRound, formTeams, joinChild, moveChild, setupState, startRound, tap, tick } from './rules.js';
import { consoleView, projectorView, tabletView } from './views.js';

export * from './model.js';
export { dealTeams, finishDueAt } from './rules.js';
export type {
  BeatClock,
  ConsoleMember,
  ConsoleRound,
  ConsoleTeam,
  ConsoleView,
  ProjectorTeam,
  ProjectorView,
  TabletTeam,
  TabletView,
} from './views.js';

/**
 * What the ledger keeps for each child and round: the team's outcome, never their own taps.
 * (A type alias, not an interface, so it is assignable to the contract's `JsonValue`.)
 */
export type TeamOutcome = {
  round: number;
  /** The team's code (`sun`, `wave`…), as the teacher saw it. */
  team: string;
  teamSize: number;
  height: number;
  goal: number;
  succeeded: boolean;
  /** Seconds from the first counted beat to the top, or null. */
  seconds: number | null;
};

/**
 * The runtime asks for contributions after every tap; finished rounds change only when a round
 * ends, so the list is built once per `results` array and handed back as the same object after.
 */
const outcomesCache = new WeakMap<readonly RoundResult[], readonly Contribution[]>();

function outcomes(results: readonly RoundResult[]): readonly Contribution[] {
  const cached = outcomesCache.get(results);
  if (cached) return cached;
  const list = results.flatMap((r) =>
    r.teams.flatMap((t) =>
      t.members.map((participant: ParticipantId): Contribution => {
        const value: TeamOutcome = {
          round: r.round,
          team: TEAM_CODES[t.team] ?? `team-${t.team}`,
          teamSize: t.members.length,
          height: t.height,
          goal: r.goal,
          succeeded: t.succeeded,
          seconds: t.seconds,
        };
        return { key: `round:${r.round}:${participant}`, participant, kind: 'team-outcome', value };
      }),
    ),
  );
  outcomesCache.set(results, list);
  return list;
}

export const cooperation = defineActivity({
  id: 'cooperation',
  title: { 'zh-CN': '合作的力量', en: 'The Power of Cooperation' },
  summary: {
    'zh-CN': '跟着节拍和队友一起敲鼓,一起敲准了,队伍的高塔才会长高。',
    en: 'Drum on the beat with your team: the tower grows only when you tap together.',
  },
  theme: 'cooperation',
  gradeBands: ['middle'],
  configSchema,
  intentSchema,
  hostIntentSchema,
  rejections: {
    'not-joined': { 'zh-CN': '请先加入课堂。', en: 'Join the class first.' },
    'not-playing': {
      'zh-CN': '这一轮还没开始,或者已经结束啦,看看大屏幕吧。',
      en: 'No round is running right now. Look at the big screen.',
    },
    'round-running': {
      'zh-CN': '这一轮正在进行,请先停止这一轮。',
      en: 'A round is running. Stop it first.',
    },
    'no-children': {
      'zh-CN': '还没有学生加入,暂时不能分队。',
      en: 'No children have joined yet, so there is nobody to put in teams.',
    },
    'no-teams': { 'zh-CN': '请先分队。', en: 'Make teams first.' },
    'unknown-child': { 'zh-CN': '没有找到这位学生。', en: 'That child is not in this class.' },
    'no-such-team': { 'zh-CN': '没有这个队。', en: 'There is no such team.' },
    'already-there': { 'zh-CN': '已经在这个队里了。', en: 'Already in that team.' },
  },

  setup: ({ config, roster, now }) => setupState(config, roster, now),
  join: (state, participant) => joinChild(state, participant),

  reduce: (state, intent, { actor, now }) => {
    switch (intent.type) {
      case 'tap':
        return tap(state, actor, now);
    }
  },

  control: (state, intent, { now, random }) => {
    switch (intent.type) {
      case 'form-teams':
        return formTeams(state, intent.teams, random, now);
      case 'move':
        return moveChild(state, intent.participant, intent.team);
      case 'start-round':
        return startRound(state, now, intent);
      case 'stop-round':
        return state.phase === 'playing' ? finishRound(state, now) : reject('not-playing');
    }
  },

  tick: (state, now) => tick(state, now),

  phase: (state: CooperationState) =>
    state.phase === 'playing' || state.phase === 'result' ? `${state.phase}:${state.round}` : state.phase,
  projectorView,
  tabletView,
  consoleView,
  contributions: (state) => outcomes(state.results),
});
