/**
 * The conformance suite: one numbered list of cases that every activity in the registry must pass,
 * whatever it does (after tldraw's `storageContractSuite`). The cases are the promises the server
 * relies on when it runs an activity it does not know by name: random traffic never throws, a
 * rejection changes nothing, the projector and other children never see a participant id, views
 * fit in a socket message, the ledger only hears about children who joined.
 *
 * Traffic is generated with fast-check from a per-activity fixture
 * (`src/<activity>/logic/conformance.fixture.ts`), and driven the way the server drives it: every
 * payload — valid or junk — goes through the activity's schema first, and only what parses reaches
 * `reduce` / `control`.
 *
 * @example
 * // src/<activity>/logic/conformance.fixture.ts
 * export const conformanceFixture = defineConformanceFixture(myActivity, {
 *   intent: fc.constant({ type: 'tap' }),
 *   hostIntent: fc.constant({ type: 'reset' }),
 *   config: fc.constant({}),
 * });
 */
import { ADJECTIVES, ANIMALS, type ParticipantId, participantIdSchema } from '@heartlamp/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ActivityDefinition, type AnyActivity, isRejection, type Participant } from './contract.js';
import { createRng } from './rng.js';

/** Largest JSON a view may take: a push must fit the same budget as a client message. */
export const VIEW_BUDGET_BYTES = 16 * 1024;
/** The class size the view budget is checked at. */
export const BIG_CLASS = 50;

/** Generators for one activity's traffic, as typed values (the suite still parses them). */
export interface ConformanceFixture<I = unknown, H = unknown, C = unknown> {
  readonly activityId: string;
  /** Intents a tablet may send; every one must pass the activity's `intentSchema`. */
  readonly intent: fc.Arbitrary<I>;
  /** Teacher intents; every one must pass `hostIntentSchema`. */
  readonly hostIntent: fc.Arbitrary<H>;
  /** Session configs; every one must pass `configSchema`. */
  readonly config: fc.Arbitrary<C>;
}

/** Ties a fixture to its activity, so the generators are checked against its intent types. */
export function defineConformanceFixture<S, I extends { type: string }, H extends { type: string }, C, PV, TV, CV>(
  activity: ActivityDefinition<S, I, H, C, PV, TV, CV>,
  generators: Omit<ConformanceFixture<I, H, C>, 'activityId'>,
): ConformanceFixture<I, H, C> {
  return { activityId: activity.id, ...generators };
}

export function isConformanceFixture(value: unknown): value is ConformanceFixture {
  if (typeof value !== 'object' || value === null) return false;
  const { activityId, intent, hostIntent, config } = value as Record<string, unknown>;
  return (
    typeof activityId === 'string' &&
    intent instanceof fc.Arbitrary &&
    hostIntent instanceof fc.Arbitrary &&
    config instanceof fc.Arbitrary
  );
}

// ------------------------------------------------------------------------------------------ traffic

/** Ids shaped like the server's (`p_` + 10–32 url-safe chars). */
export const participantIdArb: fc.Arbitrary<ParticipantId> = fc
  .stringMatching(/^p_[A-Za-z0-9_-]{10,32}$/)
  // No id may occur inside another one, or "A's view mentions B" would be a false alarm.
  .filter((s) => s.indexOf('p_', 1) === -1)
  .map((s) => participantIdSchema.parse(s));

export const participantArb: fc.Arbitrary<Participant> = fc.record({
  id: participantIdArb,
  nickname: fc.record({ adjective: fc.constantFrom(...ADJECTIVES), animal: fc.constantFrom(...ANIMALS) }),
  joinedAt: fc.constant(0),
});

/** Distinct children whose ids are no prefix of one another (unique on the shortest possible id). */
function poolArb(minLength: number, maxLength: number): fc.Arbitrary<Participant[]> {
  return fc.uniqueArray(participantArb, { minLength, maxLength, selector: (p) => p.id.slice(0, 12) });
}

export type Step =
  | { kind: 'join'; who: number; dt: number }
  | { kind: 'leave'; who: number; dt: number }
  | { kind: 'intent'; who: number; payload: unknown; dt: number }
  | { kind: 'control'; payload: unknown; dt: number }
  | { kind: 'tick'; dt: number };

