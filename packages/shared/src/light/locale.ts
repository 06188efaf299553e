/** The locales we ship, without zod (`localeSchema` in domain/locale.ts is built on these). */

/** zh-CN first; English second. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** A string in every locale we ship, for data that travels with code (activity titles). */
export type Localized = Readonly<Record<Locale, string>>;

export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

export function pickLocale(value: unknown): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}
