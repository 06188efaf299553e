/**
 * Trust in real Chromium, on a server that starts with no teacher at all:
 *
 * 1. The first run as a teacher meets it: the first-run card, a passphrase that is too short (the
 *    form says why), a good one (the console); signing out, a wrong passphrase, the right one.
 * 2. 50-odd hostile strings — markup, script URLs, template and i18next syntax, SQL, spreadsheet
 *    formulas, entities, bidi overrides, zero-width characters, long unbroken text — put wherever a
 *    teacher's free text reaches a screen (class and term names, teacher names, roster names where
 *    the importer lets them through), then every page that shows them is opened: nothing runs, no
 *    dialog opens, nothing is logged as an error, each string is on the page exactly as typed, and a
 *    tablet at 1024×768 shows nothing off-screen.
 * 3. 隐私与账号: retention changed and saved, purge now; a guardian's deletion clicked through in
 *    班级与名单 after a lesson, then every column of every SQLite table searched for that child.
 * 4. 锁定教室 and 移出: a locked room's closed door on a third tablet (both languages), a removed
 *    tablet's goodbye, and a tablet that guessed too many codes told to rest.
 *
 * Screenshots `trust-*` in e2e/artifacts/.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, DEFAULT_CLIENT_DIR, type HeartlampServer } from '../apps/server/src/server.js';
import { tabletJarCentre } from '../packages/activities/src/emotion-monster/client/layout.js';
import { SESSION_COOKIE } from '../packages/shared/src/api/trust.js';
import { ARTIFACTS } from './browser.js';
import { launchChromium } from './chromium.js';

const CONSOLE = { width: 1366, height: 900 };
const LANDSCAPE = { width: 1024, height: 768 };
const PROJECTOR = { width: 1920, height: 1080 };

const PASSPHRASE = 'the lamp is lit 2026';
const PWN = 'window.__pwned=1';

// ---------------------------------------------------------------------------------------------
// The hostile strings, and where each one goes. Class, term and teacher names take 1–40
// characters after trimming — zod counts code points, so 40 emoji (80 UTF-16 units) pass; the
// longer ones must be refused, not cut.

/** Length as the server's schemas count it (code points). */
const chars = (text: string): number => [...text].length;

type Where = 'teacher' | 'term' | 'class' | 'class-ui' | 'term-ui';

/** 40 UTF-16 units of emoji (with ZWJ sequences) and CJK, no pair split. */
function mix40(): string {
  const parts = ['🐼', '熊', '猫', '👨‍👩‍👧', '班', '🌈', '彩', '虹', '🇨🇳', '心', '灯', '🔥'];
  let out = '';
  for (let i = 0; out.length < 40; i++) {
    const next = parts[i % parts.length] ?? '字';
    out += out.length + next.length <= 40 ? next : '字';
  }
  return out;
}

/** The teacher the first run creates (typed into the first-run card, then the sign-in card). */
const FIRST_TEACHER = `<img src=x onerror="${PWN}">`;

const HOSTILE: readonly { text: string; where: Where }[] = [
  // Markup that runs script if it is ever parsed as HTML.
  { text: `<script>${PWN}</script>`, where: 'class-ui' },
  { text: `<svg onload="${PWN}">`, where: 'class' },
  { text: `<svg><script>${PWN}</script>`, where: 'class' },
  { text: `"><img src=x onerror=${PWN}>`, where: 'class' },
  { text: `'><svg/onload=${PWN}>`, where: 'teacher' },
  { text: '<a href="javascript:alert(1)">点我</a>', where: 'class' },
  { text: '<iframe src="javascript:alert(1)">', where: 'class' },
  { text: '<details open ontoggle=alert(1)>', where: 'class' },
  { text: '<input autofocus onfocus=alert(1)>', where: 'class' },
  { text: '<style>*{display:none!important}</style>', where: 'term' },
  { text: '<b>粗</b><i>斜</i><u>下</u>', where: 'term-ui' },
  { text: '<!--', where: 'class' },
  { text: ']]><![CDATA[x', where: 'class' },
  // Script URLs.
  { text: `javascript:${PWN}`, where: 'class' },
  { text: 'JaVaScRiPt:alert(document.domain)', where: 'class' },
  // Template syntax: Angular/Vue, JS template literals, i18next interpolation and nesting.
  { text: "{{constructor.constructor('alert()')()}}", where: 'class' },
  { text: '{{7*7}}', where: 'class' },
  { text: `\${${PWN}}`, where: 'class' },
  { text: `\`\${alert(1)}\``, where: 'class' },
  { text: '{{name}}', where: 'class-ui' },
  { text: '{{- name}} {{count}}', where: 'term' },
  { text: '$t(app.name)', where: 'class-ui' },
  { text: '$t(auth.signOut)', where: 'teacher' },
  { text: '$t(ledger.tabs.privacy, {"a":1})', where: 'class' },
  { text: `<%= 7*7 %> #{7*7} \${{7*7}}`, where: 'class' },
  // SQL and spreadsheet formulas.
  { text: "'; DROP TABLE students;--", where: 'term' },
  { text: "Robert'); DROP TABLE classes;--", where: 'class' },
  { text: '" OR "1"="1', where: 'class' },
  { text: '=HYPERLINK("http://evil.example","点我")', where: 'class' },
  { text: "=cmd|' /C calc'!A0", where: 'class' },
  { text: '@SUM(A1:A9)', where: 'class' },
  // Entities: shown as typed, never decoded.
  { text: '&lt;b&gt;粗体&lt;/b&gt;', where: 'class-ui' },
  { text: '&amp;lt; &#60;script&#62; &nbsp;', where: 'class' },
  // Markdown, format strings, paths, names that are JavaScript's own words.
  { text: '**加粗** _斜体_ [点](javascript:alert(1))', where: 'class' },
  { text: '# 标题 - 列表项 > 引用', where: 'class' },
  { text: '%s%d%n%x %1$s', where: 'class' },
  { text: '../../../etc/passwd', where: 'class' },
  { text: '__proto__', where: 'class' },
  { text: 'constructor', where: 'teacher' },
  { text: '[object Object]', where: 'class' },
  { text: 'undefined', where: 'class' },
  // Markup that would hide or cover the page if it were ever parsed.
  { text: '<a href=javascript:void(0)>点我</a>', where: 'class' },
  { text: '<style>*{display:none}</style>', where: 'class' },
  // Look-alikes, combining marks, emoji sequences.
  { text: 'Αdmin 三年级(2)班', where: 'class' },
  { text: 'Z̷̢͓a̸͓̰l̵̰̣g̶̡̣o̴̡̢ 班', where: 'class' },
  { text: '👨‍👩‍👧‍👦家庭班👋🏽', where: 'class' },
  // Long: exactly 40 units (allowed), unbroken.
  { text: mix40(), where: 'class' },
  { text: 'W'.repeat(40), where: 'class' },
  { text: 'Ｗ'.repeat(40), where: 'class' },
  { text: '🌈'.repeat(40), where: 'class' },
  { text: `https://example.com/${'a'.repeat(20)}`, where: 'term' },
];

