import { defineConfig } from 'vitest/config';

// Unit tests of the client's pure modules (ids, retry, the tablet's join/kick handling). Kept apart
// from vite.config.ts so the tests do not load the app's build setup.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], testTimeout: 20_000 },
});
