/**
 * The tablet's client on a shared tablet, against a scripted fake socket: letting go of a seat
 * (kicked, or a resume refused with `seat-released`) without looping or leaking the old child's
 * intents, and "I was here before" (granted, pending, refused, cancelled, across a reconnection).
 */
import type { Ack, ErrorCode, JoinCode, Joined, Nickname, Seat } from '@heartlamp/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTablet } from '../stores/tablet';

type Answer = Ack<unknown> | 'timeout' | 'never';
type Listener = (...args: unknown[]) => void;

/** Just enough of a socket.io client socket, with the server's answers scripted per event. */
class FakeSocket {
  connected = false;
  active = true;
  readonly sent: { event: string; payload: Record<string, unknown> }[] = [];
  answers: Record<string, (payload: Record<string, unknown>) => Answer> = {};
  readonly #listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return this;
  }
  timeout(_ms: number) {
    return {
      emit: (event: string, payload: Record<string, unknown>, ack: (err: Error | null, response?: unknown) => void) => {
        this.sent.push({ event, payload });
        const answer = this.answers[event]?.(payload) ?? 'never';
        if (answer === 'timeout') queueMicrotask(() => ack(new Error('timeout')));
        else if (answer !== 'never') queueMicrotask(() => ack(null, answer));
      },
    };
  }
  connect(): void {
    this.connected = true;
    this.push('connect');
  }
  drop(): void {
    this.connected = false;
    this.push('disconnect', 'transport close');
  }
  disconnect(): void {
    this.connected = false;
  }
  push(event: string, ...args: unknown[]): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(...args);
  }
  count(event: string): number {
    return this.sent.filter((s) => s.event === event).length;
  }
}

const fake = vi.hoisted(() => ({ socket: null as unknown }));
vi.mock('./socket', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./socket')>()),
  openPlaySocket: () => fake.socket,
}));
vi.mock('../i18n', () => ({
  currentLocale: () => 'en',
  errorText: () => 'error',
  translate: (key: string) => key,
}));

const { createPlayClient } = await import('./play');

const storage = new Map<string, string>();
vi.stubGlobal('window', {
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
  localStorage: {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => storage.set(key, value),
    removeItem: (key: string) => storage.delete(key),
  },
});

const CODE = '123456' as JoinCode;
const panda: Nickname = { adjective: 'calm', animal: 'panda' };
const bear: Nickname = { adjective: 'brave', animal: 'bear' };
const TOKEN = 'old-token-aaaaaaaaaaaaaaaa';
const ok = <T>(data: T): Ack<T> => ({ ok: true, data });
const fail = (code: ErrorCode): Ack<never> => ({ ok: false, error: { code, message: code } });
const joined = (participantId: string, nickname: Nickname, resumeToken: string): Ack<Joined> =>
  ok({ participantId, nickname, resumeToken, resumed: true } as Joined);
const seat = (n: number, nickname: Nickname, free: boolean): Seat => ({ seat: n, nickname, free, connected: !free });
const storedIdentity = () => storage.get('heartlamp.tablet') ?? null;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let socket: FakeSocket;
let client: ReturnType<typeof createPlayClient> | null = null;

beforeEach(() => {
  storage.clear();
  socket = new FakeSocket();
  fake.socket = socket;
});
afterEach(() => {
  client?.close();
  client = null;
  vi.useRealTimers();
});

describe('letting go of a seat', () => {
  it('on play:kicked forgets the child, shows why, and never sends their queued intents', async () => {
    socket.answers['play:join'] = () => joined('p-1', panda, TOKEN);
    socket.answers['play:intent'] = () => ok(null);
    client = createPlayClient(CODE);
    await client.join(CODE, panda);
    expect(useTablet.getState().step).toBe('joined');
    expect(storedIdentity()).toContain(TOKEN);

    // An answer made while the Wi-Fi is down waits at the gate…
    socket.drop();
    client.intent({ type: 'pass' });
    // …and the seat is taken from this device meanwhile.
    socket.push('play:kicked', 'seat-released');
    expect(useTablet.getState()).toMatchObject({
      step: 'kicked',
      kicked: { reason: 'seat-released', nickname: panda },
      identity: null,
      state: null,
      digits: CODE,
    });
    expect(storedIdentity()).toBeNull();

    // Back online: nothing to resume. Another child joins here: the old answer stays unsent.
    socket.connect();
    await settle();
    expect(socket.count('play:join')).toBe(1);
    socket.answers['play:join'] = () => joined('p-2', bear, 'new-token-bbbbbbbbbbbbbbbb');
    client.leaveKicked();
    expect(useTablet.getState().step).toBe('code');
    await client.join(CODE, bear);
    await settle();
    expect(useTablet.getState().identity?.participantId).toBe('p-2');
    expect(socket.count('play:intent')).toBe(0);
  });

  it('treats a resume refused with seat-released as final: one kind screen, no loop', async () => {
    vi.useFakeTimers();
    storage.set(
      'heartlamp.tablet',
      JSON.stringify({ code: CODE, participantId: 'p-1', resumeToken: TOKEN, nickname: panda }),
    );
    socket.answers['play:join'] = () => fail('seat-released');
    client = createPlayClient(CODE);
    await vi.advanceTimersByTimeAsync(0);
    expect(useTablet.getState()).toMatchObject({ step: 'kicked', kicked: { reason: 'moved', nickname: panda } });
    expect(storedIdentity()).toBeNull();

    // Neither the "state never came" timer nor a reconnection tries the old token again.
    await vi.advanceTimersByTimeAsync(15_000);
    socket.drop();
    socket.connect();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(socket.count('play:join')).toBe(1);
    expect(useTablet.getState().step).toBe('kicked');
  });
});

