/**
 * The words of the exports. The workbook, the CSV and the work summary are written in Chinese — the
 * language of the template they feed (`seed/000_…txt`) and of the people who open them; every
 * word is in `export.zh-CN.json`. Numbers and dates are formatted here, once.
 */
import type { GradeBand } from '@heartlamp/shared';
import zh from './export.zh-CN.json' with { type: 'json' };

export const L = zh;

/** Fills `{{name}}` placeholders. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

export function bandLabel(band: GradeBand | null, short = false): string {
  const labels = short ? zh.bandsShort : zh.bands;
  return band === null ? labels.none : labels[band];
}

export function themeLabel(theme: string): string {
  return (zh.themes as Record<string, string>)[theme] ?? theme;
}

export function emotionLabel(code: string): string {
  return (zh.emotions as Record<string, string>)[code] ?? code;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD HH:mm on the server's clock. */
export function dateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "97.5%", or "—" when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '—';
  return `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`;
}
