/**
 * Runs the conformance suite over every activity in the registry. An activity's fixture is found by
 * convention at `./<id>/logic/conformance.fixture.ts`; an activity without one fails here, so a new
 * activity cannot reach the server unchecked.
 */
import { describe, expect, it } from 'vitest';
import { type ConformanceFixture, checkCase, describeConformance, isConformanceFixture } from './conformance.js';
import { defineActivity, isRejection } from './contract.js';
import { conformanceFixture as emotionMonsterFixture } from './emotion-monster/logic/conformance.fixture.js';
import { emotionMonster } from './emotion-monster/logic/index.js';
import { ACTIVITIES } from './registry.js';

async function loadFixture(id: string): Promise<ConformanceFixture | string> {
  let module: unknown;
  try {
    module = await import(`./${id}/logic/conformance.fixture.ts`);
  } catch (error) {
    return `no conformance fixture for '${id}': add src/${id}/logic/conformance.fixture.ts (${String(error)})`;
  }
  const fixture = typeof module === 'object' && module !== null ? Reflect.get(module, 'conformanceFixture') : undefined;
  return isConformanceFixture(fixture)
    ? fixture
    : `src/${id}/logic/conformance.fixture.ts must export \`conformanceFixture = defineConformanceFixture(…)\``;
}

describe('the registry', () => {
  it('has activities with unique ids', () => {
    expect(ACTIVITIES.length).toBeGreaterThan(0);
    expect(new Set(ACTIVITIES.map((a) => a.id)).size).toBe(ACTIVITIES.length);
  });
});

for (const activity of ACTIVITIES) {
  const fixture = await loadFixture(activity.id);
  if (typeof fixture === 'string') {
    describe(`conformance: ${activity.id}`, () => {
      it('has a conformance fixture', () => {
        expect.fail(fixture);
      });
    });
  } else {
    describeConformance(activity, fixture);
  }
}

/** The suite must be able to go red: copies of a good activity with one deliberate fault. */
describe('the conformance suite itself', () => {
  const options = { seed: 20_240_901, numRuns: 200 };

  it('catches a projector view that shows a participant id (case 5)', () => {
    // Leaks only once the jars are revealed: the generator has to reach that phase to see it.
    const leaky = defineActivity({
      ...emotionMonster,
      projectorView: (state) => {
        const view = emotionMonster.projectorView(state);
        const first = state.roster.find((id) => state.answers[id] !== undefined);
        return view.jars === null ? view : { ...view, firstToAnswer: first ?? null };
      },
    });
    expect(checkCase(5, emotionMonster, emotionMonsterFixture, options).failed).toBe(false);
    const details = checkCase(5, leaky, emotionMonsterFixture, options);
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/the projector view shows p_/);
  });

  it("catches a tablet view that shows another child's id (case 6)", () => {
    const leaky = defineActivity({
      ...emotionMonster,
      tabletView: (state, id) => ({ ...emotionMonster.tabletView(state, id), classmates: state.roster }),
    });
    const details = checkCase(6, leaky, emotionMonsterFixture, options);
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/tablet shows p_/);
  });

  it('catches a reducer that changes the state before rejecting (case 4)', () => {
    const sloppy = defineActivity({
      ...emotionMonster,
      reduce: (state, intent, ctx) => {
        const result = emotionMonster.reduce(state, intent, ctx);
        if (isRejection(result)) state.answers = {};
        return result;
      },
    });
    const details = checkCase(4, sloppy, emotionMonsterFixture, options);
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/must not mutate/);
  });
});
