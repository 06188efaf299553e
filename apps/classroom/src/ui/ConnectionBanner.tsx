/**
 * Connection status. Tablets get a calm banner ("正在重新连接…") and never an error wall: a
 * Wi-Fi drop is normal in a classroom and the app recovers by itself. The console and projector
 * get a small status pill.
 */
import { useT } from '../i18n';
import { useConnection } from '../stores/connection';

export function ReconnectBanner() {
  const t = useT();
  const status = useConnection((s) => s.status);
  if (status === 'online') return null;
  return (
    <div className="reconnect-banner" role="status" aria-live="polite" data-testid="reconnecting">
      <span className="reconnect-dot" aria-hidden="true" />
      {t(status === 'connecting' ? 'conn.connecting' : 'conn.reconnecting')}
    </div>
  );
}

export function ConnectionPill() {
  const t = useT();
  const status = useConnection((s) => s.status);
  const key = status === 'online' ? 'conn.online' : status === 'connecting' ? 'conn.connecting' : 'conn.reconnecting';
  return (
    <span className={`conn-pill conn-${status}`} role="status" aria-live="polite" data-testid="connection">
      <span className="conn-dot" aria-hidden="true" />
      {t(key)}
    </span>
  );
}
