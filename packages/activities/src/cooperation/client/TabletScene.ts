/**
 * The tablet stage: one huge drum in the team's colour with the team's shape on its skin, and a
 * ring that closes onto the drum in time with the beat — "tap when the ring touches the drum".
 * When the team's tower grows, "一起!" pops above the drum for everyone in the team.
 *
 * The beat is drawn from the view's `origin` and `beatMs` on the server's clock, estimated by
 * `ClockSync` from the views' `serverTime`. Feedback on the child's own tap ("a little early") is
 * computed here, privately, and never sent anywhere; the tablet sends one bare `tap` per beat —
 * the server judges it by its own receive time, and would ignore the extra taps anyway.
 *
 * Input is read at scene level (pointerdown) and hit-tested against layout.ts's circle, so a
 * browser test can click `tabletDrumCentre(...)`.
 */
import * as Phaser from 'phaser';
import type { StageBridge } from '../../client-contract.js';
import { beatPosition, COUNTDOWN_BEATS, type CooperationIntent, isOnBeat, windowHalfMs } from '../logic/model.js';
import type { TabletView } from '../logic/views.js';
import { addText, burst, drawParticles, drawShape, fitWidth, type Particle } from './art.js';
import { type BeatPhase, beatPhase, ClockSync } from './clock.js';
import { onDrum, type TabletLayout, tabletLayout } from './layout.js';
import { cssColour, DISABLED, INK, PAPER, SOFT_INK, shade, teamStyle, wallClock } from './theme.js';

type Graphics = Phaser.GameObjects.Graphics;
type Text = Phaser.GameObjects.Text;

/**
 * Frames a second: 30 while the ring moves (smooth enough for a beat of 1–1.5 s), 12 when nothing
 * does. A school's cheap tablet runs all lesson long; the taps are read from DOM events, not
 * frames, so timing does not depend on this.
 */
const FPS_LIVE = 30;
const FPS_IDLE = 12;

/** How long the child's own "on the beat / a little early" note stays. */
const FEEDBACK_MS = 1100;
/** How long "一起!" stays after the tower grew. */
const TOGETHER_MS = 1100;

/** Green for "on the beat!": praise for the child's own tap, seen by nobody else. */
const GOOD_INK = 0x2e7d4f;

type Feedback = 'good' | 'early' | 'late' | 'waitStart';

export class TabletScene extends Phaser.Scene {
  private readonly bridge: StageBridge<TabletView, CooperationIntent>;
  private view: TabletView;
  private readonly clock = new ClockSync();
  private layout: TabletLayout = tabletLayout(1, 1);
  private unsubscribe: (() => void) | null = null;
  private drumGraphics: Graphics | null = null;
  private fxGraphics: Graphics | null = null;
  private cueText: Text | null = null;
  private noteText: Text | null = null;
  private digitText: Text | null = null;
  /** The team's picture on the drum skin, on top of its shape: shape + picture, never colour alone. */
  private emojiText: Text | null = null;
  private particles: Particle[] = [];
  private pressedAt = Number.NEGATIVE_INFINITY;
  private risenAt = Number.NEGATIVE_INFINITY;
  private feedback: { kind: Feedback; at: number } | null = null;
  /** The beat this tablet already tapped on (one tap per beat, as the server counts them). */
  private tappedBeat: { round: number; beat: number } | null = null;
  private shown = { cue: '', cueLook: '', note: '', digit: '', emoji: '' };
  private drawnSignature = '';
  private fps = 0;
  private fxDirty = false;

  constructor(bridge: StageBridge<TabletView, CooperationIntent>) {
    super({ key: 'cooperation-tablet' });
    this.bridge = bridge;
    this.view = bridge.view;
  }

