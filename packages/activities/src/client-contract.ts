/**
 * The client half of an activity: Phaser scenes for the projector and the tablet, React controls
 * for the tablet and the teacher console, and the activity's own strings. The classroom app knows
 * no activity by name: it looks the client up in `registry.client.ts` and talks to it only through
 * this typed bridge — a scene receives views and emits intents, nothing else.
 *
 * Scenes are loaded with a dynamic `import()` so that Phaser is fetched only when a stage appears;
 * the join page never waits for it.
 */
import type { Locale } from '@heartlamp/shared';
import type { ComponentType } from 'react';

/** What a stage scene is handed. `V` is the view it renders, `I` the intents it may emit. */
export interface StageBridge<V, I> {
  /** The latest view; scenes read it in `create()` and on every `onView`. */
  readonly view: V;
  /** Subscribe to new views; returns an unsubscribe to call on scene shutdown. */
  onView(listener: (view: V) => void): () => void;
  /** Send an intent (tablet only; the projector's bridge ignores it). */
  emit(intent: I): void;
  /** A string from the activity's locale namespace, in the screen's locale. */
  t(key: string, vars?: Record<string, string | number>): string;
  readonly locale: Locale;
}

/** A Phaser scene class constructor taking the bridge (kept `unknown` so this file needs no Phaser). */
export type SceneFactory<V, I> = (bridge: StageBridge<V, I>) => object;

export interface StageScenes<PV, TV, I> {
  projector: SceneFactory<PV, never>;
  tablet: SceneFactory<TV, I>;
}

export interface TabletControlsProps<TV, I> {
  view: TV;
  emit(intent: I): void;
}

export interface ConsolePanelProps<CV, H> {
  view: CV;
  /** Send a teacher intent (phase change, spotlight…). */
  host(intent: H): void;
  /** A participant id rendered as the child's nickname in the console's locale. */
  nameOf(participantId: string): string;
}

export interface ActivityClient<PV, TV, CV, I, H> {
  id: string;
  /** i18next resources for the namespace `activity.<id>`. */
  locales: Readonly<Record<Locale, Record<string, unknown>>>;
  loadScenes(): Promise<StageScenes<PV, TV, I>>;
  /** Big-button controls under the tablet stage (size, reasons, "I'd rather not say"…). */
  TabletControls: ComponentType<TabletControlsProps<TV, I>>;
  /** The teacher's phase controls and private details. */
  ConsolePanel: ComponentType<ConsolePanelProps<CV, H>>;
}

/**
 * An activity client with its types erased, as the registry holds it. Views arrive from the server
 * as JSON; the server made them with the same activity's view functions, so they are trusted to
 * have the activity's view types — this is the one place that trust is written down.
 */
export interface AnyActivityClient {
  id: string;
  locales: Readonly<Record<Locale, Record<string, unknown>>>;
  loadScenes(): Promise<StageScenes<unknown, unknown, unknown>>;
  TabletControls: ComponentType<TabletControlsProps<unknown, unknown>>;
  ConsolePanel: ComponentType<ConsolePanelProps<unknown, unknown>>;
}

export function defineActivityClient<PV, TV, CV, I, H>(client: ActivityClient<PV, TV, CV, I, H>): AnyActivityClient {
  return client as unknown as AnyActivityClient;
}
