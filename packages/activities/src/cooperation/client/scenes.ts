/**
 * The Phaser half, loaded lazily by `cooperationClient.loadScenes()`: importing this module pulls
 * in Phaser.
 */
import type { StageScenes } from '../../client-contract.js';
import type { CooperationIntent } from '../logic/model.js';
import type { ProjectorView, TabletView } from '../logic/views.js';
import { ProjectorScene } from './ProjectorScene.js';
import { TabletScene } from './TabletScene.js';

export const cooperationScenes: StageScenes<ProjectorView, TabletView, CooperationIntent> = {
  projector: (bridge) => new ProjectorScene(bridge),
  tablet: (bridge) => new TabletScene(bridge),
};
