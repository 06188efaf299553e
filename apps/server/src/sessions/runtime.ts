/**
 * SessionRuntime: the live sessions and the one dispatch pipeline every activity runs through
 * (after boardgame.io's `Master.onUpdate`). It never names an activity; it asks the registry.
 *
 * For each event, in order: the realtime layer has already capped size and rate and parsed the
 * envelope with its zod schema and checked the namespace (role); here we find the session, check
 * its status, drop a retried intent id, parse the intent with the activity's own schema, and
 * `reduce`. A rejection is acked to the sender alone and changes nothing. An accepted event
 * changes memory at once and joins the current batch: everything dispatched in one event-loop turn
 * is written in ONE transaction, then the senders are acked, then views go out. If the commit
 * fails, every event of the batch is undone in memory and its sender told `storage-failed`, so
 * memory never holds what the disk does not.
 *
 * Transport-neutral: views leave through an `Outbox`, so this runs the same under socket.io and
 * in tests with plain functions.
 */
import {
  type AnyActivity,
  type Contribution,
  createRng,
  getActivity as defaultGetActivity,
  isRejection,
  type Participant,
  type Rng,
} from '@heartlamp/activities';
import {
  type Ack,
  type ConsoleState,
  type CreatedSession,
  type ErrorCode,
  errorMessage,
  type Grade,
  gradeBandOf,
  type JoinCode,
  type Joined,
  type KickReason,
  type LiveSessionSummary,
  type Locale,
  type Nickname,
  type ParticipantId,
  type ProtocolError,
  type ReclaimAck,
  type ReclaimResult,
  type RosterTiles,
  type ScreenState,
  type Seat,
  type SessionStatus,
  type TabletState,
} from '@heartlamp/shared';
import type { ZodError } from 'zod';
import type { Ledger, OpenSessionRecord } from '../store/ledger.js';
import type { Rosters } from '../store/school.js';
import { hashToken, newJoinCode, newParticipantId, newResumeToken, newSeed, newSessionId } from './ids.js';

export interface Outbox {
  console(code: JoinCode, state: ConsoleState): void;
  screen(code: JoinCode, state: ScreenState): void;
  tablet(participantId: ParticipantId, state: TabletState): void;
  /** The devices holding this seat lose it (they are told why and go back to the join page). */
  kick(participantId: ParticipantId, reason: KickReason): void;
  /** The teacher's answer to a waiting `play:reclaim`. */
  reclaimResult(result: ReclaimResult): void;
}

export interface RuntimeOptions {
  ledger: Ledger;
  /** Runs `fn` in one database transaction. */
  transaction: <T>(fn: () => T) => T;
  outbox: Outbox;
  /** The URL a tablet opens to join this code (LAN address + `/join?code=`). */
  joinUrl: (code: JoinCode) => string;
  now?: () => number;
  getActivity?: (id: string) => AnyActivity | undefined;
  /** Defers the batch flush to the end of the current event-loop turn. */
  defer?: (fn: () => void) => void;
  /** How long an ended session keeps answering "this activity has ended" before its code is freed. */
  endedGraceMs?: number;
  maxParticipants?: number;
  /**
   * Views for one session go out at most once per this many ms (leading and trailing edge), so 40
   * children tapping three times a second cost ~10 broadcasts a second, not 120. Acks are not delayed.
   */
  broadcastIntervalMs?: number;
  /** Classes and their rosters, for sessions held for a class ("tap your name"). */
  rosters?: Rosters;
  onError?: (error: unknown) => void;
}

interface LiveParticipant {
  id: ParticipantId;
  nickname: Nickname;
  joinedAt: number;
  tokenHash: string;
  /** Open sockets for this child (a tablet may briefly hold two while reconnecting). */
  sockets: number;
  contributed: boolean;
  /** Freed by the teacher for another device; nobody holds its token. */
  free: boolean;
  /** The roster child who tapped their name; null for a guest. */
  student: { id: string; name: string; seat: number } | null;
}

interface FollowUpEntry {
  participant: ParticipantId;
  at: number;
  resolved: boolean;
}

interface LiveSession {
  id: string;
  code: JoinCode;
  activity: AnyActivity;
  status: SessionStatus;
  state: unknown;
  rng: Rng;
  createdAt: number;
  endedAt: number | null;
  phase: string;
  participants: Map<ParticipantId, LiveParticipant>;
  /** The class the session is for (its roster offers name tiles); null for a session without one. */
  class: { id: string; name: string; grade: number; enrolled: number } | null;
  /** What the ledger holds for each contribution key (kind + JSON value), to write only changes. */
  persisted: Map<string, string>;
  followUps: Map<string, FollowUpEntry>;
  /** Client intent ids already applied (bounded), and those waiting for their batch to commit. */
  applied: Set<string>;
  pending: Map<string, Promise<Ack<null>>>;
  /** First joins by their client-made join id, so a retried join returns the same child. */
  joins: Map<string, Promise<Ack<Joined & { code: JoinCode }>>>;
  /** The teacher locked the room: no new child may join (children already in may come back). */
  locked: boolean;
  /** Children asking to continue on a new device, waiting for the teacher. */
  reclaims: Map<string, { participant: ParticipantId; at: number }>;
  /** The activity's last `contributions()` array, to skip the diff when it is unchanged. */
  listed: readonly Contribution[] | null;
  /** The state as last written to `sessions.snapshot`; restores start from it. */
  savedState: unknown;
  /** Last JSON sent to each audience, so unchanged views are not sent again. */
  sent: { screen: string; console: string; tablets: Map<ParticipantId, string> };
  lastBroadcastAt: number;
  /** A trailing broadcast waiting for the interval to pass. */
  broadcastTimer: ReturnType<typeof setTimeout> | null;
}

