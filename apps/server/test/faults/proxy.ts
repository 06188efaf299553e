/**
 * A fault-injecting TCP proxy for the fault tests: what school Wi-Fi does to a tablet, on loopback.
 *
 * Each client group (usually one tablet) gets its own *route*: a listener on 127.0.0.1 forwarding
 * to the server. Per route — so per tablet or per group of tablets — a test can:
 * - `cut` it: every open connection is reset at once (both ends see ECONNRESET, as when a tablet
 *   walks out of range and the access point drops it), and new connections are reset on arrival
 *   until the cut ends — socket.io's reconnection keeps failing, then gets through;
 * - add `latency`: every chunk, in each direction, is held a random delay (e.g. 300 ± 100 ms) but
 *   never overtakes an earlier chunk of the same connection (TCP keeps order; so must we);
 * - `stall` it: connections stay open but nothing moves until the stall ends, then everything held
 *   is delivered in order — a tablet at the edge of the access point's range, where TCP keeps
 *   retransmitting. Longer than the tablet's ack timeout, it makes the tablet resend an intent on
 *   the same connection while the first copy is still on its way: both copies then arrive.
 *
 * Loopback only: the proxy listens on 127.0.0.1 and forwards to 127.0.0.1, so no test can reach
 * or expose anything beyond this machine. Delays come from a seeded generator, so a run is
 * reproducible in what it draws (not in how the OS schedules it).
 */
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { createRng, type Rng } from '@heartlamp/activities';

const LOOPBACK = '127.0.0.1';

/** Each chunk is delayed by a uniform draw in [meanMs − jitterMs, meanMs + jitterMs]. */
export interface Latency {
  meanMs: number;
  jitterMs: number;
}

export interface RouteStats {
  accepted: number;
  /** Connections reset on arrival because the route was cut. */
  refused: number;
  /** Open connections reset by a cut. */
  reset: number;
  /** Chunks that went through a latency queue. */
  delayedChunks: number;
}

/**
 * One direction of one connection: chunks wait in FIFO order until their release time. Release
 * times never decrease, so a short draw cannot overtake a long one; one timer per direction.
 */
class DelayedPipe {
  private readonly queue: { at: number; chunk: Buffer }[] = [];
  private lastRelease = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ending = false;

  constructor(
    private readonly to: Socket,
    private readonly delay: () => number,
    private readonly onDelayed: () => void,
  ) {}

  push(chunk: Buffer): void {
    const wait = this.delay();
    if (wait <= 0 && this.queue.length === 0) {
      this.to.write(chunk);
      return;
    }
    this.onDelayed();
    const at = Math.max(Date.now() + wait, this.lastRelease);
    this.lastRelease = at;
    this.queue.push({ at, chunk });
    this.arm();
  }

  /** The source half-closed: end the destination once what is queued has gone out. */
  end(): void {
    this.ending = true;
    if (this.queue.length === 0) this.to.end();
  }

  drop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }

  private arm(): void {
    if (this.timer) return;
    const head = this.queue[0];
    if (!head) return;
    this.timer = setTimeout(() => this.release(), Math.max(0, head.at - Date.now()));
  }

  private release(): void {
    this.timer = null;
    const now = Date.now();
    while (this.queue.length > 0 && (this.queue[0]?.at ?? Number.POSITIVE_INFINITY) <= now) {
      const next = this.queue.shift();
      if (next && !this.to.destroyed) this.to.write(next.chunk);
    }
    if (this.queue.length > 0) this.arm();
    else if (this.ending && !this.to.destroyed) this.to.end();
  }
}

interface Link {
  client: Socket;
  upstream: Socket;
  pipes: DelayedPipe[];
}

interface Route {
  name: string;
  server: Server;
  port: number;
  links: Set<Link>;
  cutUntil: number;
  stallUntil: number;
  latency: Latency | null;
  stats: RouteStats;
}

export class FaultProxy {
  private readonly routes = new Map<string, Route>();
  private readonly rng: Rng;
  private readonly targetPort: number;

  private constructor(targetPort: number, seed: number) {
    this.targetPort = targetPort;
    this.rng = createRng(seed);
  }

  /** A proxy in front of the server listening on 127.0.0.1:`targetPort`. */
  static create(options: { targetPort: number; seed?: number }): FaultProxy {
    return new FaultProxy(options.targetPort, options.seed ?? 1);
  }

