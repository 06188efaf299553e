/**
 * <PhaserStage>: mounts one activity's Phaser scene (projector or tablet) in a div that fills its
 * parent, feeds it views, and forwards its intents — the typed bridge, nothing else (no global
 * event bus, no reaching into scenes). Phaser and the scenes are fetched with dynamic imports the
 * first time a stage appears, so the join page and the console never wait for Phaser.
 *
 * Sizing: the projector is drawn at 1920×1080 and scaled to FIT (letterboxed) — the scene lays out
 * for one known screen. A tablet stage uses RESIZE: the canvas is exactly the parent's size, one
 * game pixel per CSS pixel, and the scene lays itself out for landscape or portrait (so a browser
 * test can click at the coordinates the activity's layout module gives). Give the parent a height.
 *
 * The game is rebuilt when the activity, the role or the locale changes (scenes draw their text
 * once per view); a new `view` is pushed to the running scene without rebuilding anything.
 */
import type { AnyActivityClient } from '@heartlamp/activities/client';
import type { Locale } from '@heartlamp/shared';
import type * as PhaserTypes from 'phaser';
import { type CSSProperties, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createStageBridge, type StageBridgeHandle, type StageBridgeSource, type Translate } from './bridge.js';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { preferredRenderer } from './renderer.js';

export type StageRole = 'projector' | 'tablet';

export interface PhaserStageProps {
  activity: AnyActivityClient;
  role: StageRole;
  /** The latest view from the server for this role (projectorView or this child's tabletView). */
  view: unknown;
  /** Sends an intent from the tablet scene; never called by a projector stage. */
  emit: (intent: unknown) => void;
  locale: Locale;
  /** Translates in the activity's namespace (`activity.<id>`). */
  t: Translate;
}

export const PROJECTOR_SIZE = { width: 1920, height: 1080 } as const;

const STAGE_STRINGS: Readonly<Record<Locale, typeof zhCN>> = { 'zh-CN': zhCN, en };

type Status = 'loading' | 'ready' | 'failed';
type PhaserModule = typeof PhaserTypes;

function gameConfig(
  Phaser: PhaserModule,
  role: StageRole,
  parent: HTMLElement,
  scene: PhaserTypes.Scene,
): PhaserTypes.Types.Core.GameConfig {
  const scale: PhaserTypes.Types.Core.ScaleConfig =
    role === 'projector'
      ? {
          parent,
          mode: Phaser.Scale.FIT,
          autoCenter: Phaser.Scale.CENTER_BOTH,
          width: PROJECTOR_SIZE.width,
          height: PROJECTOR_SIZE.height,
          expandParent: false,
        }
      : {
          parent,
          mode: Phaser.Scale.RESIZE,
          width: Math.max(1, parent.clientWidth),
          height: Math.max(1, parent.clientHeight),
          autoRound: true,
          expandParent: false,
        };
  return {
    // Canvas where WebGL would be emulated on the CPU (see renderer.ts); WebGL on a real GPU.
    type: preferredRenderer() === 'canvas' ? Phaser.CANVAS : Phaser.AUTO,
    parent,
    scale,
    scene,
    backgroundColor: '#fdf8ef',
    // No banner in the console, no audio context (nothing plays, and autoplay rules would warn).
    banner: false,
    audio: { noAudio: true },
    // A long press on a tablet must not open the browser's menu over the jars.
    disableContextMenu: true,
    canvasStyle: 'display: block; touch-action: none;',
    input: { keyboard: false, gamepad: false },
  };
}

const wrapper: CSSProperties = { position: 'relative', width: '100%', height: '100%', overflow: 'hidden' };
// Absolute, so the canvas can never push its own parent larger (a RESIZE feedback loop).
const host: CSSProperties = {
  position: 'absolute',
  inset: 0,
  touchAction: 'none',
  userSelect: 'none',
  WebkitUserSelect: 'none',
};
const overlay: CSSProperties = {
  position: 'absolute',
  inset: 0,
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  justifyContent: 'center',
  gap: 16,
  background: '#fdf8ef',
  color: '#5b5a66',
  fontSize: 20,
  fontFamily: '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
};
const DOT_COLOURS = ['#f6c945', '#3f7fd9', '#e0473c', '#2b2b33', '#46a86b'];
const KEYFRAMES =
  '@keyframes hl-stage-pulse{0%,100%{transform:scale(.6);opacity:.45}50%{transform:scale(1);opacity:1}}';