export interface Scenario {
  /** Raw config, parsed with `configSchema` like the server does. */
  config: unknown;
  seed: number;
  start: number;
  /** Every child the scenario knows; `pool[0..initial)` are on the roster at setup. */
  pool: Participant[];
  initial: number;
  steps: Step[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Payloads a broken or hostile client might send, built around valid ones. */
export function junkArb(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.anything(),
    // one extra key
    fc
      .tuple(valid, fc.string({ minLength: 1, maxLength: 8 }), fc.anything())
      .map(([v, key, x]) => (isRecord(v) ? { ...v, [key]: x } : x)),
    // one field replaced by anything (including `type`)
    fc.tuple(valid, fc.nat(), fc.anything()).map(([v, n, x]) => {
      if (!isRecord(v)) return x;
      const keys = Object.keys(v);
      const key = keys[n % Math.max(keys.length, 1)] ?? 'type';
      return { ...v, [key]: x };
    }),
    // one field missing
    fc.tuple(valid, fc.nat()).map(([v, n]) => {
      if (!isRecord(v)) return null;
      const keys = Object.keys(v);
      const drop = keys[n % Math.max(keys.length, 1)];
      return Object.fromEntries(Object.entries(v).filter(([k]) => k !== drop));
    }),
    // a known type with nothing else
    valid.map((v) => (isRecord(v) ? { type: v.type } : v)),
  );
}

export interface ScenarioOptions {
  minChildren: number;
  maxChildren: number;
  minSteps: number;
  maxSteps: number;
}

const SMALL_CLASS: ScenarioOptions = { minChildren: 1, maxChildren: 8, minSteps: 0, maxSteps: 40 };

export function scenarioArb(
  activity: AnyActivity,
  fixture: ConformanceFixture,
  options: ScenarioOptions = SMALL_CLASS,
): fc.Arbitrary<Scenario> {
  const who = fc.nat({ max: options.maxChildren * 2 });
  const dt = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 0, max: 600_000 }));
  const payload = fc.oneof({ weight: 4, arbitrary: fixture.intent }, { weight: 1, arbitrary: junkArb(fixture.intent) });
  const hostPayload = fc.oneof(
    { weight: 4, arbitrary: fixture.hostIntent },
    { weight: 1, arbitrary: junkArb(fixture.hostIntent) },
  );
  const kinds: fc.WeightedArbitrary<Step>[] = [
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('join'), who, dt }) },
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('intent'), who, payload, dt }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('control'), payload: hostPayload, dt }) },
  ];
  if (activity.leave) kinds.push({ weight: 1, arbitrary: fc.record({ kind: fc.constant('leave'), who, dt }) });
  if (activity.tick) kinds.push({ weight: 2, arbitrary: fc.record({ kind: fc.constant('tick'), dt }) });
  return fc
    .record({
      config: fixture.config,
      seed: fc.integer(),
      start: fc.integer({ min: 1_600_000_000_000, max: 2_000_000_000_000 }),
      pool: poolArb(options.minChildren, options.maxChildren),
      initial: fc.nat({ max: options.maxChildren }),
      steps: fc.array(fc.oneof(...kinds), { minLength: options.minSteps, maxLength: options.maxSteps }),
    })
    .map((s) => ({ ...s, initial: Math.min(s.initial, s.pool.length) }));
}

/** A big class: everyone joins, everyone answers at least once, then random traffic. */
export function bigClassArb(activity: AnyActivity, fixture: ConformanceFixture): fc.Arbitrary<Scenario> {
  const options: ScenarioOptions = { minChildren: BIG_CLASS, maxChildren: BIG_CLASS, minSteps: 20, maxSteps: 80 };
  return fc
    .tuple(
      scenarioArb(activity, fixture, options),
      fc.array(fixture.intent, { minLength: BIG_CLASS, maxLength: BIG_CLASS }),
    )
    .map(([s, firstIntents]) => {
      const joins: Step[] = s.pool.map((_, who) => ({ kind: 'join', who, dt: 100 }));
      const answers: Step[] = firstIntents.map((payload, who) => ({ kind: 'intent', who, payload, dt: 100 }));
      return { ...s, initial: 0, steps: [...joins, ...answers, ...s.steps] };
    });
}

