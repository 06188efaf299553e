/**
 * The part every server under test shares: it starts the server, tells the orchestrator its port,
 * and answers `usage` (CPU and RSS, after a GC when asked), `drop` (cut every tablet's connection)
 * and `stop` over IPC. Run with `--expose-gc` so RSS is read after a full collection.
 */
import { type ServerReplies, type ServerRequest, serve } from '../ipc.js';

export interface Started {
  port: number;
  /** Cuts every tablet connection from the server side; returns how many. */
  drop(): number;
  close(): Promise<void>;
}

export async function hostServer(start: () => Promise<Started>): Promise<void> {
  const server = await start();
  const gc = (globalThis as { gc?: () => void }).gc;
  serve<ServerRequest>(async (request): Promise<ServerReplies[ServerRequest['kind']]> => {
    switch (request.kind) {
      case 'usage': {
        if (request.gc && gc) {
          gc();
          gc();
        }
        const cpu = process.cpuUsage();
        const memory = process.memoryUsage();
        return { cpuMs: (cpu.user + cpu.system) / 1000, rss: memory.rss, heapUsed: memory.heapUsed };
      }
      case 'drop':
        return { dropped: server.drop() };
      case 'stop':
        await server.close();
        setImmediate(() => process.exit(0));
        return null;
    }
  });
  process.send?.({ ready: true, port: server.port });
  process.on('disconnect', () => process.exit(0));
}
