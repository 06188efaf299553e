/** My Emotion Monster's rules, driven directly: no server, no sockets (boardgame.io's reducer tests). */
import { type ParticipantId, participantIdSchema } from '@heartlamp/shared';
import { describe, expect, it } from 'vitest';
import { isRejection, type Participant, type Rejection } from '../../contract.js';
import { createRng } from '../../rng.js';
import {
  configSchema,
  type Emotion,
  type EmotionMonsterHostIntent,
  type EmotionMonsterIntent,
  type EmotionMonsterState,
  emotionMonster,
  hostIntentSchema,
  type Intensity,
  intentSchema,
  type Reason,
} from './index.js';

const T0 = 1_757_000_000_000;

function child(id: string): Participant {
  return { id: participantIdSchema.parse(id), nickname: { adjective: 'brave', animal: 'panda' }, joinedAt: T0 };
}
const ana = child('p_AnaAnaAna01');
const bo = child('p_BoBoBoBo_02');
const cy = child('p_Cy-Cy-Cy-03');
const dee = child('p_DeeDeeDee04');
const eve = child('p_EveEveEve05');
const stranger = child('p_Stranger_99');
const ROSTER = [ana, bo, cy];
const ALL_IDS: ParticipantId[] = [ana.id, bo.id, cy.id, dee.id, eve.id, stranger.id];

function start(roster: readonly Participant[] = ROSTER, askReason = true): EmotionMonsterState {
  return emotionMonster.setup({ config: { askReason }, roster, seed: 1, now: T0 });
}

function act(state: EmotionMonsterState, actor: Participant, intent: EmotionMonsterIntent, now = T0 + 1_000) {
  return emotionMonster.reduce(state, intent, { actor: actor.id, now, random: createRng(7) });
}
function host(state: EmotionMonsterState, intent: EmotionMonsterHostIntent) {
  return emotionMonster.control(state, intent, { now: T0 + 2_000, random: createRng(7) });
}

/** Unwraps an accepted transition; a rejection fails the test with its code. */
function ok(result: EmotionMonsterState | Rejection): EmotionMonsterState {
  if (isRejection(result)) throw new Error(`unexpected rejection '${result.rejected}'`);
  return result;
}

/** Asserts the rejection code and that the state handed in was not touched. */
function expectRejected(
  state: EmotionMonsterState,
  transition: (s: EmotionMonsterState) => EmotionMonsterState | Rejection,
  code: string,
): void {
  const before = structuredClone(state);
  const result = transition(state);
  expect(result).toStrictEqual({ rejected: code });
  expect(state).toStrictEqual(before);
  expect(emotionMonster.rejections[code]?.['zh-CN']).toBeTruthy();
}

function answer(emotion: Emotion, intensity: Intensity, reason: Reason | null = null): EmotionMonsterIntent {
  return { type: 'answer', emotion, intensity, reason };
}

function expectNoIds(value: unknown, ids: readonly ParticipantId[]): void {
  const json = JSON.stringify(value);
  for (const id of ids) expect(json).not.toContain(id);
}

describe('setup and join', () => {
  it('starts sorting, with the roster and no answers', () => {
    const state = start();
    expect(state).toStrictEqual({
      phase: 'sort',
      spotlight: null,
      roster: [ana.id, bo.id, cy.id],
      answers: {},
      talkRequests: {},
      askReason: true,
    });
    expect(emotionMonster.phase(state)).toBe('sort');
  });

  it('is deterministic and lists a child once even if the roster repeats them', () => {
    expect(start()).toStrictEqual(start());
    expect(start([ana, bo, ana]).roster).toStrictEqual([ana.id, bo.id]);
  });

  it('join is idempotent: a child already there is not added twice', () => {
    const state = start([ana]);
    expect(emotionMonster.join?.(state, ana, T0)).toBe(state);
    const once = emotionMonster.join?.(state, bo, T0) ?? state;
    expect(once.roster).toStrictEqual([ana.id, bo.id]);
    expect(emotionMonster.join?.(once, bo, T0 + 5)).toStrictEqual(once);
  });

  it('refuses an actor not on the roster (not-joined), leaving the state untouched', () => {
    const state = start();
    expectRejected(state, (s) => act(s, stranger, answer('joy', 2)), 'not-joined');
    expectRejected(state, (s) => act(s, stranger, { type: 'ask-to-talk' }), 'not-joined');
  });
});

