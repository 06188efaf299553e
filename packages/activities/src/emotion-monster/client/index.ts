/**
 * The client half of My Emotion Monster, as the classroom app's registry holds it. Phaser is
 * reached only through `loadScenes()`, a dynamic import, so the join page and the console never
 * wait for it; the React controls and strings load with the app.
 */
import { defineActivityClient } from '../../client-contract.js';
import en from '../locales/en.json';
import zhCN from '../locales/zh-CN.json';
import type { EmotionMonsterHostIntent, EmotionMonsterIntent } from '../logic/model.js';
import type { ConsoleView, ProjectorView, TabletView } from '../logic/views.js';
import { ConsolePanel } from './ConsolePanel.js';
import { TabletControls } from './TabletControls.js';

export { tabletJarCentre, tabletLayout } from './layout.js';
export { NAMESPACE } from './namespace.js';

export const emotionMonsterClient = defineActivityClient<
  ProjectorView,
  TabletView,
  ConsoleView,
  EmotionMonsterIntent,
  EmotionMonsterHostIntent
>({
  id: 'emotion-monster',
  locales: { 'zh-CN': zhCN, en },
  loadScenes: () => import('./scenes.js').then((m) => m.emotionMonsterScenes),
  TabletControls,
  ConsolePanel,
});
