/**
 * `/api` routes of trust: sign-in, the teachers of this school, retention and deletion (routes in
 * packages/shared/src/api/trust.ts). Sign-in is the only route that answers slowly on purpose: one
 * scrypt per attempt, and after 10 failures in a row for a name from an address, a growing wait.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AuthState,
  credentialsSchema,
  ledgerError,
  loginSchema,
  type PrivacyInfo,
  retentionSchema,
  studentIdSchema,
  teacherIdSchema,
} from '@heartlamp/shared';
import type { Privacy } from '../store/privacy.js';
import type { Teacher, Teachers } from '../store/teachers.js';
import { SESSION_MS } from '../store/teachers.js';
import { clearedCookie, isHttps, sessionCookie, sessionToken } from '../trust/cookies.js';
import type { LoginThrottle } from '../trust/throttle.js';
import { BodyError, fail, pathOf, readJson, SMALL_BODY_MAX_BYTES, send } from './json.js';

export interface TrustApiContext {
  teachers: Teachers;
  privacy: Privacy;
  logins: LoginThrottle;
  /** Is this session still open (its children's data cannot be deleted under it)? */
  isLive: (sessionId: string) => boolean;
  /** A signed-out token: its sockets are let go at once. */
  signedOut: (token: string) => void;
  trustProxy: boolean;
  addressOf: (req: IncomingMessage) => string;
  onError: (error: unknown) => void;
}

/** Routes anyone may call: health, the sign-in state, first-run setup, sign-in and sign-out. */
export function isPublicRoute(method: string, pathname: string): boolean {
  if (method === 'GET' || method === 'HEAD') return pathname === '/api/health' || pathname === '/api/auth';
  return method === 'POST' && ['/api/auth/setup', '/api/auth/login', '/api/auth/logout'].includes(pathname);
}

/** Handles a trust route; false when `pathname` is not one of them. `teacher` is null when signed out. */
export function handleTrustApi(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  teacher: Teacher | null,
  ctx: TrustApiContext,
): boolean {
  const method = req.method ?? 'GET';
  const [, resource, id] = pathname.split('/').filter(Boolean);
  let handled: Promise<void> | undefined;
  if (resource === 'auth') {
    if (!id && method === 'GET') handled = Promise.resolve(authState(res, teacher, ctx));
    else if (id === 'setup' && method === 'POST') handled = setup(req, res, ctx);
    else if (id === 'login' && method === 'POST') handled = login(req, res, ctx);
    else if (id === 'logout' && method === 'POST') handled = Promise.resolve(logout(req, res, ctx));
  } else if (teacher && resource === 'teachers') {
    if (!id && method === 'GET')
      handled = Promise.resolve(send(res, 200, { ok: true, data: ctx.teachers.info(teacher.id) }));
    else if (!id && method === 'POST') handled = addTeacher(req, res, teacher, ctx);
    else if (id && method === 'DELETE') handled = Promise.resolve(removeTeacher(res, teacher, id, ctx));
  } else if (teacher && resource === 'privacy') {
    if (!id && method === 'GET') handled = Promise.resolve(privacyInfo(res, ctx));
    else if (id === 'retention' && method === 'PUT') handled = setRetention(req, res, ctx);
    else if (id === 'purge' && method === 'POST') handled = Promise.resolve(purge(req, res, ctx));
  } else if (teacher && resource === 'students' && id && method === 'DELETE') {
    handled = Promise.resolve(deleteStudent(res, id, ctx));
  }
  if (!handled) return false;
  handled.catch((error: unknown) => {
    if (error instanceof BodyError) {
      if (!res.headersSent) fail(res, error.status, error.error);
      return;
    }
    ctx.onError(error);
    if (!res.headersSent) fail(res, 500, ledgerError('invalid-input'));
  });
  return true;
}

function authState(res: ServerResponse, teacher: Teacher | null, ctx: TrustApiContext): void {
  const data: AuthState = { setupNeeded: ctx.teachers.count() === 0, teacher };
  send(res, 200, { ok: true, data });
}

function signIn(req: IncomingMessage, res: ServerResponse, teacher: Teacher, ctx: TrustApiContext, status = 200) {
  const { token } = ctx.teachers.startSession(teacher.id);
  res.setHeader('set-cookie', sessionCookie(token, SESSION_MS, isHttps(req, ctx.trustProxy)));
  const data: AuthState = { setupNeeded: false, teacher };
  send(res, status, { ok: true, data });
}

