/**
 * The client half of The Power of Cooperation, as the classroom app's registry holds it. Phaser
 * is reached only through `loadScenes()`, a dynamic import, so the join page and the console never
 * wait for it; the React controls and strings load with the app.
 */
import { defineActivityClient } from '../../client-contract.js';
import en from '../locales/en.json';
import zhCN from '../locales/zh-CN.json';
import type { CooperationHostIntent, CooperationIntent } from '../logic/model.js';
import type { ConsoleView, ProjectorView, TabletView } from '../logic/views.js';
import { ConsolePanel } from './ConsolePanel.js';
import { TabletControls } from './TabletControls.js';

export { onDrum, projectorSlots, tabletDrumCentre, tabletLayout } from './layout.js';
export { NAMESPACE } from './namespace.js';

export const cooperationClient = defineActivityClient<
  ProjectorView,
  TabletView,
  ConsoleView,
  CooperationIntent,
  CooperationHostIntent
>({
  id: 'cooperation',
  locales: { 'zh-CN': zhCN, en },
  loadScenes: () => import('./scenes.js').then((m) => m.cooperationScenes),
  TabletControls,
  ConsolePanel,
});