interface BatchOp {
  /** Whether the ledger changed for this session: its snapshot is then written in the same commit. */
  durable: boolean;
  write(): void;
  undo(): void;
  settle(committed: boolean): void;
  session: LiveSession;
}

const APPLIED_INTENTS_KEPT = 4096;
/** Pending "continue on this device" requests a seat, and a session, may hold. */
const MAX_RECLAIMS_PER_SEAT = 3;
const MAX_RECLAIMS = 60;
const ok = <T>(data: T): Ack<T> => ({ ok: true, data });

export class SessionRuntime {
  private readonly byCode = new Map<string, LiveSession>();
  private readonly ledger: Ledger;
  private readonly transaction: <T>(fn: () => T) => T;
  private readonly outbox: Outbox;
  private readonly joinUrl: (code: JoinCode) => string;
  private readonly now: () => number;
  private readonly getActivity: (id: string) => AnyActivity | undefined;
  private readonly defer: (fn: () => void) => void;
  private readonly endedGraceMs: number;
  private readonly maxParticipants: number;
  private readonly broadcastIntervalMs: number;
  private readonly rosters: Rosters | undefined;
  private readonly onError: (error: unknown) => void;
  private batch: BatchOp[] = [];
  private flushQueued = false;
  /** Set by close(): nothing more is written or sent. */
  private closed = false;

  constructor(options: RuntimeOptions) {
    this.ledger = options.ledger;
    this.transaction = options.transaction;
    this.outbox = options.outbox;
    this.joinUrl = options.joinUrl;
    this.now = options.now ?? Date.now;
    this.getActivity = options.getActivity ?? defaultGetActivity;
    this.defer = options.defer ?? setImmediate;
    this.endedGraceMs = options.endedGraceMs ?? 30 * 60_000;
    this.maxParticipants = options.maxParticipants ?? 200;
    this.broadcastIntervalMs = options.broadcastIntervalMs ?? 100;
    this.rosters = options.rosters;
    this.onError = options.onError ?? (() => {});
  }

  // ------------------------------------------------------------------ teacher

  createSession(
    activityId: string,
    rawConfig: unknown,
    locale: Locale,
    classId?: string,
  ): Promise<Ack<CreatedSession>> {
    const activity = this.getActivity(activityId);
    if (!activity) return Promise.resolve(fail('unknown-activity', locale));
    const parsed = activity.configSchema.safeParse(rawConfig);
    if (!parsed.success) return Promise.resolve(fail('invalid-config', locale, { path: zodPath(parsed.error) }));
    const found = classId === undefined ? undefined : this.rosters?.classRecord(classId);
    if (classId !== undefined && (!found || found.archived)) return Promise.resolve(fail('class-not-found', locale));
    const cls = found
      ? { id: found.id, name: found.name, grade: found.grade, enrolled: this.rosters?.roster(found.id).length ?? 0 }
      : null;
    this.forgetExpired();
    const now = this.now();
    const seed = newSeed();
    const code = newJoinCode((c) => this.byCode.has(c));
    const state = activity.setup({ config: parsed.data, roster: [], seed, now });
    const session: LiveSession = {
      id: newSessionId(),
      code,
      activity,
      status: 'lobby',
      state,
      rng: createRng(seed),
      createdAt: now,
      endedAt: null,
      phase: activity.phase(state),
      participants: new Map(),
      class: cls,
      persisted: new Map(),
      followUps: new Map(),
      applied: new Set(),
      pending: new Map(),
      joins: new Map(),
      reclaims: new Map(),
      savedState: undefined,
      locked: false,
      listed: null,
      sent: { screen: '', console: '', tablets: new Map() },
      lastBroadcastAt: Number.NEGATIVE_INFINITY,
      broadcastTimer: null,
    };
    this.byCode.set(code, session);
    return this.commit<CreatedSession>(
      session,
      () =>
        this.ledger.insertSession({
          id: session.id,
          code,
          activityId: activity.id,
          theme: activity.theme,
          gradeBands: activity.gradeBands,
          config: parsed.data,
          seed,
          createdAt: now,
          classId: cls?.id ?? null,
          gradeBand: cls ? gradeBandOf(cls.grade as Grade) : null,
        }),
      () => this.byCode.delete(code),
      { code, sessionId: session.id },
      locale,
    );
  }

