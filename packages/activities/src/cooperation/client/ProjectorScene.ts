/**
 * The projector stage (1920×1080, read from the back of the room). Before teams: the rules, with
 * pictures. Teams made: one card per team with its shape, name and the avatar animals in it, so
 * children find each other. A round: every team's tower side by side, growing block by block, a
 * "一起!" above a tower when its team taps together, and a shared cheer — a banner and confetti in
 * every team's colours — when a team reaches the top. Result: the towers stay, with a question
 * for the class to talk about.
 *
 * Only teams appear here: the view holds no participant id and nothing about who tapped.
 * The canvas carries an aria-label (and `data-heights`, for tests) describing the towers in words.
 */
import { ANIMAL_EMOJI } from '@heartlamp/shared';
import * as Phaser from 'phaser';
import type { StageBridge } from '../../client-contract.js';
import { COUNTDOWN_BEATS } from '../logic/model.js';
import type { ProjectorTeam, ProjectorView } from '../logic/views.js';
import {
  addText,
  burst,
  drawBadge,
  drawBlock,
  drawParticles,
  drawShape,
  fitWidth,
  type Particle,
  rain,
  type TextLook,
} from './art.js';
import { beatPhase, ClockSync } from './clock.js';
import { PROJECTOR_WIDTH, projectorCards, projectorSlots, type TowerSlot } from './layout.js';
import { SHAPES } from './shapes.js';
import { cssColour, GROUND, INK, PAPER, SOFT_INK, shade, teamStyle, wallClock } from './theme.js';

type Graphics = Phaser.GameObjects.Graphics;
type Text = Phaser.GameObjects.Text;

const BANNER_MS = 5000;
const BANNER_Y = 470;
/** 30 frames a second is smooth for falling blocks and confetti, and halves a projector PC's work. */
const FPS = 30;
const FLOAT_MS = 1000;

interface TowerAnim {
  /** The drawn height, easing towards the real one (a new block drops in). */
  shown: number;
  label: Text | null;
  labelValue: string;
}

interface Floater {
  text: Text;
  born: number;
  x: number;
  y: number;
}

export class ProjectorScene extends Phaser.Scene {
  private readonly bridge: StageBridge<ProjectorView, never>;
  private view: ProjectorView;
  private readonly clock = new ClockSync();
  private unsubscribe: (() => void) | null = null;
  private staticGraphics: Graphics | null = null;
  private towerGraphics: Graphics | null = null;
  private fxGraphics: Graphics | null = null;
  /** The beat dot, redrawn every frame. */
  private pulse: Graphics | null = null;
  private texts: Text[] = [];
  private layoutKey = '';
  private slots = new Map<number, TowerSlot>();
  private towers = new Map<number, TowerAnim>();
  private floaters: Floater[] = [];
  private particles: Particle[] = [];
  private timerText: Text | null = null;
  private countdownText: Text | null = null;
  private bannerText: Text | null = null;
  private bannerGraphics: Graphics | null = null;
  private bannerAt = Number.NEGATIVE_INFINITY;
  private lastFrameAt = wallClock();
  private towersDirty = true;
  private fxDirty = false;
  private shownTimer = '';
  private shownCountdown = '';

  constructor(bridge: StageBridge<ProjectorView, never>) {
    super({ key: 'cooperation-projector' });
    this.bridge = bridge;
    this.view = bridge.view;
  }

