/**
 * i18next setup. zh-CN is the default, English the second language; the choice is remembered in
 * localStorage so a tablet keeps its language across reloads.
 *
 * Three sources are merged into one i18next instance:
 * - this app's strings (`zh-CN.json`, `en.json`, namespace `translation`);
 * - the shared protocol error messages, as `errors.<code>`, so an ack error is shown in the
 *   language the screen is in now (the server's `message` is in the language of the handshake);
 * - each activity client's own strings and rejection words, registered when the activity loads
 *   (see ui/useActivityClient), as namespace `activity.<id>`.
 *
 * Only what a tablet shows is in the entry: the join page's sections of `zh-CN.json` (most tablets
 * never leave zh-CN, and the join page has a size budget). The console and projector fetch the rest
 * as their route loads (`loadAllStrings`). Another locale is fetched whole when chosen, or before
 * the first render when this browser chose it earlier; a switch waits for its strings, so nothing
 * shows half translated.
 *
 * `AppKey` is the set of keys of `zh-CN.json`: `useT()` only accepts those, so a missing string is
 * a compile error, and the checks in `appStrings` keep `en.json` in step with it.
 */
import type { LoadedActivityClient } from '@heartlamp/activities/client';
import type { Nickname } from '@heartlamp/shared';
import {
  DEFAULT_LOCALE,
  ERROR_CODES,
  type ErrorCode,
  errorMessage,
  LOCALES,
  type Locale,
  type Localized,
  type ProtocolError,
  pickLocale,
} from '@heartlamp/shared/light';
import i18next from 'i18next';
import { useCallback, useEffect } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { app, common, conn, lang, ledger, net, nickname, outdated, play, stage } from './zh-CN.json';
import zhCNUrl from './zh-CN.json?url';

const STORAGE_KEY = 'heartlamp.locale';

type AppStrings = typeof import('./zh-CN.json');
/** Dotted paths to every string leaf of a locale file. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type AppKey = Leaves<AppStrings> | `errors.${ErrorCode}`;
export type Vars = Record<string, string | number>;
export type TranslateFn = (key: AppKey, vars?: Vars) => string;
/** The untyped form handed to activities and the stage, whose keys this app cannot know. */
export type LooseTranslateFn = (key: string, vars?: Vars) => string;

/**
 * The sections of `zh-CN.json` bundled for the join page and the app's shell (not-found, toasts,
 * "please reload"); `ledger` for the name tiles. A section a tablet screen starts to use goes here:
 * i18n.test.ts checks the join page's keys against this list.
 */
const TABLET_ZH = { app, common, conn, lang, ledger, net, nickname, outdated, play, stage };
export const TABLET_SECTIONS: readonly string[] = Object.keys(TABLET_ZH);

/** Both files must hold the same keys: each is checked against the other's type in `appStrings`. */
type EnStrings = typeof import('./en.json');

function errorStrings(locale: Locale): Record<string, string> {
  return Object.fromEntries(ERROR_CODES.map((code) => [code, errorMessage(code, locale)]));
}

export function activityNamespace(activityId: string): string {
  return `activity.${activityId}`;
}

/** What a page needs of a locale: the tablet's sections (the join page), or all (console, projector). */
type StringSet = 'tablet' | 'all';
let pageNeeds: StringSet = 'tablet';
/** How much of each locale is registered with i18next. */
const registered = new Map<Locale, StringSet>();
const loading = new Map<string, Promise<void>>();

/** This app's strings in `locale`, as much as `set` asks (or more: a second locale comes whole). */
async function appStrings(locale: Locale, set: StringSet): Promise<{ set: StringSet; strings: object }> {
  switch (locale) {
    case 'zh-CN': {
      if (set === 'tablet') return { set, strings: TABLET_ZH };
      const response = await fetch(zhCNUrl);
      if (!response.ok) throw new Error(`strings for ${locale}: HTTP ${response.status}`);
      // Trusted: the build copied this very file, whose type `AppStrings` is; as `EnStrings` too,
      // which checks that zh-CN holds every key of en.
      const all: EnStrings = (await response.json()) as AppStrings;
      return { set: 'all', strings: all };
    }
    case 'en': {
      const enMatchesZh: AppStrings = (await import('./en.json')).default;
      return { set: 'all', strings: enMatchesZh };
    }
  }
}

function register(locale: Locale, loaded: { set: StringSet; strings: object }): void {
  i18next.addResourceBundle(locale, 'translation', { ...loaded.strings, errors: errorStrings(locale) }, true, true);
  if (registered.get(locale) !== 'all') registered.set(locale, loaded.set);
}

