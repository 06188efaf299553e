/**
 * Generated nicknames such as 勇敢的小熊: an adjective code and an animal code. The child never
 * types a name, so there is no free text to moderate and nothing identifying; each screen renders
 * the codes in its own locale (labels live in the locale files under `nickname.*`).
 *
 * The word lists and the picker live in light/nickname.ts (no zod, for the join page); this module
 * adds the schema the server checks a nickname with, and re-exports the rest.
 */
import { z } from 'zod';
import { ADJECTIVES, ANIMALS, type Nickname } from '../light/nickname.js';

export * from '../light/nickname.js';

export const nicknameSchema = z.strictObject({
  adjective: z.enum(ADJECTIVES),
  animal: z.enum(ANIMALS),
}) satisfies z.ZodType<Nickname>;
