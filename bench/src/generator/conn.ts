/**
 * One client connection as the load generator sees it, over either transport: socket.io-client
 * (websocket only, one engine per socket, like one tablet per device) for B and C, or a bare `ws`
 * socket speaking the relay's JSON frames for A. Acks time out after ACK_TIMEOUT_MS.
 */
import { type Ack, PROTOCOL_VERSION } from '@heartlamp/shared';
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';

export const ACK_TIMEOUT_MS = 10_000;
export type Namespace = 'teach' | 'screen' | 'play';
export type AckHandler = (error: Error | null, response: Ack<unknown> | undefined) => void;

export interface Conn {
  emit(event: string, payload: unknown, onAck: AckHandler): void;
  on(event: string, handler: (payload: unknown) => void): void;
  /** Called once at the next disconnect, whoever caused it. */
  onceDisconnect(handler: () => void): void;
  /** Opens the connection again after a drop. */
  reconnect(): Promise<void>;
  close(): void;
}

export type Connect = (ns: Namespace) => Promise<Conn>;

/** Emits and resolves with the ack; rejects on a timeout or a refusal. */
export function ask<T>(conn: Conn, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    conn.emit(event, payload, (error, response) => {
      if (error || !response) reject(error ?? new Error(`${event}: no answer`));
      else if (!response.ok) reject(new Error(`${event}: ${response.error.code} ${response.error.message}`));
      else resolve(response.data as T);
    });
  });
}

// ------------------------------------------------------------------ socket.io (B and C)
class SioConn implements Conn {
  constructor(private readonly socket: Socket) {}

  emit(event: string, payload: unknown, onAck: AckHandler): void {
    this.socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (error: Error | null, response?: Ack<unknown>) => {
      onAck(error, response);
    });
  }
  on(event: string, handler: (payload: unknown) => void): void {
    this.socket.on(event, handler);
  }
  onceDisconnect(handler: () => void): void {
    this.socket.once('disconnect', handler);
  }
  reconnect(): Promise<void> {
    return opened(this.socket.connect());
  }
  close(): void {
    this.socket.disconnect();
  }
}

function opened(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timed out')), ACK_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** socket.io connections to `url`; `cookie` (the teacher's sign-in) goes on /teach and /screen. */
export function sioConnector(url: string, cookie: string | null): Connect {
  return async (ns) => {
    const signedIn = cookie !== null && ns !== 'play';
    const socket = io(`${url}/${ns}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { protocolVersion: PROTOCOL_VERSION, locale: 'zh-CN' },
      ...(signedIn ? { extraHeaders: { cookie } } : {}),
    });
    await opened(socket);
    return new SioConn(socket);
  };
}

// ------------------------------------------------------------------ bare ws (A)
interface WsFrame {
  e?: string;
  a?: number;
  d: unknown;
}

class WsConn implements Conn {
  private socket: WebSocket | null = null;
  private nextAck = 1;
  private readonly acks = new Map<number, { onAck: AckHandler; timer: NodeJS.Timeout }>();
  private readonly handlers = new Map<string, ((payload: unknown) => void)[]>();
  private disconnectHandlers: (() => void)[] = [];

  constructor(private readonly url: string) {}

  open(): Promise<void> {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as WsFrame;
      if (frame.a !== undefined) {
        const waiting = this.acks.get(frame.a);
        if (!waiting) return;
        this.acks.delete(frame.a);
        clearTimeout(waiting.timer);
        waiting.onAck(null, frame.d as Ack<unknown>);
      } else if (frame.e !== undefined) {
        for (const handler of this.handlers.get(frame.e) ?? []) handler(frame.d);
      }
    });
    socket.on('close', () => {
      const handlers = this.disconnectHandlers;
      this.disconnectHandlers = [];
      for (const handler of handlers) handler();
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
  }

  emit(event: string, payload: unknown, onAck: AckHandler): void {
    const a = this.nextAck++;
    const timer = setTimeout(() => {
      this.acks.delete(a);
      onAck(new Error('operation has timed out'), undefined);
    }, ACK_TIMEOUT_MS);
    this.acks.set(a, { onAck, timer });
    this.socket?.send(JSON.stringify({ e: event, d: payload, a }));
  }
  on(event: string, handler: (payload: unknown) => void): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }
  onceDisconnect(handler: () => void): void {
    this.disconnectHandlers.push(handler);
  }
  reconnect(): Promise<void> {
    return this.open();
  }
  close(): void {
    this.socket?.close();
  }
}

export function wsConnector(url: string): Connect {
  const base = url.replace(/^http/, 'ws');
  return async (ns) => {
    const conn = new WsConn(`${base}/${ns}`);
    await conn.open();
    return conn;
  };
}
