/**
 * createServer(deps): one HTTP server carrying the built classroom app, `/api` and socket.io, over
 * one SQLite file. No module singletons: a test starts as many as it likes, each on its own port
 * and database.
 */
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
import { attachNamespaces, SeatHolders, socketOutbox } from './realtime/namespaces.js';
import { createReports, type ReportOptions } from './reports/queries.js';
import { SessionRuntime } from './sessions/runtime.js';
import { type BackupResult, backupConnection, nextBackupPath } from './store/backup.js';
import { type Db, openDb, openReader } from './store/db.js';
import { createLedger } from './store/ledger.js';
import { createSchool } from './store/school.js';

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
    { ratePerSecond: deps.rate?.perSecond ?? 20, burst: deps.rate?.burst ?? 40, now, onError },
    seats,
  );

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
