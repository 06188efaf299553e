/** Traffic for the conformance suite (src/conformance.ts): what tablets and the teacher may send. */
import fc from 'fast-check';
import { defineConformanceFixture } from '../../conformance.js';
import { EMOTIONS, emotionMonster, INTENSITIES, JAR_EMOTIONS, REASONS } from './index.js';

export const conformanceFixture = defineConformanceFixture(emotionMonster, {
  intent: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        type: fc.constant('answer'),
        emotion: fc.constantFrom(...EMOTIONS),
        intensity: fc.constantFrom(...INTENSITIES),
        reason: fc.option(fc.constantFrom(...REASONS), { nil: null }),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ type: 'pass' }) },
    { weight: 1, arbitrary: fc.constant({ type: 'ask-to-talk' }) },
  ),
  hostIntent: fc.oneof(
    fc.constant({ type: 'reveal' }),
    fc.record({ type: fc.constant('spotlight'), jar: fc.constantFrom(...JAR_EMOTIONS) }),
    fc.constant({ type: 'sort' }),
  ),
  config: fc.record({ askReason: fc.boolean() }),
});