  /** Opens (or returns) the route `name`; resolves with the origin clients should connect to. */
  async route(name: string): Promise<string> {
    const existing = this.routes.get(name);
    if (existing) return `http://${LOOPBACK}:${existing.port}`;
    const route: Route = {
      name,
      server: createServer(),
      port: 0,
      links: new Set(),
      cutUntil: 0,
      stallUntil: 0,
      latency: null,
      stats: { accepted: 0, refused: 0, reset: 0, delayedChunks: 0 },
    };
    route.server.on('connection', (client) => this.accept(route, client));
    await new Promise<void>((resolve, reject) => {
      route.server.once('error', reject);
      route.server.listen(0, LOOPBACK, () => {
        route.server.off('error', reject);
        resolve();
      });
    });
    const address = route.server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy route has no port');
    route.port = address.port;
    this.routes.set(name, route);
    return `http://${LOOPBACK}:${route.port}`;
  }

  /**
   * Cuts the routes for `ms`: resets every open connection now, and every new one until then.
   * A second cut of a route already cut extends it.
   */
  cut(names: readonly string[], ms: number): void {
    const until = Date.now() + ms;
    for (const name of names) {
      const route = this.get(name);
      route.cutUntil = Math.max(route.cutUntil, until);
      for (const link of [...route.links]) {
        route.stats.reset += 1;
        this.unlink(route, link, true);
      }
    }
  }

  /** Holds every byte on the routes, both ways, for `ms`; then releases it all, in order. */
  stall(names: readonly string[], ms: number): void {
    const until = Date.now() + ms;
    for (const name of names) {
      const route = this.get(name);
      route.stallUntil = Math.max(route.stallUntil, until);
    }
  }

  /** Adds latency to the routes (all of them when `names` is null); `null` removes it. */
  setLatency(names: readonly string[] | null, latency: Latency | null): void {
    for (const route of names === null ? this.routes.values() : names.map((n) => this.get(n))) {
      route.latency = latency;
    }
  }

  stats(name?: string): RouteStats {
    const total: RouteStats = { accepted: 0, refused: 0, reset: 0, delayedChunks: 0 };
    for (const route of name === undefined ? this.routes.values() : [this.get(name)]) {
      total.accepted += route.stats.accepted;
      total.refused += route.stats.refused;
      total.reset += route.stats.reset;
      total.delayedChunks += route.stats.delayedChunks;
    }
    return total;
  }

  async close(): Promise<void> {
    const closing = [...this.routes.values()].map(async (route) => {
      for (const link of [...route.links]) this.unlink(route, link, true);
      await new Promise<void>((resolve) => route.server.close(() => resolve()));
    });
    this.routes.clear();
    await Promise.all(closing);
  }

  private get(name: string): Route {
    const route = this.routes.get(name);
    if (!route) throw new Error(`no proxy route ${name}`);
    return route;
  }

  private accept(route: Route, client: Socket): void {
    if (route.cutUntil > Date.now()) {
      route.stats.refused += 1;
      client.resetAndDestroy();
      return;
    }
    route.stats.accepted += 1;
    client.setNoDelay(true);
    const upstream = netConnect({ host: LOOPBACK, port: this.targetPort });
    upstream.setNoDelay(true);
    // Latency and stalls are read per chunk, so a test can switch them on and off mid-connection.
    const delay = () => {
      const l = route.latency;
      const latency = l === null ? 0 : l.meanMs - l.jitterMs + this.rng.next() * 2 * l.jitterMs;
      return Math.max(latency, route.stallUntil - Date.now());
    };
    const counted = () => {
      route.stats.delayedChunks += 1;
    };
    const up = new DelayedPipe(upstream, delay, counted);
    const down = new DelayedPipe(client, delay, counted);
    const link: Link = { client, upstream, pipes: [up, down] };
    route.links.add(link);
    client.on('data', (chunk: Buffer) => up.push(chunk));
    upstream.on('data', (chunk: Buffer) => down.push(chunk));
    client.on('end', () => up.end());
    upstream.on('end', () => down.end());
    // Either side failing or closing takes the whole link down, as a dropped Wi-Fi association does.
    const fail = () => this.unlink(route, link, false);
    client.on('error', fail);
    upstream.on('error', fail);
    client.on('close', fail);
    upstream.on('close', fail);
  }

  private unlink(route: Route, link: Link, reset: boolean): void {
    if (!route.links.delete(link)) return;
    for (const pipe of link.pipes) pipe.drop();
    for (const socket of [link.client, link.upstream]) {
      if (socket.destroyed) continue;
      if (reset && socket.readyState !== 'opening') socket.resetAndDestroy();
      else socket.destroy();
    }
  }
}
