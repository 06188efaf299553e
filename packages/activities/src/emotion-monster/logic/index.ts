/** My Emotion Monster: the pure definition (no Phaser, safe on Node). */
import { isSmallCount } from '@heartlamp/shared';
import { defineActivity, type Rejection, reject } from '../../contract.js';
import { configSchema, type EmotionMonsterState, hostIntentSchema, intentSchema } from './model.js';
import { consoleView, projectorView, tabletView } from './views.js';

export * from './model.js';
export type { ConsoleView, JarCount, ProjectorView, PublicJar, TabletView } from './views.js';

export const emotionMonster = defineActivity({
  id: 'emotion-monster',
  title: { 'zh-CN': '我的情绪小怪兽', en: 'My Emotion Monster' },
  summary: {
    'zh-CN': '把情绪小球放进颜色罐子里,说出今天的心情。',
    en: 'Put your feeling ball into a colour jar and name how you feel today.',
  },
  theme: 'emotion',
  gradeBands: ['low'],
  configSchema,
  intentSchema,
  hostIntentSchema,
  rejections: {
    'not-sorting': {
      'zh-CN': '老师正在和大家讨论,等老师说可以时再放小球吧。',
      en: 'The class is talking now. You can place your ball again when your teacher says so.',
    },
    'not-joined': { 'zh-CN': '请先加入课堂。', en: 'Join the class first.' },
    'already-asked': {
      'zh-CN': '老师已经知道啦,会来找你聊聊的。',
      en: 'Your teacher already knows and will come to talk with you.',
    },
    'already-there': { 'zh-CN': '已经在这一步了。', en: 'Already at this step.' },
    'reveal-first': { 'zh-CN': '请先揭晓罐子。', en: 'Reveal the jars first.' },
    'too-few': {
      'zh-CN': '这个罐子里只有一两个小球。单独讨论它,大家很容易猜出是谁,请换一个罐子。',
      en: 'Only one or two balls are in this jar. Discussing it on its own would point at someone; choose another jar.',
    },
  },

  setup: ({ config, roster }): EmotionMonsterState => ({
    phase: 'sort',
    spotlight: null,
    // A child listed twice would be counted twice; `join` is idempotent, so setup is too.
    roster: [...new Set(roster.map((p) => p.id))],
    answers: {},
    talkRequests: {},
    askReason: config.askReason,
  }),

  join: (state, participant) =>
    state.roster.includes(participant.id) ? state : { ...state, roster: [...state.roster, participant.id] },

  reduce: (state, intent, { actor, now }): EmotionMonsterState | Rejection => {
    if (!state.roster.includes(actor)) return reject('not-joined');
    switch (intent.type) {
      case 'ask-to-talk':
        if (state.talkRequests[actor] !== undefined) return reject('already-asked');
        return { ...state, talkRequests: { ...state.talkRequests, [actor]: now } };
      case 'pass':
        if (state.phase !== 'sort') return reject('not-sorting');
        return {
          ...state,
          answers: { ...state.answers, [actor]: { choice: 'pass', intensity: null, reason: null, at: now } },
        };
      case 'answer':
        if (state.phase !== 'sort') return reject('not-sorting');
        return {
          ...state,
          answers: {
            ...state.answers,
            [actor]: {
              choice: intent.emotion,
              intensity: intent.intensity,
              // With reasons switched off the tablet offers none; a stale tablet's reason is dropped.
              reason: state.askReason ? intent.reason : null,
              at: now,
            },
          },
        };
    }
  },

  control: (state, intent): EmotionMonsterState | Rejection => {
    switch (intent.type) {
      case 'reveal':
        if (state.phase === 'reveal') return reject('already-there');
        return { ...state, phase: 'reveal', spotlight: null };
      case 'spotlight':
        if (state.phase === 'sort') return reject('reveal-first');
        if (state.spotlight === intent.jar) return reject('already-there');
        if (isSmallCount(Object.values(state.answers).filter((a) => a?.choice === intent.jar).length)) {
          return reject('too-few');
        }
        return { ...state, phase: 'spotlight', spotlight: intent.jar };
      case 'sort':
        if (state.phase === 'sort') return reject('already-there');
        return { ...state, phase: 'sort', spotlight: null };
    }
  },

  phase: (state) => (state.spotlight ? `spotlight:${state.spotlight}` : state.phase),
  projectorView,
  tabletView,
  consoleView,

  contributions: (state) =>
    state.roster.flatMap((participant) => {
      const answer = state.answers[participant];
      if (!answer) return [];
      return [
        {
          key: `emotion:${participant}`,
          participant,
          kind: 'emotion',
          value: { emotion: answer.choice, intensity: answer.intensity, reason: answer.reason },
        },
      ];
    }),

  followUps: (state) =>
    state.roster.flatMap((participant) => {
      const at = state.talkRequests[participant];
      return at === undefined ? [] : [{ key: `talk:${participant}`, participant, at }];
    }),
});
