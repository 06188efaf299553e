import { defineConfig } from 'vitest/config';

// Property tests (fast-check, the conformance suite) are CPU-bound: on a busy 2-core machine one
// case can take several seconds, so the per-test timeout is a ceiling for a stuck test, not a
// performance bound.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], testTimeout: 60_000 },
});
