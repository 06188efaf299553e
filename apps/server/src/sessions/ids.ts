/**
 * Random identifiers and join codes, all from node:crypto. A join code is six digits from
 * `crypto.randomInt`, unique among live sessions; ids are 96 random bits, base64url.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { JoinCode, ParticipantId, SessionId } from '@heartlamp/shared';

export const newParticipantId = (): ParticipantId => `p_${randomBytes(12).toString('base64url')}` as ParticipantId;
export const newSessionId = (): SessionId => `s_${randomBytes(12).toString('base64url')}` as SessionId;
export const newResumeToken = (): string => randomBytes(24).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
/** A seed for an activity's seeded Rng. */
export const newSeed = (): number => randomInt(0, 2 ** 31 - 1);

/**
 * A six-digit code not in `taken`. Codes never start with 0 (a child reads "012345" off the wall
 * and types five digits). With 900,000 codes and a school's handful of live sessions, the loop
 * almost always ends at once; it gives up rather than spin if the space is somehow full.
 */
export function newJoinCode(taken: (code: string) => boolean): JoinCode {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const code = String(randomInt(100_000, 1_000_000));
    if (!taken(code)) return code as JoinCode;
  }
  throw new Error('no free join code');
}
