/**
 * This tablet no longer holds the child's seat (the teacher freed it, or the child carried on on
 * another tablet). Said kindly and in pictures — the animal moving to another tablet — with one
 * big way back to the keypad. Nothing here looks like an error: nothing went wrong.
 */
import { ANIMAL_EMOJI } from '@heartlamp/shared';
import { type AppKey, nicknameText, useT } from '../i18n';
import type { PlayClient } from '../net/play';
import { type KickedReason, useTablet } from '../stores/tablet';
import '../styles/seats-tablet.css';

const TITLES: Record<KickedReason, AppKey> = {
  'seat-reclaimed': 'play.kicked.reclaimed',
  'seat-released': 'play.kicked.released',
  moved: 'play.kicked.moved',
};

export function Kicked({ client }: { client: PlayClient }) {
  const t = useT();
  const kicked = useTablet((s) => s.kicked);
  const reason = kicked?.reason ?? 'moved';
  const nickname = kicked?.nickname ?? null;

  return (
    <main className="tablet-message kicked" data-testid="kicked" data-reason={reason}>
      <div className="kicked-picture" aria-hidden="true">
        <span className="kicked-animal">{nickname ? ANIMAL_EMOJI[nickname.animal] : '🙂'}</span>
        <span className="kicked-arrow">➜</span>
        <span className="kicked-tablet">📱</span>
      </div>
      {nickname && <p className="tablet-text kicked-name">{nicknameText(t, nickname)}</p>}
      <p className="tablet-big-text" role="status">
        {t(TITLES[reason])}
      </p>
      <p className="tablet-text">
        <span aria-hidden="true">💛 </span>
        {t('play.kicked.body')}
      </p>
      <button
        type="button"
        className="btn btn-go btn-huge"
        data-testid="kicked-back"
        onClick={() => client.leaveKicked()}
      >
        {t('play.kicked.back')}
      </button>
    </main>
  );
}
