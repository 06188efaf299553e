/**
 * The tablet stage: one child's board. When the teacher opens a level (or the child asks for a new
 * board) a 3-2-1 countdown runs, then the board appears and the clock starts — `performance.now()`
 * on the tablet, the same timeline as a pointer event's `timeStamp`, so a tap is timed from the
 * moment it happened, not from when the frame got round to it.
 *
 * - Schulte grid: tap 1, 2, 3… A found number turns green with a tick; a wrong one gives a gentle
 *   orange wobble and is counted, not punished. At the last number the taps go to the server in ONE
 *   intent: [cell, ms since the board appeared] each.
 * - Fish game: pictures appear one by one at the board's pace; tap when it is the fish. The first
 *   tap on each picture is kept (ms from its appearance). At the end, one intent with all of them.
 *
 * The tablet never sends what a child cannot do: taps within MIN_STEP_MS of the previous find (or of
 * a picture's appearance) are taken as leftovers of the last tap and ignored, taps on found numbers
 * are ignored, and a grid left for ten minutes starts over. No running clock is shown while playing:
 * the time appears afterwards, compared only with the child's own earlier try.
 *
 * Input is read at scene level (pointerdown) and hit-tested with layout.ts, so a browser test can
 * click `schulteCellCentre(...)`. The canvas carries `data-state` (idle, countdown, grid, fish, sent,
 * done), in the fish game `data-picture` (fish, shark or empty), and an `aria-label` describing it.
 */
import * as Phaser from 'phaser';
import type { StageBridge } from '../../client-contract.js';
import {
  type AttentionIntent,
  type Board,
  MAX_LEVEL_MS,
  MAX_WRONG_TAPS,
  MIN_STEP_MS,
  type Picture,
} from '../logic/model.js';
import type { TabletView } from '../logic/views.js';
import { addText, drawLevelPicture, drawPicture, drawStar, drawVerdict, fitWidth, type TextLook } from './draw.js';
import { seconds } from './feedback.js';
import { clamp, schulteCellAt, TABLET_COUNTDOWN_MS, type TabletLayout, tabletLayout } from './layout.js';
import {
  BAND,
  FOUND,
  FOUND_INK,
  GOLD,
  INK,
  OOPS,
  PAPER,
  SOFT_INK,
  shade,
  TILE,
  TILE_EDGE,
  wallClock,
} from './theme.js';

type Graphics = Phaser.GameObjects.Graphics;

type Local =
  | { kind: 'idle' }
  | { kind: 'countdown'; key: string; since: number }
  | {
      kind: 'grid';
      key: string;
      t0: number;
      next: number;
      taps: [number, number][];
      found: Set<number>;
      wrong: number;
      /** Ms (as sent) of the last number found, and of the last tap: the server checks these very numbers. */
      lastFindT: number;
      lastT: number;
      flash: { cell: number; ok: boolean; at: number } | null;
    }
  | {
      kind: 'fish';
      key: string;
      t0: number;
      responses: (number | null)[];
      reaction: { index: number; at: number } | null;
    }
  | { kind: 'sent'; key: string; timeMs: number | null }
  | { kind: 'done'; key: string };

const FLASH_MS = 380;
const REACTION_MS = 450;

/** When the pointer went down, on the performance.now() timeline (the DOM event's own stamp if sane). */
function tapTime(pointer: Phaser.Input.Pointer): number {
  const now = wallClock();
  const stamp = pointer.event?.timeStamp;
  return typeof stamp === 'number' && Number.isFinite(stamp) && stamp > now - 1000 && stamp <= now ? stamp : now;
}

export class TabletScene extends Phaser.Scene {
  private readonly bridge: StageBridge<TabletView, AttentionIntent>;
  private view: TabletView;
  private unsubscribe: (() => void) | null = null;
  private layout: TabletLayout = tabletLayout(1, 1, null);
  private local: Local = { kind: 'idle' };
  private staticGraphics: Graphics | null = null;
  private dynamicGraphics: Graphics | null = null;
  /** The level's picture while waiting: faded, so nobody takes it for a board to tap. */
  private pictureGraphics: Graphics | null = null;
  private texts: Phaser.GameObjects.Text[] = [];
  private countText: Phaser.GameObjects.Text | null = null;
  private shownCount = 0;