describe('answers', () => {
  it("records a child's answer as one pseudonymous contribution", () => {
    const state = ok(act(start(), ana, answer('sadness', 3, 'friends'), T0 + 10));
    expect(state.answers[ana.id]).toStrictEqual({ choice: 'sadness', intensity: 3, reason: 'friends', at: T0 + 10 });
    expect(emotionMonster.contributions(state)).toStrictEqual([
      {
        key: `emotion:${ana.id}`,
        participant: ana.id,
        kind: 'emotion',
        value: { emotion: 'sadness', intensity: 3, reason: 'friends' },
      },
    ]);
    expect(emotionMonster.tabletView(state, ana.id).mine?.choice).toBe('sadness');
    expect(emotionMonster.tabletView(state, bo.id).mine).toBeNull();
  });

  it("a child's second answer replaces the first: one contribution per child, latest values", () => {
    let state = ok(act(start(), ana, answer('anger', 1, 'school'), T0 + 10));
    state = ok(act(state, bo, answer('joy', 2), T0 + 11));
    state = ok(act(state, ana, answer('calm', 3, 'home'), T0 + 20));

    const contributions = emotionMonster.contributions(state);
    expect(contributions.map((c) => c.participant)).toStrictEqual([ana.id, bo.id]);
    expect(contributions.find((c) => c.participant === ana.id)?.value).toStrictEqual({
      emotion: 'calm',
      intensity: 3,
      reason: 'home',
    });
    expect(emotionMonster.consoleView(state).answers).toHaveLength(2);

    const revealedState = ok(host(state, { type: 'reveal' }));
    const revealed = emotionMonster.projectorView(revealedState);
    expect(revealed.answered).toBe(2);
    expect(revealed.jars?.find((j) => j.emotion === 'anger')?.count).toBe(0);
    // One child in the jar: the class sees "a few"; the teacher sees the ball.
    expect(revealed.jars?.find((j) => j.emotion === 'calm')).toStrictEqual({
      emotion: 'calm',
      count: 'few',
      sizes: [0, 0, 0],
    });
    expect(emotionMonster.consoleView(revealedState).jars.find((j) => j.emotion === 'calm')).toStrictEqual({
      emotion: 'calm',
      count: 1,
      sizes: [0, 0, 1],
    });
  });

  it('counts a pass ("不想说") as an answer with no emotion', () => {
    let state = ok(act(start(), ana, { type: 'pass' }, T0 + 5));
    state = ok(act(state, bo, answer('fear', 1)));
    expect(state.answers[ana.id]).toStrictEqual({ choice: 'pass', intensity: null, reason: null, at: T0 + 5 });
    expect(emotionMonster.contributions(state)[0]?.value).toStrictEqual({
      emotion: 'pass',
      intensity: null,
      reason: null,
    });

    expect(emotionMonster.projectorView(state).answered).toBe(2);
    const view = emotionMonster.projectorView(ok(host(state, { type: 'reveal' })));
    expect(view.answered).toBe(2);
    // One pass and one fearful child: the whole class sees "a few", never a 1 that points at someone.
    expect(view.passes).toBe('few');
    expect(view.jars?.find((j) => j.emotion === 'fear')).toStrictEqual({
      emotion: 'fear',
      count: 'few',
      sizes: [0, 0, 0],
    });
    expect(emotionMonster.consoleView(ok(host(state, { type: 'reveal' }))).passes).toBe(1);
  });

  it('a pass replaces an earlier answer (a child may change their mind to "rather not say")', () => {
    let state = ok(act(start(), ana, answer('joy', 3)));
    state = ok(act(state, ana, { type: 'pass' }));
    expect(emotionMonster.contributions(state)).toHaveLength(1);
    expect(emotionMonster.contributions(state)[0]?.value).toMatchObject({ emotion: 'pass' });
  });

  it("keeps no reason when the session's config turns reasons off", () => {
    const state = ok(act(start(ROSTER, false), ana, answer('joy', 2, 'home')));
    expect(state.answers[ana.id]?.reason).toBeNull();
    expect(emotionMonster.tabletView(state, ana.id).askReason).toBe(false);
    expect(emotionMonster.tabletView(start(), ana.id).askReason).toBe(true);
  });

  it("refuses answers and passes outside 'sort' (not-sorting), leaving the state untouched", () => {
    const sorted = ok(act(start(), ana, answer('joy', 1)));
    const revealed = ok(host(sorted, { type: 'reveal' }));
    const spotlit = ok(host(revealed, { type: 'spotlight', jar: 'calm' }));
    for (const state of [revealed, spotlit]) {
      expectRejected(state, (s) => act(s, ana, answer('anger', 3)), 'not-sorting');
      expectRejected(state, (s) => act(s, bo, { type: 'pass' }), 'not-sorting');
    }
    // Back to sorting: answers are open again and earlier ones are kept.
    const again = ok(host(spotlit, { type: 'sort' }));
    expect(again.answers[ana.id]?.choice).toBe('joy');
    expect(ok(act(again, ana, answer('anger', 3))).answers[ana.id]?.choice).toBe('anger');
  });

  it('a rejected intent returns a rejection and the very same state object stays as it was', () => {
    const state = ok(host(ok(act(start(), ana, answer('joy', 1))), { type: 'reveal' }));
    const reference = state;
    const before = structuredClone(state);
    const result = act(state, ana, answer('fear', 2));
    expect(isRejection(result)).toBe(true);
    expect(state).toBe(reference);
    expect(state).toStrictEqual(before);
  });
});