describe('I was here before', () => {
  const seats = [seat(0, panda, false), seat(1, bear, true)];

  async function openSeats(): Promise<ReturnType<typeof createPlayClient>> {
    socket.answers['play:seats'] = () => ok(seats);
    const created = createPlayClient(CODE);
    client = created;
    await created.showSeats(CODE);
    return created;
  }

  it('lists the seats by animal and takes a freed one at once', async () => {
    const c = await openSeats();
    expect(useTablet.getState().step).toBe('seats');
    // Bears before pandas, whatever the joining order: a child scans for their own animal.
    expect(useTablet.getState().reclaim.seats.map((s) => s.seat)).toEqual([1, 0]);

    socket.answers['play:reclaim'] = () => ok({ status: 'granted', resumeToken: 'granted-token-cccccccccccc' });
    socket.answers['play:join'] = (p) => joined('p-bear', bear, String(p.resumeToken));
    await c.reclaim(seat(1, bear, true));
    await settle();
    const join = socket.sent.find((s) => s.event === 'play:join');
    expect(join?.payload).toMatchObject({ code: CODE, resumeToken: 'granted-token-cccccccccccc' });
    expect(useTablet.getState()).toMatchObject({ step: 'joined', identity: { participantId: 'p-bear' } });
    expect(storedIdentity()).toContain('granted-token-cccccccccccc');
  });

  it('waits for the teacher, asks again with the same id after a reconnection, and hears a no kindly', async () => {
    const c = await openSeats();
    socket.answers['play:reclaim'] = () => ok({ status: 'pending' });
    await c.reclaim(seats[0] as Seat);
    expect(useTablet.getState().reclaim).toMatchObject({ status: 'waiting', seat: { seat: 0 } });
    const requestId = useTablet.getState().reclaim.requestId;
    expect(requestId).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    socket.drop();
    socket.connect();
    await settle();
    const asks = socket.sent.filter((s) => s.event === 'play:reclaim').map((s) => s.payload.requestId);
    expect(asks).toEqual([requestId, requestId]);

    socket.push('play:reclaim-result', { requestId: 'someone-elses-request', approved: false });
    expect(useTablet.getState().reclaim.status).toBe('waiting');
    socket.push('play:reclaim-result', { requestId, approved: false });
    await settle();
    expect(useTablet.getState().reclaim).toMatchObject({ status: 'choose', refused: true, requestId: null });
    expect(useTablet.getState().step).toBe('seats');
  });

  it('joins once the teacher approves; ignores an answer to a request it stopped waiting for', async () => {
    const c = await openSeats();
    socket.answers['play:reclaim'] = () => ok({ status: 'pending' });
    socket.answers['play:join'] = (p) => joined('p-panda', panda, String(p.resumeToken));

    await c.reclaim(seats[0] as Seat);
    const cancelled = useTablet.getState().reclaim.requestId;
    c.cancelReclaim();
    socket.push('play:reclaim-result', {
      requestId: cancelled,
      approved: true,
      resumeToken: 'late-token-dddddddddddd',
    });
    await settle();
    expect(socket.count('play:join')).toBe(0);
    expect(useTablet.getState().reclaim.status).toBe('choose');

    await c.reclaim(seats[0] as Seat);
    const requestId = useTablet.getState().reclaim.requestId;
    expect(requestId).not.toBe(cancelled);
    socket.push('play:reclaim-result', { requestId, approved: true, resumeToken: 'approved-token-eeeeeeeeee' });
    await settle();
    expect(socket.sent.at(-1)?.payload).toMatchObject({ resumeToken: 'approved-token-eeeeeeeeee' });
    expect(useTablet.getState()).toMatchObject({ step: 'joined', identity: { participantId: 'p-panda' } });
  });

  it('shows the seats afresh when a granted seat moved on before this tablet joined', async () => {
    const c = await openSeats();
    socket.answers['play:reclaim'] = () => ok({ status: 'granted', resumeToken: 'stale-token-ffffffffffff' });
    socket.answers['play:join'] = () => fail('seat-released');
    await c.reclaim(seats[1] as Seat);
    await settle();
    expect(socket.count('play:join')).toBe(1);
    expect(socket.count('play:seats')).toBe(2);
    expect(useTablet.getState()).toMatchObject({ step: 'seats', reclaim: { status: 'choose', requestId: null } });
  });

  it('retries a lost reclaim ack with the same id, then offers to try again', async () => {
    const c = await openSeats();
    socket.answers['play:reclaim'] = () => 'timeout';
    await c.reclaim(seats[0] as Seat);
    const ids = new Set(socket.sent.filter((s) => s.event === 'play:reclaim').map((s) => s.payload.requestId));
    expect(socket.count('play:reclaim')).toBe(3);
    expect(ids.size).toBe(1);
    expect(useTablet.getState().reclaim.status).toBe('failed');
  });
});
