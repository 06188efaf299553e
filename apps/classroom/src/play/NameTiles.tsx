/**
 * "Tap your name" (点一下你的名字): when the lesson is for a class, the tablet shows that class's
 * roster as big tiles — seat number first, for children who read numbers better than names — and
 * the child taps their own. A name already taken is greyed out; a child not on the list joins as a
 * guest with a nickname ("我不在名单上"). Names appear on this tablet only, never on the projector.
 *
 * The tiles refresh every few seconds, so a name another tablet just took greys out here too; the
 * server has the last word (`student-taken`) if two tap the same name at once.
 */
import type { JoinCode, RosterTile } from '@heartlamp/shared';
import { pickNickname } from '@heartlamp/shared/light';
import { type ReactNode, useEffect } from 'react';
import { create } from 'zustand';
import { useT } from '../i18n';
import { randomBelow } from '../lib/random';
import type { PlayClient } from '../net/play';
import { useTablet } from '../stores/tablet';
import '../styles/tiles.css';
import { JoinError } from './JoinError';

const REFRESH_MS = 3000;
const ME_KEY = 'heartlamp.tablet.me';

interface TilesStore {
  code: string | null;
  status: 'loading' | 'tiles' | 'none';
  className: string | null;
  tiles: RosterTile[];
  /** The child chose "I'm not on the list": the nickname step instead. */
  guest: boolean;
  /** The tile being joined, and why the last tap did not work. */
  tapped: string | null;
  taken: boolean;
  /** Who this tablet's child is, once their tap was accepted. */
  me: { code: string; name: string; seat: number } | null;
}

const useTiles = create<TilesStore>()(() => ({
  code: null,
  status: 'loading',
  className: null,
  tiles: [],
  guest: false,
  tapped: null,
  taken: false,
  me: stored(),
}));

async function load(client: PlayClient, code: JoinCode): Promise<void> {
  const ack = await client.roster(code);
  if (useTiles.getState().code !== code) return;
  // No answer, an error, or a lesson without a class: the nickname step, as before.
  if (!ack?.ok || ack.data.tiles === null) {
    useTiles.setState({ status: 'none' });
    return;
  }
  useTiles.setState({ status: 'tiles', className: ack.data.className, tiles: ack.data.tiles });
}

/**
 * Whether the name step shows tiles for `code`: loads the roster once per code and keeps it fresh.
 * `'loading'` until the server answers (a moment), `'tiles'`, or `'nickname'`.
 */
