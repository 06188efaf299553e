/**
 * fast-check arbitraries for the socket fuzz (fuzz.test.ts): valid payloads derived from an event's
 * own zod schema (through its JSON Schema, so a new event or field is covered without touching this
 * file), and the hostile payloads built from them — arbitrary JSON, the real keys holding wrong
 * types, one field mutated, strings around the 16 KB cap, deep nesting, prototype keys, binary
 * attachments, no payload at all and one argument too many.
 */

import fc, { type Arbitrary } from 'fast-check';
import { z } from 'zod';

export type { Arbitrary };
export { fc };

type JsonSchema = z.core.JSONSchema.JSONSchema;
type Obj = Record<string, unknown>;

/** What one fuzzed emit sends: `args` go between the event name and the ack. */
export interface FuzzCase {
  kind: FuzzKind;
  args: unknown[];
}
export const FUZZ_KINDS = [
  'json',
  'anything',
  'wrong-types',
  'mutated',
  'huge',
  'deep',
  'no-payload',
  'extra-arg',
] as const;
export type FuzzKind = (typeof FUZZ_KINDS)[number];

/** socket.io drops a whole connection over 64 KB (`maxHttpBufferSize`); the fuzz stays under it. */
export const TRANSPORT_BUDGET = 60_000;
/** The ack-level cap the guard enforces (MAX_PAYLOAD_BYTES): sizes are drawn on both sides of it. */
const CAP = 16 * 1024;

/** Copies `obj` adding `key` as an own, enumerable property, even `__proto__` (which `=` would not). */
export function withKey(obj: Obj, key: string, value: unknown): Obj {
  const copy: Obj = {};
  for (const [k, v] of Object.entries(obj)) define(copy, k, v);
  define(copy, key, value);
  return copy;
}

function withoutKey(obj: Obj, key: string): Obj {
  const copy: Obj = {};
  for (const [k, v] of Object.entries(obj)) if (k !== key) define(copy, k, v);
  return copy;
}

function define(obj: Obj, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Bytes of what the guard measures (`JSON.stringify(args)`); binary counts as its JSON form. */
export function wireBytes(args: unknown[]): number {
  try {
    return Buffer.byteLength(JSON.stringify(args) ?? '');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Whether socket.io-client sends `args` as they are. It copies a payload holding binary data key by
 * key with `copy[key] = …`, so an own `__proto__` key there becomes the copy's prototype: the key
 * vanishes (a mutated payload arrives valid) or the emit throws in the client. Those are left out.
 */
export function sendsAsIs(args: unknown[]): boolean {
  let binary = false;
  let protoKey = false;
  const stack: unknown[] = [...args];
  while (stack.length > 0 && !(binary && protoKey)) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
      binary = true;
      continue;
    }
    if (Object.hasOwn(value, '__proto__')) protoKey = true;
    for (const child of Object.values(value)) stack.push(child);
  }
  return !(binary && protoKey);
}

// ------------------------------------------------------------------ valid payloads from a schema

/** Per-field arbitraries that beat the schema's own (the live code, a real participant…). */
export type Overrides = Partial<Record<string, Arbitrary<unknown>>>;

/** The JSON Schema of the payload as the client sends it (the input side of any transform). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

/** Values the schema accepts; `overrides` replace the arbitrary of a property of that name, at any depth. */
export function validArbitrary(schema: JsonSchema | boolean, overrides: Overrides = {}): Arbitrary<unknown> {
  if (schema === true) return fc.jsonValue({ maxDepth: 2 });
  if (schema === false) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((s) => validArbitrary(s, overrides)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const model: Record<string, Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties)) {
        model[key] = overrides[key] ?? validArbitrary(property, overrides);
      }
      return fc.record(model, { requiredKeys: schema.required ?? [] }).map((o): unknown => o);
    }
    case 'array':
      return fc.array(validArbitrary(Array.isArray(schema.items) ? true : (schema.items ?? true), overrides), {
        minLength: schema.minItems ?? 0,
        maxLength: schema.maxItems ?? Math.max(schema.minItems ?? 0, 4),
      });
    case 'string':
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc.string({
        unit: 'grapheme-ascii',
        minLength: schema.minLength ?? 0,
        maxLength: schema.maxLength ?? Math.max(schema.minLength ?? 0, 16),
      });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

// ------------------------------------------------------------------ hostile values

/** Keys that mean something to a JavaScript object rather than to the protocol. */
export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'toJSON',
] as const;

const numericStrings = fc.constantFrom(
  '0',
  '-0',
  '-1',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x1F',
  '1_000',
  '9007199254740993',
  '1.5',
  '',
  '   ',
  '000000',
  '999999',
  '12345',
  '1234567',
  '-12345',
  '+12345',
  '１２３４５６',
  '١٢٣٤٥٦',
  '123456\n',
  '\t123456',
  '12345\u0000',
);

