/** The join code's format, without zod (`joinCodeSchema` in domain/ids.ts is built on it). */
import type { JoinCode } from '../domain/ids.js';

export const JOIN_CODE_LENGTH = 6;
/** Six digits shown on the projector; unique among live sessions only. */
export const JOIN_CODE_PATTERN = /^\d{6}$/;

/** `value` as a join code if it has the format (the server still decides whether it is live). */
export function parseJoinCode(value: unknown): JoinCode | null {
  return typeof value === 'string' && JOIN_CODE_PATTERN.test(value) ? (value as JoinCode) : null;
}