  create(): void {
    this.cameras.main.setBackgroundColor(PAPER);
    this.game.loop.setFPSLimit(FPS);
    this.clock.observe(this.view.serverTime, wallClock());
    this.staticGraphics = this.add.graphics();
    this.towerGraphics = this.add.graphics();
    this.fxGraphics = this.add.graphics().setDepth(20);
    this.pulse = this.add.graphics().setDepth(10);
    this.timerText = addText(this, PROJECTOR_WIDTH / 2 + 70, 72, '', 48, { bold: true, originX: 0 }).setDepth(10);
    this.countdownText = addText(this, PROJECTOR_WIDTH / 2, 520, '', 300, { bold: true, colour: INK }).setDepth(15);
    // The cheer: mid-screen on a white card, above the towers and the confetti.
    this.bannerGraphics = this.add.graphics().setDepth(21);
    this.bannerText = addText(this, PROJECTOR_WIDTH / 2, BANNER_Y, '', 80, { bold: true, colour: 0xb34d12 }).setDepth(
      22,
    );
    this.render(null);
    this.unsubscribe = this.bridge.onView((view) => {
      this.clock.observe(view.serverTime, wallClock());
      const previous = this.view;
      this.view = view;
      this.render(previous);
    });
    const stop = (): void => {
      this.unsubscribe?.();
      this.unsubscribe = null;
    };
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, stop);
    this.events.once(Phaser.Scenes.Events.DESTROY, stop);
  }

  private t(key: string, vars?: Record<string, string | number>): string {
    return this.bridge.t(key, vars);
  }

  private teamName(team: number): string {
    return this.t(`team.${teamStyle(team).code}`);
  }

  private text(x: number, y: number, value: string, size: number, look: TextLook = {}): Text {
    const text = addText(this, x, y, value, size, look);
    this.texts.push(text);
    return text;
  }

  /** Redraws what only changes with the phase or the teams; heights update in `update()`. */
  private render(previous: ProjectorView | null): void {
    const view = this.view;
    this.towersDirty = true;
    this.describe(view);
    this.celebrate(previous, view);
    const key = JSON.stringify([
      view.phase,
      view.round,
      view.goal,
      view.present,
      this.bridge.locale,
      view.teams.map((t) => [t.team, t.size, t.need, t.topped, view.phase === 'teams' ? t.animals : 0]),
    ]);
    if (key === this.layoutKey) return;
    this.layoutKey = key;
    for (const text of this.texts) text.destroy();
    this.texts = [];
    for (const tower of this.towers.values()) tower.label?.destroy();
    this.staticGraphics?.clear();
    this.slots = new Map();
    const newRound = previous !== null && previous.round !== view.round;
    const towers = new Map<number, TowerAnim>();

    this.text(72, 72, this.t('title'), 60, { bold: true, originX: 0 });
    this.drawPhasePill();
    if (view.phase === 'gather' || view.teams.length === 0) this.renderRules();
    else if (view.phase === 'teams') this.renderCards();
    else {
      projectorSlots(view.teams.length).forEach((slot, i) => {
        const team = view.teams[i];
        if (!team) return;
        this.slots.set(team.team, slot);
        const kept = newRound ? undefined : this.towers.get(team.team);
        towers.set(team.team, {
          shown: kept?.shown ?? (previous === null ? team.height : 0),
          label: null,
          labelValue: '',
        });
        this.renderSlot(team, slot);
      });
      if (view.phase === 'result') this.renderResult();
    }
    this.towers = towers;
  }

  private drawPhasePill(): void {
    const g = this.staticGraphics;
    if (!g) return;
    const label = this.text(PROJECTOR_WIDTH - 80, 72, this.t(`phase.${this.view.phase}`), 44, {
      bold: true,
      originX: 1,
      colour: 0xffffff,
    });
    const w = label.width + 56;
    const h = 76;
    g.fillStyle(this.view.phase === 'playing' ? 0x2e7d4f : this.view.phase === 'result' ? 0xe0883b : 0x5b8def, 1);
    g.fillRoundedRect(PROJECTOR_WIDTH - 80 - w + 28, 72 - h / 2, w, h, h / 2);
  }

  private renderRules(): void {
    const g = this.staticGraphics;
    const cx = PROJECTOR_WIDTH / 2;
    if (g) {
      g.fillStyle(0xffffff, 1).fillRoundedRect(cx - 720, 200, 1440, 560, 40);
      g.lineStyle(4, 0xe2ddd0, 1).strokeRoundedRect(cx - 720, 200, 1440, 560, 40);
    }
    this.text(cx, 270, this.t('projector.rulesTitle'), 64, { bold: true });
    ['rule1', 'rule2', 'rule3'].forEach((rule, i) => {
      const line = this.text(cx - 620, 400 + i * 120, this.t(`projector.${rule}`), 60, { originX: 0 });
      fitWidth(line, 1240);
    });
    this.text(cx, 870, this.t('projector.waitingTeams'), 56, { bold: true, colour: SOFT_INK });
    this.text(cx, 960, this.t('projector.present', { count: this.view.present }), 48, { colour: SOFT_INK });
  }

  private renderCards(): void {
    const g = this.staticGraphics;
    if (!g) return;
    this.text(PROJECTOR_WIDTH / 2, 175, this.t('projector.findTeam'), 64, { bold: true });
    this.text(PROJECTOR_WIDTH / 2, 1015, this.t('projector.findTeamSub'), 44, { colour: SOFT_INK });
    const cards = projectorCards(this.view.teams.length);
    this.view.teams.forEach((team, i) => {
      const card = cards[i];
      if (!card) return;
      const style = teamStyle(team.team);
      g.fillStyle(shade(style.colour, 0.86), 1).fillRoundedRect(card.x, card.y, card.width, card.height, 32);
      g.lineStyle(8, style.colour, 1).strokeRoundedRect(card.x, card.y, card.width, card.height, 32);
      const badgeR = Math.min(56, card.width * 0.13);
      const badgeY = card.y + 28 + badgeR;
      drawBadge(g, style, card.x + 28 + badgeR, badgeY, badgeR);
      const nameX = card.x + 56 + badgeR * 2;
      const name = this.text(nameX, badgeY - badgeR * 0.42, `${style.emoji} ${this.teamName(team.team)}`, 56, {
        bold: true,
        originX: 0,
      });
      fitWidth(name, card.x + card.width - nameX - 20);
      this.text(nameX, badgeY + badgeR * 0.62, this.t('projector.members', { count: team.size }), 36, {
        originX: 0,
        colour: SOFT_INK,
      });
      // The animals of the children in this team, as big as fit: "I am the fox — that is my team!"
      const area = {
        x: card.x + 24,
        y: badgeY + badgeR + 24,
        width: card.width - 48,
        height: card.y + card.height - (badgeY + badgeR + 40),
      };
      const n = Math.max(1, team.animals.length);
      let best = { size: 0, perRow: 1 };
      for (let perRow = 1; perRow <= n; perRow += 1) {
        const rows = Math.ceil(n / perRow);
        const size = Math.min(150, area.width / (perRow * 1.12), area.height / (rows * 1.15));
        // On a tie, more per row: fewer rows read more calmly.
        if (size >= best.size) best = { size, perRow };
      }
      const { size, perRow } = best;
      const rows = Math.ceil(n / perRow);
      const top = area.y + (area.height - rows * size * 1.15) / 2 + size * 0.575;
      team.animals.forEach((animal, k) => {
        const row = Math.floor(k / perRow);
        const col = k % perRow;
        const inRow = Math.min(perRow, team.animals.length - row * perRow);
        const x = card.x + card.width / 2 + (col - (inRow - 1) / 2) * size * 1.12;
        this.text(x, top + row * size * 1.15, ANIMAL_EMOJI[animal], size * 0.8);
      });
    });
  }

  private renderSlot(team: ProjectorTeam, slot: TowerSlot): void {
    const g = this.staticGraphics;
    if (!g) return;
    const style = teamStyle(team.team);
    const half = slot.towerWidth / 2;
    // Ground and the goal line (dashed) with a flag at the top.
    g.fillStyle(GROUND, 1).fillRoundedRect(slot.x - half - 24, slot.ground, slot.towerWidth + 48, 18, 9);
    g.lineStyle(4, shade(style.colour, -0.2), 0.7);
    for (let x = slot.x - half - 10; x < slot.x + half + 10; x += 26) {
      g.beginPath()
        .moveTo(x, slot.top)
        .lineTo(Math.min(x + 14, slot.x + half + 10), slot.top)
        .strokePath();
    }
    const pole = slot.x + half + 14;
    g.lineStyle(5, SOFT_INK, 1)
      .beginPath()
      .moveTo(pole, slot.top)
      .lineTo(pole, slot.top - 70)
      .strokePath();
    g.fillStyle(team.topped ? 0xffc928 : shade(style.colour, 0.2), 1).fillTriangle(
      pole,
      slot.top - 70,
      pole + 44,
      slot.top - 55,
      pole,
      slot.top - 40,
    );
    // Under the ground: the badge, the name, and how many must tap together.
    const badgeR = Math.min(36, slot.width * 0.13);
    const nameY = slot.ground + 58;
    const name = this.text(slot.x + badgeR + 6, nameY, `${style.emoji}${this.teamName(team.team)}`, slot.labelSize, {
      bold: true,
    });
    fitWidth(name, slot.width - badgeR * 2 - 24);
    drawBadge(g, style, slot.x - name.displayWidth / 2 - 4, nameY, badgeR);
    const need = this.text(
      slot.x,
      nameY + slot.labelSize * 1.1,
      `${this.t('projector.members', { count: team.size })} · ${this.t('projector.need', { need: team.need })}`,
      Math.max(24, slot.labelSize * 0.6),
      { colour: SOFT_INK },
    );
    fitWidth(need, slot.width - 16);
  }

  private renderResult(): void {
    const topped = this.view.teams.filter((t) => t.topped).length;
    const total = this.view.teams.reduce((sum, t) => sum + t.height, 0);
    const line =
      topped > 0
        ? `${this.t('projector.resultTitle')} ${this.t('projector.resultTopped', { count: topped })} · ${this.t('projector.resultTotal', { total })}`
        : `${this.t('projector.resultTitle')} ${this.t('projector.resultTotal', { total })}`;
    fitWidth(this.text(PROJECTOR_WIDTH / 2, 165, line, 52, { bold: true }), 1500);
    fitWidth(this.text(PROJECTOR_WIDTH / 2, 1040, this.t('projector.discuss'), 44, { colour: INK }), 1700);
  }

  /** Words for the canvas (screen readers) and `data-heights` for tests: "sun:3/12,wave:0/12". */
  private describe(view: ProjectorView): void {
    const canvas = this.game.canvas;
    const words = view.teams
      .map((t) => this.t('projector.aria', { team: this.teamName(t.team), height: t.height, goal: view.goal }))
      .join(', ');
    canvas.setAttribute('aria-label', `${this.t('title')}: ${this.t(`phase.${view.phase}`)}. ${words}`);
    canvas.setAttribute(
      'data-heights',
      view.teams.map((t) => `${teamStyle(t.team).code}:${t.height}/${view.goal}`).join(','),
    );
  }

  /** A block: "一起!" above that tower. A team at the top: the class cheers (banner + confetti). */
  private celebrate(previous: ProjectorView | null, view: ProjectorView): void {
    if (!previous || previous.round !== view.round || view.phase !== 'playing') return;
    const now = wallClock();
    for (const team of view.teams) {
      const before = previous.teams.find((t) => t.team === team.team);
      if (!before) continue;
      const slot = projectorSlots(view.teams.length)[view.teams.indexOf(team)];
      if (!slot) continue;
      const style = teamStyle(team.team);
      if (team.height > before.height) {
        const y = this.towerTop(slot, team.height, view.goal) - 70;
        const text = addText(this, slot.x, y, this.t('projector.together'), Math.max(36, slot.labelSize), {
          bold: true,
          colour: shade(style.colour, -0.35),
        }).setDepth(12);
        this.floaters.push({ text, born: now, x: slot.x, y });
        this.particles.push(
          ...burst(
            10,
            { x: slot.x, y: y + 40, spread: slot.towerWidth },
            { colours: [style.colour, 0xffd54f], shapes: [style.shape], size: 12, speed: 420, life: 900 },
            now,
          ),
        );
      }
      if (team.topped && !before.topped) {
        this.bannerAt = now;
        const banner = this.bannerText?.setText(this.t('projector.topped', { team: this.teamName(team.team) }));
        if (banner && this.bannerGraphics) {
          fitWidth(banner, PROJECTOR_WIDTH - 240);
          const w = banner.displayWidth + 96;
          const h = banner.displayHeight + 40;
          this.bannerGraphics.clear();
          this.bannerGraphics
            .fillStyle(0xffffff, 0.95)
            .fillRoundedRect(PROJECTOR_WIDTH / 2 - w / 2, BANNER_Y - h / 2, w, h, 36);
          this.bannerGraphics
            .lineStyle(6, style.colour, 1)
            .strokeRoundedRect(PROJECTOR_WIDTH / 2 - w / 2, BANNER_Y - h / 2, w, h, 36);
        }
        const colours = view.teams.map((t) => teamStyle(t.team).colour);
        this.particles.push(
          ...rain(
            90,
            PROJECTOR_WIDTH,
            { colours: [...colours, 0xffd54f], shapes: [...SHAPES], size: 16, life: 3200 },
            now,
          ),
          ...burst(
            40,
            { x: slot.x, y: slot.top, spread: slot.towerWidth },
            { colours: [style.colour, 0xffd54f, 0xffffff], shapes: [style.shape], size: 18, speed: 900, life: 1800 },
            now,
          ),
        );
      }
    }
  }

  private towerTop(slot: TowerSlot, height: number, goal: number): number {
    const block = (slot.ground - slot.top) / Math.max(1, goal);
    return slot.ground - block * Math.min(height, goal);
  }

  override update(): void {
    const now = wallClock();
    const elapsed = Math.min(250, now - this.lastFrameAt);
    this.lastFrameAt = now;
    // Towers are rebuilt only while a block is dropping in or after a new view; a projector PC
    // should not redraw a hundred blocks sixty times a second for nothing.
    if (this.towersDirty) this.towersDirty = this.drawTowers(elapsed);
    this.drawBeat(now);
    const fx = this.fxGraphics;
    if (fx && (this.particles.length > 0 || this.fxDirty)) {
      fx.clear();
      this.particles = drawParticles(fx, this.particles, now, 900);
      this.fxDirty = this.particles.length > 0;
    }
    this.floaters = this.floaters.filter((f) => {
      const t = (now - f.born) / FLOAT_MS;
      if (t >= 1) {
        f.text.destroy();
        return false;
      }
      f.text.setPosition(f.x, f.y - 90 * t);
      f.text.setAlpha(t < 0.7 ? 1 : 1 - (t - 0.7) / 0.3);
      f.text.setScale(1 + 0.35 * Math.exp(-t * 8));
      return true;
    });
    if (this.bannerText) {
      const t = now - this.bannerAt;
      const visible = t < BANNER_MS && this.view.phase !== 'result';
      this.bannerText.setVisible(visible);
      this.bannerGraphics?.setVisible(visible);
      if (visible) {
        const alpha = t < BANNER_MS - 400 ? 1 : (BANNER_MS - t) / 400;
        const fit = Math.min(1, (PROJECTOR_WIDTH - 240) / Math.max(1, this.bannerText.width));
        this.bannerText.setScale(fit * (1 + 0.3 * Math.exp(-t / 160)));
        this.bannerText.setAlpha(alpha);
        this.bannerGraphics?.setAlpha(alpha);
      }
    }
  }

  /** Draws the towers; true while a block is still dropping in (draw again next frame). */
  private drawTowers(elapsed: number): boolean {
    const g = this.towerGraphics;
    if (!g) return false;
    g.clear();
    const view = this.view;
    if (view.phase !== 'playing' && view.phase !== 'result') return false;
    let moving = false;
    for (const team of view.teams) {
      const slot = this.slots.get(team.team);
      const anim = this.towers.get(team.team);
      if (!slot || !anim) continue;
      const style = teamStyle(team.team);
      const target = Math.min(team.height, view.goal);
      anim.shown = target < anim.shown ? target : anim.shown + (target - anim.shown) * Math.min(1, elapsed / 160);
      if (target - anim.shown < 0.01) anim.shown = target;
      else moving = true;
      const block = (slot.ground - slot.top) / Math.max(1, view.goal);
      const whole = Math.floor(anim.shown + 1e-6);
      const left = slot.x - slot.towerWidth / 2;
      for (let i = 0; i < whole; i += 1) {
        drawBlock(g, style, left, slot.ground - block * (i + 1) + 2, slot.towerWidth, block - 4);
      }
      // The newest block drops in from above while `shown` catches up.
      const part = anim.shown - whole;
      if (part > 0.001 && whole < target) {
        const y = slot.ground - block * (whole + 1) + 2 - (1 - part) * 140;
        drawBlock(g, style, left, y, slot.towerWidth, block - 4, Math.min(1, part * 2));
      }
      if (team.topped) {
        drawShape(g, 'star', slot.x, slot.top - 36, 34, 0xffc928, { outline: 0xb8860b });
      }
      const value = team.topped ? '🏆' : `${target} / ${view.goal}`;
      const labelY = this.towerTop(slot, anim.shown, view.goal) - (team.topped ? 96 : 36);
      if (!anim.label) {
        anim.label = addText(this, slot.x, labelY, value, Math.max(34, slot.labelSize), { bold: true }).setDepth(8);
        anim.labelValue = value;
      }
      if (anim.labelValue !== value) {
        anim.label.setText(value);
        anim.labelValue = value;
      }
      anim.label.setPosition(slot.x, labelY);
      fitWidth(anim.label, slot.width - 8);
    }
    return moving;
  }

  /** The class's shared beat: a dot that pulses on every beat, the countdown, and the time left. */
  private drawBeat(now: number): void {
    const view = this.view;
    const serverNow = this.clock.serverNow(now);
    const running = view.phase === 'playing' && view.origin !== null && view.endsAt !== null && serverNow !== null;
    let timer = '';
    let countdown = '';
    if (running && view.origin !== null && view.endsAt !== null && serverNow !== null) {
      const beat = beatPhase(serverNow, view.origin, view.beatMs);
      if (beat.beat < 0) countdown = beat.beat >= -COUNTDOWN_BEATS ? String(-beat.beat) : this.t('projector.getReady');
      else if (beat.beat === 0 && beat.since < 800) countdown = this.t('projector.go');
      const seconds = Math.max(0, Math.ceil((view.endsAt - serverNow) / 1000));
      timer = this.t('projector.timeLeft', { seconds });
      if (this.pulse) {
        this.pulse.clear();
        const r = 30 * (1 + 0.45 * Math.exp(-beat.since / 140));
        this.pulse.fillStyle(beat.beat >= 0 ? 0x2e7d4f : SOFT_INK, 1).fillCircle(PROJECTOR_WIDTH / 2 + 20, 72, r);
      }
    } else {
      this.pulse?.clear();
    }
    if (timer !== this.shownTimer) {
      this.shownTimer = timer;
      this.timerText?.setText(timer);
    }
    if (countdown !== this.shownCountdown) {
      this.shownCountdown = countdown;
      this.countdownText?.setText(countdown);
      this.countdownText?.setColor(cssColour(countdown === this.t('projector.go') ? 0x2e7d4f : INK));
    }
  }
}
