/**
 * The pure client helpers: tablet geometry (big enough for a six-year-old's finger, hit-testing that
 * agrees with the drawing), the projector's mountain path, and the words a child is told after a try.
 */
import { describe, expect, it } from 'vitest';
import type { LevelRecord } from '../logic/model.js';
import { feedback, seconds } from './feedback.js';
import { mountain, pathUpTo, pointAlong, schulteCellAt, schulteCellCentre, tabletLayout } from './layout.js';

/** Stage sizes the classroom app gives the canvas on a 1024×768 and a 768×1024 tablet (header, controls off). */
const STAGES = [
  { name: 'landscape', width: 594, height: 700 },
  { name: 'portrait', width: 768, height: 640 },
] as const;

describe('tablet layout', () => {
  it.each(STAGES)('gives every 5×5 cell at least 64 px ($name)', ({ width, height }) => {
    const layout = tabletLayout(width, height, 5);
    expect(layout.cells).toHaveLength(25);
    for (const cell of layout.cells) expect(cell.rect.width).toBeGreaterThanOrEqual(64);
    expect(layout.numberSize).toBeGreaterThanOrEqual(32);
  });

  it.each(STAGES)('keeps the board inside the stage and below the band ($name)', ({ width, height }) => {
    for (const size of [3, 4, 5]) {
      const { board, band } = tabletLayout(width, height, size);
      expect(board.y).toBeGreaterThanOrEqual(band.y + band.height);
      expect(board.x).toBeGreaterThanOrEqual(0);
      expect(board.x + board.width).toBeLessThanOrEqual(width);
      expect(board.y + board.height).toBeLessThanOrEqual(height);
    }
  });

  it('hit-tests the cell a test clicks, gaps to a neighbour, and nothing outside the board', () => {
    for (const size of [3, 4, 5]) {
      const layout = tabletLayout(594, 700, size);
      layout.cells.forEach((_, i) => {
        const { x, y } = schulteCellCentre(size, i, 594, 700);
        expect(schulteCellAt(layout, x, y)).toBe(i);
      });
      const [a, b] = layout.cells;
      if (!a || !b) throw new Error('no cells');
      const gapX = (a.rect.x + a.rect.width + b.rect.x) / 2;
      expect([0, 1]).toContain(schulteCellAt(layout, gapX, a.centre.y));
      expect(schulteCellAt(layout, layout.board.x - 5, a.centre.y)).toBeNull();
      expect(schulteCellAt(layout, a.centre.x, layout.band.y + 5)).toBeNull();
    }
  });

  it('has no cells for the fish game, and puts the picture inside the board', () => {
    const layout = tabletLayout(768, 640, null);
    expect(layout.cells).toHaveLength(0);
    const { stimulus, board } = layout;
    expect(stimulus.y - stimulus.radius).toBeGreaterThanOrEqual(board.y);
    expect(stimulus.y + stimulus.radius).toBeLessThan(layout.dotsY);
  });
});

describe('the projector mountain', () => {
  const m = mountain();
  it('starts at the foot, ends at the summit, and climbs all the way', () => {
    expect(pointAlong(m, 0)).toStrictEqual(m.path[0]);
    const top = pointAlong(m, 1);
    expect(top.y).toBeLessThan(260);
    for (let i = 1; i < m.path.length; i += 1) expect(m.path[i]?.y).toBeLessThan(m.path[i - 1]?.y ?? 0);
    expect(pointAlong(m, 0.5).y).toBeLessThan(pointAlong(m, 0.25).y);
  });

  it('keeps the path inside the peak', () => {
    const [left, summit, right] = m.peak;
    for (const p of m.path) {
      const k = (left.y - p.y) / (left.y - summit.y);
      expect(p.x).toBeGreaterThan(left.x + (summit.x - left.x) * k - 1);
      expect(p.x).toBeLessThan(right.x - (right.x - summit.x) * k + 1);
    }
  });

  it('draws the climbed part up to the climbers', () => {
    const walked = pathUpTo(m, 0.3);
    expect(walked[walked.length - 1]).toStrictEqual(pointAlong(m, 0.3));
    expect(pathUpTo(m, 0)).toHaveLength(2);
  });
});

describe('what a child is told', () => {
  const grid = (timeMs: number, errors = 0) => ({ kind: 'schulte' as const, timeMs, errors });
  const record = (last: LevelRecord['last'], previous: LevelRecord['previous']): LevelRecord => ({
    tries: previous ? 2 : 1,
    last,
    previous,
    best: last,
    improved: false,
  });

  it('shows seconds with one decimal', () => {
    expect(seconds(8149)).toBe('8.1');
    expect(seconds(12_000)).toBe('12.0');
  });

  it('compares a grid only with the same child’s last try', () => {
    expect(feedback(record(grid(9000), null))).toStrictEqual({ key: 'feedback.first', vars: {} });
    expect(feedback(record(grid(9000), grid(11_000)))).toStrictEqual({
      key: 'feedback.faster',
      vars: { seconds: '2.0' },
    });
    expect(feedback(record(grid(9000), grid(9100))).key).toBe('feedback.same');
    // Slower is an invitation, never a verdict.
    expect(feedback(record(grid(12_000), grid(9000))).key).toBe('feedback.again');
  });

  it('praises fewer mistakes in the fish game, and a perfect game', () => {
    const fish = (errors: number) => ({
      kind: 'gonogo' as const,
      timeMs: 450,
      errors,
      fishCaught: 9 - errors,
      fishTotal: 9,
      sharksAvoided: 3,
      sharksTotal: 3,
    });
    expect(feedback(record(fish(0), null)).key).toBe('feedback.perfect');
    expect(feedback(record(fish(1), fish(3)))).toStrictEqual({ key: 'feedback.fewer', vars: { count: 2 } });
    expect(feedback(record(fish(2), fish(2))).key).toBe('feedback.again');
  });
});
