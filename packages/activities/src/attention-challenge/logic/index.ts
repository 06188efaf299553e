/** 注意力大闯关 — Attention Challenge: the pure definition (no Phaser, safe on Node). */
import { defineActivity } from '../../contract.js';
import { type AttentionState, configSchema, gameCode, hostIntentSchema, intentSchema } from './model.js';
import { control, join, reduce, setup } from './reduce.js';
import { consoleView, projectorView, tabletView } from './views.js';

export { dealGoNoGo, dealSchulte, goNoGoDuration } from './boards.js';
export * from './model.js';
export { isBetter, scoreGoNoGo, scoreSchulte } from './score.js';
export type { ConsoleRow, ConsoleView, LevelInfo, ProjectorView, TabletPlay, TabletView } from './views.js';

export const attentionChallenge = defineActivity({
  id: 'attention-challenge',
  title: { 'zh-CN': '注意力大闯关', en: 'Attention Challenge' },
  summary: {
    'zh-CN': '数字方格和小鱼游戏,一关一关闯;全班每过一关,大家一起往山上爬一步。',
    en: 'Number grids and a fish game, level by level; every level anyone clears takes the whole class one step up the mountain.',
  },
  theme: 'attention',
  gradeBands: ['low', 'middle', 'high'],
  configSchema,
  intentSchema,
  hostIntentSchema,
  rejections: {
    'not-joined': { 'zh-CN': '请先加入课堂。', en: 'Join the class first.' },
    'not-open': {
      'zh-CN': '这一关还没开始,或者老师已经结束这一关啦。看看大屏幕吧。',
      en: 'This level is not open right now. Have a look at the big screen.',
    },
    'stale-level': {
      'zh-CN': '这块棋盘已经换新的了,请在新棋盘上再玩一次。',
      en: 'That board has been replaced by a new one. Please play the new board.',
    },
    'already-done': {
      'zh-CN': '这一关你已经完成啦!想再玩,点「再试一次」。',
      en: 'You already finished this board! Tap "Try again" to play once more.',
    },
    'time-backwards': {
      'zh-CN': '平板的计时出了点问题,这次成绩没有记下。请再试一次。',
      en: "The tablet's timer went wrong, so this result was not kept. Please try again.",
    },
    'off-board': {
      'zh-CN': '这些点不在你的方格上,这次成绩没有记下。请再试一次。',
      en: 'Those taps are not on your grid, so this result was not kept. Please try again.',
    },
    'out-of-order': {
      'zh-CN': '点击的顺序不对劲,这次成绩没有记下。请再试一次。',
      en: 'The taps came in an order a game cannot make, so this result was not kept. Please try again.',
    },
    'wrong-count': {
      'zh-CN': '点击的次数对不上,这次成绩没有记下。请再试一次。',
      en: "The number of taps doesn't add up, so this result was not kept. Please try again.",
    },
    'too-fast': {
      'zh-CN': '这个成绩快得不像真的,没有记下。慢慢来,再试一次吧。',
      en: 'That result is faster than anyone can tap, so it was not kept. Take your time and try again.',
    },
    'too-long': {
      'zh-CN': '这个用时对不上,没有记下。请再试一次。',
      en: "That time doesn't fit how long the level has been open, so it was not kept. Please try again.",
    },
    'already-there': { 'zh-CN': '已经在这一步了。', en: 'Already at this step.' },
    'no-such-level': { 'zh-CN': '没有这一关。', en: 'There is no such level.' },
    'last-level': {
      'zh-CN': '这已经是最后一关了,可以点「完成闯关」。',
      en: 'This is the last level. Press "Finish the challenge" to wrap up.',
    },
    'not-playing': { 'zh-CN': '这一关现在没有在进行。', en: 'This level is not running right now.' },
  },
  setup: ({ config, roster }) => setup(config, roster),
  join: (state, participant) => join(state, participant),
  reduce,
  control,
  phase: (state) => `${state.phase}:level-${state.current + 1}:run-${state.round}`,
  projectorView,
  tabletView,
  consoleView,
  /**
   * Per child per level: the game code, tries, the last try and the personal best — numbers and
   * codes only. A later try replaces the value under the same key, so the ledger keeps the latest.
   */
  contributions: (state: AttentionState) =>
    state.roster.flatMap((participant) =>
      state.levels.flatMap((spec, level) => {
        const record = state.records[participant]?.[String(level)];
        if (!record) return [];
        const { last, best } = record;
        return [
          {
            key: `level:${participant}:${level}`,
            participant,
            kind: 'attention-level',
            value: {
              level: level + 1,
              game: gameCode(spec),
              tries: record.tries,
              timeMs: last.timeMs,
              errors: last.errors,
              bestTimeMs: best.timeMs,
              bestErrors: best.errors,
              fishMissed: last.kind === 'gonogo' ? last.fishTotal - last.fishCaught : null,
              sharksTapped: last.kind === 'gonogo' ? last.sharksTotal - last.sharksAvoided : null,
            },
          },
        ];
      }),
    ),
});
