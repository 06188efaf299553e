/**
 * Every activity's logic, by id. The server imports this (and only this) entry: no Phaser, no DOM.
 * Adding an activity is one folder and one line here; nothing in apps/server changes.
 */

import { attentionChallenge } from './attention-challenge/logic/index.js';
import type { AnyActivity } from './contract.js';
import { cooperation } from './cooperation/logic/index.js';
import { emotionMonster } from './emotion-monster/logic/index.js';

export const ACTIVITIES: readonly AnyActivity[] = [emotionMonster, attentionChallenge, cooperation];

const byId = new Map(ACTIVITIES.map((a) => [a.id, a]));

export function getActivity(id: string): AnyActivity | undefined {
  return byId.get(id);
}
