/**
 * Checks on the teacher's name and passphrase before they go to the server, so a teacher sees at
 * once what to change (a passphrase too short, two entries that differ) instead of a round trip.
 * The limits are the server's own (`teacherNameSchema`, `passphraseSchema` in @heartlamp/shared).
 * Pure: the forms word the problems, the tests drive these directly.
 */
import { passphraseSchema, teacherNameSchema } from '@heartlamp/shared';

/** The shortest passphrase the server takes; the forms say so beside the field. */
export const PASSPHRASE_MIN = 8;
export const PASSPHRASE_MAX = 128;
export const NAME_MAX = 40;

export type CredentialsProblem =
  | 'name-missing'
  | 'name-too-long'
  | 'passphrase-missing'
  | 'passphrase-short'
  | 'passphrase-long'
  | 'repeat-differs';

export interface NewTeacherForm {
  name: string;
  passphrase: string;
  /** The passphrase typed a second time. */
  repeat: string;
}

function nameProblem(name: string): CredentialsProblem | null {
  if (name.trim() === '') return 'name-missing';
  return teacherNameSchema.safeParse(name).success ? null : 'name-too-long';
}

/**
 * What stops a new teacher (first run, or one added on the privacy page) from being saved, in the
 * order the fields appear; empty when the form can be sent.
 *
 * @example setupProblems({ name: '王老师', passphrase: 'short', repeat: 'short' }) // ['passphrase-short']
 */
export function setupProblems(form: NewTeacherForm): CredentialsProblem[] {
  const problems: CredentialsProblem[] = [];
  const name = nameProblem(form.name);
  if (name) problems.push(name);
  if (form.passphrase === '') problems.push('passphrase-missing');
  else if (!passphraseSchema.safeParse(form.passphrase).success) {
    problems.push(form.passphrase.length < PASSPHRASE_MIN ? 'passphrase-short' : 'passphrase-long');
  }
  // Only once the first entry is acceptable: one problem at a time for the passphrase.
  else if (form.repeat !== form.passphrase) problems.push('repeat-differs');
  return problems;
}

/**
 * Signing in only needs both fields filled: a passphrase of the wrong length is simply wrong, and
 * the server says so in the same words as any other wrong one.
 */
export function loginProblems(form: { name: string; passphrase: string }): CredentialsProblem[] {
  const problems: CredentialsProblem[] = [];
  const name = nameProblem(form.name);
  if (name) problems.push(name);
  if (form.passphrase === '') problems.push('passphrase-missing');
  else if (form.passphrase.length > PASSPHRASE_MAX) problems.push('passphrase-long');
  return problems;
}

/** The field a problem belongs to, so the form can mark it and move the focus there. */
export function problemField(problem: CredentialsProblem): keyof NewTeacherForm {
  if (problem === 'name-missing' || problem === 'name-too-long') return 'name';
  if (problem === 'repeat-differs') return 'repeat';
  return 'passphrase';
}