/** Makes `locale`'s strings available as far as this page needs them (a failed fetch may be retried). */
function loadLocale(locale: Locale): Promise<void> {
  const have = registered.get(locale);
  const set = pageNeeds;
  if (have === 'all' || have === set) return Promise.resolve();
  const key = `${locale} ${set}`;
  let pending = loading.get(key);
  if (!pending) {
    pending = appStrings(locale, set).then(
      (loaded) => register(locale, loaded),
      (error: unknown) => {
        loading.delete(key);
        throw error;
      },
    );
    loading.set(key, pending);
  }
  return pending;
}

/**
 * For the console and the projector, before their first render (their lazy route awaits it): every
 * string of the current locale, and of any locale switched to from now on.
 */
export function loadAllStrings(): Promise<void> {
  pageNeeds = 'all';
  return loadLocale(currentLocale());
}

export function storedLocale(): Locale {
  try {
    return pickLocale(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    // Private mode or storage disabled: the default is fine.
    return DEFAULT_LOCALE;
  }
}

/**
 * Resolves when the remembered locale's strings are in, so the first render has every string: at
 * once for the default locale (bundled), after one small fetch for another. Should that fetch
 * fail, the page opens in the default locale rather than not at all.
 */
export async function initI18n(): Promise<void> {
  void i18next.use(initReactI18next).init({
    resources: {},
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    load: 'currentOnly',
    defaultNS: 'translation',
    ns: ['translation'],
    // React escapes what it renders; escaping here would double-escape.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  register(DEFAULT_LOCALE, await appStrings(DEFAULT_LOCALE, 'tablet'));
  document.documentElement.lang = DEFAULT_LOCALE;
  const stored = storedLocale();
  if (stored === DEFAULT_LOCALE) return;
  try {
    await switchTo(stored);
  } catch {
    // Offline at the wrong moment: the default locale, and the switch is there to try again.
  }
}

async function switchTo(locale: Locale): Promise<void> {
  await loadLocale(locale);
  await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
}

/** The words for each loaded activity's refusals, by activity id (see `errorText`). */
const activityRejections = new Map<string, Readonly<Record<string, Localized>>>();

/** Registers a freshly loaded activity's strings (namespace `activity.<id>`, every locale). */
export function addActivityStrings({ client, rejections }: LoadedActivityClient): void {
  for (const locale of LOCALES) {
    i18next.addResourceBundle(locale, activityNamespace(client.id), client.locales[locale], true, true);
  }
  activityRejections.set(client.id, rejections);
}

/** The locale the app shows now (also sent in the socket handshake). */
export function currentLocale(): Locale {
  return pickLocale(i18next.language);
}

/**
 * Switches the app to `locale` once its strings are in; rejects, leaving the language as it was,
 * when they cannot be fetched.
 */
export async function setLocale(locale: Locale): Promise<void> {
  await switchTo(locale);
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered; the switch still applies to this page.
  }
}

/** Typed `t` for this app's own strings; re-renders on a language change. */
export function useT(): TranslateFn {
  const { t } = useTranslation();
  return useCallback((key: AppKey, vars?: Vars) => String(t(key, vars ?? {})), [t]);
}

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return pickLocale(i18n.language);
}

/** `t` bound to an activity's namespace and a locale, for its stage and controls. */
export function activityT(activityId: string, locale: Locale): LooseTranslateFn {
  const fixed = i18next.getFixedT(locale, activityNamespace(activityId));
  return (key, vars) => String(fixed(key, vars ?? {}));
}

/** "勇敢的小熊" / "Brave Bear": a nickname is stored as codes and rendered in the screen's locale. */
export function nicknameText(t: TranslateFn, nickname: Nickname): string {
  return t('nickname.format', {
    adjective: t(`nickname.adjective.${nickname.adjective}`),
    animal: t(`nickname.animal.${nickname.animal}`),
  });
}

/**
 * Words for an ack error, in the current locale. An activity's rejection (`rejected` + `reason`) is
 * worded by the activity itself, from its `rejections` (registered when it loaded); should it not
 * be loaded here, the server's `message` carries those same words, in the handshake's locale.
 * Otherwise the shared message for the code; the server's `message` is the last resort, for a code
 * this build does not know.
 */
export function errorText(t: TranslateFn, locale: Locale, error: ProtocolError, activityId?: string): string {
  if (error.code === 'rejected' && error.reason && activityId) {
    const words = activityRejections.get(activityId)?.[error.reason];
    if (words) return words[locale];
    if (error.message) return error.message;
  }
  if ((ERROR_CODES as readonly string[]).includes(error.code)) return t(`errors.${error.code}`);
  return error.message;
}

/** Sets the window title (the teacher tells the console and projector windows apart by it). */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/** `t` outside React (network clients), in the current locale. */
export const translate: TranslateFn = (key, vars) => String(i18next.t(key, vars ?? {}));
