/**
 * Browser harness: the real server (createServer, temp SQLite, the built classroom app) on
 * 127.0.0.1 and Debian's Chromium driven by playwright-core. Screenshots go to e2e/artifacts/,
 * to be looked at by a person.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createServer, type HeartlampServer } from '../apps/server/src/server.js';
import { launchChromium } from './chromium.js';

export const ARTIFACTS = join(import.meta.dirname, 'artifacts');

/** The teacher every lesson's console signs in as (set up through the first-run route). */
export const E2E_TEACHER = { name: '李老师', passphrase: 'the lamp is lit 2026' };

export interface Lesson {
  server: HeartlampServer;
  url: string;
  browser: Browser;
  /**
   * A page in its own browser context (its own device). The console and the projector come signed
   * in as the teacher (`/teach…`, `/screen…`); a tablet carries no cookie. `signedIn` overrides.
   */
  open(path: string, viewport: { width: number; height: number }, locale?: string, signedIn?: boolean): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startLesson(): Promise<Lesson> {
  const dataDir = mkdtempSync(join(tmpdir(), 'heartlamp-e2e-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = createServer({ dataDir, publicHost: '127.0.0.1', dailyPurge: false });
  const { port } = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const setup = await fetch(`${url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(E2E_TEACHER),
  });
  const [cookieName, cookieValue] = (setup.headers.getSetCookie()[0] ?? '').split(';')[0]?.split('=') ?? [];
  if (setup.status !== 201 || !cookieName || !cookieValue) throw new Error(`teacher setup failed: ${setup.status}`);
  const browser = await launchChromium();
  const errors: string[] = [];
  return {
    server,
    url,
    browser,
    async open(path, viewport, locale = 'zh-CN', signedIn = path.startsWith('/teach') || path.startsWith('/screen')) {
      const context = await browser.newContext({ viewport, locale, hasTouch: viewport.width < 1100 });
      if (signedIn) await context.addCookies([{ name: cookieName, value: cookieValue, url }]);
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
      await page.goto(url + path);
      return page;
    },
    async shot(page, name) {
      const started = performance.now();
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
      console.log(`screenshot ${name}: ${Math.round(performance.now() - started)} ms`);
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (errors.length > 0) throw new Error(`errors in pages:\n${errors.join('\n')}`);
    },
  };
}