const oddStrings = fc.constantFrom(
  '\u202e',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
  '😀👨‍👩‍👧',
  '\u0000',
  'e\u0301',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  "'); DROP TABLE sessions; --",
  `\${7*7}`,
  '{{7*7}}',
  '%s%n%x',
  '../../etc/passwd',
  'p_AAAAAAAAAA',
  'c_AAAAAAAAAA',
  'st_AAAAAAAAAA',
  'emotion-monster',
  'reveal',
  'true',
  'null',
  'undefined',
  '[object Object]',
);

/** One character of each UTF-8 width, and the byte count each takes. */
const WIDE = [
  ['x', 1],
  ['é', 2],
  ['中', 3],
  ['😀', 4],
] as const;

/** A string of about `bytes` UTF-8 bytes. */
const sized = (bytes: number, pick: number): string => {
  const [char, width] = WIDE[pick % WIDE.length] ?? ['x', 1];
  return char.repeat(Math.max(0, Math.floor(bytes / width)));
};

/** Lengths on both sides of every limit in the protocol (6-digit codes, 8–64 ids, 64 and 128 caps…). */
const boundaryStrings = fc
  .tuple(
    fc.constantFrom(0, 1, 5, 6, 7, 8, 9, 10, 19, 20, 21, 32, 33, 34, 35, 63, 64, 65, 66, 127, 128, 129, 1000),
    fc.constantFrom('a', '1', '_', '-', '中', '😀', ' ', 'p_', 'c_', 'st_'),
  )
  .map(([n, unit]) => unit.repeat(n));

/** Strings whose payload lands just under, on, or just over the 16 KB cap. */
const nearCap = fc
  .tuple(fc.integer({ min: CAP - 96, max: CAP + 96 }), fc.nat())
  .map(([bytes, pick]) => sized(bytes, pick));

const numbers = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    -1,
    1e21,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER + 2,
    1000,
    999,
    1.5,
  ),
);

/** `JSON.parse` makes `__proto__` an own key, the way a payload reaches the server. */
const protoObjects = fc.constantFrom<() => unknown>(
  () => JSON.parse('{"__proto__":{"polluted":true,"type":"reveal"}}'),
  () => JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  () => JSON.parse('{"__proto__":null}'),
  () => ({ toString: 'not a function', valueOf: 1, hasOwnProperty: 'x' }),
  () => ({ toJSON: 'x', length: 1e9 }),
  () => ({ _placeholder: true, num: 0 }),
  () => [JSON.parse('{"__proto__":[]}')],
);

/** `[[[…]]]`, `{"a":{"a":…}}` or `{"__proto__":{"__proto__":…}}`, `depth` levels deep. */
export function nested(depth: number, shape: number): unknown {
  let value: unknown = shape % 3 === 0 ? [] : {};
  for (let i = 0; i < depth; i++) {
    if (shape % 3 === 0) value = [value];
    else if (shape % 3 === 1) value = { a: value };
    else value = withKey({}, '__proto__', value);
  }
  return value;
}

const deepValues = fc.tuple(fc.integer({ min: 8, max: 1000 }), fc.nat()).map(([depth, shape]) => nested(depth, shape));

/** Anything a field should not hold, at most about 17 KB. */
export const nastyValue: Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: numericStrings },
  { weight: 6, arbitrary: oddStrings },
  { weight: 2, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  { weight: 6, arbitrary: boundaryStrings },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 6, arbitrary: numbers },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], [[]], '') },
  { weight: 2, arbitrary: protoObjects.map((make) => make()) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  { weight: 1, arbitrary: fc.oneof(deepValues, nearCap) },
);

const nastyKey = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', ' ', 'code ', 'Code', '\u0000', '😀', 'a.b', '0', '$where', 'extra', 'nickname.x'),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

// ------------------------------------------------------------------ whole payloads

