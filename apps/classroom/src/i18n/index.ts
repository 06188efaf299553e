/**
 * i18next setup. zh-CN is the default, English the second language; the choice is remembered in
 * localStorage so a tablet keeps its language across reloads.
 *
 * Three sources are merged into one i18next instance:
 * - this app's strings (`zh-CN.json`, `en.json`, namespace `translation`);
 * - the shared protocol error messages, as `errors.<code>`, so an ack error is shown in the
 *   language the screen is in now (the server's `message` is in the language of the handshake);
 * - each activity client's own strings, as namespace `activity.<id>`.
 *
 * `AppKey` is the set of keys of `zh-CN.json`: `useT()` only accepts those, so a missing string is
 * a compile error, and the type check at the bottom keeps `en.json` in step with it.
 */
import { ACTIVITIES, ACTIVITY_CLIENTS } from '@heartlamp/activities/client';
import {
  DEFAULT_LOCALE,
  ERROR_CODES,
  type ErrorCode,
  errorMessage,
  LOCALES,
  type Locale,
  type Nickname,
  type ProtocolError,
  pickLocale,
} from '@heartlamp/shared';
import i18next, { type Resource } from 'i18next';
import { useCallback, useEffect } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

const STORAGE_KEY = 'heartlamp.locale';

type AppStrings = typeof zhCN;
/** Dotted paths to every string leaf of a locale file. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type AppKey = Leaves<AppStrings> | `errors.${ErrorCode}`;
export type Vars = Record<string, string | number>;
export type TranslateFn = (key: AppKey, vars?: Vars) => string;
/** The untyped form handed to activities and the stage, whose keys this app cannot know. */
export type LooseTranslateFn = (key: string, vars?: Vars) => string;

// Both files must hold the same keys: each is checked against the other's type.
const enMatchesZh: AppStrings = en;
const zhMatchesEn: typeof en = zhCN;

function errorStrings(locale: Locale): Record<string, string> {
  return Object.fromEntries(ERROR_CODES.map((code) => [code, errorMessage(code, locale)]));
}

export function activityNamespace(activityId: string): string {
  return `activity.${activityId}`;
}

function buildResources(): Resource {
  const app: Record<Locale, AppStrings> = { 'zh-CN': zhMatchesEn, en: enMatchesZh };
  const resources: Resource = {};
  for (const locale of LOCALES) {
    const bundle: Resource[string] = { translation: { ...app[locale], errors: errorStrings(locale) } };
    for (const client of ACTIVITY_CLIENTS) bundle[activityNamespace(client.id)] = client.locales[locale];
    resources[locale] = bundle;
  }
  return resources;
}

export function storedLocale(): Locale {
  try {
    return pickLocale(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    // Private mode or storage disabled: the default is fine.
    return DEFAULT_LOCALE;
  }
}

/** Synchronous: resources are bundled, so the first render already has every string. */
export function initI18n(): typeof i18next {
  const lng = storedLocale();
  void i18next.use(initReactI18next).init({
    resources: buildResources(),
    lng,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    load: 'currentOnly',
    defaultNS: 'translation',
    ns: ['translation', ...ACTIVITY_CLIENTS.map((c) => activityNamespace(c.id))],
    // React escapes what it renders; escaping here would double-escape.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  document.documentElement.lang = lng;
  return i18next;
}

/** The locale the app shows now (also sent in the socket handshake). */
export function currentLocale(): Locale {
  return pickLocale(i18next.language);
}

export function setLocale(locale: Locale): void {
  void i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
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
 * worded by the activity itself; otherwise the shared message for the code. The server's own
 * `message` is the last resort, for a code this build does not know.
 */
export function errorText(t: TranslateFn, locale: Locale, error: ProtocolError, activityId?: string): string {
  if (error.code === 'rejected' && error.reason && activityId) {
    const words = ACTIVITIES.find((a) => a.id === activityId)?.rejections[error.reason];
    if (words) return words[locale];
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