export function useNameTiles(client: PlayClient, code: JoinCode | null): 'loading' | 'tiles' | 'nickname' {
  const status = useTiles((s) => (s.code === code ? s.status : 'loading'));
  const guest = useTiles((s) => s.guest);
  useEffect(() => {
    if (!code) return;
    if (useTiles.getState().code !== code) {
      useTiles.setState({ code, status: 'loading', tiles: [], guest: false, tapped: null, taken: false });
    }
    void load(client, code);
    const timer = window.setInterval(() => {
      if (useTiles.getState().status === 'tiles' && !useTiles.getState().guest) void load(client, code);
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [client, code]);
  if (!code) return 'nickname';
  if (status === 'loading') return 'loading';
  return status === 'tiles' && !guest ? 'tiles' : 'nickname';
}

/** The name kept for this tablet's tab (sessionStorage: a reload keeps it, closing the tab does not). */
function stored(): TilesStore['me'] {
  try {
    const raw = window.sessionStorage.getItem(ME_KEY);
    const me: unknown = raw ? JSON.parse(raw) : null;
    if (typeof me !== 'object' || me === null || !('code' in me) || typeof me.code !== 'string') return null;
    if (!('name' in me) || typeof me.name !== 'string' || !('seat' in me) || typeof me.seat !== 'number') return null;
    return { code: me.code, name: me.name, seat: me.seat };
  } catch {
    return null;
  }
}

/** The name this tablet's child tapped, shown beside their avatar (this tablet only). */
export function useMyName(code: string | null): { name: string; seat: number } | null {
  const me = useTiles((s) => s.me);
  return code && me?.code === code ? me : null;
}

function rememberMe(me: TilesStore['me']): void {
  useTiles.setState({ me });
  try {
    if (me) window.sessionStorage.setItem(ME_KEY, JSON.stringify(me));
    else window.sessionStorage.removeItem(ME_KEY);
  } catch {
    // Only the name beside the avatar is lost on a reload.
  }
}

export function NameTiles({ client, code, footer }: { client: PlayClient; code: JoinCode; footer?: ReactNode }) {
  const t = useT();
  const { className, tiles, tapped, taken } = useTiles();
  const joining = useTablet((s) => s.joining);
  // A join refused for another reason (the room is locked, the class is full, the network timed
  // out) is said here, on the tiles the child just tapped.
  const error = useTablet((s) => s.error);

  async function tap(tile: RosterTile): Promise<void> {
    useTiles.setState({ tapped: tile.studentId, taken: false });
    const nickname = useTablet.getState().candidate ?? pickNickname(randomBelow);
    rememberMe({ code, name: tile.name, seat: tile.seat });
    await client.join(code, nickname, tile.studentId);
    const { error, identity } = useTablet.getState();
    if (identity?.code !== code) rememberMe(null);
    if (error === 'student-taken' || error === 'not-on-roster') {
      useTiles.setState({ tapped: null, taken: true });
      useTablet.setState({ error: null });
      void load(client, code);
    } else {
      useTiles.setState({ tapped: null });
    }
  }

  return (
    <main className="tiles-step" data-testid="name-tiles">
      <div className="tiles-top">
        <button
          type="button"
          className="btn btn-back"
          data-testid="tiles-back"
          onClick={() => useTablet.setState({ step: 'code', error: null })}
        >
          <span aria-hidden="true">← </span>
          {t('play.name.changeCode')}
        </button>
        <div className="tiles-heading">
          <h1 className="tablet-title">{t('ledger.tiles.title')}</h1>
          {className && <p className="tablet-text">{className}</p>}
        </div>
      </div>
      {error && <JoinError error={error} />}
      {taken && (
        <p className="tiles-taken" role="alert" data-testid="tiles-taken">
          {t('errors.student-taken')}
        </p>
      )}
      <ul className="tiles-grid">
        {tiles.map((tile) => (
          <li key={tile.studentId}>
            <button
              type="button"
              className={`name-tile${tile.taken ? ' is-taken' : ''}${tapped === tile.studentId ? ' is-tapped' : ''}`}
              disabled={tile.taken || joining}
              data-testid={`tile-${tile.seat}`}
              aria-label={
                tile.taken ? `${tile.seat} ${tile.name} · ${t('ledger.tiles.taken')}` : `${tile.seat} ${tile.name}`
              }
              onClick={() => void tap(tile)}
            >
              <span className="tile-seat" aria-hidden="true">
                {tile.seat}
              </span>
              <span className="tile-name">{tile.name}</span>
              {tile.taken && <span className="tile-taken">{t('ledger.tiles.taken')}</span>}
              {tapped === tile.studentId && <span className="tile-taken">{t('ledger.tiles.joining')}</span>}
            </button>
          </li>
        ))}
      </ul>
      <div className="tiles-bottom">
        <button
          type="button"
          className="btn btn-big"
          data-testid="not-on-list"
          disabled={joining}
          onClick={() => {
            rememberMe(null);
            useTiles.setState({ guest: true });
            useTablet.setState({ error: null });
          }}
        >
          🙋 {t('ledger.tiles.notListed')}
        </button>
        {footer}
      </div>
    </main>
  );
}

export function TilesLoading() {
  const t = useT();
  return (
    <main className="tiles-step tiles-loading">
      <p className="tablet-big-text">{t('ledger.tiles.loading')}</p>
    </main>
  );
}
