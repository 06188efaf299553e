/** A child as everyone sees them: animal emoji + generated nickname. Never an id. */
import type { Nickname } from '@heartlamp/shared';
import { ANIMAL_EMOJI } from '@heartlamp/shared/light';
import { nicknameText, useT } from '../i18n';

export function Avatar({ nickname, size = 'normal' }: { nickname: Nickname; size?: 'normal' | 'big' | 'huge' }) {
  const t = useT();
  return (
    <span className={`avatar avatar-${size}`}>
      <span className="avatar-emoji" aria-hidden="true">
        {ANIMAL_EMOJI[nickname.animal]}
      </span>
      <span className="avatar-name">{nicknameText(t, nickname)}</span>
    </span>
  );
}
