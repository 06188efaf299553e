/** Why joining did not work, in a child's words and with a picture (many cannot read well yet). */
import type { ErrorCode } from '@heartlamp/shared';
import { type AppKey, useT } from '../i18n';

const PICTURES: Partial<Record<ErrorCode | 'timeout', { icon: string; key: AppKey }>> = {
  'session-not-found': { icon: '🔍', key: 'play.error.notFound' },
  'session-full': { icon: '✋', key: 'play.error.full' },
  'rate-limited': { icon: '⏳', key: 'play.error.slowDown' },
  'server-busy': { icon: '⏳', key: 'play.error.slowDown' },
  // The teacher locked the room ("锁定教室"): a closed door, not a mistake of the child's.
  'room-locked': { icon: '🔒', key: 'play.error.locked' },
  // Too many wrong codes from this tablet: a minute's rest, or the teacher helps.
  'join-throttled': { icon: '⏳', key: 'play.error.throttled' },
  timeout: { icon: '📶', key: 'play.error.timeout' },
};
const OTHER = { icon: '🙋', key: 'play.error.other' } as const;

export function JoinError({ error }: { error: ErrorCode | 'timeout' }) {
  const t = useT();
  const { icon, key } = PICTURES[error] ?? OTHER;
  return (
    <div className="join-error" role="alert" data-testid="join-error" data-error={error}>
      <span className="join-error-icon" aria-hidden="true">
        {icon}
      </span>
      <span>{t(key)}</span>
    </div>
  );
}
