/**
 * Where the CPU goes during a sample: CPU time of this process's Chromium descendants, by process
 * type (renderer = the page's main thread and raster; gpu-process = SwiftShader's software GL and
 * the compositor's output; browser; other), and of this Node process (the server and the 40
 * socket.io tablets). Read from /proc (Linux), so it needs no tracing and costs nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

export type ProcessKind = 'renderer' | 'gpu-process' | 'browser' | 'other';

interface ProcStat {
  ppid: number;
  cpuMs: number;
}

function stat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return { ppid, cpuMs: ((utime + stime) * 1000) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

function kind(pid: number): ProcessKind {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmdline.includes('chrom')) return 'other';
    const type = /--type=([a-z-]+)/.exec(cmdline)?.[1];
    if (type === undefined) return 'browser';
    if (type === 'renderer' || type === 'gpu-process') return type;
    return 'other';
  } catch {
    return 'other';
  }
}

/** CPU ms so far of every descendant of `root`, summed by kind. */
function snapshot(root: number): Map<number, { kind: ProcessKind; cpuMs: number }> {
  const stats = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (s) stats.set(pid, s);
  }
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  const out = new Map<number, { kind: ProcessKind; cpuMs: number }>();
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift() ?? 0;
    const s = stats.get(pid);
    if (s) out.set(pid, { kind: kind(pid), cpuMs: s.cpuMs });
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

export interface CpuShare {
  /** CPU ms per wall second (1000 = one core fully busy), by Chromium process kind. */
  chromium: Record<ProcessKind, number>;
  /** This Node process: the server and the socket.io tablets. */
  node: number;
}

/** Starts counting; the returned function stops and gives CPU ms per wall second. */
export function cpuMeter(): () => CpuShare {
  const before = snapshot(process.pid);
  const nodeBefore = process.cpuUsage();
  const started = performance.now();
  return () => {
    const after = snapshot(process.pid);
    const seconds = (performance.now() - started) / 1000;
    const chromium: Record<ProcessKind, number> = { renderer: 0, 'gpu-process': 0, browser: 0, other: 0 };
    for (const [pid, { kind: k, cpuMs }] of after) chromium[k] += cpuMs - (before.get(pid)?.cpuMs ?? 0);
    for (const k of Object.keys(chromium) as ProcessKind[]) chromium[k] = Math.round(chromium[k] / seconds);
    const nodeUsage = process.cpuUsage(nodeBefore);
    return { chromium, node: Math.round((nodeUsage.user + nodeUsage.system) / 1000 / seconds) };
  };
}
