/**
 * The activity stage, loaded lazily. `PhaserStage` (owned by src/stage/) pulls in Phaser; the
 * dynamic import keeps Phaser out of the entry chunk, so the join page appears at once on a slow
 * tablet and Phaser is fetched only when an activity starts.
 */
import type { AnyActivityClient } from '@heartlamp/activities/client';
import type { Locale } from '@heartlamp/shared';
import { lazy, Suspense } from 'react';
import { type LooseTranslateFn, useT } from '../i18n';
import { ErrorBoundary } from './ErrorBoundary';

const loadPhaserStage = () => import('../stage/PhaserStage');
const PhaserStage = lazy(() => loadPhaserStage().then((m) => ({ default: m.PhaserStage })));

/**
 * Starts fetching the stage's code and Phaser without showing anything: a screen whose activity
 * client is still loading calls it, so that download and Phaser's overlap instead of following
 * each other. A failure here is ignored; the real load reports it.
 */
export function preloadStage(): void {
  loadPhaserStage().catch(() => {});
  import('phaser').catch(() => {});
}

export interface StageProps {
  activity: AnyActivityClient;
  /** PhaserStage's `role` (named differently here so linters do not read it as an ARIA role). */
  audience: 'projector' | 'tablet';
  view: unknown;
  emit: (intent: unknown) => void;
  locale: Locale;
  t: LooseTranslateFn;
}

export function Stage({ audience, ...rest }: StageProps) {
  const t = useT();
  const stageProps = { ...rest, role: audience };
  return (
    <div className={`stage stage-${audience}`} data-testid={`stage-${audience}`}>
      <ErrorBoundary
        fallback={
          // A lazy import that failed (the network dropped) stays failed; a reload fetches it
          // again, and the tablet resumes as the same child.
          <div className="stage-note">
            <p>{t('stage.failed')}</p>
            <button type="button" className="btn btn-big" onClick={() => window.location.reload()}>
              {t('stage.retry')}
            </button>
          </div>
        }
      >
        <Suspense fallback={<div className="stage-note">{t('stage.loading')}</div>}>
          <PhaserStage {...stageProps} />
        </Suspense>
      </ErrorBoundary>
    </div>
  );
}