/**
 * Bidi overrides and isolates (they reverse the app's own words around them), zero-width and filler
 * characters (an invisible name), a NUL, a line break: refused in class, term and teacher names.
 */
const INVISIBLE: readonly string[] = [
  '三年级\u202E(2)班exe.gnp',
  '\u202Dabc\u202E123\u202C',
  '三\u200B年\u200C级\u200D(\u2060)\uFEFF班',
  '\u3164\u3164',
  '\u0000空字符班',
  '\u2067二班\u2069',
  '# 标题\n- 列表项', // a line break
];

/** Too long (over 40 units): refused by validation everywhere, never cut short. */
const TOO_LONG: readonly string[] = [
  `{{constructor.constructor('${PWN}')()}}`,
  `</textarea><script>${PWN}</script>`,
  '<meta http-equiv=refresh content=0;url=x>',
  'W'.repeat(41),
  '🌈'.repeat(41),
];

/** Roster names a teacher's spreadsheet could hold; the importer refuses symbols and says which line. */
const ROSTER_CANDIDATES: readonly string[] = [
  '张\u200B三', // zero-width space
  '李\u200D四', // zero-width joiner
  '\u202E五王', // RTL override
  '<script>',
  '{{name}}',
  '$t(app.name)',
  '&lt;b&gt;',
  '=1+1',
  '-张三',
  "Robert'); DROP TABLE students;--",
  "Robert') DROP TABLE students--", // only letters, spaces and name punctuation
  'javascript.alert(1)',
  '__proto__',
  'constructor',
  'Аlice', // Cyrillic А
  '𝐀𝐝𝐦𝐢𝐧', // mathematical bold
  'Ｗｉｄｅ', // fullwidth
  '张\u00A0三', // no-break space
  '\u3164\u3164', // Hangul filler: a letter that draws nothing
  'Z̷̢͓a̸͓̰l̵̰̣g̶̡̣o̴̡̢',
  'W'.repeat(32),
  'W'.repeat(33),
  '阿依古丽·买买提',
  'محمد 张',
];

// ---------------------------------------------------------------------------------------------
// A server with no teacher yet, and Chromium.

interface Watched {
  page: Page;
  /** pageerror, console errors, dialogs: each one a failure unless `allow`ed. */
  problems: string[];
}

let server: HeartlampServer;
let url: string;
let browser: Browser;
let dataDir: string;
let session: { name: string; value: string } | null = null;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'heartlamp-e2e-trust-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  // The built app, copied: a rebuild of apps/classroom/dist while these pages run does not swap
  // the files under them halfway through.
  const clientDir = join(dataDir, 'client');
  cpSync(DEFAULT_CLIENT_DIR, clientDir, { recursive: true });
  server = createServer({ dataDir, clientDir, publicHost: '127.0.0.1', dailyPurge: false });
  const { port } = await server.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A page in its own context (its own device); signed in when `signedIn` and a session exists. */
