/**
 * A tablet's identity in a session — `{ code, participantId, resumeToken, nickname }` — kept in
 * localStorage so that a reload, a sleeping tablet or a Wi-Fi drop brings the child back as
 * themselves (same nickname, same answers) instead of as a new participant.
 *
 * What is read back is checked against the protocol's formats (the zod-free checks of
 * `@heartlamp/shared/light`, which agree with its schemas): storage may hold anything.
 */
import type { JoinCode, Nickname } from '@heartlamp/shared';
import { isNickname, parseJoinCode } from '@heartlamp/shared/light';

const STORAGE_KEY = 'heartlamp.tablet';

export interface Identity {
  code: JoinCode;
  participantId: string;
  resumeToken: string;
  nickname: Nickname;
}

export function loadIdentity(): Identity | null {
  let raw: string | null;
  try {
    raw = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const code = 'code' in value ? parseJoinCode(value.code) : null;
  const nickname = 'nickname' in value ? value.nickname : null;
  const participantId = 'participantId' in value ? value.participantId : null;
  const resumeToken = 'resumeToken' in value ? value.resumeToken : null;
  if (!code || !isNickname(nickname)) return null;
  if (typeof participantId !== 'string' || typeof resumeToken !== 'string') return null;
  return { code, nickname, participantId, resumeToken };
}

export function saveIdentity(identity: Identity): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(identity));
  } catch {
    // Without storage the child can still play; only a reload would make them a new participant.
  }
}

export function clearIdentity(): void {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored.
  }
}
