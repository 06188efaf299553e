/**
 * The wire protocol: one zod schema per client→server event, per namespace, and the socket.io event
 * maps derived from them. Server handlers parse with these schemas before anything else runs; the
 * client's `emit` is typed from the same source, so a misspelt event is a compile error on both ends.
 *
 * Every client event is `(payload, ack)`. Server→client pushes carry whole states (console, screen,
 * tablet), never diffs: a client that missed one is whole again with the next.
 */
import { z } from 'zod';
import { classIdSchema, type RosterTiles, studentIdSchema } from '../api/ledger.js';
import {
  clientIntentIdSchema,
  type JoinCode,
  joinCodeSchema,
  type ParticipantId,
  participantIdSchema,
} from '../domain/ids.js';
import { localeSchema } from '../domain/locale.js';
import { type Nickname, nicknameSchema } from '../domain/nickname.js';
import type { AckCallback } from './errors.js';

export * from '../light/protocol.js';

/** socket.io `auth` sent at connection time. */
export const handshakeSchema = z.object({
  protocolVersion: z.number().int(),
  locale: localeSchema.optional(),
});
export type Handshake = z.infer<typeof handshakeSchema>;

const resumeTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'not a resume token');

export type SessionStatus = 'lobby' | 'running' | 'ended';

// ---------------------------------------------------------------- results (server → client, in acks)
export interface CreatedSession {
  code: JoinCode;
  sessionId: string;
}
export interface Joined {
  participantId: ParticipantId;
  resumeToken: string;
  nickname: Nickname;
  resumed: boolean;
}
/** A seat as a tablet sees it: its number and nickname, never a participant id. */
export interface Seat {
  seat: number;
  nickname: Nickname;
  /** Freed by the teacher: can be taken without asking. */
  free: boolean;
  connected: boolean;
}
export type ReclaimAck = { status: 'granted'; resumeToken: string } | { status: 'pending' };
export type ReclaimResult =
  | { requestId: string; approved: true; resumeToken: string }
  | { requestId: string; approved: false };
/** Why a device lost its seat: freed for another device, taken back on a new device, or removed by the teacher. */
export type KickReason = 'seat-released' | 'seat-reclaimed' | 'removed';

export interface LiveSessionSummary {
  code: JoinCode;
  activityId: string;
  status: SessionStatus;
  participants: number;
  startedAt: number;
}

/**
 * Declares one client event: the payload schema (the only way in) and, as a phantom type, what its
 * ack carries on success: `event(schema).returns<Result>()`.
 */
function event<P extends z.ZodType>(payload: P) {
  return {
    returns<R>(): { payload: P; result?: R } {
      return { payload };
    },
  };
}

const codeOnly = z.strictObject({ code: joinCodeSchema });

export const teachEvents = {
  /** Create a session for an activity; it opens in the lobby. `config` is checked by the activity. */
  'session:create': event(
    z.strictObject({
      activityId: z.string().min(1).max(64),
      config: z.unknown().optional(),
      /** The class the lesson is for: its tablets then offer "tap your name" from its roster. */
      classId: classIdSchema.optional(),
    }),
  ).returns<CreatedSession>(),
  /** Attach this console to a live session (after a reload) and receive its `console:state`. */
  'session:attach': event(codeOnly).returns<CreatedSession>(),
  /** Live sessions, newest first, so a reloaded console can pick its lesson up again. */
  'session:list': event(z.strictObject({})).returns<LiveSessionSummary[]>(),
  /** Lobby → running. */
  'session:start': event(codeOnly).returns<null>(),
  /** Any status → ended. The code stops working. */
  'session:end': event(codeOnly).returns<null>(),
  /** A teacher intent for the activity (phase changes, spotlight…), checked by its hostIntentSchema. */
  'session:host': event(
    z.strictObject({ code: joinCodeSchema, clientIntentId: clientIntentIdSchema, intent: z.unknown() }),
  ).returns<null>(),
  /** Mark a private follow-up request as dealt with. */
  'followup:resolve': event(z.strictObject({ code: joinCodeSchema, key: z.string().min(1).max(128) })).returns<null>(),
  /**
   * Shared tablets: frees a child's seat so another device can take that identity. The device that
   * held it is told so and goes back to the join page.
   */
  'seat:release': event(z.strictObject({ code: joinCodeSchema, participantId: participantIdSchema })).returns<null>(),
  /**
   * Removes a tablet from the lesson: its seat is released and the device is told it was removed.
   * With the room locked it cannot come back in.
   */
  'seat:remove': event(z.strictObject({ code: joinCodeSchema, participantId: participantIdSchema })).returns<null>(),
  /** Locks or unlocks the room: while locked, no new tablet can join (a child already in can resume). */
  'session:lock': event(z.strictObject({ code: joinCodeSchema, locked: z.boolean() })).returns<null>(),
  /** Approves or refuses a child's request to continue on a new device. */
  'seat:decide': event(
    z.strictObject({ code: joinCodeSchema, requestId: clientIntentIdSchema, approve: z.boolean() }),
  ).returns<null>(),
} as const;

