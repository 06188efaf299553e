/**
 * createServer(deps): one HTTP server carrying the built classroom app, `/api` and socket.io, over
 * one SQLite file. No module singletons: a test starts as many as it likes, each on its own port
 * and database.
 */

import type { IncomingMessage } from 'node:http';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AnyActivity, getActivity as registryActivity } from '@heartlamp/activities';
import type { JoinCode } from '@heartlamp/shared';
import { Server as SocketServer } from 'socket.io';
import { handleApi } from './http/api.js';
import { serveStatic } from './http/static.js';
import { lanAddresses } from './network.js';
import { attachNamespaces, SeatHolders, socketOutbox, TeacherSockets } from './realtime/namespaces.js';
import { createReports, type ReportOptions } from './reports/queries.js';
import { SessionRuntime } from './sessions/runtime.js';
import { type BackupResult, backupConnection, nextBackupPath } from './store/backup.js';
import { type Db, openDb, openReader } from './store/db.js';
import { createLedger } from './store/ledger.js';
import { createPrivacy } from './store/privacy.js';
import { createSchool } from './store/school.js';
import { createTeachers, type ScryptParams } from './store/teachers.js';
import { sessionToken } from './trust/cookies.js';
import { originAllowed } from './trust/origin.js';
import { CodeThrottle, LoginThrottle } from './trust/throttle.js';

export const VERSION = '0.1.0';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_CLIENT_DIR = resolve(here, '../../classroom/dist');

/** Socket messages above this are dropped by the transport itself; 16 KB–64 KB get a clear ack. */
const HARD_MESSAGE_CAP = 64 * 1024;

export interface ServerDeps {
  /** Folder of `heartlamp.db`. */
  dataDir: string;
  /** The built classroom app. */
  clientDir?: string;
  now?: () => number;
  /** Host put in join URLs and QR codes; defaults to the first LAN address. */
  publicHost?: string;
  /** Per-socket event budget. */
  rate?: { perSecond: number; burst: number };
  log?: (message: string) => void;
  getActivity?: (id: string) => AnyActivity | undefined;
  /**
   * Behind a reverse proxy (a district server): take the client address from X-Forwarded-For and
   * HTTPS from X-Forwarded-Proto. Off on a laptop, where those headers could be forged by anyone.
   */
  trustProxy?: boolean;
  /** Origins besides the server's own allowed to open sockets and write through `/api` (a dev server). */
  allowedOrigins?: readonly string[];
  /** New `/play` connections an address may open per minute (default 300: a school behind one address). */
  playConnectionsPerMinute?: number;
  /** Passphrase hashing cost; OWASP's scrypt parameters unless a test says otherwise. */
  scrypt?: ScryptParams;
  /** Run the retention purge daily (default true); the CLI's `purge` runs it on demand. */
  dailyPurge?: boolean;
}

export interface HeartlampServer {
  readonly http: HttpServer;
  readonly io: SocketServer;
  readonly runtime: SessionRuntime;
  readonly db: Db;
  /**
   * Backs the database up online into `<data>/backups/heartlamp-YYYYMMDD-HHMMSS.db` and checks the
   * copy. A click while one is running gets that one's result rather than a second copy.
   */
  backup(): Promise<BackupResult>;
  /** Listens; resolves with the port and the URLs to print. */
  listen(port: number, host?: string): Promise<{ port: number; origin: string }>;
  close(): Promise<void>;
}

