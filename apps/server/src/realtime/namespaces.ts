/**
 * The three namespaces and their rooms. A namespace is a role: /teach is the console, /screen the
 * projector, /play a tablet; an event of one is refused on another (`not-allowed`), so a tablet can
 * never send a teacher intent. Rooms carry views: `c:<code>` consoles, `s:<code>` projectors,
 * `p:<participantId>` the sockets of one child, `r:<requestId>` a device waiting for a reclaim.
 */
import {
  type Ack,
  type ConsoleState,
  type ErrorCode,
  errorMessage,
  type JoinCode,
  type KickReason,
  type Locale,
  NAMESPACES,
  type ParticipantId,
  type PlayPushes,
  pickLocale,
  playEvents,
  type ReclaimResult,
  type ScreenPushes,
  type ScreenState,
  screenEvents,
  type TabletState,
  type TeachPushes,
  teachEvents,
} from '@heartlamp/shared';
import type { Server, Socket } from 'socket.io';
import { fail, type Outbox, type SessionRuntime } from '../sessions/runtime.js';
import type { CodeThrottle } from '../trust/throttle.js';
import { bind, checkHandshake, type GuardOptions, guardSocket } from './guard.js';

const consoleRoom = (code: string) => `c:${code}`;
const screenRoom = (code: string) => `s:${code}`;
const childRoom = (id: string) => `p:${id}`;
const reclaimRoom = (requestId: string) => `r:${requestId}`;

/**
 * Which sockets hold which child's seat, so that a seat handed to another device can be taken from
 * the old one at once (it stops acting as that child without waiting for a disconnect).
 */
export class SeatHolders {
  private readonly holders = new Map<ParticipantId, Map<Socket, () => void>>();

  hold(id: ParticipantId, socket: Socket, letGo: () => void): void {
    const sockets = this.holders.get(id) ?? new Map<Socket, () => void>();
    sockets.set(socket, letGo);
    this.holders.set(id, sockets);
  }

  drop(id: ParticipantId, socket: Socket): void {
    const sockets = this.holders.get(id);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.holders.delete(id);
  }

  /** Every socket holding `id` lets go of it; returns them. */
  takeAll(id: ParticipantId): Socket[] {
    const sockets = this.holders.get(id);
    this.holders.delete(id);
    if (!sockets) return [];
    for (const letGo of sockets.values()) letGo();
    return [...sockets.keys()];
  }
}

/** The runtime's outbox over socket.io rooms. */
export function socketOutbox(io: Server, seats: SeatHolders): Outbox {
  const teach = io.of(NAMESPACES.teach);
  const screen = io.of(NAMESPACES.screen);
  const play = io.of(NAMESPACES.play);
  return {
    console: (code: JoinCode, state: ConsoleState) =>
      teach.to(consoleRoom(code)).emit('console:state' satisfies keyof TeachPushes, state),
    screen: (code: JoinCode, state: ScreenState) =>
      screen.to(screenRoom(code)).emit('screen:state' satisfies keyof ScreenPushes, state),
    tablet: (id: ParticipantId, state: TabletState) =>
      play.to(childRoom(id)).emit('play:state' satisfies keyof PlayPushes, state),
    kick: (id: ParticipantId, reason: KickReason) => {
      for (const socket of seats.takeAll(id)) {
        void socket.leave(childRoom(id));
        socket.emit('play:kicked' satisfies keyof PlayPushes, reason);
      }
    },
    reclaimResult: (result: ReclaimResult) => {
      play.to(reclaimRoom(result.requestId)).emit('play:reclaim-result' satisfies keyof PlayPushes, result);
      play.in(reclaimRoom(result.requestId)).socketsLeave(reclaimRoom(result.requestId));
    },
  };
}

/** Leaves every room but the socket's own, before it watches or joins another session. */
function leaveRooms(socket: Socket): void {
  for (const room of socket.rooms) if (room !== socket.id) void socket.leave(room);
}

