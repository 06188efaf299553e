/**
 * Identifiers. Every id a child is known by is random (crypto), never derived from a name or a seat,
 * so a leaked id says nothing about who the child is. Branded strings keep a participant id from
 * being passed where a session id is expected.
 */
import { z } from 'zod';
import { JOIN_CODE_PATTERN } from '../light/join-code.js';

export * from '../light/join-code.js';

export type Brand<T, B extends string> = T & { readonly __brand: B };

export type ParticipantId = Brand<string, 'ParticipantId'>;
export type SessionId = Brand<string, 'SessionId'>;
/** Six digits shown on the projector; unique among live sessions only. */
export type JoinCode = Brand<string, 'JoinCode'>;

export const participantIdSchema = z
  .string()
  .regex(/^p_[A-Za-z0-9_-]{10,32}$/, 'not a participant id')
  .transform((s) => s as ParticipantId);
export const sessionIdSchema = z
  .string()
  .regex(/^s_[A-Za-z0-9_-]{10,32}$/, 'not a session id')
  .transform((s) => s as SessionId);
export const joinCodeSchema = z
  .string()
  .regex(JOIN_CODE_PATTERN, 'a join code is six digits')
  .transform((s) => s as JoinCode);

/** Client-made id carried by every intent, stored UNIQUE so a retried intent is applied once. */
export const clientIntentIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not an intent id');