describe('asking to talk to the teacher', () => {
  it('reaches followUps() and the console, never the projector or another child', () => {
    const state = ok(act(start(), bo, { type: 'ask-to-talk' }, T0 + 42));
    expect(emotionMonster.followUps?.(state)).toStrictEqual([
      { key: `talk:${bo.id}`, participant: bo.id, at: T0 + 42 },
    ]);
    expect(emotionMonster.consoleView(state).talkRequests).toStrictEqual([{ participant: bo.id, at: T0 + 42 }]);
    expect(emotionMonster.tabletView(state, bo.id).askedToTalk).toBe(true);

    const revealed = ok(host(state, { type: 'reveal' }));
    for (const s of [state, revealed, ok(host(revealed, { type: 'spotlight', jar: 'fear' }))]) {
      const projector = emotionMonster.projectorView(s);
      expect(JSON.stringify(projector)).not.toMatch(/talk/i);
      expect(projector).toStrictEqual(emotionMonster.projectorView({ ...s, talkRequests: {} }));
      for (const other of [ana, cy]) {
        const tablet = emotionMonster.tabletView(s, other.id);
        expect(tablet.askedToTalk).toBe(false);
        expectNoIds(tablet, ALL_IDS);
      }
    }
  });

  it('works in any phase, once (already-asked), and is not an answer', () => {
    const revealed = ok(host(start(), { type: 'reveal' }));
    const asked = ok(act(revealed, ana, { type: 'ask-to-talk' }));
    expectRejected(asked, (s) => act(s, ana, { type: 'ask-to-talk' }), 'already-asked');
    expect(emotionMonster.contributions(asked)).toStrictEqual([]);
    expect(emotionMonster.projectorView(asked).answered).toBe(0);
  });
});

