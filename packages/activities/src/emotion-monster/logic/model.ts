/**
 * My Emotion Monster (我的情绪小怪兽), after Anna Llenas' picture book: the monster's feelings are
 * tangled and the class helps sort them into jars — naming feelings, not bottling them up.
 * Colours are the book's; pink love is a bonus card with no jar.
 */
import type { ParticipantId } from '@heartlamp/shared';
import { z } from 'zod';

export const JAR_EMOTIONS = ['joy', 'sadness', 'anger', 'fear', 'calm'] as const;
export const EMOTIONS = [...JAR_EMOTIONS, 'love'] as const;
export type JarEmotion = (typeof JAR_EMOTIONS)[number];
export type Emotion = (typeof EMOTIONS)[number];

/** The book's colours, as 0xRRGGBB, always drawn together with a face (colour-blind children). */
export const EMOTION_COLOURS: Readonly<Record<Emotion, number>> = {
  joy: 0xf6c945,
  sadness: 0x3f7fd9,
  anger: 0xe0473c,
  fear: 0x2b2b33,
  calm: 0x46a86b,
  love: 0xf28cb8,
};

export const REASONS = ['home', 'friends', 'school', 'body', 'other'] as const;
export type Reason = (typeof REASONS)[number];

/** How strong: a small, medium or big ball. */
export const INTENSITIES = [1, 2, 3] as const;
export type Intensity = (typeof INTENSITIES)[number];

export const PHASES = ['sort', 'reveal', 'spotlight'] as const;
export type Phase = (typeof PHASES)[number];

export type Answer =
  | { choice: Emotion; intensity: Intensity; reason: Reason | null; at: number }
  | { choice: 'pass'; intensity: null; reason: null; at: number };

export interface EmotionMonsterState {
  phase: Phase;
  /** The jar the class is talking about, in the spotlight phase. */
  spotlight: JarEmotion | null;
  /** Everyone who joined, in joining order. */
  roster: ParticipantId[];
  answers: Partial<Record<ParticipantId, Answer>>;
  /** Private: when a child asked to talk to the teacher. */
  talkRequests: Partial<Record<ParticipantId, number>>;
  /** From the config: whether the tablet offers picture reasons (and whether reasons are kept). */
  askReason: boolean;
}

export const configSchema = z
  .strictObject({
    /** Offer the picture reasons after a ball is placed. */
    askReason: z.boolean().default(true),
  })
  .default({ askReason: true });
export type EmotionMonsterConfig = z.output<typeof configSchema>;

const intensitySchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);

export const intentSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('answer'),
    emotion: z.enum(EMOTIONS),
    intensity: intensitySchema,
    reason: z.enum(REASONS).nullable().default(null),
  }),
  /** 不想说 — I'd rather not say. Always allowed while sorting. */
  z.strictObject({ type: z.literal('pass') }),
  /** 我想找老师聊聊 — seen by the teacher console only. */
  z.strictObject({ type: z.literal('ask-to-talk') }),
]);
export type EmotionMonsterIntent = z.output<typeof intentSchema>;

export const hostIntentSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('reveal') }),
  z.strictObject({ type: z.literal('spotlight'), jar: z.enum(JAR_EMOTIONS) }),
  /** Back to sorting: children may change their answers again. */
  z.strictObject({ type: z.literal('sort') }),
]);
export type EmotionMonsterHostIntent = z.output<typeof hostIntentSchema>;

export type Counts<K extends string> = Record<K, number>;

export function zeroCounts<K extends string>(keys: readonly K[]): Counts<K> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>;
}
