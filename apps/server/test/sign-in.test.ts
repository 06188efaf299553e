/**
 * Teacher sign-in over real HTTP and sockets: first-run setup, cookie flags, what needs a teacher,
 * login throttling per account and address, signing out, the Origin check, and the teacher list.
 */
import { NAMESPACES, PROTOCOL_VERSION } from '@heartlamp/shared';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { OWASP_SCRYPT } from '../src/store/teachers.js';
import { cookieOf, type Harness, startHarness, TEST_TEACHER } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface Answer {
  ok: boolean;
  data?: { setupNeeded?: boolean; teacher?: { name: string } | null };
  error?: { code: string; message: Record<string, string> };
}
const answer = async (res: Response | undefined): Promise<Answer> => (await res?.json()) as Answer;

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** Tries a socket connection; resolves with the refusal's code, or 'connected'. */
function tryConnect(url: string, ns: keyof typeof NAMESPACES, headers: Record<string, string> = {}): Promise<string> {
  const socket = connect(url + NAMESPACES[ns], {
    transports: ['websocket'],
    auth: { protocolVersion: PROTOCOL_VERSION, locale: 'en' },
    reconnection: false,
    forceNew: true,
    extraHeaders: headers,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
      socket.disconnect();
      resolve(error.data?.code ?? error.message);
    });
  });
}

describe('first run and the session cookie', () => {
  it('sets up the first teacher once, with an scrypt hash at OWASP cost and a strict cookie', async () => {
    // The harness sets its teacher up with cheap hashing; this server uses the real cost.
    h = await startHarness({ scrypt: OWASP_SCRYPT });
    const state = await answer(await fetch(`${h.url}/api/auth`));
    expect(state).toEqual({ ok: true, data: { setupNeeded: false, teacher: null } });

    const again = await fetch(`${h.url}/api/auth/setup`, json({ name: '另一位', passphrase: 'another passphrase' }));
    expect(again.status).toBe(409);
    expect((await answer(again)).error?.code).toBe('setup-done');

    // A second teacher is added by the first, at OWASP's cost.
    const added = await h.fetch('/api/teachers', json({ name: '张老师', passphrase: 'zhang laoshi passphrase' }));
    expect(added.status).toBe(201);
    const stored = h.server.db.raw
      .prepare("SELECT passphrase_hash AS hash FROM teachers WHERE name = '张老师'")
      .get() as {
      hash: string;
    };
    expect(stored.hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored.hash).not.toContain('zhang');

    const started = performance.now();
    const login = await fetch(
      `${h.url}/api/auth/login`,
      json({ name: '张老师', passphrase: 'zhang laoshi passphrase' }),
    );
    process.stdout.write(`sign-in at N=2^17, r=8, p=1: ${Math.round(performance.now() - started)} ms\n`);
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^hl_session=[\w-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure'); // plain HTTP on a school LAN: a Secure cookie would never come back
    // Only the token's hash is stored.
    const token = cookie.split(';')[0]?.split('=')[1] ?? '';
    const rows = h.server.db.raw.prepare('SELECT token_hash FROM auth_sessions').all() as { token_hash: string }[];
    expect(rows.some((r) => r.token_hash === token)).toBe(false);

    const me = await answer(await fetch(`${h.url}/api/auth`, { headers: { cookie: cookieOf(login) } }));
    expect(me.data?.teacher).toMatchObject({ name: '张老师' });
  });

  it('marks the cookie Secure behind an HTTPS proxy the school trusts, and only then', async () => {
    h = await startHarness({ trustProxy: true });
    const viaProxy = await fetch(`${h.url}/api/auth/login`, json(TEST_TEACHER, { 'x-forwarded-proto': 'https' }));
    expect(viaProxy.headers.getSetCookie()[0]).toContain('; Secure');
    await h.close();
    h = await startHarness();
    const forged = await fetch(`${h.url}/api/auth/login`, json(TEST_TEACHER, { 'x-forwarded-proto': 'https' }));
    expect(forged.headers.getSetCookie()[0]).not.toContain('Secure');
  });
});

describe('what needs a teacher', () => {
  it('refuses every /api route but health and signing in, and the console and projector sockets', async () => {
    h = await startHarness();
    expect((await fetch(`${h.url}/api/health`)).status).toBe(200);
    const guarded: [string, string][] = [
      ['GET', '/api/teachers'],
      ['POST', '/api/teachers'],
      ['DELETE', '/api/teachers/tc_aaaaaaaaaaaaaaaa'],
      ['GET', '/api/privacy'],
      ['PUT', '/api/privacy/retention'],
      ['POST', '/api/privacy/purge'],
      ['DELETE', '/api/students/st_aaaaaaaaaaaaaaaa'],
      ['POST', '/api/backup'],
      ['GET', '/api/terms'],
      ['POST', '/api/terms'],
      ['GET', '/api/classes'],
      ['POST', '/api/classes'],
      ['GET', '/api/classes/c_aaaaaaaaaaaaaa/roster'],
      ['POST', '/api/classes/c_aaaaaaaaaaaaaa/roster'],
      ['GET', '/api/reports/stats'],
      ['GET', '/api/reports/export?format=csv'],
      ['GET', '/api/no-such-route'],
    ];
    for (const [method, path] of guarded) {
      const res = await fetch(h.url + path, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(method === 'GET' ? {} : { body: '{}' }),
      });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect((await answer(res)).error?.code).toBe('unauthorized');
      // A forged or stale cookie is no better than none.
      const forged = await fetch(h.url + path, { method, headers: { cookie: 'hl_session=forged-token-forged-token' } });
      expect(forged.status, `${method} ${path} with a forged cookie`).toBe(401);
    }
    expect(await tryConnect(h.url, 'teach')).toBe('not-signed-in');
    expect(await tryConnect(h.url, 'screen')).toBe('not-signed-in');
    expect(await tryConnect(h.url, 'teach', { cookie: 'hl_session=forged' })).toBe('not-signed-in');
    expect(await tryConnect(h.url, 'play')).toBe('connected');
    expect(await tryConnect(h.url, 'teach', { cookie: h.cookie })).toBe('connected');
    expect(await tryConnect(h.url, 'screen', { cookie: h.cookie })).toBe('connected');
  });

  it('signs out: the cookie is cleared, the token dies, and the console socket is let go at once', async () => {
    h = await startHarness();
    const teacher = await h.teach();
    const gone = new Promise<string>((resolve) => teacher.once('disconnect', (reason) => resolve(reason)));
    const out = await h.fetch('/api/auth/logout', json({}));
    expect(out.headers.getSetCookie()[0]).toMatch(/^hl_session=; .*Max-Age=0/);
    expect(await gone).toBe('io server disconnect');
    expect((await h.fetch('/api/classes')).status).toBe(401);
    expect(await tryConnect(h.url, 'teach', { cookie: h.cookie })).toBe('not-signed-in');
  });
});

