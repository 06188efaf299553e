/**
 * Logic + scenes + controls, by id: the classroom app's entry. Phaser itself is only reached
 * through each client's lazy `loadScenes()`.
 */
import { attentionChallengeClient } from './attention-challenge/client/index.js';
import type { AnyActivityClient } from './client-contract.js';
import { cooperationClient } from './cooperation/client/index.js';
import { emotionMonsterClient } from './emotion-monster/client/index.js';

export * from './client-contract.js';
export * from './index.js';

export const ACTIVITY_CLIENTS: readonly AnyActivityClient[] = [
  emotionMonsterClient,
  attentionChallengeClient,
  cooperationClient,
];

const byId = new Map(ACTIVITY_CLIENTS.map((c) => [c.id, c]));

export function getActivityClient(id: string): AnyActivityClient | undefined {
  return byId.get(id);
}
