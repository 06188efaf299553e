/** `@heartlamp/shared/light` loads without zod: the join page's size depends on it. */
import { expect, it, vi } from 'vitest';

vi.mock('zod', () => {
  throw new Error('@heartlamp/shared/light must not import zod (directly or through another module)');
});

it('loads with zod unavailable', async () => {
  const light = await import('./index.js');
  expect(light.parseJoinCode('123456')).toBe('123456');
  expect(light.errorMessage('session-full', 'en')).toMatch(/\S/);
});
