/**
 * Who sees what. The projector sees teams: their names, sizes, the avatar animals in them (so
 * children can find each other), and how high each tower is — never a participant id, never who
 * tapped. A tablet sees its own team's tower and nothing of any other child. The console sees the
 * teams with ids (to move children), and for each child only whether their tablet has tapped this
 * round — no counts: a tap count invites "you didn't tap enough", and this activity is about us.
 *
 * Every view carries `serverTime` (the state's last sync time) and the beat's `origin` and
 * `beatMs`, so a screen can draw the beat in step with the server (client/clock.ts). `serverTime`
 * moves only on teacher steps and every SYNC_EVERY_MS, so a tap elsewhere in the class does not
 * change any tablet's view and send it again.
 */
import type { Animal, ParticipantId } from '@heartlamp/shared';
import {
  type CooperationState,
  neededTogether,
  type Phase,
  suggestedTeamCount,
  type Team,
  teamCountRange,
} from './model.js';

/** The timing every screen needs to draw the beat. */
export interface BeatClock {
  beatMs: number;
  /** Server time of beat 0; null outside a round. */
  origin: number | null;
  endsAt: number | null;
  serverTime: number;
}

export interface ProjectorTeam {
  /** Index into TEAM_CODES: the team's name, colour and shape. */
  team: number;
  size: number;
  /** How many must tap together for a block. */
  need: number;
  height: number;
  topped: boolean;
  animals: Animal[];
}

export interface ProjectorView extends BeatClock {
  phase: Phase;
  round: number;
  goal: number;
  present: number;
  /** Teams with at least one child, by index. */
  teams: ProjectorTeam[];
}

export interface TabletTeam {
  team: number;
  size: number;
  need: number;
  height: number;
  topped: boolean;
  /** The team's avatar animals (the child's own among them), to find each other in the room. */
  animals: Animal[];
}

export interface TabletView extends BeatClock {
  phase: Phase;
  round: number;
  goal: number;
  /** Null while the teacher has not made teams yet. */
  team: TabletTeam | null;
}

export interface ConsoleMember {
  id: ParticipantId;
  /** Tapped at least once this round: a silent tablet may be asleep or broken. */
  active: boolean;
}

export interface ConsoleTeam {
  team: number;
  members: ConsoleMember[];
  need: number;
  height: number;
  topped: boolean;
}

export interface ConsoleRound {
  round: number;
  goal: number;
  teams: { team: number; size: number; height: number; succeeded: boolean; seconds: number | null }[];
}

export interface ConsoleView extends BeatClock {
  phase: Phase;
  round: number;
  goal: number;
  roundMs: number;
  present: number;
  /** Children not in a team (everyone, before teams are made). */
  unassigned: ParticipantId[];
  /** Every team, empty ones too, so a child can be moved into one. */
  teams: ConsoleTeam[];
  /** Team counts that give teams of 3–6 for this class, and the one suggested. */
  teamCounts: { min: number; max: number; suggested: number };
  /** The latest rounds, newest first. */
  rounds: ConsoleRound[];
}

/** Rounds the console lists; older ones are in the ledger. */
const ROUNDS_SHOWN = 8;

function clockOf(state: CooperationState): BeatClock {
  return { beatMs: state.beatMs, origin: state.origin, endsAt: state.endsAt, serverTime: state.syncedAt };
}

function animalsOf(state: CooperationState, team: Team): Animal[] {
  return team.members.flatMap((id) => {
    const animal = state.animals[id];
    return animal === undefined ? [] : [animal];
  });
}

function publicTeam(state: CooperationState, team: Team, index: number): ProjectorTeam {
  return {
    team: index,
    size: team.members.length,
    need: neededTogether(team.members.length),
    height: team.height,
    topped: team.toppedAt !== null,
    animals: animalsOf(state, team),
  };
}

export function projectorView(state: CooperationState): ProjectorView {
  return {
    ...clockOf(state),
    phase: state.phase,
    round: state.round,
    goal: state.goal,
    present: state.roster.length,
    teams: state.teams.flatMap((team, index) => (team.members.length === 0 ? [] : [publicTeam(state, team, index)])),
  };
}

export function tabletView(state: CooperationState, id: ParticipantId): TabletView {
  const index = state.teamOf[id];
  const team = index === undefined ? undefined : state.teams[index];
  return {
    ...clockOf(state),
    phase: state.phase,
    round: state.round,
    goal: state.goal,
    team: team === undefined || index === undefined ? null : publicTeam(state, team, index),
  };
}

export function consoleView(state: CooperationState): ConsoleView {
  const { min, max } = teamCountRange(state.roster.length);
  return {
    ...clockOf(state),
    phase: state.phase,
    round: state.round,
    goal: state.goal,
    roundMs: state.roundMs,
    present: state.roster.length,
    unassigned: state.roster.filter((id) => state.teamOf[id] === undefined),
    teams: state.teams.map((team, index) => ({
      team: index,
      members: team.members.map((id) => ({ id, active: team.active.includes(id) })),
      need: neededTogether(team.members.length),
      height: team.height,
      topped: team.toppedAt !== null,
    })),
    teamCounts: { min, max, suggested: suggestedTeamCount(state.roster.length) },
    rounds: state.results
      .slice(-ROUNDS_SHOWN)
      .reverse()
      .map((r) => ({
        round: r.round,
        goal: r.goal,
        teams: r.teams
          .filter((t) => t.members.length > 0)
          .map((t) => ({
            team: t.team,
            size: t.members.length,
            height: t.height,
            succeeded: t.succeeded,
            seconds: t.seconds,
          })),
      })),
  };
}