async function open(
  path: string,
  viewport: { width: number; height: number },
  options: { signedIn?: boolean; locale?: string; allow?: RegExp[] } = {},
): Promise<Watched> {
  const context = await browser.newContext({
    viewport,
    locale: options.locale ?? 'zh-CN',
    hasTouch: viewport.width < 1100,
  });
  if (options.signedIn !== false && session) await context.addCookies([{ ...session, url }]);
  const page = await context.newPage();
  const watched: Watched = { page, problems: [] };
  const allow = options.allow ?? [];
  page.on('pageerror', (e) => watched.problems.push(`${path} pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !allow.some((re) => re.test(m.text()))) {
      watched.problems.push(`${path} console.error: ${m.text()}`);
    }
  });
  page.on('dialog', (d) => {
    watched.problems.push(`${path} dialog ${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url + path);
  return watched;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Nothing ran, nothing was injected, nothing complained. */
async function expectClean(w: Watched): Promise<void> {
  const { pwned, injected } = await w.page.evaluate(() => {
    const suspicious =
      'img[src="x"], iframe, svg[onload], [onerror], [onload], [onfocus], [ontoggle], meta[http-equiv], ' +
      'details, input[autofocus], a[href^="javascript:" i], main b, main i, main u';
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      injected: [...document.querySelectorAll(suspicious)].map((e) => e.outerHTML.slice(0, 80)),
    };
  });
  expect(pwned).toBeUndefined();
  expect(injected).toEqual([]);
  expect(w.problems).toEqual([]);
}

/** The text of every element matching `selector`, exactly as the DOM holds it. */
const texts = (page: Page, selector: string): Promise<string[]> =>
  page.locator(selector).evaluateAll((els) => els.map((e) => e.textContent ?? ''));

/** Each expected text is the whole text of a visible element matching `selector`. */
async function expectShown(page: Page, selector: string, expected: readonly string[]): Promise<void> {
  const shown = await page
    .locator(selector)
    .evaluateAll((els) =>
      els.filter((e) => e.checkVisibility() && e.getClientRects().length > 0).map((e) => e.textContent ?? ''),
    );
  const missing = expected.filter((s) => !shown.includes(s));
  expect(missing.map((s) => JSON.stringify(s))).toEqual([]);
}

/** The page does not scroll sideways, and no element or text starts or ends off the screen's sides. */
async function offScreen(page: Page, root: string): Promise<string[]> {
  return page.evaluate((rootSelector) => {
    const width = window.innerWidth;
    const out: string[] = [];
    const scope = document.querySelector(rootSelector);
    if (!scope) return [`no ${rootSelector}`];
    const check = (what: string, r: DOMRect) => {
      if (r.width === 0 && r.height === 0) return;
      if (r.left < -1 || r.right > width + 1) out.push(`${what}: ${Math.round(r.left)}…${Math.round(r.right)}`);
    };
    for (const el of scope.querySelectorAll('*'))
      check(`<${el.tagName.toLowerCase()} class="${el.className}">`, el.getBoundingClientRect());
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      check(`text ${JSON.stringify((node.textContent ?? '').slice(0, 20))}`, range.getBoundingClientRect());
    }
    if (document.documentElement.scrollWidth > width) out.push(`page ${document.documentElement.scrollWidth} wide`);
    return out;
  }, root);
}

// ---------------------------------------------------------------------------------------------
// The API, as the signed-in teacher (no Origin header: not a browser, so no CSRF question).

interface ApiAnswer<T> {
  status: number;
  ok: boolean;
  data: T;
  code: string | null;
}

async function api<T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
  if (!session) throw new Error('not signed in');
  const res = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', cookie: `${session.name}=${session.value}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as { ok: boolean; data?: T; error?: { code: string } };
  return { status: res.status, ok: json.ok, data: json.data as T, code: json.error?.code ?? null };
}

const rosterText = (names: readonly string[]) => ['姓名\t座号', ...names.map((n, i) => `${n}\t${i + 1}`)].join('\n');