describe('login throttling', () => {
  it('slows an account down after 10 failures from one address; other addresses and the right passphrase later still work', async () => {
    h = await startHarness({ trustProxy: true });
    const from = (address: string, passphrase: string) =>
      fetch(`${h?.url}/api/auth/login`, json({ name: TEST_TEACHER.name, passphrase }, { 'x-forwarded-for': address }));
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await from('10.0.0.66', `wrong guess ${i}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    // While slowed down, even the right passphrase is not checked (a guesser learns nothing).
    const right = await from('10.0.0.66', TEST_TEACHER.passphrase);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    const body = await answer(right);
    expect(body.error?.code).toBe('login-throttled');
    expect(body.error?.message['zh-CN']).toMatch(/请 \d+ 秒后再试/);
    // The teacher at another computer is not locked out by someone else's guessing.
    expect((await from('10.0.0.7', TEST_TEACHER.passphrase)).status).toBe(200);
    // An unknown name takes as long as a known one and answers the same.
    const unknown = await fetch(`${h.url}/api/auth/login`, json({ name: '没有这个人', passphrase: 'whatever123' }));
    expect(unknown.status).toBe(401);
    expect((await answer(unknown)).error?.code).toBe('bad-login');
  });
});

describe('the boundary', () => {
  it('refuses writes and sockets from another origin, and takes its own', async () => {
    h = await startHarness();
    const evil = await h.fetch(
      '/api/classes',
      json({ grade: 3, name: '三年级(1)班' }, { origin: 'http://evil.example' }),
    );
    expect(evil.status).toBe(403);
    expect((await answer(evil)).error?.code).toBe('bad-origin');
    const own = await h.fetch('/api/classes', json({ grade: 3, name: '三年级(1)班' }, { origin: h.url }));
    expect(own.status).toBe(201);
    expect(await tryConnect(h.url, 'teach', { cookie: h.cookie, origin: 'http://evil.example' })).not.toBe('connected');
    expect(await tryConnect(h.url, 'play', { origin: 'http://evil.example' })).not.toBe('connected');
    expect(await tryConnect(h.url, 'play', { origin: h.url })).toBe('connected');
  });

  it('keeps the teacher list: add, refuse a duplicate, never remove oneself or the last teacher', async () => {
    const harness = await startHarness();
    h = harness;
    const list = async () => {
      const res = await harness.fetch('/api/teachers');
      return ((await res.json()) as { data: { id: string; you: boolean }[] }).data;
    };
    const [me] = await list();
    expect(me?.you).toBe(true);
    const self = await h.fetch(`/api/teachers/${me?.id}`, { method: 'DELETE' });
    expect((await answer(self)).error?.code).toBe('not-yourself');
    expect((await h.fetch('/api/teachers', json({ name: '赵老师', passphrase: 'short' }))).status).toBe(400);
    expect((await h.fetch('/api/teachers', json({ name: '赵老师', passphrase: 'zhao passphrase' }))).status).toBe(201);
    const twice = await h.fetch('/api/teachers', json({ name: '赵老师', passphrase: 'zhao passphrase 2' }));
    expect((await answer(twice)).error?.code).toBe('teacher-exists');
    const other = (await list()).find((t) => !t.you);
    expect((await h.fetch(`/api/teachers/${other?.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await list()).toHaveLength(1);
  });
});
