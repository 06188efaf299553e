/** The pure client helpers: the server clock estimate, the beat phase, the stage geometry, shapes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEAM_CODES } from '../logic/model.js';
import { beatPhase, ClockSync } from './clock.js';
import {
  onDrum,
  PROJECTOR_WIDTH,
  projectorCards,
  projectorSlots,
  RING_REACH,
  tabletDrumCentre,
  tabletLayout,
} from './layout.js';
import { SHAPES, shapePoints, svgPoints, unitShape } from './shapes.js';
import { teamStyle } from './theme.js';

describe('ClockSync', () => {
  it('knows nothing before a view, then takes the fastest message as the offset', () => {
    const clock = new ClockSync();
    expect(clock.serverNow(10)).toBeNull();
    // Server is 1_000_000 ms ahead; messages take 40, 5 and 90 ms.
    clock.observe(1_000_100 - 40, 100);
    clock.observe(1_002_000 - 5, 2000);
    clock.observe(1_004_000 - 90, 4000);
    expect(clock.serverNow(5000)).toBe(1_005_000 - 5);
  });

  it('is never ahead of the server, whatever the delays (a lower bound)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 3000 })), { minLength: 1 }),
        (offset, messages) => {
          const clock = new ClockSync();
          for (const [sentAt, delay] of messages) clock.observe(sentAt + offset, sentAt + delay);
          const estimate = clock.serverNow(0);
          expect(estimate).not.toBeNull();
          expect(estimate ?? 0).toBeLessThanOrEqual(offset);
        },
      ),
    );
  });

  it('ignores a stale view re-sent after a reconnect, and the same view handed over twice', () => {
    const clock = new ClockSync();
    clock.observe(5000, 1000); // offset 4000
    clock.observe(2000, 3000); // an old view arriving late: offset -1000, ignored by the maximum
    expect(clock.serverNow(4000)).toBe(8000);
    const twice = new ClockSync();
    twice.observe(5000, 1000);
    twice.observe(5000, 9000); // the same serverTime again (a re-render) is not a measurement
    expect(twice.serverNow(1000)).toBe(5000);
  });

  it('forgets old samples, so a clock change on the server is followed', () => {
    const clock = new ClockSync(3);
    clock.observe(10_000, 0);
    for (let i = 1; i <= 3; i += 1) clock.observe(5000 + i, i);
    expect(clock.serverNow(10)).toBe(5010);
  });
});

describe('beatPhase', () => {
  it('counts beats from the origin, negative during the countdown', () => {
    expect(beatPhase(10_000, 10_000, 1200)).toStrictEqual({ beat: 0, since: 0, toNext: 1200 });
    expect(beatPhase(10_300, 10_000, 1200)).toStrictEqual({ beat: 0, since: 300, toNext: 900 });
    expect(beatPhase(9_000, 10_000, 1200)).toStrictEqual({ beat: -1, since: 200, toNext: 1000 });
  });
});

describe('tabletLayout', () => {
  it.each([
    [594, 700],
    [768, 673],
    [1024, 700],
    [320, 480],
  ])('keeps the drum and its widest ring on a %i×%i stage', (width, height) => {
    const { drum } = tabletLayout(width, height);
    const ring = drum.radius * RING_REACH;
    expect(drum.x - ring).toBeGreaterThanOrEqual(0);
    expect(drum.x + ring).toBeLessThanOrEqual(width);
    expect(drum.y - drum.radius).toBeGreaterThan(0);
    expect(drum.y + drum.radius).toBeLessThan(height);
    // A huge target: at least a third of the short side across.
    expect(drum.radius * 2).toBeGreaterThan(Math.min(width, height) / 3);
  });

  it('counts a tap on the drum, and near it, but not in a corner', () => {
    const layout = tabletLayout(594, 700);
    const centre = tabletDrumCentre(594, 700);
    expect(onDrum(layout, centre.x, centre.y)).toBe(true);
    expect(onDrum(layout, centre.x + layout.drum.radius * 1.2, centre.y)).toBe(true);
    expect(onDrum(layout, 2, 2)).toBe(false);
  });
});

describe('projector layout', () => {
  it('fits up to ten towers side by side inside the screen, without overlap', () => {
    for (let n = 1; n <= TEAM_CODES.length; n += 1) {
      const slots = projectorSlots(n);
      expect(slots).toHaveLength(n);
      for (const [i, slot] of slots.entries()) {
        expect(slot.x - slot.width / 2).toBeGreaterThanOrEqual(0);
        expect(slot.x + slot.width / 2).toBeLessThanOrEqual(PROJECTOR_WIDTH);
        expect(slot.towerWidth).toBeLessThan(slot.width);
        const next = slots[i + 1];
        if (next) expect(next.x - slot.x).toBeGreaterThanOrEqual(slot.width - 0.001);
      }
    }
  });

  it('lays team cards out in one or two rows inside the screen', () => {
    for (let n = 1; n <= TEAM_CODES.length; n += 1) {
      const cards = projectorCards(n);
      expect(cards).toHaveLength(n);
      for (const card of cards) {
        expect(card.x).toBeGreaterThanOrEqual(0);
        expect(card.x + card.width).toBeLessThanOrEqual(PROJECTOR_WIDTH);
        expect(card.y + card.height).toBeLessThanOrEqual(1000);
      }
    }
  });
});

describe('team looks', () => {
  it('gives every team its own shape and picture, so colour is never the only cue', () => {
    const styles = TEAM_CODES.map((_, i) => teamStyle(i));
    expect(new Set(styles.map((s) => s.shape)).size).toBe(TEAM_CODES.length);
    expect(new Set(styles.map((s) => s.emoji)).size).toBe(TEAM_CODES.length);
    expect(new Set(styles.map((s) => s.colour)).size).toBe(TEAM_CODES.length);
    expect(styles.map((s) => s.code)).toStrictEqual([...TEAM_CODES]);
  });

  it('draws every shape as a polygon inside the unit circle, reaching its edge', () => {
    for (const shape of SHAPES) {
      const points = unitShape(shape);
      expect(points.length).toBeGreaterThanOrEqual(3);
      const reach = Math.max(...points.map(([x, y]) => Math.hypot(x, y)));
      expect(reach).toBeLessThanOrEqual(1 + 1e-9);
      expect(reach).toBeGreaterThan(0.9);
      const placed = shapePoints(shape, 100, 50, 10);
      expect(placed[0]?.[0]).toBeCloseTo(100 + (points[0]?.[0] ?? 0) * 10);
      expect(svgPoints(shape, 40)).toMatch(/^[\d.]+,[\d.]+( [\d.]+,[\d.]+)+$/);
    }
  });
});
