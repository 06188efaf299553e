/**
 * Prints the hottest functions of a V8 CPU profile (from `pnpm bench --profile`, written by the
 * Heartlamp server child into bench/results/profiles/): self time per function and per package,
 * so "what holds C back" has names, not guesses.
 *
 *   pnpm --filter @heartlamp/bench exec tsx src/profile-top.ts results/profiles/<file>.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top <file.cpuprofile> [top]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const where = (url: string) => {
  const pkg = /node_modules\/\.pnpm\/([^/]+)\//.exec(url)?.[1] ?? /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg) return pkg.replace(/@[\d.]+.*$/, '');
  if (url.includes('/apps/server/')) return 'heartlamp server';
  if (url.includes('/packages/')) return `heartlamp ${/packages\/([^/]+)/.exec(url)?.[1] ?? ''}`;
  if (url.startsWith('node:')) return 'node core';
  return url === '' ? '(native / gc / idle)' : url.split('/').slice(-2).join('/');
};

const functions = new Map<string, number>();
const packages = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'}  ${url ? `${url.split('/').slice(-3).join('/')}:${lineNumber + 1}` : ''}`;
  functions.set(key, (functions.get(key) ?? 0) + us);
  packages.set(where(url), (packages.get(where(url)) ?? 0) + us);
}
const print = (title: string, map: Map<string, number>, n: number) => {
  process.stdout.write(`\n${title} (of ${(total / 1000).toFixed(0)} ms sampled)\n`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    process.stdout.write(
      `${((100 * us) / total).toFixed(1).padStart(6)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}\n`,
    );
  }
};
print('self time by package', packages, 15);
print('self time by function', functions, top);