/** Who may connect where: the teacher's cookie for /teach and /screen; wrong-code throttling on /play. */
export interface Access {
  /** The signed-in teacher of a handshake's cookie, with the cookie's token. */
  teacherOf(socket: Socket): { id: string; token: string } | null;
  /** The address a socket came from (the proxy's client address when the school said to trust it). */
  addressOf(socket: Socket): string;
  codes: CodeThrottle;
  /** Takes one `/play` connection from an address's budget; false when it has none left. */
  playConnection(address: string): boolean;
}

/** Sockets by the sign-in token they came with, so signing out lets them go at once. */
export class TeacherSockets {
  private readonly byToken = new Map<string, Set<Socket>>();
  add(token: string, socket: Socket): void {
    const set = this.byToken.get(token) ?? new Set<Socket>();
    set.add(socket);
    this.byToken.set(token, set);
    socket.on('disconnect', () => {
      set.delete(socket);
      if (set.size === 0) this.byToken.delete(token);
    });
  }
  signOut(token: string): void {
    for (const socket of this.byToken.get(token) ?? []) socket.disconnect(true);
    this.byToken.delete(token);
  }
}

function refusal(code: ErrorCode, locale: Locale): Error & { data: { code: ErrorCode } } {
  return Object.assign(new Error(errorMessage(code, locale)), { data: { code } });
}

/** /teach and /screen: only a signed-in teacher's browser. */
function requireTeacher(nsp: ReturnType<Server['of']>, access: Access, teachers: TeacherSockets): void {
  nsp.use((socket, next) => {
    const teacher = access.teacherOf(socket);
    if (!teacher) {
      next(refusal('not-signed-in', pickLocale(socket.data.locale)));
      return;
    }
    socket.data.teacherId = teacher.id;
    teachers.add(teacher.token, socket);
    next();
  });
}

/** A code-taking tablet event, throttled per device and address for codes that name no session. */
function guessable<T>(
  socket: Socket,
  access: Access,
  locale: Locale,
  handler: () => Ack<T> | Promise<Ack<T>>,
): Promise<Ack<T>> {
  const address = access.addressOf(socket);
  const device = `${address}|${socket.id}`;
  if (!access.codes.allowed(device, address)) return Promise.resolve(fail('join-throttled', locale));
  return Promise.resolve(handler()).then((ack) => {
    if (!ack.ok && (ack.error.code === 'session-not-found' || ack.error.code === 'session-ended')) {
      access.codes.wrong(device, address);
    }
    return ack;
  });
}

