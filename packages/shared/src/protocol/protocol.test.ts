/**
 * The wire protocol: every error has words in both locales, the socket.io maps derived from the
 * schemas carry the right payload and ack types (checked by `tsc --noEmit`, after Colyseus'
 * `types.test.ts`), and the schemas refuse malformed payloads at the boundary.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { JoinCode, ParticipantId } from '../domain/ids.js';
import { LOCALES } from '../domain/locale.js';
import type { Nickname } from '../domain/nickname.js';
import en from '../locales/en.json' with { type: 'json' };
import zhCN from '../locales/zh-CN.json' with { type: 'json' };
import { type Ack, type AckCallback, ERROR_CODES, type ErrorCode, errorMessage } from './errors.js';
import {
  type CreatedSession,
  EVENT_TABLES,
  handshakeSchema,
  type Joined,
  type LiveSessionSummary,
  MAX_PAYLOAD_BYTES,
  type PayloadOf,
  type PlayClientEvents,
  PROTOCOL_VERSION,
  playEvents,
  type ResultOfEvent,
  type ScreenClientEvents,
  screenEvents,
  type TeachClientEvents,
  teachEvents,
} from './events.js';

const CJK = /[\u4e00-\u9fff]/;

describe('error codes', () => {
  it.each(ERROR_CODES)('%s has a message in zh-CN and en', (code) => {
    const zh = errorMessage(code, 'zh-CN');
    const english = errorMessage(code, 'en');
    expect(zh.trim()).not.toBe('');
    expect(english.trim()).not.toBe('');
    expect(zh).toMatch(CJK);
    expect(english).not.toMatch(CJK);
  });

  it('the locale files hold exactly the known codes, no more', () => {
    const codes = [...ERROR_CODES].sort();
    expect(Object.keys(zhCN.errors).sort()).toStrictEqual(codes);
    expect(Object.keys(en.errors).sort()).toStrictEqual(codes);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const locale of LOCALES) expect(typeof errorMessage('invalid-payload', locale)).toBe('string');
  });
});

describe('constants', () => {
  it('has a positive integer protocol version and a 16 KB payload limit', () => {
    expect(Number.isInteger(PROTOCOL_VERSION) && PROTOCOL_VERSION >= 1).toBe(true);
    expect(MAX_PAYLOAD_BYTES).toBe(16 * 1024);
  });

  it('declares a zod schema for every client event, grouped by namespace', () => {
    expect(Object.keys(EVENT_TABLES)).toStrictEqual(['teach', 'screen', 'play']);
    for (const table of Object.values(EVENT_TABLES)) {
      for (const [name, entry] of Object.entries(table)) {
        expect(name).toMatch(/^[a-z]+:[a-z]+$/);
        expect(typeof entry.payload.safeParse).toBe('function');
      }
    }
  });
});

/**
 * Type tests: `expectTypeOf` is checked by `tsc --noEmit` (the package's `typecheck`), and each
 * `@ts-expect-error` fails the typecheck if the line it guards ever stops being an error. The
 * runtime assertions beside them keep each test from passing on types alone.
 */
