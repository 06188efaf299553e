/**
 * The ledger's writes and reads for live sessions. Every function is synchronous and is called by
 * the runtime inside its batch transaction, so a session, a participation or a contribution is on
 * disk before its sender hears "ok". Nothing here knows an activity by name.
 */
import { type JoinCode, type Nickname, nicknameSchema, type ParticipantId } from '@heartlamp/shared';
import type { Db } from './db.js';
import { writeTally } from './tally.js';

export interface NewSession {
  id: string;
  code: string;
  activityId: string;
  theme: string;
  gradeBands: readonly string[];
  config: unknown;
  seed: number;
  createdAt: number;
  /** The class the session is for, and its grade band then; both null for a session without one. */
  classId?: string | null;
  gradeBand?: string | null;
}

export interface NewParticipation {
  id: string;
  sessionId: string;
  nickname: string;
  resumeTokenHash: string;
  joinedAt: number;
  /** The roster child who tapped their name; null or absent for a guest. */
  studentId?: string | null;
}

export interface ContributionWrite {
  sessionId: string;
  participantId: string;
  key: string;
  kind: string;
  value: unknown;
  clientIntentId: string;
  at: number;
}

export interface FollowUpWrite {
  sessionId: string;
  participantId: string;
  key: string;
  requestedAt: number;
}

/** A session a previous run left open, with what the runtime needs to bring it back. */
export interface OpenSessionRecord {
  id: string;
  code: JoinCode;
  activityId: string;
  status: 'lobby' | 'running';
  config: unknown;
  seed: number;
  createdAt: number;
  snapshot: unknown;
  classId: string | null;
  participants: {
    id: ParticipantId;
    nickname: Nickname;
    joinedAt: number;
    tokenHash: string;
    contributed: boolean;
    studentId: string | null;
  }[];
  contributions: { key: string; participant: string; kind: string; value: string; clientIntentId: string }[];
  followUps: { key: string; participant: ParticipantId; at: number; resolved: boolean }[];
}

function parseNickname(text: string): Nickname {
  const [adjective, animal] = text.split('/');
  const parsed = nicknameSchema.safeParse({ adjective, animal });
  return parsed.success ? parsed.data : { adjective: 'brave', animal: 'bear' };
}