export function attachNamespaces(
  io: Server,
  runtime: SessionRuntime,
  guard: GuardOptions,
  seats: SeatHolders,
  access: Access,
  teachers: TeacherSockets,
): void {
  const onError = guard.onError;

  const teach = io.of(NAMESPACES.teach);
  checkHandshake(teach);
  requireTeacher(teach, access, teachers);
  teach.on('connection', (socket) => {
    guardSocket(socket, 'teach', guard);
    bind(
      socket,
      teachEvents,
      'session:create',
      async ({ activityId, config, classId }, { locale }) => {
        const result = await runtime.createSession(activityId, config, locale, classId);
        if (result.ok) {
          leaveRooms(socket);
          await socket.join(consoleRoom(result.data.code));
          runtime.attachConsole(result.data.code, locale);
        }
        return result;
      },
      onError,
    );
    bind(
      socket,
      teachEvents,
      'session:attach',
      async ({ code }, { locale }) => {
        const result = runtime.attachConsole(code, locale);
        if (result.ok) {
          leaveRooms(socket);
          await socket.join(consoleRoom(code));
        }
        return result;
      },
      onError,
    );
    bind(socket, teachEvents, 'session:list', () => ({ ok: true, data: runtime.listSessions() }), onError);
    bind(socket, teachEvents, 'session:start', ({ code }, { locale }) => runtime.startSession(code, locale), onError);
    bind(socket, teachEvents, 'session:end', ({ code }, { locale }) => runtime.endSession(code, locale), onError);
    bind(
      socket,
      teachEvents,
      'session:host',
      ({ code, clientIntentId, intent }, { locale }) => runtime.host(code, clientIntentId, intent, locale),
      onError,
    );
    bind(
      socket,
      teachEvents,
      'followup:resolve',
      ({ code, key }, { locale }) => runtime.resolveFollowUp(code, key, locale),
      onError,
    );
    bind(
      socket,
      teachEvents,
      'seat:release',
      ({ code, participantId }, { locale }) => runtime.releaseSeat(code, participantId, locale),
      onError,
    );
    bind(
      socket,
      teachEvents,
      'seat:remove',
      ({ code, participantId }, { locale }) => runtime.removeSeat(code, participantId, locale),
      onError,
    );
    bind(
      socket,
      teachEvents,
      'session:lock',
      ({ code, locked }, { locale }) => runtime.lock(code, locked, locale),
      onError,
    );
    bind(
      socket,
      teachEvents,
      'seat:decide',
      ({ code, requestId, approve }, { locale }) => runtime.decideReclaim(code, requestId, approve, locale),
      onError,
    );
  });

  const screen = io.of(NAMESPACES.screen);
  checkHandshake(screen);
  requireTeacher(screen, access, teachers);
  screen.on('connection', (socket) => {
    guardSocket(socket, 'screen', guard);
    bind(
      socket,
      screenEvents,
      'screen:watch',
      async ({ code }, { locale }) => {
        const result = runtime.watch(code, locale);
        if (result.ok) {
          leaveRooms(socket);
          await socket.join(screenRoom(code));
          runtime.refreshScreen(code);
        }
        return result;
      },
      onError,
    );
  });

  const play = io.of(NAMESPACES.play);
  checkHandshake(play);
  // Opening socket after socket must not buy fresh code guesses: connections per address are capped.
  play.use((socket, next) => {
    if (access.playConnection(access.addressOf(socket))) next();
    else next(refusal('join-throttled', pickLocale(socket.data.locale)));
  });
  play.on('connection', (socket) => {
    guardSocket(socket, 'play', guard);
    let joined: { code: string; participantId: ParticipantId } | null = null;
    const release = () => {
      if (joined) {
        seats.drop(joined.participantId, socket);
        runtime.disconnect(joined.code, joined.participantId);
      }
      joined = null;
    };
    bind(
      socket,
      playEvents,
      'play:join',
      async ({ code, nickname, resumeToken, joinId, studentId }, { locale }) => {
        const result = await guessable(socket, access, locale, () =>
          runtime.join(code, nickname, resumeToken, locale, joinId, studentId),
        );
        if (!result.ok) return result;
        const { code: sessionCode, ...data } = result.data;
        if (joined?.participantId !== data.participantId) {
          release();
          leaveRooms(socket);
          await socket.join(childRoom(data.participantId));
        } else {
          // The same child re-joining on the same socket: count the socket once.
          runtime.disconnect(sessionCode, data.participantId);
        }
        joined = { code: sessionCode, participantId: data.participantId };
        // Kicked (the seat went to another device): this socket is no longer that child.
        seats.hold(data.participantId, socket, () => {
          joined = null;
        });
        // The state went out with the join's commit, before this socket was in the child's room.
        runtime.refreshTablet(sessionCode, data.participantId);
        return { ok: true, data };
      },
      onError,
    );
    bind(
      socket,
      playEvents,
      'play:intent',
      ({ clientIntentId, intent }, { locale }) => {
        if (!joined) return fail('not-joined', locale);
        return runtime.intent(joined.code, joined.participantId, clientIntentId, intent, locale);
      },
      onError,
    );
    bind(
      socket,
      playEvents,
      'play:seats',
      ({ code }, { locale }) => guessable(socket, access, locale, () => runtime.seats(code, locale)),
      onError,
    );
    bind(
      socket,
      playEvents,
      'play:roster',
      ({ code }, { locale }) => guessable(socket, access, locale, () => runtime.rosterTiles(code, locale)),
      onError,
    );
    bind(
      socket,
      playEvents,
      'play:reclaim',
      async ({ code, seat, requestId }, { locale }) => {
        const result = await guessable(socket, access, locale, () => runtime.reclaim(code, seat, requestId, locale));
        if (result.ok && result.data.status === 'pending') await socket.join(reclaimRoom(requestId));
        return result;
      },
      onError,
    );
    socket.on('disconnect', release);
  });
}