describe('derived socket.io event maps (types)', () => {
  /** What socket.io's typed `emit` does with these maps. */
  function emitter<Events extends Record<string, (...args: never[]) => void>>() {
    const sent: string[] = [];
    return {
      sent,
      emit<K extends keyof Events & string>(event: K, ..._args: Parameters<Events[K]>): void {
        sent.push(event);
      },
    };
  }
  function noAck<T>(): AckCallback<T> {
    return () => undefined;
  }

  it('/teach events take their schema input and ack with their result', () => {
    expectTypeOf<TeachClientEvents['session:create']>().parameters.toEqualTypeOf<
      [{ activityId: string; config?: unknown; classId?: string | undefined }, AckCallback<CreatedSession>]
    >();
    expectTypeOf<TeachClientEvents['session:start']>().parameters.toEqualTypeOf<
      [{ code: string }, AckCallback<null>]
    >();
    expectTypeOf<TeachClientEvents['session:list']>().parameter(1).toEqualTypeOf<AckCallback<LiveSessionSummary[]>>();
    expectTypeOf<TeachClientEvents['session:host']>()
      .parameter(0)
      .toEqualTypeOf<{ code: string; clientIntentId: string; intent: unknown }>();
    expectTypeOf<TeachClientEvents['followup:resolve']>().parameter(0).toEqualTypeOf<{ code: string; key: string }>();
    expectTypeOf<keyof TeachClientEvents>().toEqualTypeOf<
      | 'session:create'
      | 'session:attach'
      | 'session:list'
      | 'session:start'
      | 'session:end'
      | 'seat:release'
      | 'seat:decide'
      | 'seat:remove'
      | 'session:lock'
      | 'session:host'
      | 'followup:resolve'
    >();

    const socket = emitter<TeachClientEvents>();
    socket.emit('session:start', { code: '123456' }, noAck<null>());
    // @ts-expect-error a misspelt event name does not compile
    socket.emit('session:strat', { code: '123456' }, noAck<null>());
    // @ts-expect-error a /play event is not a /teach event
    socket.emit('play:join', { code: '123456', nickname: { adjective: 'kind', animal: 'owl' } }, noAck<Joined>());
    // @ts-expect-error the payload is checked too: a join code is a string
    socket.emit('session:end', { code: 123456 }, noAck<null>());
    expect(socket.sent).toStrictEqual(['session:start', 'session:strat', 'play:join', 'session:end']);
    expect(Object.keys(teachEvents)).toContain('session:create');
  });

  it('/play and /screen events have the right payload and ack types', () => {
    expectTypeOf<PlayClientEvents['play:join']>().parameters.toEqualTypeOf<
      [
        {
          code: string;
          nickname: Nickname;
          resumeToken?: string | undefined;
          joinId?: string | undefined;
          studentId?: string | undefined;
        },
        AckCallback<Joined>,
      ]
    >();
    expectTypeOf<PlayClientEvents['play:intent']>().parameters.toEqualTypeOf<
      [{ clientIntentId: string; intent: unknown }, AckCallback<null>]
    >();
    expectTypeOf<ScreenClientEvents['screen:watch']>().parameters.toEqualTypeOf<
      [{ code: string }, AckCallback<null>]
    >();
    expectTypeOf<keyof PlayClientEvents>().toEqualTypeOf<
      'play:join' | 'play:intent' | 'play:seats' | 'play:reclaim' | 'play:roster'
    >();
    expectTypeOf<keyof ScreenClientEvents>().toEqualTypeOf<'screen:watch'>();

    // What a handler sees after parsing: branded ids, and the ack's data on success.
    expectTypeOf<PayloadOf<typeof playEvents, 'play:join'>['code']>().toEqualTypeOf<JoinCode>();
    expectTypeOf<ResultOfEvent<typeof playEvents, 'play:join'>>().toEqualTypeOf<Joined>();
    expectTypeOf<Joined['participantId']>().toEqualTypeOf<ParticipantId>();
    expectTypeOf<Ack<Joined>>().extract<{ ok: false }>().toHaveProperty('error');
    expectTypeOf<ErrorCode>().toEqualTypeOf<(typeof ERROR_CODES)[number]>();

    // @ts-expect-error a wrong key lookup on the derived map is a type error
    expectTypeOf<PlayClientEvents['session:create']>().toBeFunction();
    // @ts-expect-error nor is there a misspelt /screen event
    expectTypeOf<ScreenClientEvents['screen:wacth']>().toBeFunction();

    const socket = emitter<PlayClientEvents>();
    socket.emit('play:intent', { clientIntentId: 'abcdefgh', intent: { type: 'pass' } }, noAck<null>());
    socket.emit(
      'play:join',
      // @ts-expect-error a nickname is made of known codes only
      { code: '123456', nickname: { adjective: 'silly', animal: 'owl' } },
      noAck<Joined>(),
    );
    expect(socket.sent).toStrictEqual(['play:intent', 'play:join']);
    expect(Object.keys(screenEvents)).toStrictEqual(['screen:watch']);
  });
});