describe('the projector view', () => {
  function classWithAnswers(): EmotionMonsterState {
    let state = start([ana, bo, cy, dee, eve]);
    state = ok(act(state, ana, answer('joy', 3, 'friends')));
    state = ok(act(state, bo, answer('joy', 1, 'home')));
    state = ok(act(state, dee, answer('joy', 2, 'friends')));
    state = ok(act(state, eve, answer('joy', 2, 'friends')));
    state = ok(act(state, cy, { type: 'pass' }));
    return ok(act(state, ana, { type: 'ask-to-talk' }));
  }

  it("holds counts only while sorting: jars, passes and spotlight are null during 'sort'", () => {
    const view = emotionMonster.projectorView(classWithAnswers());
    expect(view).toStrictEqual({ phase: 'sort', present: 5, answered: 5, jars: null, passes: null, spotlight: null });
  });

  it("never shows the class a count of one or two, and refuses to spotlight such a jar ('too-few')", () => {
    let state = classWithAnswers();
    state = ok(act(state, cy, answer('fear', 3, 'home')));
    const revealed = ok(host(state, { type: 'reveal' }));
    const view = emotionMonster.projectorView(revealed);
    expect(view.jars?.find((j) => j.emotion === 'fear')).toStrictEqual({
      emotion: 'fear',
      count: 'few',
      sizes: [0, 0, 0],
    });
    expect(view.passes).toBe(0);
    expect(JSON.stringify(view)).not.toMatch(/:[12][,}]/);
    expectRejected(revealed, (s) => host(s, { type: 'spotlight', jar: 'fear' }), 'too-few');
    // An empty jar may be talked about ("nobody felt angry today").
    expect(ok(host(revealed, { type: 'spotlight', jar: 'anger' })).spotlight).toBe('anger');
  });

  it('never contains a participant id, in any phase', () => {
    const sorting = classWithAnswers();
    const revealed = ok(host(sorting, { type: 'reveal' }));
    const spotlit = ok(host(revealed, { type: 'spotlight', jar: 'joy' }));
    for (const state of [sorting, revealed, spotlit]) expectNoIds(emotionMonster.projectorView(state), ALL_IDS);
  });

  it('reveals jar counts with ball sizes, and the spotlit jar with its reasons', () => {
    const revealed = ok(host(classWithAnswers(), { type: 'reveal' }));
    const view = emotionMonster.projectorView(revealed);
    expect(view.jars?.map((j) => j.emotion)).toStrictEqual(['joy', 'sadness', 'anger', 'fear', 'calm', 'love']);
    expect(view.jars?.[0]).toStrictEqual({ emotion: 'joy', count: 4, sizes: [1, 2, 1] });
    expect(view.passes).toBe('few');
    expect(view.spotlight).toBeNull();

    const spotlit = emotionMonster.projectorView(ok(host(revealed, { type: 'spotlight', jar: 'joy' })));
    expect(spotlit.spotlight).toStrictEqual({
      emotion: 'joy',
      count: 4,
      reasons: { home: 'few', friends: 3, school: 0, body: 0, other: 0 },
      unexplained: 0,
    });
  });
});

describe('phases (teacher controls)', () => {
  it('goes sort → reveal → spotlight(jar) → another jar → reveal → sort', () => {
    let state = start();
    state = ok(host(state, { type: 'reveal' }));
    expect(emotionMonster.phase(state)).toBe('reveal');
    state = ok(host(state, { type: 'spotlight', jar: 'anger' }));
    expect([state.phase, state.spotlight]).toStrictEqual(['spotlight', 'anger']);
    expect(emotionMonster.phase(state)).toBe('spotlight:anger');
    state = ok(host(state, { type: 'spotlight', jar: 'calm' }));
    expect(emotionMonster.phase(state)).toBe('spotlight:calm');
    state = ok(host(state, { type: 'reveal' }));
    expect([state.phase, state.spotlight]).toStrictEqual(['reveal', null]);
    state = ok(host(state, { type: 'spotlight', jar: 'fear' }));
    state = ok(host(state, { type: 'sort' }));
    expect([state.phase, state.spotlight]).toStrictEqual(['sort', null]);
  });

  it("refuses a spotlight before the reveal ('reveal-first') and a repeat ('already-there')", () => {
    const sorting = start();
    expectRejected(sorting, (s) => host(s, { type: 'spotlight', jar: 'joy' }), 'reveal-first');
    expectRejected(sorting, (s) => host(s, { type: 'sort' }), 'already-there');
    const revealed = ok(host(sorting, { type: 'reveal' }));
    expectRejected(revealed, (s) => host(s, { type: 'reveal' }), 'already-there');
    const spotlit = ok(host(revealed, { type: 'spotlight', jar: 'joy' }));
    expectRejected(spotlit, (s) => host(s, { type: 'spotlight', jar: 'joy' }), 'already-there');
  });

  it('shows each tablet the phase and the spotlit jar', () => {
    const spotlit = ok(host(ok(host(start(), { type: 'reveal' })), { type: 'spotlight', jar: 'sadness' }));
    expect(emotionMonster.tabletView(spotlit, cy.id)).toStrictEqual({
      phase: 'spotlight',
      spotlight: 'sadness',
      mine: null,
      askedToTalk: false,
      askReason: true,
    });
  });
});

