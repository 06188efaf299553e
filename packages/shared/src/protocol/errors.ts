/**
 * Error codes the server acks with. A code is stable (clients branch on it); the message is for a
 * person and comes from the locale files, in the locale the client asked for at handshake.
 */
import type { Locale } from '../domain/locale.js';
import en from '../locales/en.json' with { type: 'json' };
import zhCN from '../locales/zh-CN.json' with { type: 'json' };

export const ERROR_CODES = [
  'invalid-payload',
  'unknown-event',
  'payload-too-large',
  'rate-limited',
  'session-not-found',
  'session-ended',
  'session-not-running',
  'not-allowed',
  'not-joined',
  'client-outdated',
  'unknown-activity',
  'invalid-config',
  'rejected',
  'storage-failed',
  'session-full',
  'server-busy',
  'seat-released',
  'class-not-found',
  'not-on-roster',
  'student-taken',
  'not-signed-in',
  'bad-origin',
  'room-locked',
  'join-throttled',
] as const satisfies readonly (keyof typeof zhCN.errors)[];
export type ErrorCode = (typeof ERROR_CODES)[number];

const MESSAGES: Record<Locale, Record<ErrorCode, string>> = { 'zh-CN': zhCN.errors, en: en.errors };

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return MESSAGES[locale][code];
}

/** What went wrong, for a person and for code. `reason` is an activity's own rejection code. */
export interface ProtocolError {
  code: ErrorCode;
  message: string;
  reason?: string;
  /** Where a payload failed validation, e.g. `intent.intensity`. */
  path?: string;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };
export type AckCallback<T> = (response: Ack<T>) => void;
