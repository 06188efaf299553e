/**
 * The fault suite (test/faults): reconnects, long outages, stalls, `kill -9`, latency, backups
 * under load — 40 simulated tablets per file, on loopback — and the socket fuzz (test/fuzz.test.ts:
 * 10,000 random payloads for every event). It takes minutes (one test keeps tablets
 * off the network for 150 s), so it runs as its own command, `pnpm test:faults`, not with every
 * `pnpm test`.
 *
 * Files run side by side, three at a time: each starts its own server on its own port and data
 * folder, so they share nothing but the CPU. The two long files start first and the short ones
 * take turns in the third worker, so on two cores the suite lasts about as long as its longest
 * file, and no more than three classes of 40 tablets compete for the CPU at once. Timeouts are
 * correctness bounds, set far above what a passing run needs.
 */

import { defineConfig } from 'vitest/config';
import type { TestSpecification } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';

/** Longest first (seconds on a 2-core machine, measured); unknown files after them. */
const ORDER = ['reconnect', 'long-outage', 'fuzz', 'stall', 'backup-under-load', 'latency', 'kill9'];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = ORDER.findIndex((name) => file.moduleId.endsWith(`/${name}.test.ts`));
      return index === -1 ? ORDER.length : index;
    };
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts', 'test/fuzz.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 3,
    sequence: { sequencer: LongestFirst },
  },
});