describe('schemas (what the server lets through)', () => {
  it('accepts the intents a tablet sends, filling a missing reason with null', () => {
    expect(intentSchema.parse({ type: 'answer', emotion: 'love', intensity: 2 })).toStrictEqual({
      type: 'answer',
      emotion: 'love',
      intensity: 2,
      reason: null,
    });
    expect(intentSchema.parse({ type: 'pass' })).toStrictEqual({ type: 'pass' });
    expect(intentSchema.parse({ type: 'ask-to-talk' })).toStrictEqual({ type: 'ask-to-talk' });
  });

  it.each([
    ['intensity 4', { type: 'answer', emotion: 'joy', intensity: 4 }],
    ['intensity 0', { type: 'answer', emotion: 'joy', intensity: 0 }],
    ['intensity as a string', { type: 'answer', emotion: 'joy', intensity: '2' }],
    ['an unknown emotion', { type: 'answer', emotion: 'bored', intensity: 2 }],
    ['an unknown reason', { type: 'answer', emotion: 'joy', intensity: 2, reason: 'tv' }],
    ['an extra key', { type: 'answer', emotion: 'joy', intensity: 2, reason: null, name: 'Li Ming' }],
    ['an extra key on pass', { type: 'pass', text: 'because' }],
    ['a missing emotion', { type: 'answer', intensity: 2 }],
    ['an unknown type', { type: 'shout' }],
    ['no type', { emotion: 'joy', intensity: 2 }],
    ['null', null],
    ['a string', 'answer'],
  ])('rejects an intent with %s', (_, payload) => {
    expect(intentSchema.safeParse(payload).success).toBe(false);
  });

  it('accepts teacher intents and rejects malformed ones', () => {
    expect(hostIntentSchema.safeParse({ type: 'spotlight', jar: 'calm' }).success).toBe(true);
    expect(hostIntentSchema.safeParse({ type: 'spotlight', jar: 'love' }).success).toBe(false); // no jar for love
    expect(hostIntentSchema.safeParse({ type: 'spotlight' }).success).toBe(false);
    expect(hostIntentSchema.safeParse({ type: 'reveal', now: 1 }).success).toBe(false);
    expect(hostIntentSchema.safeParse({ type: 'answer', emotion: 'joy', intensity: 1 }).success).toBe(false);
  });

  it('defaults the config and refuses unknown settings', () => {
    expect(configSchema.parse(undefined)).toStrictEqual({ askReason: true });
    expect(configSchema.parse({})).toStrictEqual({ askReason: true });
    expect(configSchema.safeParse({ askReason: 'yes' }).success).toBe(false);
    expect(configSchema.safeParse({ askReason: true, timer: 30 }).success).toBe(false);
  });

  it('has words in both locales for every rejection code', () => {
    const codes = Object.keys(emotionMonster.rejections);
    expect(codes).toEqual(
      expect.arrayContaining(['not-sorting', 'not-joined', 'already-asked', 'already-there', 'reveal-first']),
    );
    for (const code of codes) {
      expect(emotionMonster.rejections[code]?.['zh-CN']).toMatch(/\S/);
      expect(emotionMonster.rejections[code]?.en).toMatch(/\S/);
    }
  });
});
