/**
 * The activities' client halves, by id, each behind a dynamic `import()`: the classroom app loads
 * an activity's controls, console panel and strings only when that activity is on screen, so the
 * join page a tablet opens holds no activity code at all. Phaser is one step further away still,
 * behind each client's own `loadScenes()`.
 *
 * This entry imports nothing statically but the contract types: the logic (`ACTIVITIES`, titles,
 * grade bands, zod schemas) is the `@heartlamp/activities` entry, which the console imports.
 * Adding an activity is one line in `LOADERS`; the registry test checks it matches `ACTIVITIES`.
 *
 * @example
 *   const loaded = await loadActivityClient('emotion-monster');
 *   if (loaded) render(<loaded.client.TabletControls view={view} emit={emit} />);
 */
import type { Localized } from '@heartlamp/shared';
import type { AnyActivityClient } from './client-contract.js';

export * from './client-contract.js';

/** An activity as a screen needs it: its client half, and the words for what its logic refuses. */
export interface LoadedActivityClient {
  client: AnyActivityClient;
  /**
   * The logic's `rejections`, so a refused intent is worded in the language the screen shows now
   * (the server words it in the language of the socket's handshake).
   */
  rejections: Readonly<Record<string, Localized>>;
}

const LOADERS: ReadonlyMap<string, () => Promise<LoadedActivityClient>> = new Map([
  [
    'emotion-monster',
    async () => {
      const [{ emotionMonsterClient }, { emotionMonster }] = await Promise.all([
        import('./emotion-monster/client/index.js'),
        import('./emotion-monster/logic/index.js'),
      ]);
      return { client: emotionMonsterClient, rejections: emotionMonster.rejections };
    },
  ],
  [
    'attention-challenge',
    async () => {
      const [{ attentionChallengeClient }, { attentionChallenge }] = await Promise.all([
        import('./attention-challenge/client/index.js'),
        import('./attention-challenge/logic/index.js'),
      ]);
      return { client: attentionChallengeClient, rejections: attentionChallenge.rejections };
    },
  ],
  [
    'cooperation',
    async () => {
      const [{ cooperationClient }, { cooperation }] = await Promise.all([
        import('./cooperation/client/index.js'),
        import('./cooperation/logic/index.js'),
      ]);
      return { client: cooperationClient, rejections: cooperation.rejections };
    },
  ],
]);

/** Every activity id with a client half, without loading any of them. */
export const ACTIVITY_CLIENT_IDS: readonly string[] = [...LOADERS.keys()];

/**
 * Loads the client half of activity `id`; `undefined` for an id this build does not know. Rejects
 * when the chunk cannot be fetched (the network dropped): the caller offers a retry.
 */
export async function loadActivityClient(id: string): Promise<LoadedActivityClient | undefined> {
  const load = LOADERS.get(id);
  return load ? load() : undefined;
}
