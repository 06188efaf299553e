/**
 * (A) The reference limit: a plain `ws` server relaying Heartlamp's message shapes. One WebSocket
 * per client on `/teach`, `/screen` or `/play`; frames are JSON `{ e, d, a }` (event, payload, ack
 * id), acks `{ a, d }`, pushes `{ e, d }`. An intent is acked to its tablet and relayed to the
 * projectors of its room. Nothing is checked or stored.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { hostServer } from './host.js';
import { joined, type RelayChild, type RelayRoom, RelayRooms, screenState, tabletState } from './relay-shapes.js';

interface Frame {
  e: string;
  d: Record<string, unknown>;
  a: number;
}

await hostServer(async () => {
  // Anything but the sockets (say, a sign-in probe) is answered, not left hanging.
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const rooms = new RelayRooms();
  const screens = new Map<string, Set<WebSocket>>();
  const tablets = new Set<WebSocket>();

  http.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/teach' && path !== '/screen' && path !== '/play') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, path));
  });

  function serveSocket(ws: WebSocket, path: string): void {
    let room: RelayRoom | undefined;
    let child: RelayChild | undefined;
    if (path === '/play') tablets.add(ws);
    const ack = (a: number, d: unknown) => ws.send(JSON.stringify({ a, d }));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      switch (frame.e) {
        case 'session:create': {
          room = rooms.create();
          ack(frame.a, { ok: true, data: { code: room.code, sessionId: `s_${room.code}` } });
          return;
        }
        case 'screen:watch': {
          room = rooms.get(frame.d.code);
          if (!room) return ack(frame.a, { ok: false, error: { code: 'session-not-found', message: '' } });
          const set = screens.get(room.code) ?? new Set<WebSocket>();
          screens.set(room.code, set);
          set.add(ws);
          ws.once('close', () => set.delete(ws));
          return ack(frame.a, { ok: true, data: null });
        }
        case 'play:join': {
          room = rooms.get(frame.d.code);
          if (!room) return ack(frame.a, { ok: false, error: { code: 'session-not-found', message: '' } });
          const result = rooms.join(room, frame.d.nickname, frame.d.resumeToken);
          child = result.child;
          ws.send(JSON.stringify({ e: 'play:state', d: tabletState(room, child) }));
          return ack(frame.a, joined(child, result.resumed));
        }
        case 'play:intent': {
          if (!room || !child) return ack(frame.a, { ok: false, error: { code: 'not-joined', message: '' } });
          ack(frame.a, { ok: true, data: null });
          const push = JSON.stringify({ e: 'screen:state', d: screenState(room, frame.d.clientIntentId) });
          for (const screen of screens.get(room.code) ?? []) screen.send(push);
          return;
        }
        default:
          ack(frame.a, { ok: false, error: { code: 'unknown-event', message: '' } });
      }
    });
    ws.on('close', () => tablets.delete(ws));
  }

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    port: (http.address() as AddressInfo).port,
    drop() {
      const n = tablets.size;
      for (const ws of tablets) ws.terminate();
      return n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        http.close(() => resolve());
      }),
  };
});
