/**
 * The real `heartlamp` command line as a child process: `node --import tsx apps/server/src/cli.ts`,
 * from the repository root, as `pnpm heartlamp` runs it. Used where a test needs what only a
 * separate process gives — `kill -9` of a running server, or the backup command beside one.
 *
 * Every child is tracked; `killAll()` (call it in afterAll) and a process `exit` hook make sure a
 * failing test never leaves a server behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const CLI = 'apps/server/src/cli.ts';

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function launch(args: readonly string[]): ChildProcess {
  // The test's own PORT or HEARTLAMP_DATA must not leak into the child: every option is explicit.
  const env = { ...process.env };
  delete env.PORT;
  delete env.HEARTLAMP_DATA;
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one CLI command to completion (killed after `timeoutMs`). */
export function runCli(args: readonly string[], timeoutMs = 120_000): Promise<CliResult> {
  const child = launch(args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolveRun, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`heartlamp ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}

export interface ServerProcess {
  readonly pid: number;
  readonly port: number;
  readonly origin: string;
  /** Everything the server printed so far. */
  output(): string;
  /** `kill -9`: no shutdown handler runs, nothing is flushed. Resolves once the process is gone. */
  kill9(): Promise<void>;
  /** Ctrl+C: the server saves and stops. */
  stop(): Promise<void>;
}

/** A free port on 127.0.0.1 (the OS picks it; a restart then reuses it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address === null || typeof address === 'string') reject(new Error('no port'));
        else resolvePort(address.port);
      });
    });
  });
}

/** Starts `heartlamp start` on 127.0.0.1:`port` over `dataDir`; resolves when /api/health answers. */
export async function spawnServer(options: {
  dataDir: string;
  port: number;
  readyMs?: number;
}): Promise<ServerProcess> {
  const { dataDir, port } = options;
  const child = launch(['start', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir]);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`heartlamp start exited with ${child.exitCode}:\n${output}`);
    const healthy = await fetch(`${origin}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`heartlamp start did not answer on ${origin} in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('no pid');
  return {
    pid,
    port,
    origin,
    output: () => output,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** Kills every child still running (afterAll, even after a failure). */
export async function killAll(): Promise<void> {
  const running = [...children];
  await Promise.all(
    running.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            done();
            return;
          }
          child.once('exit', () => done());
          child.kill('SIGKILL');
        }),
    ),
  );
}