/** Hostile payloads for one event; `valid` is its valid payload (from `validArbitrary`). */
export function fuzzCases(keys: readonly string[], requiredKeys: readonly string[], valid: Arbitrary<unknown>) {
  const validObj = valid.map((v) => (isObj(v) ? v : {}));

  const json = fc.jsonValue({ maxDepth: 5 }).map((v): FuzzCase => ({ kind: 'json', args: [v] }));

  const anything = fc
    .anything({
      maxDepth: 4,
      key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...PROTO_KEYS, ...keys)),
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withDate: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
    })
    .map((v): FuzzCase => ({ kind: 'anything', args: [v] }));

  // The event's own keys, each absent or holding something of the wrong kind, plus a stray key now and then.
  const wrongTypes = fc
    .tuple(
      fc.record(Object.fromEntries(keys.map((k) => [k, nastyValue])), { requiredKeys: [] }),
      fc.option(fc.tuple(nastyKey, nastyValue), { freq: 4 }),
    )
    .map(([record, extra]): FuzzCase => {
      let payload: Obj = { ...record };
      if (extra) payload = withKey(payload, extra[0], extra[1]);
      return { kind: 'wrong-types', args: [payload] };
    });

  // A valid payload with one thing wrong: a field replaced, a required field gone, a stray key, a
  // nested field replaced, or the payload itself wrapped or stringified.
  const mutated = fc
    .tuple(validObj, fc.nat(), fc.integer({ min: 0, max: 9 }), nastyKey, nastyValue)
    .map(([base, pick, op, key, value]): FuzzCase => {
      const own = Object.keys(base);
      const field = own.length > 0 ? own[pick % own.length] : undefined;
      const required = requiredKeys.length > 0 ? requiredKeys[pick % requiredKeys.length] : undefined;
      let payload: unknown;
      if (op <= 3 && field !== undefined) payload = withKey(base, field, value);
      else if (op === 4 && required !== undefined) payload = withoutKey(base, required);
      else if (op <= 6) payload = withKey(base, key, value);
      else if (op === 7 && field !== undefined && isObj(base[field])) {
        const inner = base[field] as Obj;
        const innerKeys = Object.keys(inner);
        const innerKey = innerKeys.length > 0 && pick % 2 === 0 ? (innerKeys[pick % innerKeys.length] ?? key) : key;
        payload = withKey(base, field, withKey(inner, innerKey, value));
      } else if (op === 8) payload = [base, value];
      else payload = pick % 2 === 0 ? JSON.stringify(base) : withKey({}, '__proto__', base);
      return { kind: 'mutated', args: [payload] };
    });

  // Strings from just under the 16 KB cap up to 48 KB (the transport's own cut is 64 KB).
  const huge = fc
    .tuple(
      validObj,
      fc.oneof(fc.integer({ min: CAP - 200, max: CAP + 200 }), fc.integer({ min: CAP, max: 48 * 1024 })),
      fc.nat(),
    )
    .map(([base, bytes, pick]): FuzzCase => {
      const own = Object.keys(base);
      const key = own.length > 0 && pick % 3 !== 0 ? (own[pick % own.length] ?? 'pad') : 'pad';
      return { kind: 'huge', args: [withKey(base, key, sized(bytes, pick))] };
    });

  const deep = fc.tuple(validObj, deepValues, fc.nat()).map(([base, value, pick]): FuzzCase => {
    const own = Object.keys(base);
    if (pick % 3 === 0 || own.length === 0) return { kind: 'deep', args: [value] };
    return { kind: 'deep', args: [withKey(base, own[pick % own.length] ?? 'a', value)] };
  });

  const noPayload = fc.constant<FuzzCase>({ kind: 'no-payload', args: [] });
  // Never a valid payload first: whether a valid one with a stray argument should be applied is
  // the server's choice, and an applied `session:end` would end the lesson under test.
  const extraArg = fc
    .tuple(nastyValue, nastyValue)
    .map(([payload, extra]): FuzzCase => ({ kind: 'extra-arg', args: [payload, extra] }));

  return { json, anything, wrongTypes, mutated, huge, deep, noPayload, extraArg };
}

/** Cases drawn per slice: generation yields to the event loop between slices (see `sampleCases`). */
const SLICE = 250;

/**
 * Draws `count` cases with fixed per-kind shares (so every kind is present in every run), in
 * slices with a turn of the event loop between them: drawing 10,000 in one go blocks the process
 * for seconds on a busy machine, long enough for socket.io's ping timeout (8 s) to drop every
 * socket of the server under test, which lives in this same process.
 */
export async function sampleCases(
  arbs: ReturnType<typeof fuzzCases>,
  count: number,
  seed: number,
  skip: ReadonlySet<FuzzKind>,
): Promise<FuzzCase[]> {
  const shares: [Arbitrary<FuzzCase>, FuzzKind, number][] = [
    [arbs.json, 'json', 0.2],
    [arbs.anything, 'anything', 0.15],
    [arbs.wrongTypes, 'wrong-types', 0.2],
    [arbs.mutated, 'mutated', 0.3],
    [arbs.huge, 'huge', 0.05],
    [arbs.deep, 'deep', 0.05],
    [arbs.noPayload, 'no-payload', 0.025],
    [arbs.extraArg, 'extra-arg', 0.025],
  ];
  const kept = shares.filter(([, kind]) => !skip.has(kind));
  const total = kept.reduce((sum, [, , share]) => sum + share, 0);
  const cases: FuzzCase[] = [];
  for (const [i, [arb, , share]] of kept.entries()) {
    const n = i === kept.length - 1 ? count - cases.length : Math.round((count * share) / total);
    const fits = arb.filter((c) => wireBytes(c.args) < TRANSPORT_BUDGET && sendsAsIs(c.args));
    for (let drawn = 0, slice = 0; drawn < n; drawn += SLICE, slice++) {
      cases.push(...fc.sample(fits, { numRuns: Math.min(SLICE, n - drawn), seed: seed + i * 10_007 + slice }));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  // Interleave the kinds (a seeded Fisher–Yates), so each batch in flight mixes them.
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  for (let i = cases.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = cases[i];
    const b = cases[j];
    if (a && b) {
      cases[i] = b;
      cases[j] = a;
    }
  }
  return cases;
}