export function createLedger(db: Db) {
  const { q } = db;
  return {
    insertSession(s: NewSession): void {
      db.run(
        q.insertInto('sessions').values({
          id: s.id,
          code: s.code,
          activity_id: s.activityId,
          theme: s.theme,
          grade_bands: JSON.stringify(s.gradeBands),
          status: 'lobby',
          config: JSON.stringify(s.config ?? null),
          seed: s.seed,
          created_at: s.createdAt,
          started_at: null,
          ended_at: null,
          snapshot: null,
          snapshot_at: null,
          class_id: s.classId ?? null,
          grade_band: s.gradeBand ?? null,
        }),
      );
    },

    startSession(id: string, at: number, snapshot: unknown): void {
      db.run(
        q
          .updateTable('sessions')
          .set({ status: 'running', started_at: at, snapshot: JSON.stringify(snapshot), snapshot_at: at })
          .where('id', '=', id),
      );
    },

    endSession(id: string, at: number, snapshot: unknown): void {
      db.run(
        q
          .updateTable('sessions')
          .set({ status: 'ended', ended_at: at, snapshot: JSON.stringify(snapshot), snapshot_at: at })
          .where('id', '=', id),
      );
      // Its figures are final now: the term statistics read this tally from here on.
      writeTally(db, id);
    },

    saveSnapshot(id: string, at: number, snapshot: unknown): void {
      db.run(
        q
          .updateTable('sessions')
          .set({ snapshot: JSON.stringify(snapshot), snapshot_at: at })
          .where('id', '=', id),
      );
    },

    insertParticipation(p: NewParticipation): void {
      db.run(
        q.insertInto('participations').values({
          id: p.id,
          session_id: p.sessionId,
          student_id: p.studentId ?? null,
          nickname: p.nickname,
          resume_token_hash: p.resumeTokenHash,
          joined_at: p.joinedAt,
          last_seen_at: p.joinedAt,
          contributed: 0,
        }),
      );
    },

    updateResumeToken(id: string, hash: string): void {
      db.run(q.updateTable('participations').set({ resume_token_hash: hash }).where('id', '=', id));
    },

    touchParticipation(id: string, at: number): void {
      db.run(q.updateTable('participations').set({ last_seen_at: at }).where('id', '=', id));
    },

    /** Insert or replace (by session and key): a child's second answer replaces the first. */
    upsertContribution(c: ContributionWrite): void {
      const value = JSON.stringify(c.value);
      db.run(
        q
          .insertInto('contributions')
          .values({
            session_id: c.sessionId,
            participant_id: c.participantId,
            key: c.key,
            kind: c.kind,
            value,
            client_intent_id: c.clientIntentId,
            created_at: c.at,
            updated_at: c.at,
          })
          .onConflict((oc) =>
            oc.columns(['session_id', 'key']).doUpdateSet({
              kind: c.kind,
              value,
              client_intent_id: c.clientIntentId,
              updated_at: c.at,
            }),
          ),
      );
      db.run(
        q.updateTable('participations').set({ contributed: 1, last_seen_at: c.at }).where('id', '=', c.participantId),
      );
    },

    removeContribution(sessionId: string, key: string): void {
      db.run(q.deleteFrom('contributions').where('session_id', '=', sessionId).where('key', '=', key));
    },

    insertFollowUp(f: FollowUpWrite): void {
      db.run(
        q
          .insertInto('follow_ups')
          .values({
            session_id: f.sessionId,
            participant_id: f.participantId,
            key: f.key,
            requested_at: f.requestedAt,
            resolved_at: null,
          })
          .onConflict((oc) =>
            oc.columns(['session_id', 'key']).doUpdateSet({ requested_at: f.requestedAt, resolved_at: null }),
          ),
      );
    },

    resolveFollowUp(sessionId: string, key: string, at: number): number {
      return db.run(
        q
          .updateTable('follow_ups')
          .set({ resolved_at: at })
          .where('session_id', '=', sessionId)
          .where('key', '=', key)
          .where('resolved_at', 'is', null),
      ).changes;
    },

    /** Sessions a previous run did not end (a restart, a crash), to be restored. */
    loadOpenSessions(): OpenSessionRecord[] {
      const sessions = db.all(
        q.selectFrom('sessions').selectAll().where('status', '!=', 'ended').orderBy('created_at'),
      );
      return sessions.map((s) => ({
        id: s.id,
        code: s.code as JoinCode,
        activityId: s.activity_id,
        status: s.status === 'running' ? 'running' : 'lobby',
        config: JSON.parse(s.config),
        seed: s.seed,
        createdAt: s.created_at,
        snapshot: s.snapshot === null ? undefined : JSON.parse(s.snapshot),
        classId: s.class_id,
        participants: db
          .all(q.selectFrom('participations').selectAll().where('session_id', '=', s.id).orderBy('joined_at'))
          .map((p) => ({
            id: p.id as ParticipantId,
            nickname: parseNickname(p.nickname),
            joinedAt: p.joined_at,
            tokenHash: p.resume_token_hash,
            contributed: p.contributed === 1,
            studentId: p.student_id,
          })),
        contributions: db.all(q.selectFrom('contributions').selectAll().where('session_id', '=', s.id)).map((c) => ({
          key: c.key,
          participant: c.participant_id,
          kind: c.kind,
          value: c.value,
          clientIntentId: c.client_intent_id,
        })),
        followUps: db.all(q.selectFrom('follow_ups').selectAll().where('session_id', '=', s.id)).map((f) => ({
          key: f.key,
          participant: f.participant_id as ParticipantId,
          at: f.requested_at,
          resolved: f.resolved_at !== null,
        })),
      }));
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;
