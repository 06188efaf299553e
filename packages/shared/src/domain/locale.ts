/** Locales, and the schema for one; the values live in light/locale.ts (no zod, for the join page). */
import { z } from 'zod';
import { LOCALES } from '../light/locale.js';

export * from '../light/locale.js';

export const localeSchema = z.enum(LOCALES);
