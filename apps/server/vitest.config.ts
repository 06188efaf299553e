import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // The fault suite and the socket fuzz take minutes: `pnpm test:faults` (vitest.faults.config.ts).
    exclude: ['test/faults/**', 'test/fuzz.test.ts', '**/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