  attachConsole(code: string, locale: Locale): Ack<CreatedSession> {
    const session = this.byCode.get(code);
    if (!session) return fail('session-not-found', locale);
    session.sent.console = '';
    this.markDirty(session);
    return ok({ code: session.code, sessionId: session.id });
  }

  listSessions(): LiveSessionSummary[] {
    this.forgetExpired();
    return [...this.byCode.values()]
      .filter((s) => s.status !== 'ended')
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((s) => ({
        code: s.code,
        activityId: s.activity.id,
        status: s.status,
        participants: s.participants.size,
        startedAt: s.createdAt,
      }));
  }

  startSession(code: string, locale: Locale): Promise<Ack<null>> {
    const session = this.byCode.get(code);
    if (!session) return Promise.resolve(fail('session-not-found', locale));
    if (session.status === 'ended') return Promise.resolve(fail('session-ended', locale));
    if (session.status === 'running') return Promise.resolve(ok(null));
    const at = this.now();
    session.status = 'running';
    return this.commit(
      session,
      () => this.ledger.startSession(session.id, at, session.state),
      () => {
        session.status = 'lobby';
      },
      null,
      locale,
    );
  }

  endSession(code: string, locale: Locale): Promise<Ack<null>> {
    const session = this.byCode.get(code);
    if (!session) return Promise.resolve(fail('session-not-found', locale));
    if (session.status === 'ended') return Promise.resolve(ok(null));
    const before = session.status;
    const at = this.now();
    session.status = 'ended';
    session.endedAt = at;
    return this.commit(
      session,
      () => this.ledger.endSession(session.id, at, session.state),
      () => {
        session.status = before;
        session.endedAt = null;
      },
      null,
      locale,
    );
  }

  host(code: string, clientIntentId: string, rawIntent: unknown, locale: Locale): Promise<Ack<null>> {
    const session = this.byCode.get(code);
    if (!session) return Promise.resolve(fail('session-not-found', locale));
    const statusError = this.requireRunning(session, locale);
    if (statusError) return Promise.resolve(statusError);
    const parsed = session.activity.hostIntentSchema.safeParse(rawIntent);
    if (!parsed.success) return Promise.resolve(fail('invalid-payload', locale, { path: zodPath(parsed.error) }));
    return this.applyOnce(session, `host:${clientIntentId}`, () => {
      const result = session.activity.control(session.state, parsed.data, { now: this.now(), random: session.rng });
      return this.settleResult(session, result, clientIntentId, locale);
    });
  }

  resolveFollowUp(code: string, key: string, locale: Locale): Promise<Ack<null>> {
    const session = this.byCode.get(code);
    if (!session) return Promise.resolve(fail('session-not-found', locale));
    const entry = session.followUps.get(key);
    if (!entry) return Promise.resolve(fail('invalid-payload', locale, { path: 'key' }));
    if (entry.resolved) return Promise.resolve(ok(null));
    const at = this.now();
    entry.resolved = true;
    return this.commit(
      session,
      () => this.ledger.resolveFollowUp(session.id, key, at),
      () => {
        entry.resolved = false;
      },
      null,
      locale,
    );
  }

  // ------------------------------------------------------------------ screen

  /** Checks a code for the projector; the caller joins the screen room and calls `refreshScreen`. */
  watch(code: string, locale: Locale): Ack<null> {
    const session = this.byCode.get(code);
    if (!session) return fail('session-not-found', locale);
    return ok(null);
  }

  /** Sends the current screen state again (a projector just connected). */
  refreshScreen(code: string): void {
    const session = this.byCode.get(code);
    if (!session) return;
    session.sent.screen = '';
    this.markDirty(session);
  }

  // ------------------------------------------------------------------ shared tablets

  /** The teacher frees a seat: the device holding it lets go, and another device may take it. */
  releaseSeat(code: string, participantId: ParticipantId, locale: Locale): Promise<Ack<null>> {
    const session = this.byCode.get(code);
    if (!session) return Promise.resolve(fail('session-not-found', locale));
    const p = session.participants.get(participantId);
    if (!p) return Promise.resolve(fail('invalid-payload', locale, { path: 'participantId' }));
    if (p.free) return Promise.resolve(ok(null));
    return this.handOver(session, p, true, locale, null, 'seat-released');
  }

  /**
   * The teacher takes a tablet out of the lesson: like freeing its seat, but the device is told it
   * was removed, and with the room locked it cannot join again as someone new.
   */
  removeSeat(code: string, participantId: ParticipantId, locale: Locale): Promise<Ack<null>> {
    const session = this.byCode.get(code);
    if (!session) return Promise.resolve(fail('session-not-found', locale));
    const p = session.participants.get(participantId);
    if (!p) return Promise.resolve(fail('invalid-payload', locale, { path: 'participantId' }));
    for (const [requestId, r] of session.reclaims)
      if (r.participant === participantId) session.reclaims.delete(requestId);
    // Not freed: nobody can take this seat over without the teacher approving a request.
    return this.handOver(session, p, false, locale, null, 'removed');
  }

