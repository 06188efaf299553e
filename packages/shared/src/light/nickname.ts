/**
 * Generated nicknames such as 勇敢的小熊: an adjective code and an animal code. The child never
 * types a name, so there is no free text to moderate and nothing identifying; each screen renders
 * the codes in its own locale (labels live in the locale files under `nickname.*`).
 *
 * The word lists and the picker, without zod; `nicknameSchema` (domain/nickname.ts) is built on them.
 */

export const ADJECTIVES = [
  'brave',
  'happy',
  'gentle',
  'clever',
  'curious',
  'kind',
  'calm',
  'cheerful',
  'bright',
  'friendly',
  'lively',
  'patient',
  'sunny',
  'honest',
  'quiet',
  'lucky',
] as const;
export const ANIMALS = [
  'bear',
  'panda',
  'rabbit',
  'fox',
  'tiger',
  'cat',
  'dog',
  'koala',
  'lion',
  'frog',
  'penguin',
  'owl',
  'dolphin',
  'giraffe',
  'elephant',
  'monkey',
] as const;
export type Adjective = (typeof ADJECTIVES)[number];
export type Animal = (typeof ANIMALS)[number];

// A type alias, not an interface: a nickname travels as plain JSON (index-signature compatible).
export type Nickname = { adjective: Adjective; animal: Animal };

/** Emoji avatars: drawn by the tablet's own font, nothing to download. */
export const ANIMAL_EMOJI: Readonly<Record<Animal, string>> = {
  bear: '🐻',
  panda: '🐼',
  rabbit: '🐰',
  fox: '🦊',
  tiger: '🐯',
  cat: '🐱',
  dog: '🐶',
  koala: '🐨',
  lion: '🦁',
  frog: '🐸',
  penguin: '🐧',
  owl: '🦉',
  dolphin: '🐬',
  giraffe: '🦒',
  elephant: '🐘',
  monkey: '🐵',
};

/** What `nicknameSchema` accepts: exactly the two codes, each from its list. */
export function isNickname(value: unknown): value is Nickname {
  if (typeof value !== 'object' || value === null || Object.keys(value).length !== 2) return false;
  if (!('adjective' in value) || !('animal' in value)) return false;
  return (
    (ADJECTIVES as readonly unknown[]).includes(value.adjective) &&
    (ANIMALS as readonly unknown[]).includes(value.animal)
  );
}

/**
 * Picks a nickname from a source of random integers (`crypto.getRandomValues` on a tablet,
 * `crypto.randomInt` on the server), avoiding `avoid` (the name the child is re-rolling away from).
 */
export function pickNickname(randomBelow: (n: number) => number, avoid?: Nickname): Nickname {
  for (;;) {
    const adjective = ADJECTIVES[randomBelow(ADJECTIVES.length)] ?? 'brave';
    const animal = ANIMALS[randomBelow(ANIMALS.length)] ?? 'bear';
    if (!avoid || avoid.adjective !== adjective || avoid.animal !== animal) return { adjective, animal };
  }
}
