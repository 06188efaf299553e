/**
 * "立即备份 Back up now", in the console's top bar on every step of the lesson. The server copies
 * its database online into `data/backups/` (`POST /api/backup`) and checks the copy with SQLite's
 * `integrity_check`; the teacher is told where the file is, or in plain words what went wrong.
 * Backing up mid-lesson is safe: the children's answers keep being saved while it runs.
 */
import type { BackupResponse } from '@heartlamp/shared';
import { useState } from 'react';
import { useT } from '../i18n';
import { showToast } from '../stores/toast';

/** The server's answer, checked before it is trusted: a proxy or an old server may say anything. */
function isBackupResponse(value: unknown): value is BackupResponse {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) {
    return 'data' in value && typeof value.data === 'object' && value.data !== null && 'path' in value.data;
  }
  return 'error' in value;
}

export function BackupButton() {
  const t = useT();
  const [busy, setBusy] = useState(false);

  async function backUp(): Promise<void> {
    setBusy(true);
    try {
      const response = await fetch('/api/backup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const body: unknown = await response.json();
      if (!isBackupResponse(body)) showToast(t('teach.backup.failed'));
      else if (body.ok) showToast(t('teach.backup.done', { path: body.data.path }), 'info');
      else showToast(t(body.error.code === 'integrity-failed' ? 'teach.backup.damaged' : 'teach.backup.failed'));
    } catch {
      showToast(t('teach.backup.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <button
      type="button"
      className="btn btn-small"
      data-testid="backup-now"
      title={t('teach.backup.hint')}
      disabled={busy}
      aria-busy={busy}
      onClick={() => void backUp()}
    >
      {busy ? t('teach.backup.busy') : t('teach.backup.button')}
    </button>
  );
}
