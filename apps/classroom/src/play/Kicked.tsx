/**
 * This tablet no longer holds the child's seat (the teacher freed it, or the child carried on on
 * another tablet), or the teacher took this tablet out of the lesson. Said kindly and in pictures —
 * the animal moving to another tablet, or waving goodbye — with a way back to the start. Nothing
 * here looks like an error: nothing went wrong.
 *
 * Removed by the teacher: no big "join again" button, since the room may be locked and the child
 * would only meet a closed door. A small button goes back to an empty start page (for the next
 * child on this tablet); the words tell the child to raise a hand.
 */
import { ANIMAL_EMOJI } from '@heartlamp/shared/light';
import { type AppKey, nicknameText, useT } from '../i18n';
import type { PlayClient } from '../net/play';
import { type KickedReason, useTablet } from '../stores/tablet';
import '../styles/seats-tablet.css';

const TITLES: Record<KickedReason, AppKey> = {
  'seat-reclaimed': 'play.kicked.reclaimed',
  'seat-released': 'play.kicked.released',
  removed: 'play.kicked.removed',
  moved: 'play.kicked.moved',
};

export function Kicked({ client }: { client: PlayClient }) {
  const t = useT();
  const kicked = useTablet((s) => s.kicked);
  const reason = kicked?.reason ?? 'moved';
  const nickname = kicked?.nickname ?? null;
  const removed = reason === 'removed';

  return (
    <main className="tablet-message kicked" data-testid="kicked" data-reason={reason}>
      <div className="kicked-picture" aria-hidden="true">
        <span className="kicked-animal">{nickname ? ANIMAL_EMOJI[nickname.animal] : '🙂'}</span>
        {removed ? (
          <span className="kicked-wave">👋</span>
        ) : (
          <>
            <span className="kicked-arrow">➜</span>
            <span className="kicked-tablet">📱</span>
          </>
        )}
      </div>
      {nickname && <p className="tablet-text kicked-name">{nicknameText(t, nickname)}</p>}
      <p className="tablet-big-text" role="status">
        {t(TITLES[reason])}
      </p>
      <p className="tablet-text">
        <span aria-hidden="true">{removed ? '🙋 ' : '💛 '}</span>
        {t(removed ? 'play.kicked.removedBody' : 'play.kicked.body')}
      </p>
      {removed ? (
        // Back to an empty keypad: this tablet's lesson code is not typed in for anyone.
        <button type="button" className="btn btn-big" data-testid="kicked-home" onClick={() => client.reset()}>
          {t('play.kicked.home')}
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-go btn-huge"
          data-testid="kicked-back"
          onClick={() => client.leaveKicked()}
        >
          {t('play.kicked.back')}
        </button>
      )}
    </main>
  );
}
