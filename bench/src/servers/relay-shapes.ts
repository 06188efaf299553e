/**
 * What the two reference relays (A: ws, B: socket.io) keep and send: the same message shapes as
 * Heartlamp (acks `{ ok, data }`, a `Joined` on join, a `ScreenState`-like push to the projector
 * per intent) with none of its work (no validation, no activity, no database, no coalescing).
 */
import { randomBytes } from 'node:crypto';

export interface RelayChild {
  participantId: string;
  resumeToken: string;
  nickname: unknown;
}

export interface RelayRoom {
  code: string;
  children: Map<string, RelayChild>;
  byToken: Map<string, RelayChild>;
  intents: number;
}

export class RelayRooms {
  private readonly rooms = new Map<string, RelayRoom>();

  create(): RelayRoom {
    let code = '';
    do code = String(100000 + (randomBytes(4).readUInt32BE(0) % 900000));
    while (this.rooms.has(code));
    const room: RelayRoom = { code, children: new Map(), byToken: new Map(), intents: 0 };
    this.rooms.set(code, room);
    return room;
  }

  get(code: unknown): RelayRoom | undefined {
    return typeof code === 'string' ? this.rooms.get(code) : undefined;
  }

  /** Joins a new child, or brings one back by its resume token. */
  join(room: RelayRoom, nickname: unknown, resumeToken: unknown): { child: RelayChild; resumed: boolean } {
    const known = typeof resumeToken === 'string' ? room.byToken.get(resumeToken) : undefined;
    if (known) return { child: known, resumed: true };
    const child: RelayChild = {
      participantId: `p_${randomBytes(12).toString('base64url')}`,
      resumeToken: randomBytes(24).toString('base64url'),
      nickname,
    };
    room.children.set(child.participantId, child);
    room.byToken.set(child.resumeToken, child);
    return { child, resumed: false };
  }
}

export function joined(child: RelayChild, resumed: boolean) {
  return {
    ok: true,
    data: { participantId: child.participantId, resumeToken: child.resumeToken, nickname: child.nickname, resumed },
  };
}

export function tabletState(room: RelayRoom, child: RelayChild) {
  return { code: room.code, activityId: 'relay', status: 'running', nickname: child.nickname, view: {} };
}

/** A projector push the size and shape of Heartlamp's `screen:state`, naming the intent it reflects. */
export function screenState(room: RelayRoom, clientIntentId: unknown) {
  room.intents += 1;
  const avatars = [...room.children.values()].map((c) => c.nickname);
  return {
    code: room.code,
    activityId: 'relay',
    status: 'running',
    joinUrl: `http://127.0.0.1/join?code=${room.code}`,
    joined: avatars.length,
    connected: avatars.length,
    avatars,
    view: { intent: clientIntentId, count: room.intents },
  };
}