  /** Locks or unlocks the room. Children already in keep their seats and may resume. */
  lock(code: string, locked: boolean, locale: Locale): Ack<null> {
    const session = this.byCode.get(code);
    if (!session) return fail('session-not-found', locale);
    if (session.status === 'ended') return fail('session-ended', locale);
    session.locked = locked;
    this.markDirty(session);
    return ok(null);
  }

  /** Is the session with this id still open (lobby or running)? */
  isLive(sessionId: string): boolean {
    for (const session of this.byCode.values()) if (session.id === sessionId) return session.status !== 'ended';
    return false;
  }

  /** Seats as a tablet may see them: number, nickname, free or not. No ids. */
  seats(code: string, locale: Locale): Ack<Seat[]> {
    const session = this.byCode.get(code);
    if (!session) return fail('session-not-found', locale);
    if (session.status === 'ended') return fail('session-ended', locale);
    return ok(
      [...session.participants.values()].map((p, seat) => ({
        seat,
        nickname: p.nickname,
        free: p.free,
        connected: p.sockets > 0,
      })),
    );
  }

  /** A child on a new device asks for their seat back: at once if freed, else the teacher decides. */
  reclaim(code: string, seat: number, requestId: string, locale: Locale): Promise<Ack<ReclaimAck>> {
    const session = this.byCode.get(code);
    if (!session) return Promise.resolve(fail('session-not-found', locale));
    if (session.status === 'ended') return Promise.resolve(fail('session-ended', locale));
    const p = [...session.participants.values()][seat];
    if (!p) return Promise.resolve(fail('invalid-payload', locale, { path: 'seat' }));
    if (!p.free) {
      if (!session.reclaims.has(requestId)) {
        // Requests wait for the teacher: a device asking again and again must not bury the console.
        const forSeat = [...session.reclaims.values()].filter((r) => r.participant === p.id).length;
        if (forSeat >= MAX_RECLAIMS_PER_SEAT || session.reclaims.size >= MAX_RECLAIMS) {
          return Promise.resolve(fail('rate-limited', locale));
        }
        session.reclaims.set(requestId, { participant: p.id, at: this.now() });
      }
      this.markDirty(session);
      return Promise.resolve(ok({ status: 'pending' }));
    }
    const token = newResumeToken();
    return this.handOver(session, p, false, locale, token, null).then((ack) =>
      ack.ok ? ok({ status: 'granted', resumeToken: token }) : ack,
    );
  }

  decideReclaim(code: string, requestId: string, approve: boolean, locale: Locale): Promise<Ack<null>> {
    const session = this.byCode.get(code);
    if (!session) return Promise.resolve(fail('session-not-found', locale));
    const request = session.reclaims.get(requestId);
    if (!request) return Promise.resolve(ok(null));
    session.reclaims.delete(requestId);
    const p = session.participants.get(request.participant);
    if (!approve || !p) {
      this.outbox.reclaimResult({ requestId, approved: false });
      this.markDirty(session);
      return Promise.resolve(ok(null));
    }
    const token = newResumeToken();
    return this.handOver(session, p, false, locale, token, 'seat-reclaimed').then((ack) => {
      if (ack.ok) this.outbox.reclaimResult({ requestId, approved: true, resumeToken: token });
      else session.reclaims.set(requestId, request);
      return ack;
    });
  }

  /**
   * Rotates a seat's resume token (to `token`, or to one nobody knows when the seat is freed), so
   * only the new device can resume; the devices holding it are kicked once the ledger has it.
   */
  private handOver(
    session: LiveSession,
    p: LiveParticipant,
    free: boolean,
    locale: Locale,
    token: string | null,
    kick: KickReason | null,
  ): Promise<Ack<null>> {
    const before = { tokenHash: p.tokenHash, free: p.free, sockets: p.sockets };
    p.tokenHash = hashToken(token ?? newResumeToken());
    p.free = free;
    if (kick) p.sockets = 0;
    return this.commit(
      session,
      () => this.ledger.updateResumeToken(p.id, p.tokenHash),
      () => {
        Object.assign(p, before);
      },
      null,
      locale,
      false,
    ).then((ack) => {
      if (ack.ok && kick) {
        this.outbox.kick(p.id, kick);
        session.sent.tablets.delete(p.id);
      }
      return ack;
    });
  }

  // ------------------------------------------------------------------ tablets

  /** Sends one child's tablet state again (its socket just joined the child's room). */
  refreshTablet(code: string, participantId: ParticipantId): void {
    const session = this.byCode.get(code);
    if (!session?.participants.has(participantId)) return;
    session.sent.tablets.delete(participantId);
    this.markDirty(session);
  }

