/**
 * Traffic for the conformance suite (src/conformance.ts): what tablets and the teacher may send.
 * Rounds and attempts are small numbers so that some results name the open board; tap times grow
 * by at least the human minimum and fish-game responses have the right lengths, so that some of the
 * random results pass the plausibility rules and reach the views and the ledger, not only the refusals.
 */
import { GRADE_BANDS } from '@heartlamp/shared';
import fc from 'fast-check';
import { defineConformanceFixture } from '../../conformance.js';
import { attentionChallenge, GRID_SIZES, MAX_LEVELS, MIN_STEP_MS, PACE_SPECS, PACES } from './index.js';

const round = fc.nat({ max: 3 });
// Most results are for the class board (attempt 0); some follow a retry.
const attempt = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 2 }) });

const taps = fc
  .array(fc.tuple(fc.nat({ max: 24 }), fc.integer({ min: MIN_STEP_MS, max: 4000 })), { minLength: 1, maxLength: 40 })
  .map((steps) => {
    let t = 0;
    return steps.map(([cell, dt]): [number, number] => {
      t += dt;
      return [cell, t];
    });
  });

/** Long enough for any pace, short enough to stay inside the fastest pace's response window. */
const responses = fc
  .constantFrom(...PACES.map((p) => PACE_SPECS[p].items))
  .chain((n) =>
    fc.array(fc.option(fc.integer({ min: MIN_STEP_MS, max: 1100 }), { nil: null }), { minLength: n, maxLength: n }),
  );

const level = fc.oneof(
  fc.record({ kind: fc.constant('schulte' as const), size: fc.constantFrom(...GRID_SIZES) }),
  fc.record({ kind: fc.constant('gonogo' as const), pace: fc.constantFrom(...PACES) }),
);

export const conformanceFixture = defineConformanceFixture(attentionChallenge, {
  intent: fc.oneof(
    { weight: 2, arbitrary: fc.record({ type: fc.constant('retry' as const), round }) },
    { weight: 3, arbitrary: fc.record({ type: fc.constant('schulte-done' as const), round, attempt, taps }) },
    { weight: 3, arbitrary: fc.record({ type: fc.constant('gonogo-done' as const), round, attempt, responses }) },
  ),
  hostIntent: fc.oneof(
    { weight: 3, arbitrary: fc.constant({ type: 'start' as const }) },
    { weight: 2, arbitrary: fc.constant({ type: 'stop' as const }) },
    { weight: 2, arbitrary: fc.constant({ type: 'next' as const }) },
    {
      weight: 2,
      arbitrary: fc.record({ type: fc.constant('choose' as const), level: fc.nat({ max: MAX_LEVELS - 1 }) }),
    },
    { weight: 1, arbitrary: fc.constant({ type: 'finish' as const }) },
  ),
  config: fc.oneof(
    fc.constant({}),
    fc.record({ gradeBand: fc.constantFrom(...GRADE_BANDS) }),
    fc.record({ levels: fc.array(level, { minLength: 1, maxLength: MAX_LEVELS }) }),
  ),
});