export function createServer(deps: ServerDeps): HeartlampServer {
  const log = deps.log ?? (() => {});
  const onError = (error: unknown) =>
    log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const now = deps.now ?? Date.now;
  const clientDir = resolve(deps.clientDir ?? DEFAULT_CLIENT_DIR);
  const db = openDb(join(deps.dataDir, 'heartlamp.db'));
  const ledger = createLedger(db);
  const school = createSchool(db);
  const teachers = createTeachers(db, { now, ...(deps.scrypt ? { scrypt: deps.scrypt } : {}) });
  const privacy = createPrivacy(db, { now });
  const logins = new LoginThrottle(now);
  const codes = new CodeThrottle(now);
  const teacherSockets = new TeacherSockets();
  const trustProxy = deps.trustProxy ?? false;
  const allowedOrigins = deps.allowedOrigins ?? [];
  const addressOf = (req: IncomingMessage): string => {
    const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    return first || (req.socket.remoteAddress ?? 'unknown');
  };
  const playBudget = playConnectionBudget(deps.playConnectionsPerMinute ?? 300, now);
  const activityOf = deps.getActivity ?? registryActivity;
  // Exports are in Chinese (the work summary's language); the console localises titles itself.
  const reportOptions: ReportOptions = { titleOf: (id) => activityOf(id)?.title['zh-CN'] ?? id, now };
  const reports = createReports(db, reportOptions);

  let origin = 'http://localhost:3000';
  let runtime: SessionRuntime | undefined;
  let backingUp: Promise<BackupResult> | null = null;
  const backup = (): Promise<BackupResult> => {
    if (!backingUp) {
      // The latest taps go into the snapshot first, so a restore resumes from this very moment.
      runtime?.checkpoint();
      backingUp = backupConnection(db.raw, nextBackupPath(join(deps.dataDir, 'backups'), new Date(now()))).finally(
        () => {
          backingUp = null;
        },
      );
    }
    return backingUp;
  };

  const http = createHttpServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      handleApi(req, res, pathname, {
        version: VERSION,
        allowedOrigins,
        trust: {
          teachers,
          privacy,
          logins,
          isLive: (sessionId) => runtime?.isLive(sessionId) ?? false,
          signedOut: (token) => teacherSockets.signOut(token),
          trustProxy,
          addressOf,
          onError,
        },
        liveSessions: () => runtime?.listSessions().length ?? 0,
        backup,
        onError,
        ledger: { school, reports, reportOptions, openReader: () => openReader(db.path), now, onError },
      });
      return;
    }
    serveStatic(clientDir, req, res, pathname);
  });

  const io = new SocketServer(http, {
    maxHttpBufferSize: HARD_MESSAGE_CAP,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    // A page on another site cannot open a socket here, even in the teacher's browser.
    allowRequest: (req, callback) => callback(null, originAllowed(req, allowedOrigins)),
  });

  const seats = new SeatHolders();
  runtime = new SessionRuntime({
    ledger,
    transaction: db.transaction,
    outbox: socketOutbox(io, seats),
    joinUrl: (code: JoinCode) => `${origin}/join?code=${code}`,
    now,
    onError,
    rosters: school,
    ...(deps.getActivity ? { getActivity: deps.getActivity } : {}),
  });
  const live = runtime;
  const { restored, closed } = live.restore(ledger.loadOpenSessions());
  if (restored + closed > 0) log(`restored ${restored} live session(s) from the last run; closed ${closed}`);

  attachNamespaces(
    io,
    live,
    {
      ratePerSecond: deps.rate?.perSecond ?? 20,
      burst: deps.rate?.burst ?? 40,
      now,
      onError,
      onFlood: (socket) => log(`cut off a socket from ${addressOf(socket.request)} for flooding`),
    },
    seats,
    {
      teacherOf: (socket) => {
        const token = sessionToken(socket.request);
        const teacher = token ? teachers.session(token) : null;
        return token && teacher ? { id: teacher.id, token } : null;
      },
      addressOf: (socket) => addressOf(socket.request),
      codes,
      playConnection: playBudget,
    },
    teacherSockets,
  );

  // The retention purge: daily, at a quiet moment (no lesson open), as VACUUM holds the file a while.
  const purgeIfDue = () => {
    const last = privacy.lastPurge()?.at ?? 0;
    if (now() - last < 24 * 3600_000 || live.listSessions().length > 0) return;
    try {
      const report = privacy.purge();
      log(`retention purge: ${JSON.stringify(report.removed)} in ${report.ms} ms`);
    } catch (error) {
      onError(error);
    }
  };
  const purger = deps.dailyPurge === false ? null : setInterval(purgeIfDue, 3600_000);
  purger?.unref();
  if (deps.dailyPurge !== false) setImmediate(purgeIfDue);

  const ticker = setInterval(() => live.tick(), 250);
  ticker.unref();
  const checkpoints = setInterval(() => live.checkpoint(), 2000);
  checkpoints.unref();

  return {
    http,
    io,
    runtime: live,
    db,
    backup,
    listen(port, host = '0.0.0.0') {
      return new Promise((resolveListen, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          http.off('error', reject);
          const actual = (http.address() as AddressInfo).port;
          const publicHost = deps.publicHost ?? lanAddresses()[0] ?? 'localhost';
          origin = `http://${publicHost}:${actual}`;
          resolveListen({ port: actual, origin });
        });
      });
    },
    async close() {
      clearInterval(ticker);
      clearInterval(checkpoints);
      if (purger) clearInterval(purger);
      live.close();
      await new Promise<void>((done) => {
        io.close(() => done());
      });
      // A backup in progress steps through this connection: let it finish before closing it.
      await backingUp?.catch(() => {});
      db.close();
    },
  };
}

/** Per-address budget of new `/play` connections: `perMinute` a minute, refilled evenly. */
function playConnectionBudget(perMinute: number, now: () => number): (address: string) => boolean {
  const buckets = new Map<string, { tokens: number; last: number }>();
  return (address) => {
    const t = now();
    const b = buckets.get(address) ?? { tokens: perMinute, last: t };
    b.tokens = Math.min(perMinute, b.tokens + ((t - b.last) / 60_000) * perMinute);
    b.last = t;
    buckets.set(address, b);
    if (buckets.size > 10_000) {
      for (const [k, v] of buckets) if (t - v.last > 60_000) buckets.delete(k);
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  };
}
