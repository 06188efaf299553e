/** Small lookups the console shares: an activity's logic definition and a participant's name. */
import { ACTIVITIES, type AnyActivity } from '@heartlamp/activities';
import type { ConsoleParticipant } from '@heartlamp/shared';
import { nicknameText, type TranslateFn } from '../i18n';

export function activityDefinition(id: string): AnyActivity | undefined {
  return ACTIVITIES.find((a) => a.id === id);
}

export function nameOfParticipant(t: TranslateFn, participants: readonly ConsoleParticipant[], id: string): string {
  const found = participants.find((p) => p.id === id);
  // The console is the teacher's alone: a roster child is shown by their name.
  if (found?.student) return found.student.name;
  return found ? nicknameText(t, found.nickname) : t('teach.unknownChild');
}

export function answeredCount(participants: readonly ConsoleParticipant[]): number {
  return participants.filter((p) => p.contributed).length;
}
