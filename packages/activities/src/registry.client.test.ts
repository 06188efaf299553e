/**
 * The client registry loads lazily, so nothing at build time says it lists the same activities as
 * the logic registry: this test does. Each loader is run once, which also checks that the client
 * half and its locales load without Phaser (scenes stay behind `loadScenes()`).
 */
import { LOCALES } from '@heartlamp/shared';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_CLIENT_IDS, loadActivityClient } from './registry.client.js';
import { ACTIVITIES } from './registry.js';

describe('the client registry', () => {
  it('has a client for every activity, and no other', () => {
    expect([...ACTIVITY_CLIENT_IDS].sort()).toEqual(ACTIVITIES.map((a) => a.id).sort());
  });

  it.each(ACTIVITIES.map((a) => [a.id, a] as const))(
    'loads %s with its strings and rejections',
    async (id, activity) => {
      const loaded = await loadActivityClient(id);
      expect(loaded?.client.id).toBe(id);
      expect(loaded?.rejections).toBe(activity.rejections);
      for (const locale of LOCALES) expect(Object.keys(loaded?.client.locales[locale] ?? {})).not.toHaveLength(0);
    },
  );

  it('knows no other id', async () => {
    expect(await loadActivityClient('no-such-activity')).toBeUndefined();
  });
});
