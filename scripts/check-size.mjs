#!/usr/bin/env node
/**
 * Client size budgets, checked after `pnpm --filter @heartlamp/classroom build` (root `test:browser`
 * runs it right after the build). Fails, with the figures and the budget, when:
 *   - the join page's JavaScript (entry + its static imports + any lazy chunk of the /join route)
 *     is over `joinPageKB` gzip — 40 tablets on school Wi-Fi load it at once. `joinPageKB` is the
 *     size achieved plus a little headroom, so a regression fails; `target.joinPageKB` is the goal
 *     (issue 7), printed beside it with `target.reason` while it is missed;
 *   - the Phaser chunk is over `phaserKB` gzip (the custom phaser-core build, see vite.config.ts);
 *   - Phaser is reachable from the entry through static imports (it must only be `import()`ed).
 * Prints the figures on success too, and what the join page loads lazily (an activity's client when
 * it starts, the second language when chosen), each without what the join page already holds.
 *
 * Reads the chunk graph the build writes to apps/classroom/dist/.vite/bundle-stats.json and the
 * budgets in scripts/size-budget.json. Sizes are gzip level 9, in kB of 1000 bytes (as Vite prints).
 *
 * Usage: node scripts/check-size.mjs [distDir]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..');
const dist = resolve(process.argv[2] ?? join(ROOT, 'apps/classroom/dist'));
const budget = JSON.parse(readFileSync(join(import.meta.dirname, 'size-budget.json'), 'utf8'));
const statsFile = join(dist, '.vite', 'bundle-stats.json');

function fail(message) {
  console.error(`check-size: FAIL\n${message}`);
  process.exit(1);
}

if (!existsSync(statsFile)) {
  fail(`  ${statsFile} is missing: build the classroom app first (pnpm --filter @heartlamp/classroom build).`);
}

/** @type {{ chunks: { file: string; isEntry: boolean; imports: string[]; dynamicImports: string[]; modules: { id: string; bytes: number }[] }[] }} */
const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
const byFile = new Map(stats.chunks.map((c) => [c.file, c]));

const gzipCache = new Map();
function gzipBytes(file) {
  let n = gzipCache.get(file);
  if (n === undefined) {
    n = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
    gzipCache.set(file, n);
  }
  return n;
}
const kB = (bytes) => (bytes / 1000).toFixed(1);
const total = (files) => [...files].reduce((n, f) => n + gzipBytes(f), 0);

/** `from` and every chunk it imports statically, with the path that reached each. */
function staticClosure(from) {
  const via = new Map();
  const queue = from.map((f) => [f, [f]]);
  while (queue.length > 0) {
    const [file, path] = queue.shift();
    if (via.has(file)) continue;
    via.set(file, path);
    for (const next of byFile.get(file)?.imports ?? []) queue.push([next, [...path, next]]);
  }
  return via;
}

const hasModule = (chunk, prefixes) => chunk.modules.some((m) => prefixes.some((p) => m.id.startsWith(p)));

// The entry: what index.html loads (the build's only entry chunk).
const entries = stats.chunks.filter((c) => c.isEntry).map((c) => c.file);
if (entries.length === 0) fail('  no entry chunk in the build.');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
for (const file of entries) {
  if (!html.includes(`/${file}`)) fail(`  index.html does not load the entry chunk ${file}.`);
}

// The join page: the entry's static closure, plus any lazy chunk holding /join route code.
const fromEntry = staticClosure(entries);
const routeChunks = stats.chunks.filter((c) => !fromEntry.has(c.file) && hasModule(c, budget.joinRoute));
const joinPage = new Map([...fromEntry, ...staticClosure(routeChunks.map((c) => c.file))]);
const joinBytes = total(joinPage.keys());

const phaserChunks = stats.chunks.filter((c) => hasModule(c, [budget.phaser]));
const phaserBytes = total(phaserChunks.map((c) => c.file));
const echarts = stats.chunks.filter((c) => hasModule(c, ['node_modules/echarts/']));

const problems = [];
if (phaserChunks.length === 0)
  problems.push('  no chunk holds Phaser: is the phaser code-splitting group still in vite.config.ts?');
const staticPhaser = [...joinPage].filter(([file]) => phaserChunks.some((c) => c.file === file));
for (const [, path] of staticPhaser) {
  problems.push(`  Phaser is loaded statically by the join page: ${path.join(' → ')} (use a dynamic import())`);
}
if (joinBytes > budget.joinPageKB * 1000) {
  problems.push(`  join page JS ${kB(joinBytes)} kB gzip > budget ${budget.joinPageKB} kB`);
}
if (phaserBytes > budget.phaserKB * 1000) {
  problems.push(`  Phaser chunk ${kB(phaserBytes)} kB gzip > budget ${budget.phaserKB} kB`);
}

/**
 * What the join page may `import()` later, by its entry module, each with its static imports minus
 * what the join page holds. An activity's client and logic halves load together (the client
 * registry imports both), so they are one row.
 */
const lazyGroups = new Map();
for (const file of new Set([...joinPage.keys()].flatMap((f) => byFile.get(f)?.dynamicImports ?? []))) {
  if (joinPage.has(file)) continue;
  const entryModule = byFile.get(file)?.modules.at(-1)?.id ?? file;
  const group = entryModule.replace(/\/(client|logic)\/index\.ts$/, '/{client,logic}');
  lazyGroups.set(group, [...(lazyGroups.get(group) ?? []), file]);
}
const lazyRows = [...lazyGroups]
  .map(([group, files]) => [group, total([...staticClosure(files).keys()].filter((f) => !joinPage.has(f)))])
  .sort((a, b) => b[1] - a[1])
  .map(([group, n]) => `      ${kB(n).padStart(6)} kB  ${group}`);

const target = budget.target?.joinPageKB;
const targetNote =
  target === undefined
    ? []
    : joinBytes <= target * 1000
      ? [`  target            ${String(target).padStart(6)} kB gzip  (met)`]
      : [
          `  target            ${String(target).padStart(6)} kB gzip  (missed by ${kB(joinBytes - target * 1000)} kB: ${budget.target.reason})`,
        ];

const rows = [...joinPage.keys()]
  .map((file) => [file, gzipBytes(file)])
  .sort((a, b) => b[1] - a[1])
  .map(([file, n]) => `      ${kB(n).padStart(6)} kB  ${file}${entries.includes(file) ? '  (entry)' : ''}`);
const report = [
  `  entry             ${kB(total(entries)).padStart(6)} kB gzip`,
  `  join page JS      ${kB(joinBytes).padStart(6)} kB gzip  (budget ${budget.joinPageKB} kB, ${joinPage.size} chunks)`,
  ...targetNote,
  ...rows,
  '  loaded later by the join page, beyond what it holds (Phaser not included):',
  ...lazyRows,
  `  Phaser chunk      ${kB(phaserBytes).padStart(6)} kB gzip  (budget ${budget.phaserKB} kB; lazy: ${staticPhaser.length === 0 ? 'yes' : 'NO'})`,
  `  ECharts chunk     ${kB(total(echarts.map((c) => c.file))).padStart(6)} kB gzip  (lazy, console statistics only)`,
];

if (problems.length > 0) {
  // What weighs most in the join page, before minification, to show where to cut.
  const modules = [...joinPage.keys()]
    .flatMap((file) => byFile.get(file)?.modules ?? [])
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 15)
    .map((m) => `      ${kB(m.bytes).padStart(6)} kB  ${m.id}`);
  fail([...problems, '', ...report, '  largest join-page modules (before minification):', ...modules].join('\n'));
}
console.log(['check-size: ok', ...report].join('\n'));