/** Every row of every table whose any column mentions one of `needles`, as "table.column". */
function mentions(needles: readonly string[]): string[] {
  const db = server.db.raw;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  const found: string[] = [];
  for (const { name: table } of tables) {
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[];
    for (const { name: column } of columns) {
      for (const needle of needles) {
        const row = db
          .prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE instr(CAST("${column}" AS TEXT), ?) > 0`)
          .get(needle) as { n: number };
        if (row.n > 0) found.push(`${table}.${column} ∋ ${needle} (${row.n})`);
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Lessons, driven as the teacher and the children do.

async function createLesson(teacher: Page, classId: string): Promise<string> {
  await teacher.getByTestId('tab-lesson').click();
  await teacher.getByTestId('activity-emotion-monster').click();
  await expect.poll(() => teacher.locator(`[data-testid="lesson-class"] option[value="${classId}"]`).count()).toBe(1);
  await teacher.getByTestId('lesson-class').selectOption(classId);
  await teacher.getByTestId('create-session').click();
  return (await teacher.getByTestId('session-code').innerText()).replace(/\D/g, '');
}

async function endLesson(teacher: Page): Promise<void> {
  await teacher.getByTestId('end-session').click();
  await teacher.getByTestId('confirm-end').click();
  await teacher.getByTestId('ended-summary').waitFor();
  await teacher.getByTestId('new-session').click();
  await teacher.getByTestId('create-session').waitFor();
}

async function typeCode(page: Page, code: string): Promise<void> {
  for (const digit of code) await page.getByTestId(`key-${digit}`).click();
  await page.getByTestId('key-ok').click();
}

async function tapJar(page: Page): Promise<void> {
  const canvas = page.locator('[data-testid="phaser-stage"][data-status="ready"] canvas');
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no stage canvas');
  const { x, y } = tabletJarCentre('joy', box.width, box.height);
  await page.mouse.click(box.x + x, box.y + y);
}

// =============================================================================================

it('first run, sign out, a wrong passphrase, sign in — as a teacher clicks it', async () => {
  const w = await open('/teach', CONSOLE, { allow: [/status of 401/] });
  const teacher = w.page;
  await teacher.getByTestId('setup-card').waitFor();
  await shot(teacher, 'trust-01-first-run');

  await teacher.getByTestId('setup-name').fill(FIRST_TEACHER);
  await teacher.getByTestId('setup-passphrase').fill('lamp26');
  await teacher.getByTestId('setup-repeat').fill('lamp26');
  await teacher.getByTestId('setup-submit').click();
  const problem = teacher.locator('.field-problem');
  await expect.poll(() => problem.innerText()).toBe('口令至少要 8 个字,现在是 6 个。');
  expect(await teacher.getByTestId('setup-passphrase').getAttribute('aria-invalid')).toBe('true');
  await shot(teacher, 'trust-02-first-run-too-short');

  await teacher.getByTestId('setup-passphrase').fill(PASSPHRASE);
  await teacher.getByTestId('setup-repeat').fill(`${PASSPHRASE}!`);
  await expect.poll(() => problem.innerText()).toBe('两次输入的口令不一样,请再输一次。');
  await teacher.getByTestId('setup-repeat').fill(PASSPHRASE);
  await expect.poll(() => problem.count()).toBe(0);
  await teacher.getByTestId('setup-submit').click();
  await teacher.getByTestId('activity-emotion-monster').waitFor();
  expect(await teacher.getByTestId('teacher-name').textContent()).toBe(`👤 ${FIRST_TEACHER}`);
  await shot(teacher, 'trust-03-console-after-first-run');

  await teacher.getByTestId('sign-out').click();
  await teacher.getByTestId('signin-card').waitFor();
  expect(await teacher.getByTestId('teacher-name').count()).toBe(0);
  await shot(teacher, 'trust-04-signed-out');
  // The console is behind the sign-in now: the API says so too.
  expect((await fetch(`${url}/api/classes`)).status).toBe(401);

  await teacher.getByTestId('signin-name').fill(FIRST_TEACHER);
  await teacher.getByTestId('signin-passphrase').fill('the lamp is out 2026');
  await teacher.getByTestId('signin-submit').click();
  await expect.poll(() => teacher.getByTestId('signin-error').innerText()).toBe('姓名或口令不对。');
  await shot(teacher, 'trust-05-wrong-passphrase');

  await teacher.getByTestId('signin-passphrase').fill(PASSPHRASE);
  await teacher.getByTestId('signin-submit').click();
  await teacher.getByTestId('activity-emotion-monster').waitFor();
  expect(await teacher.getByTestId('teacher-name').textContent()).toBe(`👤 ${FIRST_TEACHER}`);
  await shot(teacher, 'trust-06-signed-in');

  const cookie = (await teacher.context().cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Strict');
  session = { name: SESSION_COOKIE, value: cookie?.value ?? '' };
  expect((await api<unknown>('GET', '/api/classes')).status).toBe(200);
  await expectClean(w);
  await teacher.context().close();
});

it('50 hostile names and texts rendered in Chromium execute nothing and show as typed', async () => {
  expect(session).not.toBeNull();
  for (const { text } of HOSTILE) expect(chars(text), JSON.stringify(text)).toBeLessThanOrEqual(40);
  expect(new Set([FIRST_TEACHER, ...HOSTILE.map((h) => h.text)]).size).toBe(HOSTILE.length + 1);
  const of = (...where: Where[]) => HOSTILE.filter((h) => where.includes(h.where)).map((h) => h.text);
  const classNames = of('class', 'class-ui');
  const termNames = of('term', 'term-ui');
  const teacherNames = [FIRST_TEACHER, ...of('teacher')];

  // ------------------------------------------------------------ refused by validation
  const refused: string[] = [];
  for (const text of TOO_LONG) {
    expect(chars(text)).toBeGreaterThan(40);
    const cls = await api<unknown>('POST', '/api/classes', { grade: 3, name: text });
    const term = await api<unknown>('POST', '/api/terms', { name: text, startsOn: '1980-01-01', endsOn: '1980-02-01' });
    const teacher = await api<unknown>('POST', '/api/teachers', { name: text, passphrase: PASSPHRASE });
    expect([cls.status, term.status, teacher.status], JSON.stringify(text)).toEqual([400, 400, 400]);
    refused.push(text);
  }
  for (const text of INVISIBLE) {
    const cls = await api<unknown>('POST', '/api/classes', { grade: 3, name: text });
    const term = await api<unknown>('POST', '/api/terms', { name: text, startsOn: '1980-01-01', endsOn: '1980-02-01' });
    const teacher = await api<unknown>('POST', '/api/teachers', { name: text, passphrase: PASSPHRASE });
    expect([cls.status, term.status, teacher.status], JSON.stringify(text)).toEqual([400, 400, 400]);
    refused.push(text);
  }
  // Whitespace only is no name.
  expect((await api<unknown>('POST', '/api/classes', { grade: 3, name: ' \u3000\t ' })).status).toBe(400);

  // ------------------------------------------------------------ roster names: which get through
  const scratch = await api<{ id: string }>('POST', '/api/classes', { grade: 1, name: '名单试验' });
  const rosterAccepted: { typed: string; stored: string }[] = [];
  const rosterRefused: { typed: string; code: string | null }[] = [];
  for (const typed of ROSTER_CANDIDATES) {
    const r = await api<{ roster: { name: string }[] }>('POST', `/api/classes/${scratch.data.id}/roster`, {
      text: rosterText([typed]),
    });
    if (r.ok) rosterAccepted.push({ typed, stored: r.data.roster[0]?.name ?? '' });
    else rosterRefused.push({ typed, code: r.code });
  }
  expect((await api<unknown>('DELETE', `/api/classes/${scratch.data.id}`)).ok).toBe(true);
  console.log('roster names accepted (typed → stored):', JSON.stringify(rosterAccepted));
  console.log('roster names refused:', JSON.stringify(rosterRefused));
  for (const typed of ['<script>', '{{name}}', '=1+1', '张\u200B三', '\u202E五王', '\u3164\u3164', 'W'.repeat(33)]) {
    expect(rosterRefused.map((r) => r.typed)).toContain(typed);
  }

  // ------------------------------------------------------------ teachers, terms, classes
  for (const name of of('teacher')) {
    expect((await api<unknown>('POST', '/api/teachers', { name, passphrase: PASSPHRASE })).status).toBe(201);
  }
  const thisYear = new Date().getFullYear();
  const apiTerms = of('term');
  for (const [i, name] of apiTerms.entries()) {
    // The first is the current term (statistics default to it); the others lie in the past.
    const dates =
      i === 0
        ? { startsOn: `${thisYear - 1}-01-01`, endsOn: `${thisYear + 1}-12-31` }
        : { startsOn: `${1990 + i}-02-01`, endsOn: `${1990 + i}-06-30` };
    const r = await api<unknown>('POST', '/api/terms', { name, ...dates });
    expect(r.status, JSON.stringify(name)).toBe(201);
  }
  for (const [i, name] of of('class').entries()) {
    const r = await api<{ id: string }>('POST', '/api/classes', { grade: (i % 6) + 1, name });
    expect(r.status, JSON.stringify(name)).toBe(201);
  }

  // Typed into the console, as a teacher would.
  const w = await open('/teach/classes', CONSOLE);
  const teacher = w.page;
  await teacher.getByTestId('class-list').waitFor();
  for (const name of of('class-ui')) {
    const before = await teacher.locator('.class-name').count();
    await teacher.getByTestId('new-class-name').fill(name);
    await teacher.getByTestId('add-class').click();
    await expect.poll(() => teacher.locator('.class-name').count()).toBe(before + 1);
    await expect
      .poll(() => texts(teacher, '[data-testid="toast"]'))
      .toContainEqual(expect.stringContaining(`已添加班级“${name}”`));
  }
  const termForm = teacher.locator('.term-form');
  for (const [i, name] of of('term-ui').entries()) {
    const before = await teacher.locator('.term-name').count();
    await termForm.locator('input:not([type="date"])').fill(name);
    await termForm
      .locator('input[type="date"]')
      .nth(0)
      .fill(`${1980 + i}-09-01`);
    await termForm
      .locator('input[type="date"]')
      .nth(1)
      .fill(`${1981 + i}-01-20`);
    await termForm.locator('button[type="submit"]').click();
    await expect.poll(() => teacher.locator('.term-name').count()).toBe(before + 1);
  }

  const classes = (await api<{ id: string; name: string }[]>('GET', '/api/classes')).data;
  const idOf = (name: string): string => {
    const found = classes.find((c) => c.name === name);
    if (!found) throw new Error(`no class ${JSON.stringify(name)}`);
    return found.id;
  };
  // Stored exactly as typed: nothing trimmed inside, nothing normalised, nothing escaped.
  expect(classNames.filter((n) => !classes.some((c) => c.name === n))).toEqual([]);

  // The class for the layout: 40 unbroken letters, and every roster name the importer let through.
  const wide = 'W'.repeat(40);
  const roster = await api<{ roster: { name: string }[] }>('POST', `/api/classes/${idOf(wide)}/roster`, {
    text: rosterText(rosterAccepted.map((r) => r.typed)),
  });
  expect(roster.ok).toBe(true);
  const rosterNames = roster.data.roster.map((r) => r.name);

  // ------------------------------------------------------------ 班级与名单
  await teacher.reload();
  await teacher.getByTestId('class-list').waitFor();
  await expect.poll(() => teacher.locator('.class-name').count()).toBe(classNames.length);
  expect([...(await texts(teacher, '.class-name'))].sort()).toEqual([...classNames].sort());
  await expectShown(teacher, '.class-name', classNames);
  await expectShown(teacher, '.term-name', termNames);
  // Each class's roster heading: the name through i18next interpolation ("{{name}} · 名单").
  for (const name of classNames) {
    await teacher.getByTestId(`class-${name}`).click();
    await expect.poll(() => teacher.locator('#roster-heading').textContent()).toBe(`${name} · 名单`);
  }
  await teacher.getByTestId(`class-${wide}`).click();
  await expect.poll(() => teacher.locator('[data-testid="roster-table"] tbody tr').count()).toBe(rosterNames.length);
  await expectShown(teacher, '[data-testid="roster-table"] tbody td:nth-child(2)', rosterNames);
  await shot(teacher, 'trust-10-classes-hostile');
  await teacher.screenshot({ path: join(ARTIFACTS, 'trust-10b-classes-hostile-full.png'), fullPage: true });
  const consoleWide = await offScreen(teacher, 'body');
  await expectClean(w);

  // ------------------------------------------------------------ the lesson's class choice
  await teacher.getByTestId('tab-lesson').click();
  await teacher.getByTestId('activity-emotion-monster').click();
  await expect.poll(() => teacher.locator('[data-testid="lesson-class"] option').count()).toBe(classNames.length + 1);
  const options = await texts(teacher, '[data-testid="lesson-class"] option');
  const enrolled = (name: string) => (name === wide ? rosterNames.length : 0);
  expect(classNames.filter((n) => !options.includes(`${n}(${enrolled(n)} 人)`))).toEqual([]);
  await shot(teacher, 'trust-11-lesson-class-choice');
  await expectClean(w);

  // ------------------------------------------------------------ tablets and the projector
  const tablet = await open('/join', LANDSCAPE);
  const tabletProblems: string[] = [];
  let projector: Watched | null = null;
  const tabletClasses = [wide, `"><img src=x onerror=${PWN}>`, '👨‍👩‍👧‍👦家庭班👋🏽', '🌈'.repeat(40)];
  for (const [i, name] of tabletClasses.entries()) {
    const code = await createLesson(teacher, idOf(name));
    await teacher.getByTestId('lobby-class').waitFor();
    expect(await teacher.getByTestId('lobby-class').textContent()).toContain(`班级:${name} ·`);
    if (i === 1) {
      projector = await open(`/screen/${code}`, PROJECTOR);
      await projector.page.getByTestId('qr').waitFor();
      await shot(projector.page, 'trust-12-projector-hostile-class');
      await expectClean(projector);
    }
    await tablet.page.goto(`${url}/join?code=${code}`);
    await tablet.page.getByTestId('key-ok').click();
    await tablet.page.getByTestId('name-tiles').waitFor();
    await expectShown(tablet.page, '.tiles-heading .tablet-text', [name]);
    if (name === wide) {
      await expect.poll(() => tablet.page.locator('.name-tile').count()).toBe(rosterNames.length);
      await expectShown(tablet.page, '.tile-name', rosterNames);
    }
    await shot(tablet.page, `trust-13-tablet-tiles-${i + 1}`);
    tabletProblems.push(...(await offScreen(tablet.page, 'main')).map((p) => `${JSON.stringify(name)}: ${p}`));
    if (name === wide) {
      // A child takes the first name (the lesson then counts in the statistics); it is theirs alone.
      await tablet.page.getByTestId('tile-1').click();
      await tablet.page.getByTestId('waiting').waitFor();
      expect(await tablet.page.getByTestId('my-name').textContent()).toContain(rosterNames[0] ?? '?');
      await shot(tablet.page, 'trust-13b-tablet-waiting-hostile-name');
      tabletProblems.push(...(await offScreen(tablet.page, 'main')).map((p) => `waiting: ${p}`));
      await teacher.getByTestId('start-session').click();
      await teacher.getByTestId('console-panel').waitFor();
    }
    await expectClean(tablet);
    if (i === 0) await shot(teacher, 'trust-14-console-running-hostile-names');
    await endLesson(teacher);
  }
  expect(tabletProblems).toEqual([]);
  await tablet.page.context().close();
  await projector?.page.context().close();

  // ------------------------------------------------------------ statistics
  await teacher.getByTestId('tab-stats').click();
  await teacher.getByTestId('class-table').waitFor();
  await expectShown(teacher, '[data-testid="class-table-row"] td:first-child', classNames);
  const periods = await texts(teacher, '[data-testid="period-select"] option');
  const current = apiTerms[0] ?? '';
  expect(periods).toContain(`${current}(本学期)`);
  expect(termNames.filter((n) => n !== current && !periods.includes(n))).toEqual([]);
  await shot(teacher, 'trust-15-stats-hostile');
  await teacher.screenshot({ path: join(ARTIFACTS, 'trust-15b-stats-hostile-full.png'), fullPage: true });
  await expectClean(w);

  // ------------------------------------------------------------ 隐私与账号: the teachers
  await teacher.getByTestId('tab-privacy').click();
  await expect.poll(() => teacher.getByTestId('teacher-row').count()).toBe(teacherNames.length);
  await expectShown(
    teacher,
    '.teacher-row-name',
    teacherNames.map((n) => `👤 ${n}`),
  );
  expect(await teacher.getByTestId('teacher-name').textContent()).toBe(`👤 ${FIRST_TEACHER}`);
  await teacher.getByTestId('teachers').scrollIntoViewIfNeeded();
  await shot(teacher, 'trust-16-privacy-teachers-hostile');
  await expectClean(w);
  consoleWide.push(...(await offScreen(teacher, 'body')));
  await teacher.context().close();

  console.log(`hostile strings rendered: ${HOSTILE.length + 1} (+${rosterAccepted.length} roster names)`);
  console.log(`refused (too long, invisible or direction-changing): ${JSON.stringify(refused)}`);
  // Not asserted (reported): on the console (1366 wide) a 40-letter unbroken class name pushes the
  // roster heading past the panel and the page, which then scrolls sideways.
  console.log(`console layout, off-screen: ${JSON.stringify(consoleWide)}`);
});

it('privacy: retention saved, purge now, and a child deleted from every table', async () => {
  const w = await open('/teach/privacy', CONSOLE);
  const teacher = w.page;
  await teacher.getByTestId('retention-words').waitFor();
  await shot(teacher, 'trust-20-privacy');
  await teacher.getByTestId('retention-emotion').selectOption('183');
  await teacher.getByTestId('retention-participation').selectOption('365');
  await teacher.getByTestId('retention-save').click();
  await expect
    .poll(() => teacher.locator('.form-ok[role="status"]').first().innerText())
    .toBe('已保存:回答和求助记录保存 半年,参加记录保存 1 年。');
  expect(await teacher.getByTestId('retention-words').innerText()).toContain(
    '回答和求助记录保存 半年,参加记录保存 1 年',
  );
  expect((await api<{ retention: unknown }>('GET', '/api/privacy')).data.retention).toEqual({
    emotionDays: 183,
    participationDays: 365,
  });
  await teacher.getByTestId('purge-now').click();
  await teacher.getByTestId('purge-report').waitFor();
  expect(await teacher.getByTestId('purge-report').innerText()).toMatch(/数据库文件:.+→.+毫秒/);
  expect(await teacher.getByTestId('last-purge').innerText()).toMatch(/^上次清理:/);
  await shot(teacher, 'trust-21-privacy-saved-purged');

  // ------------------------------------------------------------ a class of three, a lesson
  const children = ['林小雨', '陈大山', '周晓明'];
  await teacher.getByTestId('tab-classes').click();
  await teacher.getByTestId('new-class-grade').selectOption('2');
  await teacher.getByTestId('new-class-name').fill('二年级(5)班');
  await teacher.getByTestId('add-class').click();
  await teacher.getByTestId('roster-panel').getByText('二年级(5)班 · 名单').waitFor();
  await teacher.getByTestId('roster-paste').fill(rosterText(children));
  await teacher.getByTestId('roster-import').click();
  await expect.poll(() => teacher.getByTestId('roster-report').innerText()).toContain('新增 3 人');
  const classId = (await api<{ id: string; name: string }[]>('GET', '/api/classes')).data.find(
    (c) => c.name === '二年级(5)班',
  )?.id;
  if (!classId) throw new Error('class not created');
  const rosterRows = (await api<{ id: string; name: string }[]>('GET', `/api/classes/${classId}/roster`)).data;
  const leaving = rosterRows.find((r) => r.name === '陈大山');
  if (!leaving) throw new Error('no 陈大山');

  const code = await createLesson(teacher, classId);
  const tablets: Watched[] = [];
  for (const [i] of children.entries()) {
    const t = await open(`/join?code=${code}`, LANDSCAPE);
    await t.page.getByTestId('key-ok').click();
    await t.page.getByTestId('name-tiles').waitFor();
    await t.page.getByTestId(`tile-${i + 1}`).click();
    await t.page.getByTestId('waiting').waitFor();
    tablets.push(t);
  }
  await expect.poll(() => teacher.getByTestId('participant-student').count()).toBe(3);
  await teacher.getByTestId('start-session').click();
  // Each child places a joy ball: answers, i.e. emotional data, for every one of them.
  for (const t of tablets) {
    await tapJar(t.page);
    await t.page.getByTestId('size-3').click();
  }
  await expect.poll(() => teacher.getByTestId('contributed').count()).toBe(3);
  await teacher.getByTestId('end-session').click();
  await teacher.getByTestId('confirm-end').click();
  await teacher.getByTestId('ended-summary').waitFor();
  for (const t of tablets) {
    await expectClean(t);
    await t.page.context().close();
  }

  const participations = (
    server.db.raw.prepare('SELECT id FROM participations WHERE student_id = ?').all(leaving.id) as { id: string }[]
  ).map((r) => r.id);
  expect(participations).toHaveLength(1);
  const needles = [leaving.id, leaving.name, ...participations];
  expect(mentions(needles).length).toBeGreaterThan(0);

  // ------------------------------------------------------------ the guardian's deletion
  await teacher.getByTestId('tab-classes').click();
  await teacher.getByTestId('class-二年级(5)班').click();
  const row = teacher.locator('[data-testid="roster-table"] tbody tr', { hasText: '陈大山' });
  await row.getByTestId('delete-student').click();
  const dialog = teacher.getByTestId('delete-student-dialog');
  await dialog.waitFor();
  expect(await dialog.innerText()).toContain('将永久删除 陈大山 的所有记录');
  // The safe choice has the focus.
  expect(await teacher.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
    'cancel-delete-student',
  );
  await shot(teacher, 'trust-22-delete-confirm');
  await teacher.getByTestId('confirm-delete-student').click();
  await teacher.getByTestId('student-deleted').waitFor();
  const deletedWords = await teacher.getByTestId('student-deleted').innerText();
  expect(deletedWords).toContain('已删除 陈大山 的数据');
  expect(deletedWords).toContain('1 条参加记录');
  expect(deletedWords).toContain('1 条回答');
  await expect.poll(() => teacher.locator('[data-testid="roster-table"] tbody tr').count()).toBe(2);
  await shot(teacher, 'trust-23-deleted');

  expect(mentions(needles)).toEqual([]);
  // The other two are still there, answers and all.
  const kept = rosterRows.filter((r) => r.id !== leaving.id).map((r) => r.id);
  const left = server.db.raw
    .prepare(
      `SELECT COUNT(*) AS n FROM contributions WHERE participant_id IN
        (SELECT id FROM participations WHERE student_id IN (?, ?))`,
    )
    .get(...kept) as { n: number };
  expect(left.n).toBeGreaterThan(0);
  await expectClean(w);
  await teacher.context().close();
});

it('a locked room keeps a new tablet out, a removed tablet says goodbye, a guesser rests', async () => {
  const w = await open('/teach', CONSOLE);
  const teacher = w.page;
  const classId =
    (await api<{ id: string; name: string }[]>('GET', '/api/classes')).data.find((c) => c.name === '二年级(5)班')?.id ??
    '';
  const code = await createLesson(teacher, classId);

  // Two tablets in: one child taps their name, one joins as a guest.
  const a = await open(`/join?code=${code}`, LANDSCAPE);
  await a.page.getByTestId('key-ok').click();
  await a.page.getByTestId('tile-1').click();
  await a.page.getByTestId('waiting').waitFor();
  const b = await open(`/join?code=${code}`, LANDSCAPE);
  await b.page.getByTestId('key-ok').click();
  await b.page.getByTestId('not-on-list').click();
  await b.page.getByTestId('join').click();
  await b.page.getByTestId('waiting').waitFor();
  await expect.poll(() => teacher.getByTestId('participant-row').count()).toBe(2);

  await teacher.getByTestId('lock-toggle').click();
  await expect.poll(() => teacher.getByTestId('lock-toggle').getAttribute('aria-pressed')).toBe('true');
  expect(await teacher.getByTestId('lock-room').innerText()).toContain('新的平板现在不能加入');
  await shot(teacher, 'trust-30-console-locked');

  // A third tablet types the code: the name it taps does not let it in…
  const c = await open('/join', LANDSCAPE);
  await typeCode(c.page, code);
  await c.page.getByTestId('name-tiles').waitFor();
  await c.page.getByTestId('tile-3').click();
  await expect.poll(() => c.page.locator('.name-tile.is-tapped').count()).toBe(0);
  const onTiles = await c.page.getByTestId('join-error').count();
  console.log(`room-locked shown on the name tiles after a tap: ${onTiles > 0 ? 'yes' : 'NO (nothing shown)'}`);
  await shot(c.page, 'trust-31-tablet-locked-tiles');
  // …and as a guest, the closed door in a picture and a child's words.
  await c.page.getByTestId('not-on-list').click();
  await c.page.getByTestId('join').click();
  const door = c.page.getByTestId('join-error');
  await expect.poll(() => door.getAttribute('data-error')).toBe('room-locked');
  expect(await door.innerText()).toBe('🔒\n老师锁上了教室的门,现在不能加入。请举手告诉老师。');
  expect(await offScreen(c.page, 'main')).toEqual([]);
  await shot(c.page, 'trust-32-tablet-room-locked');
  await c.page.getByTestId('lang-en').click();
  await expect
    .poll(() => door.innerText())
    .toBe(
      "🔒\nThe teacher locked the classroom door. You can't join now. Please put your hand up and tell your teacher.",
    );
  await shot(c.page, 'trust-33-tablet-room-locked-english');
  expect(await teacher.getByTestId('participant-row').count()).toBe(2);

  // The teacher takes tablet A out of the lesson: it waves goodbye.
  const rowA = teacher.getByTestId('participant-row').filter({ hasText: '林小雨' });
  await rowA.getByTestId('remove-seat').click();
  await teacher.getByTestId('remove-seat-dialog').waitFor();
  expect(await teacher.getByTestId('remove-seat-dialog').innerText()).toContain('林小雨');
  await shot(teacher, 'trust-34-console-remove-confirm');
  await teacher.getByTestId('confirm-remove-seat').click();
  await a.page.getByTestId('kicked').waitFor();
  expect(await a.page.getByTestId('kicked').getAttribute('data-reason')).toBe('removed');
  expect(await a.page.getByTestId('kicked').innerText()).toContain('老师让这台平板先离开这节课了');
  expect(await offScreen(a.page, 'main')).toEqual([]);
  await shot(a.page, 'trust-35-tablet-removed');
  await shot(teacher, 'trust-36-console-after-remove');
  // Locked: the removed tablet cannot come straight back as someone new.
  await a.page.getByTestId('kicked-home').click();
  await typeCode(a.page, code);
  await a.page.getByTestId('not-on-list').click();
  await a.page.getByTestId('join').click();
  await expect.poll(() => a.page.getByTestId('join-error').getAttribute('data-error')).toBe('room-locked');

  for (const t of [a, b, c]) {
    await expectClean(t);
    await t.page.context().close();
  }
  await endLesson(teacher);
  await expectClean(w);
  await teacher.context().close();

  // A tablet that guesses codes: after ten wrong ones in a minute, it is told to rest.
  const g = await open('/join', LANDSCAPE);
  const wrong = code === '999999' ? '888888' : '999999';
  await typeCode(g.page, wrong);
  for (let i = 0; i < 8; i++) {
    await g.page.getByTestId('join').click();
    const error = g.page.getByTestId('join-error');
    await error.waitFor();
    const reason = await error.getAttribute('data-error');
    if (reason === 'join-throttled') break;
    expect(reason).toBe('session-not-found');
    await g.page.getByTestId('key-ok').click();
  }
  const rest = g.page.getByTestId('join-error');
  await expect.poll(() => rest.getAttribute('data-error')).toBe('join-throttled');
  expect(await rest.innerText()).toBe('⏳\n输错太多次啦,休息一分钟再试,或者请老师帮忙。');
  await shot(g.page, 'trust-37-tablet-throttled');
  await expectClean(g);
  await g.page.context().close();
});
