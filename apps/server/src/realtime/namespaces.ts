/**
 * The three namespaces and their rooms. A namespace is a role: /teach is the console, /screen the
 * projector, /play a tablet; an event of one is refused on another (`not-allowed`), so a tablet can
 * never send a teacher intent. Rooms carry views: `c:<code>` consoles, `s:<code>` projectors,
 * `p:<participantId>` the sockets of one child.
 */
import {
  type ConsoleState,
  type JoinCode,
  NAMESPACES,
  type ParticipantId,
  type PlayPushes,
  playEvents,
  type ScreenPushes,
  type ScreenState,
  screenEvents,
  type TabletState,
  type TeachPushes,
  teachEvents,
} from '@heartlamp/shared';
import type { Server, Socket } from 'socket.io';
import { fail, type Outbox, type SessionRuntime } from '../sessions/runtime.js';
import { bind, checkHandshake, type GuardOptions, guardSocket } from './guard.js';

const consoleRoom = (code: string) => `c:${code}`;
const screenRoom = (code: string) => `s:${code}`;
const childRoom = (id: string) => `p:${id}`;

/** The runtime's outbox over socket.io rooms. */
export function socketOutbox(io: Server): Outbox {
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
  };
}

/** Leaves every room but the socket's own, before it watches or joins another session. */
function leaveRooms(socket: Socket): void {
  for (const room of socket.rooms) if (room !== socket.id) void socket.leave(room);
}

export function attachNamespaces(io: Server, runtime: SessionRuntime, guard: GuardOptions): void {
  const onError = guard.onError;

  const teach = io.of(NAMESPACES.teach);
  checkHandshake(teach);
  teach.on('connection', (socket) => {
    guardSocket(socket, 'teach', guard);
    bind(
      socket,
      teachEvents,
      'session:create',
      async ({ activityId, config }, { locale }) => {
        const result = await runtime.createSession(activityId, config, locale);
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
  });

  const screen = io.of(NAMESPACES.screen);
  checkHandshake(screen);
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
  play.on('connection', (socket) => {
    guardSocket(socket, 'play', guard);
    let joined: { code: string; participantId: ParticipantId } | null = null;
    const release = () => {
      if (joined) runtime.disconnect(joined.code, joined.participantId);
      joined = null;
    };
    bind(
      socket,
      playEvents,
      'play:join',
      async ({ code, nickname, resumeToken, joinId }, { locale }) => {
        const result = await runtime.join(code, nickname, resumeToken, locale, joinId);
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
    socket.on('disconnect', release);
  });
}
