/**
 * Traffic for the conformance suite (src/conformance.ts): taps from tablets, the teacher's steps.
 * Teacher steps are weighted towards forming teams and starting rounds, so random scenarios spend
 * most of their time in a running round where taps matter. A `move` names a random id the scenario
 * rarely knows, so it mostly exercises the refusal; reduce.test.ts moves real children.
 */
import { participantIdSchema } from '@heartlamp/shared';
import fc from 'fast-check';
import { defineConformanceFixture, participantIdArb } from '../../conformance.js';
import { cooperation, MAX_TEAMS } from './index.js';

export const conformanceFixture = defineConformanceFixture(cooperation, {
  intent: fc.constant({ type: 'tap' as const }),
  hostIntent: fc.oneof(
    { weight: 3, arbitrary: fc.record({ type: fc.constant('form-teams' as const) }) },
    {
      weight: 2,
      arbitrary: fc.record({ type: fc.constant('form-teams' as const), teams: fc.integer({ min: 1, max: MAX_TEAMS }) }),
    },
    { weight: 3, arbitrary: fc.constant({ type: 'start-round' as const }) },
    {
      weight: 1,
      arbitrary: fc.record(
        {
          type: fc.constant('start-round' as const),
          seconds: fc.integer({ min: 20, max: 180 }),
          goal: fc.integer({ min: 4, max: 30 }),
        },
        { requiredKeys: ['type'] },
      ),
    },
    { weight: 1, arbitrary: fc.constant({ type: 'stop-round' as const }) },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('move' as const),
        participant: fc.oneof(participantIdArb, fc.constant(participantIdSchema.parse('p_nobody_here_0'))),
        team: fc.integer({ min: 0, max: MAX_TEAMS - 1 }),
      }),
    },
  ),
  config: fc.record({
    beatMs: fc.integer({ min: 1000, max: 1500 }),
    roundSeconds: fc.integer({ min: 20, max: 180 }),
    goal: fc.integer({ min: 4, max: 30 }),
  }),
});