async function setup(req: IncomingMessage, res: ServerResponse, ctx: TrustApiContext): Promise<void> {
  const parsed = credentialsSchema.safeParse(await readJson(req, SMALL_BODY_MAX_BYTES));
  if (!parsed.success) {
    fail(res, 400, ledgerError('invalid-input', {}, pathOf(parsed.error)));
    return;
  }
  // Only while no teacher exists: afterwards a teacher is added by a signed-in teacher.
  if (ctx.teachers.count() > 0) {
    fail(res, 409, ledgerError('setup-done'));
    return;
  }
  const teacher = await ctx.teachers.add(parsed.data.name, parsed.data.passphrase);
  if (!teacher || ctx.teachers.count() > 1) {
    // Two first-run forms raced: the second one loses.
    if (teacher) ctx.teachers.remove(teacher.id);
    fail(res, 409, ledgerError('setup-done'));
    return;
  }
  signIn(req, res, teacher, ctx, 201);
}

async function login(req: IncomingMessage, res: ServerResponse, ctx: TrustApiContext): Promise<void> {
  const parsed = loginSchema.safeParse(await readJson(req, SMALL_BODY_MAX_BYTES));
  if (!parsed.success) {
    fail(res, 400, ledgerError('invalid-input', {}, pathOf(parsed.error)));
    return;
  }
  const { name, passphrase } = parsed.data;
  const address = ctx.addressOf(req);
  const wait = ctx.logins.wait(name, address);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    res.setHeader('retry-after', String(seconds));
    fail(res, 429, ledgerError('login-throttled', { seconds }));
    return;
  }
  const teacher = await ctx.teachers.verify(name, passphrase);
  if (!teacher) {
    ctx.logins.failed(name, address);
    fail(res, 401, ledgerError('bad-login'));
    return;
  }
  ctx.logins.succeeded(name, address);
  signIn(req, res, teacher, ctx);
}

function logout(req: IncomingMessage, res: ServerResponse, ctx: TrustApiContext): void {
  req.resume();
  const token = sessionToken(req);
  if (token) {
    ctx.teachers.endSession(token);
    ctx.signedOut(token);
  }
  res.setHeader('set-cookie', clearedCookie(isHttps(req, ctx.trustProxy)));
  send(res, 200, { ok: true, data: null });
}

async function addTeacher(req: IncomingMessage, res: ServerResponse, _me: Teacher, ctx: TrustApiContext) {
  const parsed = credentialsSchema.safeParse(await readJson(req, SMALL_BODY_MAX_BYTES));
  if (!parsed.success) {
    fail(res, 400, ledgerError('invalid-input', {}, pathOf(parsed.error)));
    return;
  }
  const teacher = await ctx.teachers.add(parsed.data.name, parsed.data.passphrase);
  if (!teacher) {
    fail(res, 409, ledgerError('teacher-exists', { value: parsed.data.name }, 'name'));
    return;
  }
  send(res, 201, { ok: true, data: teacher });
}

function removeTeacher(res: ServerResponse, me: Teacher, id: string, ctx: TrustApiContext): void {
  if (!teacherIdSchema.safeParse(id).success || !ctx.teachers.list().some((t) => t.id === id)) {
    fail(res, 404, ledgerError('not-found'));
    return;
  }
  if (id === me.id) {
    fail(res, 409, ledgerError('not-yourself'));
    return;
  }
  if (ctx.teachers.count() <= 1) {
    fail(res, 409, ledgerError('last-teacher'));
    return;
  }
  ctx.teachers.remove(id);
  send(res, 200, { ok: true, data: null });
}

function privacyInfo(res: ServerResponse, ctx: TrustApiContext): void {
  const data: PrivacyInfo = {
    retention: ctx.privacy.retention(),
    lastPurge: ctx.privacy.lastPurge(),
    dataPath: ctx.privacy.path,
  };
  send(res, 200, { ok: true, data });
}

async function setRetention(req: IncomingMessage, res: ServerResponse, ctx: TrustApiContext): Promise<void> {
  const parsed = retentionSchema.safeParse(await readJson(req, SMALL_BODY_MAX_BYTES));
  if (!parsed.success) {
    fail(res, 400, ledgerError('invalid-input', {}, pathOf(parsed.error)));
    return;
  }
  ctx.privacy.setRetention(parsed.data);
  send(res, 200, { ok: true, data: parsed.data });
}

function purge(req: IncomingMessage, res: ServerResponse, ctx: TrustApiContext): void {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    req.resume();
    fail(res, 415, ledgerError('unsupported-media-type'));
    return;
  }
  req.resume();
  send(res, 200, { ok: true, data: ctx.privacy.purge() });
}

function deleteStudent(res: ServerResponse, id: string, ctx: TrustApiContext): void {
  if (!studentIdSchema.safeParse(id).success) {
    fail(res, 404, ledgerError('not-found'));
    return;
  }
  const result = ctx.privacy.deleteStudent(id, ctx.isLive);
  if (result === null) fail(res, 404, ledgerError('not-found'));
  else if (result === 'live') fail(res, 409, ledgerError('student-in-live-session'));
  else send(res, 200, { ok: true, data: result });
}