  constructor(bridge: StageBridge<TabletView, AttentionIntent>) {
    super({ key: 'attention-challenge-tablet' });
    this.bridge = bridge;
    this.view = bridge.view;
  }

  create(): void {
    this.cameras.main.setBackgroundColor(PAPER);
    this.staticGraphics = this.add.graphics();
    this.dynamicGraphics = this.add.graphics().setDepth(5);
    this.pictureGraphics = this.add.graphics().setAlpha(0.4);
    this.unsubscribe = this.bridge.onView((view) => {
      this.view = view;
      this.sync();
    });
    this.input.on(Phaser.Input.Events.POINTER_DOWN, this.onDown, this);
    this.scale.on(Phaser.Scale.Events.RESIZE, this.relayout, this);
    const stop = (): void => {
      this.unsubscribe?.();
      this.unsubscribe = null;
      this.scale.off(Phaser.Scale.Events.RESIZE, this.relayout, this);
    };
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, stop);
    this.events.once(Phaser.Scenes.Events.DESTROY, stop);
    this.sync();
  }

  private board(): Board | null {
    return this.view.play?.board ?? null;
  }

  /** Brings the local game in line with the server's view (a new board starts a countdown). */
  private sync(): void {
    const play = this.view.play;
    if (!play) {
      this.local = { kind: 'idle' };
    } else {
      const key = `${play.round}:${play.attempt}`;
      const current = this.local;
      if (play.done) this.local = { kind: 'done', key };
      else if (current.kind === 'idle' || current.kind === 'done' || current.key !== key) {
        this.local = { kind: 'countdown', key, since: wallClock() };
      }
    }
    this.relayout();
  }

  private relayout(): void {
    const board = this.board();
    this.layout = tabletLayout(this.scale.width, this.scale.height, board?.kind === 'schulte' ? board.size : null);
    this.renderStatic();
  }

  private t(key: string, vars?: Record<string, string | number>): string {
    return this.bridge.t(key, vars);
  }

  private text(x: number, y: number, value: string, size: number, look: TextLook = {}): Phaser.GameObjects.Text {
    const text = addText(this, x, y, value, size, look);
    this.texts.push(text);
    return text;
  }

  // ---------------------------------------------------------------------------------------- frames

  override update(): void {
    const now = wallClock();
    const local = this.local;
    const board = this.board();
    if (local.kind === 'countdown' && board) {
      const left = Math.ceil((TABLET_COUNTDOWN_MS - (now - local.since)) / (TABLET_COUNTDOWN_MS / 3));
      if (left <= 0) {
        this.begin(local.key, board);
        return;
      }
      if (left !== this.shownCount) {
        this.shownCount = left;
        this.countText?.setText(String(left));
      }
    } else if (local.kind === 'grid' && now - local.t0 > MAX_LEVEL_MS - 5000) {
      // Left alone for ten minutes: start over rather than send a time the server cannot take.
      this.local = { kind: 'countdown', key: local.key, since: now };
      this.renderStatic();
      return;
    } else if (local.kind === 'fish' && board?.kind === 'gonogo') {
      const period = board.showMs + board.gapMs;
      if (now - local.t0 >= board.items.length * period) {
        this.send({ type: 'gonogo-done', ...this.run(), responses: local.responses }, null);
        return;
      }
    }
    this.drawDynamic(now);
  }

  private run(): { round: number; attempt: number } {
    return { round: this.view.play?.round ?? 0, attempt: this.view.play?.attempt ?? 0 };
  }

  private begin(key: string, board: Board): void {
    const t0 = wallClock();
    this.local =
      board.kind === 'schulte'
        ? { kind: 'grid', key, t0, next: 1, taps: [], found: new Set(), wrong: 0, lastFindT: 0, lastT: 0, flash: null }
        : { kind: 'fish', key, t0, responses: board.items.map(() => null), reaction: null };
    this.renderStatic();
  }

  private send(intent: AttentionIntent, timeMs: number | null): void {
    const local = this.local;
    if (local.kind === 'idle') return;
    this.bridge.emit(intent);
    this.local = { kind: 'sent', key: local.key, timeMs };
    this.renderStatic();
  }

  // ---------------------------------------------------------------------------------------- input

  private onDown(pointer: Phaser.Input.Pointer): void {
    const local = this.local;
    const board = this.board();
    const at = tapTime(pointer);
    if (local.kind === 'grid' && board?.kind === 'schulte') {
      const cell = schulteCellAt(this.layout, pointer.x, pointer.y);
      if (cell === null || local.found.has(cell)) return;
      // Whole ms, never before the previous tap: exactly what the server will check.
      const t = Math.max(local.lastT, Math.round(at - local.t0));
      if (board.numbers[cell] === local.next) {
        // Sooner than a person can find a number: the tail of the previous tap, not a new find.
        if (t - local.lastFindT < MIN_STEP_MS) return;
        local.taps.push([cell, t]);
        local.found.add(cell);
        local.next += 1;
        local.lastFindT = t;
        local.lastT = t;
        local.flash = { cell, ok: true, at: wallClock() };
        if (local.next > board.numbers.length) {
          this.send({ type: 'schulte-done', ...this.run(), taps: local.taps }, t);
          return;
        }
      } else {
        local.wrong += 1;
        // Past the cap the tablet still wobbles, but the message stays small.
        if (local.wrong <= MAX_WRONG_TAPS) {
          local.taps.push([cell, t]);
          local.lastT = t;
        }
        local.flash = { cell, ok: false, at: wallClock() };
      }
      this.renderStatic();
      return;
    }
    if (local.kind === 'fish' && board?.kind === 'gonogo') {
      const period = board.showMs + board.gapMs;
      const elapsed = at - local.t0;
      const index = Math.floor(elapsed / period);
      const offset = Math.round(elapsed - index * period);
      if (index < 0 || index >= board.items.length || local.responses[index] !== null) return;
      if (offset < MIN_STEP_MS || offset >= period) return;
      local.responses[index] = offset;
      local.reaction = { index, at: wallClock() };
    }
  }

  // ---------------------------------------------------------------------------------------- drawing

  private canvasState(): void {
    const canvas = this.game.canvas;
    canvas.dataset.state = this.local.kind;
    const level = this.t('level.number', { number: this.view.level.number });
    const board = this.board();
    const what =
      this.local.kind === 'grid' && board?.kind === 'schulte'
        ? this.t('tablet.aria.grid', { next: this.local.next })
        : this.local.kind === 'fish'
          ? this.t('tablet.aria.fish')
          : this.t(`tablet.aria.${this.local.kind}`);
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `${level} · ${what}`);
  }

  private renderStatic(): void {
    const g = this.staticGraphics;
    if (!g) return;
    for (const text of this.texts) text.destroy();
    this.texts = [];
    this.countText = null;
    this.shownCount = 0;
    g.clear();
    this.dynamicGraphics?.clear();
    this.pictureGraphics?.clear();
    this.canvasState();

    const { band } = this.layout;
    g.fillStyle(BAND, 1).fillRoundedRect(band.x, band.y, band.width, band.height, Math.min(24, band.height / 2));
    this.drawBand(g);

    const local = this.local;
    const board = this.board();
    switch (local.kind) {
      case 'idle':
        this.renderIdle(g);
        break;
      case 'countdown':
        this.renderCountdown(g, board);
        break;
      case 'grid':
        if (board?.kind === 'schulte') this.renderGrid(g, board.numbers, local);
        break;
      case 'fish':
        break;
      case 'sent':
      case 'done':
        this.renderResult(g);
        break;
    }
  }

  /** The strip on top: the level badge on the left, the picture hint on the right. */
  private drawBand(g: Graphics): void {
    const { band, bandFont } = this.layout;
    const cy = band.y + band.height / 2;
    const badge = this.text(band.x + 20, cy, this.t('level.number', { number: this.view.level.number }), bandFont, {
      bold: true,
      originX: 0,
    });
    const right = band.x + band.width - 20;
    const spec = this.view.level.spec;
    const local = this.local;
    if (local.kind === 'grid') {
      // "找 [4]": the next number, in a tile like the grid's — the picture is the instruction.
      const tile = band.height * 0.72;
      const x = right - tile;
      g.fillStyle(TILE, 1).fillRoundedRect(x, cy - tile / 2, tile, tile, 12);
      g.lineStyle(4, GOLD, 1).strokeRoundedRect(x, cy - tile / 2, tile, tile, 12);
      this.text(x + tile / 2, cy, String(local.next), tile * 0.58, { bold: true });
      this.text(x - 16, cy, this.t('tablet.find'), bandFont, { bold: true, originX: 1, colour: SOFT_INK });
      return;
    }
    if (spec.kind === 'gonogo' && (local.kind === 'countdown' || local.kind === 'fish')) {
      // Fish ✓, shark ✗: the rule as pictures.
      const r = band.height * 0.34;
      const step = r * 2.9;
      drawPicture(g, 'shark', right - r * 1.9, cy, r);
      drawVerdict(g, false, right - r * 0.45, cy + r * 0.55, r * 0.42);
      drawPicture(g, 'fish', right - r * 1.9 - step, cy, r);
      drawVerdict(g, true, right - r * 0.45 - step, cy + r * 0.55, r * 0.42);
      return;
    }
    // Stars for the levels this child has cleared (one per level of the ladder).
    const n = this.view.cleared.length;
    const r = clamp(band.height * 0.22, 10, 20);
    const room = band.width - (badge.width + 60);
    const gap = Math.min(r * 2.6, room / Math.max(1, n));
    this.view.cleared.forEach((cleared, i) => {
      const x = right - r - (n - 1 - i) * gap;
      drawStar(g, x, cy, r, cleared ? GOLD : 0xe6dcc6);
    });
  }

  private centre(): { x: number; y: number; side: number } {
    const { board } = this.layout;
    return { x: board.x + board.width / 2, y: board.y + board.height / 2, side: board.width };
  }

  private renderIdle(g: Graphics): void {
    const { x, y, side } = this.centre();
    const phase = this.view.phase;
    const font = clamp(side * 0.075, 24, 48);
    if (phase === 'finished') {
      const climbed = this.view.climbed ?? 0;
      const summit = (this.view.goal ?? 0) > 0 && climbed >= (this.view.goal ?? 0);
      this.drawSummit(g, x, y - side * 0.14, side * 0.5);
      const title = this.text(
        x,
        y + side * 0.22,
        this.t(summit ? 'tablet.summitReached' : 'tablet.finished'),
        font * 1.1,
        {
          bold: true,
        },
      );
      fitWidth(title, side - 16);
      this.text(x, y + side * 0.34, this.t('tablet.climbed', { climbed }), font * 0.8, {
        colour: SOFT_INK,
      });
      return;
    }
    // The level's picture, small and faded: what comes next, not something to tap yet.
    const picture = this.pictureGraphics ?? g;
    const texts = drawLevelPicture(this, picture, this.view.level.spec, x, y - side * 0.14, side * 0.36);
    for (const text of texts) text.setAlpha(0.4);
    this.texts.push(...texts);
    const look = this.text(x, y + side * 0.2, this.t('tablet.lookAtScreen'), font * 1.1, { bold: true });
    fitWidth(look, side - 16);
    const sub = this.text(
      x,
      y + side * 0.32,
      this.t(phase === 'ready' ? 'tablet.ready' : 'tablet.stopped'),
      font * 0.72,
      { colour: SOFT_INK, wrapWidth: side - 24 },
    );
    fitWidth(sub, side - 16);
  }

  private drawSummit(g: Graphics, cx: number, cy: number, size: number): void {
    g.fillStyle(0x8c9aa6, 1).fillTriangle(
      cx - size * 0.6,
      cy + size * 0.4,
      cx,
      cy - size * 0.4,
      cx + size * 0.6,
      cy + size * 0.4,
    );
    g.fillStyle(0xffffff, 1).fillTriangle(
      cx - size * 0.16,
      cy - size * 0.19,
      cx,
      cy - size * 0.4,
      cx + size * 0.16,
      cy - size * 0.19,
    );
    g.lineStyle(4, INK, 1).lineBetween(cx, cy - size * 0.4, cx, cy - size * 0.72);
    g.fillStyle(0xe0473c, 1).fillTriangle(
      cx,
      cy - size * 0.72,
      cx + size * 0.26,
      cy - size * 0.62,
      cx,
      cy - size * 0.52,
    );
    drawStar(g, cx + size * 0.42, cy - size * 0.5, size * 0.1);
    drawStar(g, cx - size * 0.44, cy - size * 0.3, size * 0.07);
  }

  private renderCountdown(g: Graphics, board: Board | null): void {
    // Blank tiles (or an empty pond) so the child sees where to look; the numbers come at "go".
    if (board?.kind === 'schulte') {
      for (const cell of this.layout.cells) {
        const r = Math.min(18, cell.rect.width * 0.16);
        g.fillStyle(0xf3ecdd, 1).fillRoundedRect(cell.rect.x, cell.rect.y, cell.rect.width, cell.rect.height, r);
      }
    } else {
      this.drawPond(g);
    }
    const { x, y, side } = this.centre();
    g.fillStyle(0xffffff, 0.92).fillCircle(x, y, side * 0.2);
    g.lineStyle(8, GOLD, 1).strokeCircle(x, y, side * 0.2);
    this.countText = this.text(x, y, '3', side * 0.22, { bold: true });
  }

  private drawPond(g: Graphics): void {
    const { board } = this.layout;
    g.fillStyle(0xdcefff, 1).fillRoundedRect(board.x, board.y, board.width, board.height, 28);
    g.lineStyle(4, 0xb5d6f2, 1).strokeRoundedRect(board.x, board.y, board.width, board.height, 28);
  }

  private renderGrid(g: Graphics, numbers: readonly number[], local: Extract<Local, { kind: 'grid' }>): void {
    const size = this.layout.numberSize;
    this.layout.cells.forEach((cell, i) => {
      const { x, y, width } = cell.rect;
      const r = Math.min(18, width * 0.16);
      const found = local.found.has(i);
      g.fillStyle(found ? FOUND : TILE, 1).fillRoundedRect(x, y, width, width, r);
      g.lineStyle(Math.max(3, width * 0.035), found ? FOUND_INK : TILE_EDGE, 1).strokeRoundedRect(
        x,
        y,
        width,
        width,
        r,
      );
      const value = numbers[i] ?? 0;
      this.text(cell.centre.x, cell.centre.y, String(value), size, { bold: true, colour: found ? FOUND_INK : INK });
      if (found) {
        // A tick as well as the colour: found is never shown by colour alone.
        drawVerdict(g, true, x + width - width * 0.16, y + width * 0.16, width * 0.12);
      }
    });
  }

  /**
   * A finished board: a big star, "完成啦!" (or "新纪录!"), and the result as a number or pictures.
   * The sentence comparing with the last try sits in the controls, in words, once.
   */
  private renderResult(g: Graphics): void {
    const { x, y, side } = this.centre();
    const font = clamp(side * 0.08, 24, 52);
    drawStar(g, x, y - side * 0.2, side * 0.17);
    const local = this.local;
    const record = local.kind === 'done' ? this.view.record : null;
    this.text(x, y + side * 0.04, this.t(record?.improved ? 'tablet.newBest' : 'tablet.done'), font * 1.15, {
      bold: true,
    });
    const lineY = y + side * 0.2;
    const last = record?.last ?? null;
    if (last?.kind === 'gonogo') {
      // The same drawn fish and shark as in the game (an emoji shark would be a different animal).
      const r = font * 0.75;
      const fish = this.text(x - r * 1.2, lineY, `${last.fishCaught}/${last.fishTotal}`, font, {
        bold: true,
        originX: 1,
      });
      drawPicture(g, 'fish', fish.x - fish.width - r * 1.2, lineY, r);
      this.text(x + r * 3.4, lineY, `${last.sharksAvoided}/${last.sharksTotal}`, font, { bold: true, originX: 0 });
      drawPicture(g, 'shark', x + r * 1.6, lineY, r);
      drawVerdict(g, false, x + r * 2.5, lineY + r * 0.5, r * 0.36);
      return;
    }
    const timeMs = last?.kind === 'schulte' ? last.timeMs : local.kind === 'sent' ? local.timeMs : null;
    if (timeMs !== null) {
      const line = this.text(x, lineY, this.t('result.time', { seconds: seconds(timeMs) }), font, { bold: true });
      fitWidth(line, side - 16);
    }
  }

  /** Every frame: the flash on a tapped tile, the fish game's picture and progress dots. */
  private drawDynamic(now: number): void {
    const g = this.dynamicGraphics;
    if (!g) return;
    g.clear();
    const local = this.local;
    const board = this.board();
    if (local.kind === 'countdown') {
      const { x, y, side } = this.centre();
      const beat = ((now - local.since) % (TABLET_COUNTDOWN_MS / 3)) / (TABLET_COUNTDOWN_MS / 3);
      g.lineStyle(6, shade(GOLD, -0.1), 1 - beat).strokeCircle(x, y, side * (0.2 + beat * 0.08));
      return;
    }
    if (local.kind === 'grid' && local.flash) {
      const age = now - local.flash.at;
      const cell = this.layout.cells[local.flash.cell];
      if (age > FLASH_MS || !cell) {
        local.flash = null;
        return;
      }
      const k = 1 - age / FLASH_MS;
      const { x, y, width } = cell.rect;
      if (local.flash.ok) {
        g.lineStyle(6, FOUND_INK, k).strokeRoundedRect(x - 4, y - 4, width + 8, width + 8, 20);
      } else {
        // A wobble: the orange ring shakes sideways and fades.
        const dx = Math.sin(age / 28) * 7 * k;
        g.fillStyle(OOPS, 0.55 * k).fillRoundedRect(x + dx, y, width, width, 18);
        g.lineStyle(6, 0xf08c2e, k).strokeRoundedRect(x + dx - 3, y - 3, width + 6, width + 6, 20);
      }
      return;
    }
    if (local.kind === 'fish' && board?.kind === 'gonogo') this.drawFishGame(g, local, board.items, board, now);
  }

  private drawFishGame(
    g: Graphics,
    local: Extract<Local, { kind: 'fish' }>,
    items: readonly Picture[],
    pace: { showMs: number; gapMs: number },
    now: number,
  ): void {
    this.drawPond(g);
    const period = pace.showMs + pace.gapMs;
    const elapsed = now - local.t0;
    const index = Math.floor(elapsed / period);
    const within = elapsed - index * period;
    const { stimulus, board, dotsY } = this.layout;
    const picture = items[index];
    const reaction = local.reaction && local.reaction.index === index ? now - local.reaction.at : null;
    const shown = picture && within < pace.showMs ? picture : '';
    const canvas = this.game.canvas;
    if (canvas.dataset.picture !== shown) canvas.dataset.picture = shown;
    if (picture && within < pace.showMs) {
      // Pops in, then bobs gently; a tapped fish jumps for joy, a tapped shark shakes its head.
      const pop = Math.min(1, within / 140);
      let dx = 0;
      let dy = Math.sin(within / 260) * stimulus.radius * 0.04;
      if (reaction !== null && reaction < REACTION_MS) {
        const k = 1 - reaction / REACTION_MS;
        if (picture === 'fish') dy -= Math.sin((reaction / REACTION_MS) * Math.PI) * stimulus.radius * 0.25;
        else dx = Math.sin(reaction / 35) * stimulus.radius * 0.06 * k;
      }
      drawPicture(g, picture, stimulus.x + dx, stimulus.y + dy, stimulus.radius * (0.7 + 0.3 * pop));
    }
    if (reaction !== null && reaction < REACTION_MS * 1.6 && picture) {
      const k = 1 - reaction / (REACTION_MS * 1.6);
      const ring = picture === 'fish' ? 0x2f8f57 : 0xf08c2e;
      g.lineStyle(8, ring, k).strokeCircle(stimulus.x, stimulus.y, stimulus.radius * (1.05 + (1 - k) * 0.15));
    }
    // Progress: one dot per picture; the ones gone by are filled.
    const n = items.length;
    const gap = Math.min(30, (board.width - 40) / n);
    const r = Math.max(4, Math.min(9, gap * 0.3));
    const x0 = board.x + board.width / 2 - ((n - 1) * gap) / 2;
    for (let i = 0; i < n; i += 1) {
      const passed = i < index;
      g.fillStyle(passed ? 0x5a9bd8 : 0xffffff, 1).fillCircle(x0 + i * gap, dotsY, i === index ? r * 1.4 : r);
      g.lineStyle(2, 0x5a9bd8, 1).strokeCircle(x0 + i * gap, dotsY, i === index ? r * 1.4 : r);
    }
  }
}