  join(
    code: string,
    nickname: Nickname,
    resumeToken: string | undefined,
    locale: Locale,
    joinId?: string,
    studentId?: string,
  ): Promise<Ack<Joined & { code: JoinCode }>> {
    const session = this.byCode.get(code);
    if (!session) return Promise.resolve(fail('session-not-found', locale));
    const earlier = joinId === undefined ? undefined : session.joins.get(joinId);
    if (earlier) {
      return earlier.then((ack) => {
        const p = ack.ok ? session.participants.get(ack.data.participantId) : undefined;
        if (!ack.ok || !p) return ack;
        p.sockets += 1;
        session.sent.tablets.delete(p.id);
        this.markDirty(session);
        return ok({ ...ack.data, resumed: true });
      });
    }
    const first = this.firstJoin(session, nickname, resumeToken, locale, studentId);
    if (joinId !== undefined) {
      session.joins.set(joinId, first);
      void first.then((ack) => {
        if (!ack.ok) session.joins.delete(joinId);
      });
    }
    return first;
  }

  private firstJoin(
    session: LiveSession,
    nickname: Nickname,
    resumeToken: string | undefined,
    locale: Locale,
    studentId?: string,
  ): Promise<Ack<Joined & { code: JoinCode }>> {
    // A resume token comes first: it is how a child who tapped their name gets back in as themselves.
    if (resumeToken !== undefined) {
      const hash = hashToken(resumeToken);
      for (const p of session.participants.values()) {
        if (p.tokenHash === hash) {
          p.sockets += 1;
          session.sent.tablets.delete(p.id);
          this.markDirty(session);
          return Promise.resolve(
            ok({ participantId: p.id, resumeToken, nickname: p.nickname, resumed: true, code: session.code }),
          );
        }
      }
      // A token this session does not know: its seat went to another device. Joining afresh here
      // would count the child twice, so the tablet is told, and the child chooses what to do.
      return Promise.resolve(fail('seat-released', locale));
    }
    if (session.status === 'ended') return Promise.resolve(fail('session-ended', locale));
    if (session.locked) return Promise.resolve(fail('room-locked', locale));
    if (session.participants.size >= this.maxParticipants) return Promise.resolve(fail('session-full', locale));
    let student: LiveParticipant['student'] = null;
    if (studentId !== undefined) {
      const entry = session.class ? this.rosters?.rosterStudent(session.class.id, studentId) : undefined;
      if (!entry) return Promise.resolve(fail('not-on-roster', locale));
      // One child, one place: checked against memory, which holds every join of this turn too.
      if ([...session.participants.values()].some((p) => p.student?.id === studentId)) {
        return Promise.resolve(fail('student-taken', locale));
      }
      student = entry;
    }

    const now = this.now();
    const token = newResumeToken();
    const participant: LiveParticipant = {
      id: newParticipantId(),
      nickname,
      joinedAt: now,
      tokenHash: hashToken(token),
      sockets: 1,
      contributed: false,
      free: false,
      student,
    };
    const before = session.state;
    const asParticipant: Participant = { id: participant.id, nickname, joinedAt: now };
    session.participants.set(participant.id, participant);
    session.state = session.activity.join ? session.activity.join(session.state, asParticipant, now) : session.state;
    return this.commit(
      session,
      () =>
        this.ledger.insertParticipation({
          id: participant.id,
          sessionId: session.id,
          nickname: `${nickname.adjective}/${nickname.animal}`,
          resumeTokenHash: participant.tokenHash,
          joinedAt: now,
          studentId: student?.id ?? null,
        }),
      () => {
        session.participants.delete(participant.id);
        session.state = before;
      },
      { participantId: participant.id, resumeToken: token, nickname, resumed: false, code: session.code },
      locale,
    );
  }

  /** A tablet's socket closed: the child stays in the session (they may come back). */
  disconnect(code: string, participantId: ParticipantId): void {
    const session = this.byCode.get(code);
    const participant = session?.participants.get(participantId);
    if (!session || !participant) return;
    participant.sockets = Math.max(0, participant.sockets - 1);
    if (participant.sockets > 0) return;
    const at = this.now();
    this.enqueue({
      session,
      durable: false,
      write: () => this.ledger.touchParticipation(participantId, at),
      undo: () => {},
      settle: () => {},
    });
  }

  intent(
    code: string,
    participantId: ParticipantId,
    clientIntentId: string,
    rawIntent: unknown,
    locale: Locale,
  ): Promise<Ack<null>> {
    const session = this.byCode.get(code);
    if (!session) return Promise.resolve(fail('session-not-found', locale));
    if (!session.participants.has(participantId)) return Promise.resolve(fail('not-joined', locale));
    const statusError = this.requireRunning(session, locale);
    if (statusError) return Promise.resolve(statusError);
    const parsed = session.activity.intentSchema.safeParse(rawIntent);
    if (!parsed.success) {
      // A tablet sending what only the console may send is told so, not just "malformed".
      const isHostIntent = session.activity.hostIntentSchema.safeParse(rawIntent).success;
      return Promise.resolve(
        isHostIntent ? fail('not-allowed', locale) : fail('invalid-payload', locale, { path: zodPath(parsed.error) }),
      );
    }
    return this.applyOnce(session, `play:${participantId}:${clientIntentId}`, () => {
      const result = session.activity.reduce(session.state, parsed.data, {
        actor: participantId,
        now: this.now(),
        random: session.rng,
      });
      return this.settleResult(session, result, clientIntentId, locale);
    });
  }