describe('schemas refuse malformed payloads', () => {
  const join = playEvents['play:join'].payload;
  const nickname = { adjective: 'brave', animal: 'panda' };

  it('accepts a well-formed join and brands the code', () => {
    const parsed = join.parse({ code: '042017', nickname });
    expect(parsed).toStrictEqual({ code: '042017', nickname });
    expectTypeOf(parsed.code).toEqualTypeOf<JoinCode>();
    expect(join.safeParse({ code: '042017', nickname, resumeToken: 'r'.repeat(32) }).success).toBe(true);
  });

  it.each([
    ['a join code of 5 digits', { code: '12345', nickname }],
    ['a join code of 7 digits', { code: '1234567', nickname }],
    ['a join code with letters', { code: '12a456', nickname }],
    ['a join code as a number', { code: 123456, nickname }],
    ['a join code with spaces', { code: ' 123456', nickname }],
    ['an extra key', { code: '123456', nickname, name: '李明' }],
    ['an unknown adjective', { code: '123456', nickname: { adjective: 'silly', animal: 'panda' } }],
    ['an unknown animal', { code: '123456', nickname: { adjective: 'brave', animal: 'dragon' } }],
    ['a free-text nickname', { code: '123456', nickname: '小明' }],
    ['an extra key in the nickname', { code: '123456', nickname: { ...nickname, realName: '李明' } }],
    ['a short resume token', { code: '123456', nickname, resumeToken: 'abc' }],
    ['no nickname', { code: '123456' }],
  ])('play:join refuses %s', (_, payload) => {
    expect(join.safeParse(payload).success).toBe(false);
  });

  it('play:intent refuses a bad client intent id or extra keys', () => {
    const intent = playEvents['play:intent'].payload;
    expect(intent.safeParse({ clientIntentId: 'abcd1234', intent: { type: 'pass' } }).success).toBe(true);
    expect(intent.safeParse({ clientIntentId: 'short', intent: {} }).success).toBe(false);
    expect(intent.safeParse({ clientIntentId: 'has space!', intent: {} }).success).toBe(false);
    expect(intent.safeParse({ clientIntentId: 'abcd1234', intent: {}, actor: 'p_someoneelse1' }).success).toBe(false);
  });

  it('teacher events refuse bad codes, empty ids and extra keys', () => {
    expect(teachEvents['session:create'].payload.safeParse({ activityId: 'emotion-monster' }).success).toBe(true);
    expect(teachEvents['session:create'].payload.safeParse({ activityId: '' }).success).toBe(false);
    expect(teachEvents['session:start'].payload.safeParse({ code: '12345' }).success).toBe(false);
    expect(teachEvents['session:list'].payload.safeParse({}).success).toBe(true);
    expect(teachEvents['session:list'].payload.safeParse({ all: true }).success).toBe(false);
    expect(
      teachEvents['session:host'].payload.safeParse({ code: '123456', clientIntentId: 'x', intent: null }).success,
    ).toBe(false);
    expect(teachEvents['followup:resolve'].payload.safeParse({ code: '123456', key: '' }).success).toBe(false);
    expect(screenEvents['screen:watch'].payload.safeParse({ code: '1234567' }).success).toBe(false);
  });

  it('the handshake needs an integer protocol version and a known locale', () => {
    expect(handshakeSchema.safeParse({ protocolVersion: PROTOCOL_VERSION, locale: 'zh-CN' }).success).toBe(true);
    expect(handshakeSchema.safeParse({ protocolVersion: 1.5 }).success).toBe(false);
    expect(handshakeSchema.safeParse({ protocolVersion: 1, locale: 'fr' }).success).toBe(false);
    expect(handshakeSchema.safeParse({}).success).toBe(false);
  });
});
