/**
 * Who sees what. The projector gets class aggregates only, and no jar counts while children are
 * still sorting (a jar that grows the moment one child taps would tell the room what that child
 * chose); after the reveal, a count of one or two is shown as "a few" (`'few'`, no balls drawn), so
 * nobody is singled out. A tablet sees its own answer. The console sees everything, for the teacher
 * alone.
 */
import { type ParticipantId, type PublicCount, publicCount } from '@heartlamp/shared';
import {
  type Answer,
  EMOTIONS,
  type Emotion,
  type EmotionMonsterState,
  type Intensity,
  type JarEmotion,
  type Phase,
  REASONS,
  type Reason,
  zeroCounts,
} from './model.js';

export interface JarCount {
  emotion: Emotion;
  count: number;
  /** Balls by size: [small, medium, big]. */
  sizes: [number, number, number];
}

/** A jar as the whole class sees it: a small count blurred to 'few', its balls then not drawn. */
export interface PublicJar {
  emotion: Emotion;
  count: PublicCount;
  /** Balls by size: [small, medium, big]; all zero when the count is 'few'. */
  sizes: [number, number, number];
}

export interface ProjectorView {
  phase: Phase;
  /** Children who joined / who answered (a pass counts as an answer). */
  present: number;
  answered: number;
  /** Null while sorting; filled at reveal. Includes love (the bonus card). */
  jars: PublicJar[] | null;
  passes: PublicCount | null;
  /**
   * The jar under discussion with its picture reasons; `unexplained` chose no picture. A jar of one
   * or two is never spotlit (the teacher is told why), and each reason count is blurred the same way.
   */
  spotlight: {
    emotion: JarEmotion;
    count: PublicCount;
    reasons: Record<Reason, PublicCount>;
    unexplained: PublicCount;
  } | null;
}

export interface TabletView {
  phase: Phase;
  spotlight: JarEmotion | null;
  mine: Answer | null;
  askedToTalk: boolean;
  /** Offer the picture reasons after the ball is placed (from the session config). */
  askReason: boolean;
}

export interface ConsoleView {
  phase: Phase;
  spotlight: JarEmotion | null;
  present: number;
  answered: number;
  jars: JarCount[];
  passes: number;
  answers: { participant: ParticipantId; answer: Answer }[];
  /** "I want to talk to the teacher", in joining order: for the teacher's eyes only. */
  talkRequests: { participant: ParticipantId; at: number }[];
}

function answersOf(state: EmotionMonsterState): Answer[] {
  return state.roster.flatMap((id) => {
    const answer = state.answers[id];
    return answer ? [answer] : [];
  });
}

function jarCounts(answers: readonly Answer[]): JarCount[] {
  return EMOTIONS.map((emotion) => {
    const chosen = answers.filter((a) => a.choice === emotion);
    const ofSize = (n: Intensity) => chosen.filter((a) => a.intensity === n).length;
    const sizes: [number, number, number] = [ofSize(1), ofSize(2), ofSize(3)];
    return { emotion, count: chosen.length, sizes };
  });
}

export function projectorView(state: EmotionMonsterState): ProjectorView {
  const answers = answersOf(state);
  const hidden = state.phase === 'sort';
  const spotlight = state.spotlight;
  return {
    phase: state.phase,
    present: state.roster.length,
    answered: answers.length,
    jars: hidden ? null : jarCounts(answers).map(publicJar),
    passes: hidden ? null : publicCount(answers.filter((a) => a.choice === 'pass').length),
    spotlight: spotlight === null || hidden ? null : spotlightView(answers, spotlight),
  };
}

function publicJar(jar: JarCount): PublicJar {
  const count = publicCount(jar.count);
  return { emotion: jar.emotion, count, sizes: count === 'few' ? [0, 0, 0] : jar.sizes };
}

function spotlightView(answers: readonly Answer[], emotion: JarEmotion): NonNullable<ProjectorView['spotlight']> {
  const chosen = answers.filter((a) => a.choice === emotion);
  const reasons = chosen.reduce((acc, a) => {
    if (a.reason !== null) acc[a.reason] += 1;
    return acc;
  }, zeroCounts(REASONS));
  return {
    emotion,
    count: publicCount(chosen.length),
    reasons: Object.fromEntries(REASONS.map((r) => [r, publicCount(reasons[r])])) as Record<Reason, PublicCount>,
    unexplained: publicCount(chosen.filter((a) => a.reason === null).length),
  };
}

export function tabletView(state: EmotionMonsterState, id: ParticipantId): TabletView {
  return {
    phase: state.phase,
    spotlight: state.spotlight,
    mine: state.answers[id] ?? null,
    askedToTalk: state.talkRequests[id] !== undefined,
    askReason: state.askReason,
  };
}

export function consoleView(state: EmotionMonsterState): ConsoleView {
  const answers = answersOf(state);
  return {
    phase: state.phase,
    spotlight: state.spotlight,
    present: state.roster.length,
    answered: answers.length,
    jars: jarCounts(answers),
    passes: answers.filter((a) => a.choice === 'pass').length,
    answers: state.roster.flatMap((participant) => {
      const answer = state.answers[participant];
      return answer ? [{ participant, answer }] : [];
    }),
    talkRequests: state.roster.flatMap((participant) => {
      const at = state.talkRequests[participant];
      return at === undefined ? [] : [{ participant, at }];
    }),
  };
}