  // ------------------------------------------------------------------ timers

  /** Advances timers of every running session whose activity has them. Call a few times a second. */
  tick(): void {
    const now = this.now();
    for (const session of this.byCode.values()) {
      const tick = session.activity.tick;
      if (session.status !== 'running' || !tick) continue;
      const next = tick.call(session.activity, session.state, now);
      if (next !== session.state) this.settleResult(session, next, `tick:${now}`, 'zh-CN');
    }
  }

  /**
   * Writes the state of every running session that changed since its last snapshot (progress that
   * wrote nothing to the ledger, such as taps). Call every couple of seconds.
   */
  checkpoint(): void {
    const changed = [...this.byCode.values()].filter((s) => s.status === 'running' && s.state !== s.savedState);
    if (changed.length === 0) return;
    const at = this.now();
    try {
      this.transaction(() => {
        for (const session of changed) this.ledger.saveSnapshot(session.id, at, session.state);
      });
      for (const session of changed) session.savedState = session.state;
    } catch (error) {
      this.onError(error);
    }
  }

  /**
   * Brings back the sessions a previous run left open (a crash, a restart): their state from the
   * last snapshot, their children with their resume tokens, what the ledger holds. Tablets, the
   * projector and the console then reconnect with the same code and carry on.
   */
  restore(records: readonly OpenSessionRecord[]): { restored: number; closed: number } {
    let restored = 0;
    let closed = 0;
    for (const r of records) {
      const activity = this.getActivity(r.activityId);
      if (!activity || this.byCode.has(r.code)) {
        this.ledger.endSession(r.id, this.now(), r.snapshot);
        closed += 1;
        continue;
      }
      const roster: Participant[] = r.participants.map((p) => ({
        id: p.id,
        nickname: p.nickname,
        joinedAt: p.joinedAt,
      }));
      const state =
        r.snapshot ??
        roster.reduce(
          (s, p) => (activity.join ? activity.join(s, p, p.joinedAt) : s),
          activity.setup({ config: r.config, roster: [], seed: r.seed, now: r.createdAt }),
        );
      const session: LiveSession = {
        id: r.id,
        code: r.code,
        activity,
        status: r.status,
        state,
        rng: createRng((r.seed + r.participants.length + r.contributions.length) >>> 0),
        createdAt: r.createdAt,
        endedAt: null,
        phase: activity.phase(state),
        participants: new Map(
          r.participants.map((p) => [
            p.id,
            {
              id: p.id,
              nickname: p.nickname,
              joinedAt: p.joinedAt,
              tokenHash: p.tokenHash,
              sockets: 0,
              contributed: p.contributed,
              free: false,
              student: p.studentId === null ? null : (this.rosters?.student(p.studentId) ?? null),
            },
          ]),
        ),
        class: this.restoredClass(r.classId),
        persisted: new Map(r.contributions.map((c) => [c.key, `${c.kind}\u0000${c.value}`])),
        followUps: new Map(
          r.followUps.map((f) => [f.key, { participant: f.participant, at: f.at, resolved: f.resolved }]),
        ),
        applied: new Set(r.contributions.map((c) => `play:${c.participant}:${c.clientIntentId}`)),
        pending: new Map(),
        joins: new Map(),
        reclaims: new Map(),
        savedState: state,
        locked: false,
        listed: null,
        sent: { screen: '', console: '', tablets: new Map() },
        lastBroadcastAt: Number.NEGATIVE_INFINITY,
        broadcastTimer: null,
      };
      this.byCode.set(r.code, session);
      restored += 1;
    }
    return { restored, closed };
  }

  private restoredClass(classId: string | null): LiveSession['class'] {
    const found = classId === null ? undefined : this.rosters?.classRecord(classId);
    if (!found) return null;
    return { id: found.id, name: found.name, grade: found.grade, enrolled: this.rosters?.roster(found.id).length ?? 0 };
  }

  /**
   * The name tiles a tablet shows for a code: the class roster, each marked taken once its child
   * joined. Names leave the server only here (to a tablet) and in the console's state.
   */
  rosterTiles(code: string, locale: Locale): Ack<RosterTiles> {
    const session = this.byCode.get(code);
    if (!session) return fail('session-not-found', locale);
    if (session.status === 'ended') return fail('session-ended', locale);
    if (!session.class || !this.rosters) return ok({ className: null, tiles: null });
    const taken = new Set([...session.participants.values()].flatMap((p) => (p.student ? [p.student.id] : [])));
    return ok({
      className: session.class.name,
      tiles: this.rosters
        .roster(session.class.id)
        .map((s) => ({ studentId: s.id, seat: s.seat, name: s.name, taken: taken.has(s.id) })),
    });
  }

  /** Writes what is pending and stops accepting work (server shutdown). */
  close(): void {
    this.flush();
    // Events still arriving while the sockets close must not reach a database about to be closed.
    this.closed = true;
    for (const session of this.byCode.values()) {
      if (session.broadcastTimer) clearTimeout(session.broadcastTimer);
      session.broadcastTimer = null;
    }
  }

