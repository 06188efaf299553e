/**
 * (C) The real Heartlamp server: `createServer` from apps/server on a temporary data folder, with
 * the per-socket rate cap and the per-address connection budget raised (every bench tablet comes
 * from 127.0.0.1) and the daily purge off. Every other setting is the product's own (teacher
 * sign-in, 100 ms view coalescing, SQLite batch commits, 250 ms ticks).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '@heartlamp/server';
import { hostServer } from './host.js';

await hostServer(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'heartlamp-bench-'));
  const server = createServer({
    dataDir,
    publicHost: '127.0.0.1',
    rate: { perSecond: 10_000, burst: 10_000 },
    // Every tablet of the bench comes from 127.0.0.1: a school behind one address, times a hundred.
    playConnectionsPerMinute: 1_000_000,
    // No retention purge (it VACUUMs) in the middle of a measurement.
    dailyPurge: false,
    log: (message) => process.stderr.write(`[server] ${message}\n`),
  });
  const { port } = await server.listen(0, '127.0.0.1');
  return {
    port,
    drop() {
      const play = server.io.of('/play');
      const n = play.sockets.size;
      play.disconnectSockets(true);
      return n;
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