// ------------------------------------------------------------------------------------------ driver

/** What the harness knows about the class, for the checks. */
export interface World {
  readonly pool: readonly Participant[];
  /** Everyone who was ever on the roster (setup or join). */
  readonly everJoined: ReadonlySet<ParticipantId>;
  readonly now: number;
}

/** One call of a transition: the state handed in, a copy of it taken before, and what came back. */
export interface Call {
  op: 'join' | 'leave' | 'intent' | 'control' | 'tick';
  input: unknown;
  before: unknown;
  result: unknown;
}

export interface Observer {
  afterCall?(call: Call): void;
  /** After setup and after every step, with the current state. */
  afterStep?(state: unknown, world: World): void;
}

/**
 * Runs a scenario through an activity the way the server does and returns the final state.
 * Every payload goes through the activity's schema first; a rejection keeps the previous state.
 */
export function drive(activity: AnyActivity, scenario: Scenario, observer: Observer = {}): unknown {
  const config = activity.configSchema.parse(scenario.config);
  const random = createRng(scenario.seed);
  const everJoined = new Set<ParticipantId>();
  let now = scenario.start;
  const roster = scenario.pool.slice(0, scenario.initial).map((p) => ({ ...p, joinedAt: now }));
  for (const p of roster) everJoined.add(p.id);
  let state = activity.setup({ config, roster, seed: scenario.seed, now });

  const world = (): World => ({ pool: scenario.pool, everJoined, now });
  const call = (op: Call['op'], transition: (s: unknown) => unknown): void => {
    const before = structuredClone(state);
    const input = state;
    const result = transition(input);
    observer.afterCall?.({ op, input, before, result });
    if (!isRejection(result)) state = result;
  };
  const pick = (who: number): Participant => {
    const p = scenario.pool[who % scenario.pool.length];
    if (!p) throw new Error('a scenario needs at least one child');
    return p;
  };

  observer.afterStep?.(state, world());
  for (const step of scenario.steps) {
    now += step.dt;
    switch (step.kind) {
      case 'join': {
        const p = pick(step.who);
        everJoined.add(p.id);
        const { join } = activity;
        if (join) call('join', (s) => join.call(activity, s, { ...p, joinedAt: now }, now));
        break;
      }
      case 'leave': {
        const { leave } = activity;
        const { id } = pick(step.who);
        if (leave) call('leave', (s) => leave.call(activity, s, id, now));
        break;
      }
      case 'intent': {
        const parsed = activity.intentSchema.safeParse(step.payload);
        const actor = pick(step.who).id;
        if (parsed.success) call('intent', (s) => activity.reduce(s, parsed.data, { actor, now, random }));
        break;
      }
      case 'control': {
        const parsed = activity.hostIntentSchema.safeParse(step.payload);
        if (parsed.success) call('control', (s) => activity.control(s, parsed.data, { now, random }));
        break;
      }
      case 'tick': {
        const { tick } = activity;
        if (tick) call('tick', (s) => tick.call(activity, s, now));
        break;
      }
    }
    observer.afterStep?.(state, world());
  }
  return state;
}

// ------------------------------------------------------------------------------------------ cases

function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

function expectJsonSafe(value: unknown, what: string): void {
  const json = JSON.stringify(value);
  expect(json, `${what} must serialise to JSON`).toBeTypeOf('string');
  expect(JSON.parse(json), `${what} must survive a JSON round trip unchanged`).toStrictEqual(value);
}

function expectUniqueKeys(items: readonly { key: string }[], what: string): void {
  const keys = items.map((i) => i.key);
  expect(new Set(keys).size, `${what} keys must be unique: ${keys.join(', ')}`).toBe(keys.length);
}

export interface ConformanceCase {
  /** Stable number, as in a contract suite: cite it in a failing report. */
  readonly n: number;
  readonly name: string;
  property(activity: AnyActivity, fixture: ConformanceFixture): fc.IProperty<[Scenario]> | fc.IProperty<[unknown]>;
  /** Fewer runs for expensive cases. */
  readonly numRuns?: number;
}

