/**
 * The Phaser half, loaded lazily by `emotionMonsterClient.loadScenes()`: importing this module
 * pulls in Phaser.
 */
import type { StageScenes } from '../../client-contract.js';
import type { EmotionMonsterIntent } from '../logic/model.js';
import type { ProjectorView, TabletView } from '../logic/views.js';
import { ProjectorScene } from './ProjectorScene.js';
import { TabletScene } from './TabletScene.js';

export const emotionMonsterScenes: StageScenes<ProjectorView, TabletView, EmotionMonsterIntent> = {
  projector: (bridge) => new ProjectorScene(bridge),
  tablet: (bridge) => new TabletScene(bridge),
};
