/**
 * (B) A plain socket.io relay: Heartlamp's namespaces, rooms, events and acks with the same server
 * options (websocket, 64 KB cap, 10 s ping), and none of its work (no validation, no rate cap, no
 * activity, no database, no coalescing). An intent is acked and pushed to the room's projectors.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { hostServer } from './host.js';
import { joined, type RelayChild, type RelayRoom, RelayRooms, screenState, tabletState } from './relay-shapes.js';

type Payload = Record<string, unknown>;
type AckFn = (response: unknown) => void;

await hostServer(async () => {
  // Anything but the sockets (say, a sign-in probe) is answered, not left hanging.
  const http = createServer((_req, res) => res.writeHead(404).end());
  const io = new Server(http, {
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  const rooms = new RelayRooms();
  const screenRoom = (code: string) => `s:${code}`;

  io.of('/teach').on('connection', (socket) => {
    socket.on('session:create', (_payload: Payload, ack: AckFn) => {
      const room = rooms.create();
      void socket.join(`c:${room.code}`);
      ack({ ok: true, data: { code: room.code, sessionId: `s_${room.code}` } });
    });
  });

  const screen = io.of('/screen');
  screen.on('connection', (socket) => {
    socket.on('screen:watch', async (payload: Payload, ack: AckFn) => {
      const room = rooms.get(payload.code);
      if (!room) return ack({ ok: false, error: { code: 'session-not-found', message: '' } });
      await socket.join(screenRoom(room.code));
      ack({ ok: true, data: null });
    });
  });

  io.of('/play').on('connection', (socket) => {
    let room: RelayRoom | undefined;
    let child: RelayChild | undefined;
    socket.on('play:join', async (payload: Payload, ack: AckFn) => {
      room = rooms.get(payload.code);
      if (!room) return ack({ ok: false, error: { code: 'session-not-found', message: '' } });
      const result = rooms.join(room, payload.nickname, payload.resumeToken);
      child = result.child;
      await socket.join(`p:${child.participantId}`);
      socket.emit('play:state', tabletState(room, child));
      ack(joined(child, result.resumed));
    });
    socket.on('play:intent', (payload: Payload, ack: AckFn) => {
      if (!room || !child) return ack({ ok: false, error: { code: 'not-joined', message: '' } });
      ack({ ok: true, data: null });
      screen.to(screenRoom(room.code)).emit('screen:state', screenState(room, payload.clientIntentId));
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    port: (http.address() as AddressInfo).port,
    drop() {
      const n = io.of('/play').sockets.size;
      io.of('/play').disconnectSockets(true);
      return n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        io.close(() => resolve());
      }),
  };
});
