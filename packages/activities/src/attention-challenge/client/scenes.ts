/**
 * The Phaser half, loaded lazily by `attentionChallengeClient.loadScenes()`: importing this module
 * pulls in Phaser.
 */
import type { StageScenes } from '../../client-contract.js';
import type { AttentionIntent } from '../logic/model.js';
import type { ProjectorView, TabletView } from '../logic/views.js';
import { ProjectorScene } from './ProjectorScene.js';
import { TabletScene } from './TabletScene.js';

export const attentionChallengeScenes: StageScenes<ProjectorView, TabletView, AttentionIntent> = {
  projector: (bridge) => new ProjectorScene(bridge),
  tablet: (bridge) => new TabletScene(bridge),
};