  create(): void {
    this.cameras.main.setBackgroundColor(PAPER);
    this.clock.observe(this.view.serverTime, wallClock());
    this.drumGraphics = this.add.graphics();
    this.fxGraphics = this.add.graphics().setDepth(5);
    this.relayout();
    this.unsubscribe = this.bridge.onView((view) => this.onView(view));
    this.input.on(Phaser.Input.Events.POINTER_DOWN, this.onDown, this);
    this.scale.on(Phaser.Scale.Events.RESIZE, this.relayout, this);
    this.game.canvas.setAttribute('aria-label', this.bridge.t('tablet.stage'));
    const stop = (): void => {
      this.unsubscribe?.();
      this.unsubscribe = null;
      this.scale.off(Phaser.Scale.Events.RESIZE, this.relayout, this);
    };
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, stop);
    this.events.once(Phaser.Scenes.Events.DESTROY, stop);
  }

  private onView(view: TabletView): void {
    const now = wallClock();
    this.clock.observe(view.serverTime, now);
    const before = this.view;
    this.view = view;
    if (view.round !== before.round) {
      this.tappedBeat = null;
      this.feedback = null;
    }
    const grew =
      view.round === before.round &&
      view.team !== null &&
      before.team !== null &&
      view.team.team === before.team.team &&
      view.team.height > before.team.height;
    if (grew && view.team) {
      this.risenAt = now;
      const style = teamStyle(view.team.team);
      const { drum } = this.layout;
      this.particles.push(
        ...burst(
          18,
          { x: drum.x, y: drum.y - drum.radius * 0.6, spread: drum.radius },
          {
            colours: [style.colour, shade(style.colour, 0.45), 0xffd54f],
            shapes: [style.shape],
            size: Math.max(8, drum.radius * 0.07),
            speed: drum.radius * 2.6,
            life: 1000,
          },
          now,
        ),
      );
    }
  }

  private relayout(): void {
    this.layout = tabletLayout(this.scale.width, this.scale.height);
    for (const text of [this.cueText, this.noteText, this.digitText, this.emojiText]) text?.destroy();
    const { cue, note, drum } = this.layout;
    this.cueText = addText(this, cue.x, cue.y, '', cue.fontSize, { bold: true }).setDepth(6);
    // One line, shrunk to fit: a wrapped note would run off the bottom of a landscape tablet.
    this.noteText = addText(this, note.x, note.y, '', note.fontSize, { colour: SOFT_INK }).setDepth(6);
    this.digitText = addText(this, drum.x, drum.y, '', drum.radius * 0.95, { bold: true, colour: 0xffffff }).setDepth(
      4,
    );
    this.emojiText = addText(this, drum.x, drum.y, '', drum.radius * 0.42).setDepth(3);
    this.shown = { cue: '', cueLook: '', note: '', digit: '', emoji: '' };
    this.drawnSignature = '';
  }

  /** Taps count only in a running round, for a team that has not reached the top yet. */
  private live(): boolean {
    const { phase, team, origin } = this.view;
    return phase === 'playing' && origin !== null && team !== null && !team.topped;
  }

  private onDown(pointer: Phaser.Input.Pointer): void {
    if (!onDrum(this.layout, pointer.x, pointer.y)) return;
    const now = wallClock();
    this.pressedAt = now;
    const { origin, beatMs } = this.view;
    if (!this.live() || origin === null) return;
    const serverNow = this.clock.serverNow(now);
    if (serverNow !== null) {
      const { beat, offset } = beatPosition(serverNow, origin, beatMs);
      if (beat < 0) {
        this.feedback = { kind: 'waitStart', at: now };
        return;
      }
      const round = this.view.round;
      if (this.tappedBeat?.round === round && this.tappedBeat.beat === beat) return;
      this.tappedBeat = { round, beat };
      const onBeat = isOnBeat(offset, beatMs);
      this.feedback = { kind: onBeat ? 'good' : offset < 0 ? 'early' : 'late', at: now };
    }
    this.bridge.emit({ type: 'tap' });
  }

  override update(): void {
    const now = wallClock();
    const view = this.view;
    const fps = this.live() || this.particles.length > 0 || now - this.risenAt < TOGETHER_MS ? FPS_LIVE : FPS_IDLE;
    if (fps !== this.fps) {
      this.fps = fps;
      this.game.loop.setFPSLimit(fps);
    }
    const serverNow = this.clock.serverNow(now);
    const beat: BeatPhase | null =
      view.phase === 'playing' && view.origin !== null && serverNow !== null
        ? beatPhase(serverNow, view.origin, view.beatMs)
        : null;
    // Redraw only while something moves (the ring in a round, a press, a burst): a cheap tablet
    // idles instead of rebuilding the same drum sixty times a second.
    const signature = `${view.phase}|${view.team?.team ?? -1}|${view.team?.topped ?? false}|${beat?.beat ?? ''}|${this.layout.width}x${this.layout.height}`;
    const moving = this.live() || now - this.pressedAt < 500 || (beat !== null && beat.since < 400);
    if (moving || signature !== this.drawnSignature) {
      this.drawnSignature = signature;
      this.drawDrum(now, serverNow, beat);
    }
    if (this.fxGraphics && (this.particles.length > 0 || this.fxDirty)) {
      this.fxGraphics.clear();
      this.particles = drawParticles(this.fxGraphics, this.particles, now, this.layout.drum.radius * 4);
      this.fxDirty = this.particles.length > 0;
    }
    this.updateTexts(now, beat);
  }

  private drawDrum(now: number, serverNow: number | null, beat: BeatPhase | null): void {
    const g = this.drumGraphics;
    if (!g) return;
    g.clear();
    const view = this.view;
    const { drum, ringReach } = this.layout;
    const style = view.team ? teamStyle(view.team.team) : null;
    const live = this.live();
    const colour = style && view.phase !== 'gather' ? style.colour : DISABLED;
    const counting = beat !== null && beat.beat >= -COUNTDOWN_BEATS;
    const pulse = counting && beat ? 0.045 * Math.exp(-beat.since / 130) : 0;
    const squish = 0.07 * Math.exp(-(now - this.pressedAt) / 90);
    const r = drum.radius * (1 + pulse - squish);
    const alpha = live || view.phase === 'teams' ? 1 : 0.55;

    // The window: the drum's halo glows while a tap would be on the beat.
    if (live && beat && serverNow !== null && view.origin !== null) {
      const { offset } = beatPosition(serverNow, view.origin, view.beatMs);
      const half = windowHalfMs(view.beatMs);
      if (isOnBeat(offset, view.beatMs) && beat.beat >= 0) {
        const k = 1 - Math.abs(offset) / half;
        g.fillStyle(shade(colour, 0.55), 0.25 + 0.45 * k).fillCircle(drum.x, drum.y, drum.radius * 1.16);
      }
    }
    g.fillStyle(0x000000, 0.1).fillEllipse(drum.x, drum.y + drum.radius * 0.95, drum.radius * 1.8, drum.radius * 0.32);
    g.fillStyle(shade(colour, -0.15), alpha).fillCircle(drum.x, drum.y + r * 0.06, r);
    g.fillStyle(colour, alpha).fillCircle(drum.x, drum.y, r);
    g.fillStyle(shade(colour, 0.3), alpha).fillCircle(drum.x, drum.y, r * 0.84);
    g.lineStyle(Math.max(4, r * 0.06), shade(colour, -0.4), alpha).strokeCircle(drum.x, drum.y, r);
    // The team's shape on the drum skin (hidden under the countdown digits).
    if (style && !(beat && beat.beat < 0)) {
      drawShape(g, style.shape, drum.x, drum.y, r * 0.5, 0xffffff, {
        alpha: 0.95 * alpha,
        outline: shade(colour, -0.4),
      });
    }
    // The beat ring: widest just after a beat, touching the drum at the next one.
    if (live && beat && beat.beat >= -COUNTDOWN_BEATS - 1) {
      const progress = beat.toNext / view.beatMs;
      const ringR = drum.radius * (1 + (ringReach - 1) * progress);
      g.lineStyle(Math.max(5, drum.radius * 0.07), shade(colour, -0.25), 0.25 + 0.7 * (1 - progress)).strokeCircle(
        drum.x,
        drum.y,
        ringR,
      );
    }
  }

  private setText(text: Text | null, key: 'cue' | 'note' | 'digit' | 'emoji', value: string): void {
    if (!text || this.shown[key] === value) return;
    this.shown[key] = value;
    text.setText(value);
    if (key === 'note') fitWidth(text, this.layout.note.width);
  }

  private updateTexts(now: number, beat: BeatPhase | null): void {
    const view = this.view;
    const t = (key: string, vars?: Record<string, string | number>) => this.bridge.t(key, vars);
    const team = view.team;
    const teamName = team ? t(`team.${teamStyle(team.team).code}`) : '';
    const together = now - this.risenAt < TOGETHER_MS;

    let cue = '';
    let cueLook: 'big' | 'calm' = 'calm';
    let note = '';
    let digit = '';
    if (view.phase === 'gather' || !team) {
      cue = t('tablet.waitTeams');
      note = t('tablet.lookUp');
    } else if (view.phase === 'teams') {
      cue = t('tablet.yourTeam', { team: teamName });
      cueLook = 'big';
      note = t('tablet.lookUp');
    } else if (view.phase === 'result') {
      cue = t('tablet.built', { height: team.height });
      cueLook = 'big';
      note = t('tablet.roundOver');
    } else if (team.topped) {
      cue = t('tablet.topped');
      cueLook = 'big';
      note = t('tablet.cheerOthers');
    } else {
      if (beat && beat.beat < 0) {
        cue = t('tablet.getReady');
        digit = beat.beat >= -COUNTDOWN_BEATS ? String(-beat.beat) : '';
      } else if (together) {
        cue = t('tablet.together');
        cueLook = 'big';
      } else if (beat && beat.beat === 0 && beat.since < 700) {
        cue = t('tablet.go');
        cueLook = 'big';
      } else {
        cue = t('tablet.hint');
      }
      const fresh = this.feedback && now - this.feedback.at < FEEDBACK_MS ? this.feedback.kind : null;
      if (team.size < 2) note = t('tablet.alone');
      else if (fresh) note = t(`tablet.${fresh}`);
      else note = t('tablet.need', { need: team.need });
    }

    const cueText = this.cueText;
    if (cueText && (this.shown.cueLook !== cueLook || this.shown.cue !== cue)) {
      this.shown.cueLook = cueLook;
      const style = team ? teamStyle(team.team) : null;
      cueText.setColor(cssColour(cueLook === 'big' && style ? shade(style.colour, -0.35) : INK));
      cueText.setFontSize(Math.round(this.layout.cue.fontSize * (cueLook === 'big' ? 1.15 : 0.8)));
      this.shown.cue = '';
    }
    this.setText(cueText, 'cue', cue);
    if (cueText) {
      const pop = together ? 1 + 0.25 * Math.exp(-(now - this.risenAt) / 180) : 1;
      // Fit the width (long English), then the "一起!" pop on top.
      cueText.setScale(Math.min(1, this.layout.cue.width / Math.max(1, cueText.width)) * pop);
    }
    this.setText(this.noteText, 'note', note);
    if (this.noteText) {
      const fresh = this.feedback !== null && now - this.feedback.at < FEEDBACK_MS;
      this.noteText.setColor(cssColour(fresh && this.feedback?.kind === 'good' ? GOOD_INK : SOFT_INK));
    }
    this.setText(this.digitText, 'digit', digit);
    const emoji = team && view.phase !== 'gather' && digit === '' ? teamStyle(team.team).emoji : '';
    this.setText(this.emojiText, 'emoji', emoji);
    if (this.emojiText) {
      const { drum } = this.layout;
      const squish = 1 - 0.07 * Math.exp(-(now - this.pressedAt) / 90);
      this.emojiText.setScale(squish);
      this.emojiText.setAlpha(this.live() || view.phase === 'teams' ? 1 : 0.6);
      this.emojiText.setPosition(drum.x, drum.y);
    }
  }
}
