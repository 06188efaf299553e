/**
 * The string loading behind the join page's budget: the entry bundles only the tablet's sections
 * of zh-CN, so every key the join page uses must be in them; English arrives whole when chosen; the
 * console's strings arrive with its route; and an activity's refusals are worded in the screen's
 * language once it has loaded (the server's own words before that).
 */
import type { LoadedActivityClient } from '@heartlamp/activities/client';
import type { ProtocolError } from '@heartlamp/shared';
import i18next from 'i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';

const storage = new Map<string, string>([['heartlamp.locale', 'en']]);
vi.stubGlobal('window', {
  localStorage: {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => storage.set(key, value),
  },
});
vi.stubGlobal('document', { documentElement: { lang: '' } });

const { addActivityStrings, errorText, initI18n, loadAllStrings, setLocale, TABLET_SECTIONS, translate } = await import(
  './index'
);

/** The source of every module the join page loads before a stage (the console's and projector's are not). */
const JOIN_PAGE_SOURCES = import.meta.glob<string>(
  [
    '../{App,main}.tsx',
    '../play/**/*.{ts,tsx}',
    '../ui/**/*.{ts,tsx}',
    '../stage/**/*.{ts,tsx}',
    '../stores/*.ts',
    '../net/{ack,identity,play,reclaim,retry,socket}.ts',
    './index.ts',
    '!**/*.test.ts',
  ],
  { query: '?raw', import: 'default', eager: true },
);

describe('the tablet sections of zh-CN', () => {
  it('hold every key the join page uses', () => {
    const sections = new Set(Object.keys(zhCN));
    const used = new Set<string>();
    for (const source of Object.values(JOIN_PAGE_SOURCES)) {
      for (const [, section] of source.matchAll(/['"`]([a-z][A-Za-z]*)\.[A-Za-z$]/g)) {
        if (section && sections.has(section)) used.add(section);
      }
    }
    expect(Object.keys(JOIN_PAGE_SOURCES).length).toBeGreaterThan(10);
    expect(used).toContain('play');
    expect([...used].filter((s) => !TABLET_SECTIONS.includes(s))).toEqual([]);
  });
});

describe('loading strings', () => {
  beforeAll(async () => {
    await initI18n();
  });

  it('opens in the remembered second language, fetched before the first render', () => {
    expect(i18next.language).toBe('en');
    expect(translate('play.code.title')).toBe(en.play.code.title);
    expect(translate('play.code.title')).not.toBe(zhCN.play.code.title);
  });

  it('switches back to the bundled default', async () => {
    await setLocale('zh-CN');
    expect(translate('play.code.title')).toBe(zhCN.play.code.title);
    expect(storage.get('heartlamp.locale')).toBe('zh-CN');
  });

  it('has only the tablet sections until the console asks for all', async () => {
    expect(translate('teach.title')).toBe('teach.title');
    const fetchStub = vi.fn(async () => new Response(JSON.stringify(zhCN)));
    vi.stubGlobal('fetch', fetchStub);
    await loadAllStrings();
    expect(translate('teach.title')).toBe(zhCN.teach.title);
    await loadAllStrings();
    expect(fetchStub).toHaveBeenCalledTimes(1);
  });
});

describe('errorText', () => {
  const rejected: ProtocolError = { code: 'rejected', reason: 'not-sorting', message: '服务器的话' };
  const activity = {
    client: { id: 'emotion-monster', locales: { 'zh-CN': {}, en: {} } },
    rejections: { 'not-sorting': { 'zh-CN': '等一等', en: 'Wait a moment' } },
  } as unknown as LoadedActivityClient;

  it("uses the server's words for an activity not loaded here", () => {
    expect(errorText(translate, 'en', rejected, 'emotion-monster')).toBe('服务器的话');
  });

  it("words a refusal in the screen's language once the activity has loaded", () => {
    addActivityStrings(activity);
    expect(errorText(translate, 'en', rejected, 'emotion-monster')).toBe('Wait a moment');
    expect(errorText(translate, 'zh-CN', rejected, 'emotion-monster')).toBe('等一等');
  });

  it('words a protocol error from the shared messages', () => {
    const full: ProtocolError = { code: 'session-full', message: 'server words' };
    expect(errorText(translate, 'zh-CN', full)).not.toBe('server words');
    expect(errorText(translate, 'zh-CN', full)).toMatch(/\S/);
  });
});