export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  {
    n: 1,
    name: 'the fixture generates configs and intents that the schemas accept',
    property: (activity, fixture) =>
      fc.property(fc.tuple(fixture.config, fixture.intent, fixture.hostIntent), (value) => {
        const [config, intent, hostIntent] = value;
        expect(activity.configSchema.safeParse(config).success, 'config').toBe(true);
        expect(activity.intentSchema.safeParse(intent).success, 'intent').toBe(true);
        expect(activity.hostIntentSchema.safeParse(hostIntent).success, 'host intent').toBe(true);
      }),
  },
  {
    n: 2,
    name: 'setup is deterministic for a seed, and a session replays the same from the same seed',
    property: (activity, fixture) =>
      fc.property(scenarioArb(activity, fixture), (scenario) => {
        const config = activity.configSchema.parse(scenario.config);
        const roster = scenario.pool.slice(0, scenario.initial);
        const ctx = { config, roster, seed: scenario.seed, now: scenario.start };
        expect(activity.setup(ctx)).toStrictEqual(activity.setup(structuredClone(ctx)));
        const trace = (): unknown[] => {
          const states: unknown[] = [];
          drive(activity, scenario, { afterStep: (s) => states.push(structuredClone(s)) });
          return states;
        };
        expect(trace()).toStrictEqual(trace());
      }),
  },
  {
    n: 3,
    name: 'random joins, leaves, intents (valid and junk), teacher controls and ticks never throw',
    property: (activity, fixture) =>
      fc.property(scenarioArb(activity, fixture), (scenario) => {
        drive(activity, scenario, {
          afterStep: (state) => {
            const phase = activity.phase(state);
            expect(phase, 'phase(state) names the phase').toBeTypeOf('string');
            expect(phase.length).toBeGreaterThan(0);
          },
        });
      }),
  },
  {
    n: 4,
    name: 'a rejection leaves the state deep-equal to before, and its code has words in every locale',
    property: (activity, fixture) =>
      fc.property(scenarioArb(activity, fixture), (scenario) => {
        drive(activity, scenario, {
          afterCall: ({ op, input, before, result }) => {
            // Pure functions: the state handed in is never mutated, rejected or not.
            expect(input, `${op} must not mutate the state it is given`).toStrictEqual(before);
            if (isRejection(result)) {
              expect(op === 'intent' || op === 'control', `${op} cannot be rejected`).toBe(true);
              const words = activity.rejections[result.rejected];
              expect(words, `no words for rejection '${result.rejected}'`).toBeDefined();
              expect(words?.['zh-CN']).toBeTruthy();
              expect(words?.en).toBeTruthy();
            }
          },
        });
      }),
  },
  {
    n: 5,
    name: 'the projector view never contains a participant id',
    property: (activity, fixture) =>
      fc.property(scenarioArb(activity, fixture), (scenario) => {
        drive(activity, scenario, {
          afterStep: (state, { pool }) => {
            const json = JSON.stringify(activity.projectorView(state));
            for (const { id } of pool) expect(json, `the projector view shows ${id}`).not.toContain(id);
          },
        });
      }),
  },
  {
    n: 6,
    name: "a child's tablet view never contains another child's id",
    property: (activity, fixture) =>
      fc.property(scenarioArb(activity, fixture), (scenario) => {
        drive(activity, scenario, {
          afterStep: (state, { pool }) => {
            for (const { id: me } of pool) {
              const json = JSON.stringify(activity.tabletView(state, me));
              for (const { id: other } of pool) {
                if (other !== me) expect(json, `${me}'s tablet shows ${other}`).not.toContain(other);
              }
            }
          },
        });
      }),
  },
  {
    n: 7,
    name: 'every view survives a JSON round trip unchanged',
    property: (activity, fixture) =>
      fc.property(scenarioArb(activity, fixture), (scenario) => {
        drive(activity, scenario, {
          afterStep: (state, { pool }) => {
            expectJsonSafe(activity.projectorView(state), 'projectorView');
            expectJsonSafe(activity.consoleView(state), 'consoleView');
            for (const { id } of pool) expectJsonSafe(activity.tabletView(state, id), 'tabletView');
          },
        });
      }),
  },
  {
    n: 8,
    name: `every view stays under ${VIEW_BUDGET_BYTES / 1024} KB with ${BIG_CLASS} children`,
    numRuns: 25,
    property: (activity, fixture) =>
      fc.property(bigClassArb(activity, fixture), (scenario) => {
        let steps = 0;
        drive(activity, scenario, {
          afterStep: (state, { pool }) => {
            steps += 1;
            expect(jsonBytes(activity.projectorView(state)), 'projectorView bytes').toBeLessThan(VIEW_BUDGET_BYTES);
            expect(jsonBytes(activity.consoleView(state)), 'consoleView bytes').toBeLessThan(VIEW_BUDGET_BYTES);
            // Tablets every tenth step and at the end: 50 views a step is the slow part.
            if (steps % 10 === 0 || steps === scenario.steps.length + 1) {
              for (const { id } of pool) {
                expect(jsonBytes(activity.tabletView(state, id)), 'tabletView bytes').toBeLessThan(VIEW_BUDGET_BYTES);
              }
            }
          },
        });
      }),
  },
  {
    n: 9,
    name: 'contributions and follow-ups name only joined children, with unique keys and JSON values',
    property: (activity, fixture) =>
      fc.property(scenarioArb(activity, fixture), (scenario) => {
        drive(activity, scenario, {
          afterStep: (state, { everJoined }) => {
            const contributions = activity.contributions(state);
            expectUniqueKeys(contributions, 'contribution');
            for (const c of contributions) {
              expect(everJoined.has(c.participant), `contribution from ${c.participant}, who never joined`).toBe(true);
              expect(c.kind.length).toBeGreaterThan(0);
            }
            expectJsonSafe(contributions, 'contributions');
            const followUps = activity.followUps?.(state) ?? [];
            expectUniqueKeys(followUps, 'follow-up');
            for (const f of followUps) {
              expect(everJoined.has(f.participant), `follow-up from ${f.participant}, who never joined`).toBe(true);
            }
            expectJsonSafe(followUps, 'followUps');
          },
        });
      }),
  },
  {
    n: 10,
    name: 'joining twice is the same as joining once',
    property: (activity, fixture) =>
      fc.property(scenarioArb(activity, fixture), (scenario) => {
        const { join } = activity;
        const final = drive(activity, scenario);
        const me = scenario.pool[0];
        if (!join || !me) return;
        const now = scenario.start + 1;
        const once = join.call(activity, final, me, now);
        expect(join.call(activity, once, me, now + 1)).toStrictEqual(once);
      }),
  },
];

