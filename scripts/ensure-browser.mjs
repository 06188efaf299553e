#!/usr/bin/env node
/**
 * Makes sure the browser tests have what they need: Debian's Chromium and fonts with Chinese glyphs
 * and emoji (the tablets' pictures). Installs them with apt when run as root (CI, a fresh machine);
 * otherwise says exactly what to install. Nothing is downloaded from anywhere but Debian.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const packages = ['chromium', 'fonts-noto-cjk', 'fonts-noto-color-emoji'];

function fontsPresent() {
  const r = spawnSync('fc-list', [], { encoding: 'utf8' });
  if (r.status !== 0) return false;
  return /Noto Sans CJK/i.test(r.stdout) && /Noto Color Emoji/i.test(r.stdout);
}

if (existsSync(chromium) && fontsPresent()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `Browser tests need: ${packages.join(' ')}\nInstall them with: sudo apt-get install -y ${packages.join(' ')}`,
  );
  process.exit(1);
}
console.error(`Installing ${packages.join(', ')} from Debian…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
if (!existsSync(chromium)) {
  console.error(`Chromium is still missing at ${chromium}`);
  process.exit(1);
}