  // ------------------------------------------------------------------ pipeline internals

  private requireRunning(session: LiveSession, locale: Locale): Ack<never> | null {
    if (session.status === 'ended') return fail('session-ended', locale);
    if (session.status !== 'running') return fail('session-not-running', locale);
    return null;
  }

  /** Applies an intent id once: a retry while pending shares the first's ack; after, it is acked ok. */
  private applyOnce(session: LiveSession, id: string, apply: () => Promise<Ack<null>>): Promise<Ack<null>> {
    const pending = session.pending.get(id);
    if (pending) return pending;
    if (session.applied.has(id)) return Promise.resolve(ok(null));
    const result = apply().then((ack) => {
      session.pending.delete(id);
      if (ack.ok) {
        session.applied.add(id);
        if (session.applied.size > APPLIED_INTENTS_KEPT) {
          const oldest = session.applied.values().next().value;
          if (oldest !== undefined) session.applied.delete(oldest);
        }
      }
      return ack;
    });
    session.pending.set(id, result);
    return result;
  }

  /** The state after reduce/control/tick: reject, or accept and queue what the ledger must record. */
  private settleResult(
    session: LiveSession,
    result: unknown,
    clientIntentId: string,
    locale: Locale,
  ): Promise<Ack<null>> {
    if (isRejection(result)) {
      const words = session.activity.rejections[result.rejected];
      return Promise.resolve({
        ok: false,
        error: {
          code: 'rejected',
          reason: result.rejected,
          message: words ? words[locale] : errorMessage('rejected', locale),
        },
      });
    }
    const before = session.state;
    const beforePhase = session.phase;
    const activity = session.activity;
    const at = this.now();
    const next = result;
    // An activity that returns the same array as last time has nothing new to record: skip the
    // per-child serialising (a rhythm tap changes state but not the ledger).
    const listed = activity.contributions(next);
    const listedBefore = session.listed;
    const contributionWrites = listed === listedBefore ? [] : this.changedContributions(session, listed);
    session.listed = listed;
    const followUpWrites = (activity.followUps?.(next) ?? []).filter((f) => !session.followUps.has(f.key));
    const phase = activity.phase(next);

    session.state = next;
    session.phase = phase;
    const undoPersisted = contributionWrites.map(({ contribution, previous }) => () => {
      if (previous === undefined) session.persisted.delete(contribution.key);
      else session.persisted.set(contribution.key, previous);
    });
    for (const { contribution, serialised } of contributionWrites) session.persisted.set(contribution.key, serialised);
    for (const f of followUpWrites)
      session.followUps.set(f.key, { participant: f.participant, at: f.at, resolved: false });
    const newlyContributed = contributionWrites
      .map(({ contribution }) => session.participants.get(contribution.participant))
      .filter((p): p is LiveParticipant => p !== undefined && !p.contributed);
    for (const p of newlyContributed) p.contributed = true;

    return this.commit(
      session,
      () => {
        for (const { contribution } of contributionWrites) {
          this.ledger.upsertContribution({
            sessionId: session.id,
            participantId: contribution.participant,
            key: contribution.key,
            kind: contribution.kind,
            value: contribution.value,
            clientIntentId,
            at,
          });
        }
        for (const f of followUpWrites) {
          this.ledger.insertFollowUp({
            sessionId: session.id,
            participantId: f.participant,
            key: f.key,
            requestedAt: f.at,
          });
        }
      },
      () => {
        session.state = before;
        session.phase = beforePhase;
        session.listed = listedBefore;
        for (const undo of undoPersisted) undo();
        for (const f of followUpWrites) session.followUps.delete(f.key);
        for (const p of newlyContributed) p.contributed = false;
      },
      null,
      locale,
      contributionWrites.length > 0 || followUpWrites.length > 0 || phase !== beforePhase,
    );
  }

  private changedContributions(
    session: LiveSession,
    contributions: readonly Contribution[],
  ): { contribution: Contribution; serialised: string; previous: string | undefined }[] {
    const changed = [];
    for (const contribution of contributions) {
      if (!session.participants.has(contribution.participant)) continue;
      const serialised = `${contribution.kind}\u0000${JSON.stringify(contribution.value)}`;
      const previous = session.persisted.get(contribution.key);
      if (previous !== serialised) changed.push({ contribution, serialised, previous });
    }
    return changed;
  }

  /** Queues a write; resolves with `data` once committed, or with `storage-failed` if not. */
  private commit<T>(
    session: LiveSession,
    write: () => void,
    undo: () => void,
    data: T,
    locale: Locale,
    durable = true,
  ) {
    return new Promise<Ack<T>>((resolve) => {
      this.enqueue({
        session,
        durable,
        write,
        undo,
        settle: (committed) => resolve(committed ? ok(data) : fail('storage-failed', locale)),
      });
    });
  }

