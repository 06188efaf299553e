/**
 * The tablet stage: one child's feeling ball and the jars. The child drags the ball into a jar or
 * simply taps a jar — both choose it at once ({ type: 'answer', emotion, intensity: 2, reason: null });
 * size and reason come afterwards from the DOM controls. Hit-testing uses the same rectangles as
 * the drawing (layout.ts), so a browser test can click `tabletJarCentre(...)`.
 *
 * Input is read at scene level (pointerdown/move/up) rather than through interactive game objects:
 * it needs no hit-area geometry classes (absent from `phaser-core`) and keeps layout.ts the one
 * source of truth for where a jar is.
 */
import * as Phaser from 'phaser';
import type { StageBridge } from '../../client-contract.js';
import { EMOTIONS, type Emotion, type EmotionMonsterIntent } from '../logic/model.js';
import type { TabletView } from '../logic/views.js';
import { addText, drawBall, drawJarBack, drawJarFront, drawLoveCard, fitWidth } from './art.js';
import { BALL_SCALE, type Circle, type TabletLayout, tabletLayout, tabletTargetAt, withinCircle } from './layout.js';
import { PAPER, SOFT_INK, wallClock } from './theme.js';

type Graphics = Phaser.GameObjects.Graphics;

/** How long to show an optimistic answer before trusting the server's view again. */
const PENDING_MS = 4000;
/** Fingers are bigger than the ball's edge: a touch this close still picks the ball up. */
const GRAB_SLACK = 20;

interface Pending {
  emotion: Emotion;
  since: number;
}

export class TabletScene extends Phaser.Scene {
  private readonly bridge: StageBridge<TabletView, EmotionMonsterIntent>;
  private view: TabletView;
  private unsubscribe: (() => void) | null = null;
  private layout: TabletLayout = tabletLayout(1, 1);
  private backGraphics: Graphics | null = null;
  private jarGraphics = new Map<Emotion, Graphics>();
  private ballGraphics: Graphics | null = null;
  private texts: Phaser.GameObjects.Text[] = [];
  private hintText: Phaser.GameObjects.Text | null = null;
  private ball: Circle = { x: 0, y: 0, radius: 1 };
  private drag: { dx: number; dy: number } | null = null;
  private pressed: Emotion | null = null;
  private hover: Emotion | null = null;
  private pending: Pending | null = null;
  private lastFrameAt = wallClock();

  constructor(bridge: StageBridge<TabletView, EmotionMonsterIntent>) {
    super({ key: 'emotion-monster-tablet' });
    this.bridge = bridge;
    this.view = bridge.view;
  }