export interface ConformanceOptions {
  /** Runs per case (default 200; cases with their own `numRuns` keep theirs). */
  numRuns?: number;
  seed?: number;
}

/** Runs one case once and reports, without throwing: for testing the suite itself. */
export function checkCase(
  n: number,
  activity: AnyActivity,
  fixture: ConformanceFixture,
  options: ConformanceOptions = {},
): fc.RunDetails<[Scenario]> | fc.RunDetails<[unknown]> {
  const found = CONFORMANCE_CASES.find((c) => c.n === n);
  if (!found) throw new Error(`no conformance case ${n}`);
  const property = found.property(activity, fixture);
  return fc.check(property, { numRuns: options.numRuns ?? found.numRuns ?? 200, seed: options.seed });
}

/** Registers the whole suite for one activity as vitest tests. */
export function describeConformance(
  activity: AnyActivity,
  fixture: ConformanceFixture,
  options: ConformanceOptions = {},
): void {
  describe(`conformance: ${activity.id}`, () => {
    it('0. the fixture belongs to this activity', () => {
      expect(fixture.activityId).toBe(activity.id);
    });
    for (const c of CONFORMANCE_CASES) {
      it(`${c.n}. ${c.name}`, () => {
        fc.assert(c.property(activity, fixture), {
          numRuns: c.numRuns ?? options.numRuns ?? 200,
          seed: options.seed,
        });
      });
    }
  });
}