export const screenEvents = {
  /** Show this session on the projector; `screen:state` follows. */
  'screen:watch': event(codeOnly).returns<null>(),
} as const;

export const playEvents = {
  /** Join with a generated nickname, or come back as oneself with the resume token. */
  'play:join': event(
    z.strictObject({
      code: joinCodeSchema,
      nickname: nicknameSchema,
      resumeToken: resumeTokenSchema.optional(),
      /** Client-made, kept across retries of one first join, so a lost ack never makes a second child. */
      joinId: clientIntentIdSchema.optional(),
      /** The roster child whose name tile was tapped; absent for a guest. Each child joins once. */
      studentId: studentIdSchema.optional(),
    }),
  ).returns<Joined>(),
  /**
   * The name tiles for a code: the class roster (seat, name, already taken) when the session is for
   * a class, `tiles: null` otherwise. Names go to the tablet screen only, never the projector.
   */
  'play:roster': event(codeOnly).returns<RosterTiles>(),
  /** The seats of a session, for a child on a new device to find their own ("I was here before"). */
  'play:seats': event(codeOnly).returns<Seat[]>(),
  /**
   * Take one's seat back on this device. A seat the teacher freed is taken at once; otherwise the
   * teacher is asked, and `play:reclaim-result` answers later. Either way the device then joins
   * with the resume token it is given.
   */
  'play:reclaim': event(
    z.strictObject({ code: joinCodeSchema, seat: z.number().int().min(0).max(999), requestId: clientIntentIdSchema }),
  ).returns<ReclaimAck>(),
  /** The child's intent for the activity, checked by its intentSchema. Retried until acked. */
  'play:intent': event(z.strictObject({ clientIntentId: clientIntentIdSchema, intent: z.unknown() })).returns<null>(),
} as const;

// ---------------------------------------------------------------- pushes (server → client)
export interface ConsoleParticipant {
  id: ParticipantId;
  nickname: Nickname;
  connected: boolean;
  contributed: boolean;
  /** The teacher freed this seat for another device. */
  free: boolean;
  /** The roster child who tapped their name (console only); null for a guest. */
  student: { name: string; seat: number } | null;
}
/** A child asking to continue on a new device: the teacher approves or refuses. */
export interface ConsoleReclaim {
  requestId: string;
  participantId: ParticipantId;
  nickname: Nickname;
  at: number;
}
export interface ConsoleFollowUp {
  key: string;
  participantId: ParticipantId;
  nickname: Nickname;
  at: number;
  resolved: boolean;
}
/** Teacher-only: may hold who said what. Never sent to /screen or /play. */
export interface ConsoleState {
  code: JoinCode;
  sessionId: string;
  activityId: string;
  status: SessionStatus;
  joinUrl: string;
  participants: ConsoleParticipant[];
  followUps: ConsoleFollowUp[];
  reclaims: ConsoleReclaim[];
  /** The class the session is for, if any, and how many are on its roster. */
  class: { id: string; name: string; enrolled: number } | null;
  /** No new tablet may join (children already in can still come back). */
  locked: boolean;
  view: unknown;
}
/** Public: what the whole class may see. Avatars carry no ids. */
export interface ScreenState {
  code: JoinCode;
  activityId: string;
  status: SessionStatus;
  joinUrl: string;
  joined: number;
  connected: number;
  avatars: Nickname[];
  view: unknown;
}
/** One child's own state. */
export interface TabletState {
  code: JoinCode;
  activityId: string;
  status: SessionStatus;
  nickname: Nickname;
  view: unknown;
}

export interface TeachPushes {
  'console:state': (state: ConsoleState) => void;
}
export interface ScreenPushes {
  'screen:state': (state: ScreenState) => void;
}
export interface PlayPushes {
  'play:state': (state: TabletState) => void;
  /** The answer to a `play:reclaim` that waited for the teacher. */
  'play:reclaim-result': (result: ReclaimResult) => void;
  /** This device no longer holds the seat (the teacher freed it, or the child moved to a new device). */
  'play:kicked': (reason: KickReason) => void;
}

// ---------------------------------------------------------------- derived socket.io maps
type EventTable = Record<string, { payload: z.ZodType; result?: unknown }>;
type ResultOf<E> = E extends { result?: infer R } ? R : never;

/** The socket.io "client to server" map for a table: `(payload, ack) => void` per event. */
export type ClientToServer<T extends EventTable> = {
  [K in keyof T]: (payload: z.input<T[K]['payload']>, ack: AckCallback<ResultOf<T[K]>>) => void;
};

export type TeachClientEvents = ClientToServer<typeof teachEvents>;
export type ScreenClientEvents = ClientToServer<typeof screenEvents>;
export type PlayClientEvents = ClientToServer<typeof playEvents>;

export type EventName<T extends EventTable> = keyof T & string;
export type PayloadOf<T extends EventTable, K extends keyof T> = z.output<T[K]['payload']>;
export type ResultOfEvent<T extends EventTable, K extends keyof T> = ResultOf<T[K]>;

export const EVENT_TABLES = { teach: teachEvents, screen: screenEvents, play: playEvents } as const;