  create(): void {
    this.cameras.main.setBackgroundColor(PAPER);
    this.backGraphics = this.add.graphics();
    for (const emotion of EMOTIONS) this.jarGraphics.set(emotion, this.add.graphics());
    this.ballGraphics = this.add.graphics().setDepth(10);
    this.relayout();
    this.ball = { ...this.restingBall() };

    this.unsubscribe = this.bridge.onView((view) => {
      this.view = view;
      if (this.pending && view.mine?.choice === this.pending.emotion) this.pending = null;
      if (view.phase !== 'sort') this.cancelGesture();
      this.renderStatic();
    });
    this.input.on(Phaser.Input.Events.POINTER_DOWN, this.onDown, this);
    this.input.on(Phaser.Input.Events.POINTER_MOVE, this.onMove, this);
    this.input.on(Phaser.Input.Events.POINTER_UP, this.onUp, this);
    this.input.on(Phaser.Input.Events.POINTER_UP_OUTSIDE, this.cancelGesture, this);
    this.scale.on(Phaser.Scale.Events.RESIZE, this.relayout, this);

    const stop = (): void => {
      this.unsubscribe?.();
      this.unsubscribe = null;
      this.scale.off(Phaser.Scale.Events.RESIZE, this.relayout, this);
    };
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, stop);
    this.events.once(Phaser.Scenes.Events.DESTROY, stop);
  }

  override update(): void {
    const time = wallClock();
    const elapsed = Math.min(250, time - this.lastFrameAt);
    this.lastFrameAt = time;
    if (this.pending && time - this.pending.since > PENDING_MS) {
      // No view confirmed the answer (refused, or lost): show what the server says we have.
      this.pending = null;
      this.renderStatic();
    }
    if (!this.drag) {
      const rest = this.restingBall();
      const k = Math.min(1, elapsed / 110);
      const bob = this.isHome() && this.view.phase === 'sort' ? Math.sin(time / 420) * rest.radius * 0.06 : 0;
      this.ball = {
        x: this.ball.x + (rest.x - this.ball.x) * k,
        y: this.ball.y + (rest.y + bob - this.ball.y) * k,
        radius: this.ball.radius + (rest.radius - this.ball.radius) * k,
      };
    }
    this.drawBall(time);
  }

  private relayout(): void {
    this.layout = tabletLayout(this.scale.width, this.scale.height);
    this.cancelGesture();
    this.ball = { ...this.restingBall() };
    this.renderStatic();
  }

  /** The emotion the child's ball is in right now, counting an answer not yet confirmed. */
  private placed(): Emotion | null {
    if (this.pending) return this.pending.emotion;
    const mine = this.view.mine;
    return mine && mine.choice !== 'pass' ? mine.choice : null;
  }

  private isHome(): boolean {
    return this.placed() === null;
  }

  private restingBall(): Circle {
    const placed = this.placed();
    if (placed === null) return this.layout.ballHome;
    const spot = this.layout.targets[placed].ballSpot;
    const mine = this.view.mine;
    const intensity = !this.pending && mine && mine.choice !== 'pass' ? mine.intensity : 2;
    return { x: spot.x, y: spot.y, radius: spot.radius * (BALL_SCALE[intensity - 1] ?? 1) };
  }

  private hintKey(): string {
    if (this.view.phase !== 'sort') return 'tablet.lookAtScreen';
    if (this.placed() !== null) return 'tablet.hintPlaced';
    if (this.view.mine?.choice === 'pass') return 'tablet.hintPassed';
    return 'tablet.hintPlace';
  }

  private renderStatic(): void {
    const back = this.backGraphics;
    if (!back) return;
    const layout = this.layout;
    for (const text of this.texts) text.destroy();
    this.texts = [];
    this.hintText?.destroy();

    back.clear();
    back
      .fillStyle(0xfff1cf, 1)
      .fillRoundedRect(
        layout.band.x + 8,
        layout.band.y + 8,
        Math.max(1, layout.band.width - 16),
        Math.max(1, layout.band.height - 16),
        Math.min(28, layout.band.height / 2 - 8),
      );

    const spotlight = this.view.phase === 'sort' ? null : this.view.spotlight;
    for (const emotion of EMOTIONS) {
      const g = this.jarGraphics.get(emotion);
      if (!g) continue;
      const target = layout.targets[emotion];
      const glow = emotion === spotlight || emotion === this.hover;
      g.clear();
      if (target.kind === 'card') drawLoveCard(g, target.body, { glow });
      else {
        drawJarBack(g, emotion, target.body, { glow });
        drawJarFront(g, emotion, target.body);
      }
      // In the spotlight the other jars step back, so the child sees which one the class is on.
      g.setAlpha(spotlight && emotion !== spotlight ? 0.35 : 1);
      const label = addText(
        this,
        target.label.x,
        target.label.y,
        this.bridge.t(`emotion.${emotion}`),
        target.label.fontSize,
        {
          bold: true,
        },
      );
      label.setAlpha(spotlight && emotion !== spotlight ? 0.35 : 1);
      fitWidth(label, target.hit.width - 8);
      this.texts.push(label);
    }

    const hint = layout.hint;
    this.hintText = addText(this, hint.x, hint.y, this.bridge.t(this.hintKey()), hint.fontSize, {
      bold: this.view.phase !== 'sort',
      colour: this.view.phase === 'sort' ? SOFT_INK : 0x1d1d28,
      originX: 0,
      align: 'left',
      wrapWidth: hint.width,
    });
  }

  private drawBall(time: number): void {
    const g = this.ballGraphics;
    if (!g) return;
    g.clear();
    const placed = this.placed();
    const passed = this.view.mine?.choice === 'pass';
    const colour: Emotion | 'tangled' = this.drag ? (this.hover ?? 'tangled') : (placed ?? 'tangled');
    const faded = !this.drag && placed === null && (passed || this.view.phase !== 'sort');
    if (this.drag) {
      g.fillStyle(0x000000, 0.12).fillEllipse(
        this.ball.x,
        this.ball.y + this.ball.radius * 1.15,
        this.ball.radius * 1.6,
        this.ball.radius * 0.4,
      );
    }
    drawBall(g, this.ball.x, this.ball.y, this.ball.radius, colour, {
      face: true,
      spin: colour === 'tangled' && this.view.phase === 'sort' ? time / 2400 : 0,
      alpha: faded ? 0.45 : 1,
    });
  }

  private onDown(pointer: Phaser.Input.Pointer): void {
    if (this.view.phase !== 'sort') return;
    if (withinCircle(this.ball, pointer.x, pointer.y, GRAB_SLACK)) {
      this.drag = { dx: this.ball.x - pointer.x, dy: this.ball.y - pointer.y };
      this.ball = { ...this.ball, radius: Math.max(this.ball.radius, this.layout.ballHome.radius * 0.8) };
      return;
    }
    this.pressed = tabletTargetAt(this.layout, pointer.x, pointer.y);
  }

  private onMove(pointer: Phaser.Input.Pointer): void {
    if (!this.drag) return;
    this.ball = { ...this.ball, x: pointer.x + this.drag.dx, y: pointer.y + this.drag.dy };
    const over = tabletTargetAt(this.layout, pointer.x, pointer.y);
    if (over !== this.hover) {
      this.hover = over;
      this.renderStatic();
    }
  }

  private onUp(pointer: Phaser.Input.Pointer): void {
    if (this.view.phase !== 'sort') {
      this.cancelGesture();
      return;
    }
    if (this.drag) {
      const target =
        tabletTargetAt(this.layout, pointer.x, pointer.y) ?? tabletTargetAt(this.layout, this.ball.x, this.ball.y);
      this.drag = null;
      this.hover = null;
      if (target) this.choose(target);
      this.renderStatic();
      return;
    }
    const pressed = this.pressed;
    this.pressed = null;
    // A tap is a press and release on the same jar; sliding off it cancels, as with a button.
    if (pressed && tabletTargetAt(this.layout, pointer.x, pointer.y) === pressed) this.choose(pressed);
  }

  private cancelGesture(): void {
    const hadHover = this.hover !== null;
    this.drag = null;
    this.pressed = null;
    this.hover = null;
    if (hadHover) this.renderStatic();
  }

  private choose(emotion: Emotion): void {
    // The same jar again changes nothing: keep the size and reason the child already gave.
    if (this.placed() === emotion) return;
    this.bridge.emit({ type: 'answer', emotion, intensity: 2, reason: null });
    this.pending = { emotion, since: wallClock() };
    this.renderStatic();
  }
}
