import { z } from 'zod';

/** zh-CN first; English second. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const localeSchema = z.enum(LOCALES);

/** A string in every locale we ship, for data that travels with code (activity titles). */
export type Localized = Readonly<Record<Locale, string>>;

export function pickLocale(value: unknown): Locale {
  const parsed = localeSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_LOCALE;
}
