/** Grades 1–6 of a Chinese primary school and the three bands the work summary reports by. */
import { z } from 'zod';

export const GRADE_BANDS = ['low', 'middle', 'high'] as const;
export type GradeBand = (typeof GRADE_BANDS)[number];
export const gradeBandSchema = z.enum(GRADE_BANDS);

export const gradeSchema = z.number().int().min(1).max(6);
export type Grade = 1 | 2 | 3 | 4 | 5 | 6;

/** 1–2 低年级, 3–4 中年级, 5–6 高年级. */
export function gradeBandOf(grade: Grade): GradeBand {
  if (grade <= 2) return 'low';
  if (grade <= 4) return 'middle';
  return 'high';
}

export const THEMES = [
  'emotion',
  'attention',
  'cooperation',
  'friendship',
  'time',
  'stress',
  'future',
  'puberty',
] as const;
export type ThemeId = (typeof THEMES)[number];