function Placeholder({ status, locale, onRetry }: { status: Status; locale: Locale; onRetry(): void }) {
  const strings = STAGE_STRINGS[locale];
  if (status === 'failed') {
    return (
      <div style={overlay} role="alert" data-testid="phaser-stage-failed">
        <span>{strings.failed}</span>
        <button
          type="button"
          onClick={onRetry}
          style={{
            minHeight: 48,
            minWidth: 48,
            padding: '8px 20px',
            fontSize: 20,
            borderRadius: 24,
            cursor: 'pointer',
          }}
        >
          {strings.retry}
        </button>
      </div>
    );
  }
  return (
    <div style={overlay} role="status" aria-live="polite" data-testid="phaser-stage-loading">
      <style>{KEYFRAMES}</style>
      <div aria-hidden="true" style={{ display: 'flex', gap: 14 }}>
        {DOT_COLOURS.map((colour, i) => (
          <span
            key={colour}
            style={{
              width: 22,
              height: 22,
              borderRadius: '50%',
              background: colour,
              animation: `hl-stage-pulse 1.2s ease-in-out ${i * 0.15}s infinite`,
            }}
          />
        ))}
      </div>
      <span>{strings.loading}</span>
    </div>
  );
}

export function PhaserStage({ activity, role, view, emit, locale, t }: PhaserStageProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const sourceRef = useRef<StageBridgeSource>({ view, emit, t, locale });
  const handleRef = useRef<StageBridgeHandle | null>(null);
  const [status, setStatus] = useState<Status>('loading');
  const [attempt, setAttempt] = useState(0);

  // The bridge reads props through this ref, so a new `emit` or `t` each render costs nothing.
  useLayoutEffect(() => {
    sourceRef.current = { view, emit, t, locale };
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load on "try again".
  useEffect(() => {
    const parent = hostRef.current;
    if (!parent) return;
    let cancelled = false;
    let game: PhaserTypes.Game | null = null;
    const handle = createStageBridge(() => sourceRef.current, role === 'tablet');
    handleRef.current = handle;
    setStatus('loading');

    Promise.all([import('phaser'), activity.loadScenes()])
      .then(([Phaser, scenes]) => {
        if (cancelled) return;
        const scene = role === 'projector' ? scenes.projector(handle.bridge) : scenes.tablet(handle.bridge);
        // The scene is typed `object` so the activity contract needs no Phaser; check it here.
        if (!(scene instanceof Phaser.Scene)) throw new Error(`${activity.id}: ${role} scene is not a Phaser.Scene`);
        const created = new Phaser.Game(gameConfig(Phaser, role, parent, scene));
        game = created;
        created.events.once(Phaser.Core.Events.READY, () => {
          if (!cancelled) setStatus('ready');
        });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setStatus('failed');
        // Surface the cause to the developer console; the child sees the calm retry panel.
        reportError(error);
      });

    return () => {
      cancelled = true;
      handle.close();
      if (handleRef.current === handle) handleRef.current = null;
      // Phaser tears down on its next frame and removes the canvas.
      game?.destroy(true);
    };
  }, [activity, role, locale, attempt]);

  useEffect(() => {
    handleRef.current?.push(view);
  }, [view]);

  return (
    <div style={wrapper} data-testid="phaser-stage" data-role={role} data-activity={activity.id} data-status={status}>
      <div ref={hostRef} style={host} />
      {status === 'ready' ? null : (
        <Placeholder status={status} locale={locale} onRetry={() => setAttempt((n) => n + 1)} />
      )}
    </div>
  );
}