  private enqueue(op: BatchOp): void {
    if (this.closed) {
      op.undo();
      op.settle(false);
      return;
    }
    this.batch.push(op);
    if (!this.flushQueued) {
      this.flushQueued = true;
      this.defer(() => this.flush());
    }
  }

  private readonly dirty = new Set<LiveSession>();

  private markDirty(session: LiveSession): void {
    if (this.closed) return;
    this.dirty.add(session);
    if (!this.flushQueued) {
      this.flushQueued = true;
      this.defer(() => this.flush());
    }
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.closed) return;
    const ops = this.batch;
    this.batch = [];
    let committed = true;
    const snapshots = new Set(ops.filter((op) => op.durable && op.session.status !== 'ended').map((op) => op.session));
    if (ops.length > 0) {
      try {
        const at = this.now();
        this.transaction(() => {
          for (const op of ops) op.write();
          for (const session of snapshots) this.ledger.saveSnapshot(session.id, at, session.state);
        });
        for (const session of snapshots) session.savedState = session.state;
      } catch (error) {
        committed = false;
        this.onError(error);
        for (let i = ops.length - 1; i >= 0; i--) ops[i]?.undo();
      }
    }
    for (const op of ops) {
      op.settle(committed);
      this.dirty.add(op.session);
    }
    const sessions = [...this.dirty];
    this.dirty.clear();
    for (const session of sessions) this.scheduleBroadcast(session);
  }

  /** Broadcasts now if the session's interval has passed, else once at its end (coalescing). */
  private scheduleBroadcast(session: LiveSession): void {
    if (session.broadcastTimer) return;
    const wait = session.lastBroadcastAt + this.broadcastIntervalMs - this.now();
    if (wait <= 0) {
      session.lastBroadcastAt = this.now();
      this.broadcast(session);
      return;
    }
    session.broadcastTimer = setTimeout(() => {
      session.broadcastTimer = null;
      session.lastBroadcastAt = this.now();
      this.broadcast(session);
    }, wait);
  }

  /** Sends each audience its view if it changed since the last send. */
  private broadcast(session: LiveSession): void {
    const { activity, state, code } = session;
    const participants = [...session.participants.values()];

    const screen: ScreenState = {
      code,
      activityId: activity.id,
      status: session.status,
      joinUrl: this.joinUrl(code),
      joined: participants.length,
      connected: participants.filter((p) => p.sockets > 0).length,
      avatars: participants.map((p) => p.nickname),
      view: activity.projectorView(state),
    };
    const screenJson = JSON.stringify(screen);
    if (screenJson !== session.sent.screen) {
      session.sent.screen = screenJson;
      this.outbox.screen(code, screen);
    }

    const consoleState: ConsoleState = {
      code,
      sessionId: session.id,
      activityId: activity.id,
      status: session.status,
      joinUrl: this.joinUrl(code),
      participants: participants.map((p) => ({
        id: p.id,
        nickname: p.nickname,
        connected: p.sockets > 0,
        contributed: p.contributed,
        free: p.free,
        student: p.student ? { name: p.student.name, seat: p.student.seat } : null,
      })),
      class: session.class
        ? { id: session.class.id, name: session.class.name, enrolled: session.class.enrolled }
        : null,
      locked: session.locked,
      reclaims: [...session.reclaims].flatMap(([requestId, r]) => {
        const p = session.participants.get(r.participant);
        return p ? [{ requestId, participantId: r.participant, nickname: p.nickname, at: r.at }] : [];
      }),
      followUps: [...session.followUps].flatMap(([key, f]) => {
        const p = session.participants.get(f.participant);
        return p ? [{ key, participantId: f.participant, nickname: p.nickname, at: f.at, resolved: f.resolved }] : [];
      }),
      view: activity.consoleView(state),
    };
    const consoleJson = JSON.stringify(consoleState);
    if (consoleJson !== session.sent.console) {
      session.sent.console = consoleJson;
      this.outbox.console(code, consoleState);
    }

    for (const p of participants) {
      if (p.sockets === 0) continue;
      const tablet: TabletState = {
        code,
        activityId: activity.id,
        status: session.status,
        nickname: p.nickname,
        view: activity.tabletView(state, p.id),
      };
      const json = JSON.stringify(tablet);
      if (json !== session.sent.tablets.get(p.id)) {
        session.sent.tablets.set(p.id, json);
        this.outbox.tablet(p.id, tablet);
      }
    }
  }

  /** Frees the codes of sessions ended long enough ago. */
  private forgetExpired(): void {
    const now = this.now();
    for (const [code, s] of this.byCode) {
      if (s.status === 'ended' && s.endedAt !== null && now - s.endedAt > this.endedGraceMs) this.byCode.delete(code);
    }
  }
}

export function fail(code: ErrorCode, locale: Locale, extra?: Partial<ProtocolError>): Ack<never> {
  return { ok: false, error: { code, message: errorMessage(code, locale), ...extra } };
}

export function zodPath(error: ZodError): string {
  const issue = error.issues[0];
  return issue ? issue.path.map(String).join('.') : '';
}
