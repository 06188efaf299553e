/**
 * The child's DOM controls beside (landscape) or under (portrait) the tablet stage: which level this
 * is, how to play it as pictures (1 → 2 → 3 …; fish ✓ shark ✗), the child's own result once a board
 * is done — compared only with their own last try, gently — and the big "再试一次" button for a fresh
 * board. Nothing here needs reading to use: every button has a picture, every result a symbol.
 *
 * Compact on purpose: in portrait the controls share the height with the grid, and the whole
 * activity must fit the screen without scrolling. In portrait they also keep one height in every
 * state (min-height): were they to grow when a level opens, the stage above would shrink just as
 * the board appears, and the cells would move under a child's finger.
 */
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { TabletControlsProps } from '../../client-contract.js';
import type { AttentionIntent, LevelRecord, LevelSpec } from '../logic/model.js';
import type { TabletView } from '../logic/views.js';
import { feedback, seconds } from './feedback.js';
import { NAMESPACE } from './namespace.js';
import { LevelIcon, PictureIcon, VerdictIcon } from './Pictures.js';
import { FONT_STACK } from './theme.js';

// Orientation decides the arrangement, so these live in a stylesheet (inline styles have no media queries).
const CSS = `
.ac-controls { font-family: ${FONT_STACK}; color: #1d1d28; box-sizing: border-box; display: flex;
  flex-wrap: wrap; align-items: center; align-content: flex-start; gap: 12px 20px; padding: 12px 16px;
  min-height: 212px; }
.ac-level { display: flex; align-items: center; gap: 12px; font-size: 24px; font-weight: 800; }
.ac-level-name { font-size: 18px; font-weight: 600; color: #5b5a66; }
.ac-how { display: flex; align-items: center; gap: 10px; font-size: 20px; flex-wrap: wrap; }
.ac-tile { display: inline-grid; place-items: center; width: 44px; height: 44px; border: 3px solid #d8c9ab;
  border-radius: 10px; background: #fff; font-size: 24px; font-weight: 800; }
.ac-arrow { font-size: 22px; color: #5b5a66; }
.ac-result { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.ac-headline { display: flex; align-items: center; gap: 10px; font-size: 34px; font-weight: 800; }
.ac-feedback { font-size: 22px; font-weight: 700; color: #2f6b45; }
.ac-best { font-size: 18px; color: #5b5a66; }
.ac-btn { min-height: 72px; min-width: 72px; padding: 10px 26px; display: inline-flex; align-items: center;
  justify-content: center; gap: 12px; font-family: ${FONT_STACK}; font-size: 26px; font-weight: 800;
  border-radius: 36px; cursor: pointer; touch-action: manipulation; }
.ac-btn-main { background: #2f8f57; color: #fff; border: 3px solid #236b41; box-shadow: 0 4px 0 #1e5533; }
.ac-btn-quiet { min-height: 64px; font-size: 20px; background: #fff; color: #3b3a48; border: 3px solid #d9d4c7; }
.ac-look { font-size: 26px; font-weight: 800; }
@media (orientation: landscape) {
  .ac-controls { flex-direction: column; flex-wrap: nowrap; align-items: stretch; gap: 22px; padding: 22px 20px;
    min-height: 0; }
  .ac-headline { font-size: 40px; }
}
`;

function Stars({ cleared }: { cleared: readonly boolean[] }) {
  const { t } = useTranslation(NAMESPACE);
  const count = cleared.filter(Boolean).length;
  return (
    <span role="img" aria-label={t('controls.stars', { count })} style={{ display: 'inline-flex', gap: 2 }}>
      {cleared.map((done, i) => {
        // One star per level of the ladder, in order: the position is the level.
        const key = `level-${i + 1}`;
        return (
          <span key={key} aria-hidden="true" style={{ fontSize: 22, opacity: done ? 1 : 0.25 }}>
            ⭐
          </span>
        );
      })}
    </span>
  );
}

function HowTo({ spec }: { spec: LevelSpec }) {
  const { t } = useTranslation(NAMESPACE);
  if (spec.kind === 'gonogo') {
    return (
      <div className="ac-how" data-testid="ac-how" role="img" aria-label={t('controls.howGonogo')}>
        <PictureIcon picture="fish" size={52} />
        <VerdictIcon go />
        <span aria-hidden="true">👆</span>
        <span style={{ width: 12 }} />
        <PictureIcon picture="shark" size={52} />
        <VerdictIcon go={false} />
        <span aria-hidden="true">✋</span>
      </div>
    );
  }
  const last = spec.size * spec.size;
  return (
    <div className="ac-how" data-testid="ac-how" role="img" aria-label={t('controls.howSchulte')}>
      <span className="ac-tile">1</span>
      <span className="ac-arrow">→</span>
      <span className="ac-tile">2</span>
      <span className="ac-arrow">→</span>
      <span className="ac-tile">3</span>
      <span className="ac-arrow">… →</span>
      <span className="ac-tile">{last}</span>
      <span aria-hidden="true" style={{ fontSize: 30 }}>
        👆
      </span>
    </div>
  );
}

function Result({ record }: { record: LevelRecord }) {
  const { t } = useTranslation(NAMESPACE);
  const { last, best } = record;
  const said = feedback(record);
  return (
    <div className="ac-result" data-testid="ac-result" data-tries={record.tries}>
      {last.kind === 'schulte' ? (
        <span className="ac-headline" data-testid="ac-time" data-ms={last.timeMs}>
          {t('result.time', { seconds: seconds(last.timeMs) })}
        </span>
      ) : (
        <span className="ac-headline" data-testid="ac-fish" style={{ fontSize: 28 }}>
          <span role="img" aria-label={t('result.caught', { fish: last.fishCaught, fishTotal: last.fishTotal })}>
            <PictureIcon picture="fish" size={40} />
          </span>
          {last.fishCaught}/{last.fishTotal}
          <span
            role="img"
            aria-label={t('result.avoided', { sharks: last.sharksAvoided, sharksTotal: last.sharksTotal })}
            style={{ display: 'inline-flex', alignItems: 'center', marginLeft: 10 }}
          >
            <PictureIcon picture="shark" size={40} />
            <VerdictIcon go={false} size={22} />
          </span>
          {last.sharksAvoided}/{last.sharksTotal}
        </span>
      )}
      <span className="ac-feedback" data-testid="ac-feedback" data-key={said.key}>
        {t(said.key, said.vars)}
      </span>
      {record.improved ? (
        <span className="ac-best" data-testid="ac-new-best">
          {t('result.newBest')}
        </span>
      ) : record.tries > 1 ? (
        <span className="ac-best" data-testid="ac-best">
          {best.kind === 'schulte'
            ? t('result.best', { value: t('result.seconds', { seconds: seconds(best.timeMs) }) })
            : t('result.bestFish', { errors: best.errors })}
        </span>
      ) : null}
    </div>
  );
}

const wide: CSSProperties = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12 };

export function TabletControls({ view, emit }: TabletControlsProps<TabletView, AttentionIntent>) {
  const { t } = useTranslation(NAMESPACE);
  const play = view.play;
  const spec = view.level.spec;
  const name =
    spec.kind === 'schulte'
      ? t('level.schulte', { size: spec.size })
      : t('level.gonogo', { pace: t(`level.pace.${spec.pace}`) });
  // The record shows once this board is done, or whenever the level is not being played.
  const showRecord = view.record !== null && (play === null || play.done);

  return (
    <section aria-label={t('controls.label')} data-testid="ac-tablet-controls" className="ac-controls">
      <style>{CSS}</style>
      <div className="ac-level" data-testid="ac-level" data-level={view.level.number}>
        <LevelIcon spec={spec} size={44} />
        <span>
          {t('level.number', { number: view.level.number })}
          <span className="ac-level-name" style={{ display: 'block' }}>
            {name}
          </span>
        </span>
        <Stars cleared={view.cleared} />
      </div>

      {play && !play.done ? <HowTo spec={spec} /> : null}
      {showRecord && view.record ? <Result record={view.record} /> : null}

      {play ? (
        <div style={wide}>
          {play.done ? (
            <button
              type="button"
              className="ac-btn ac-btn-main"
              data-testid="ac-retry"
              onClick={() => emit({ type: 'retry', round: play.round })}
            >
              <span aria-hidden="true">🔄</span>
              {t('controls.retry')}
            </button>
          ) : (
            <button
              type="button"
              className="ac-btn ac-btn-quiet"
              data-testid="ac-restart"
              onClick={() => emit({ type: 'retry', round: play.round })}
            >
              <span aria-hidden="true">🔄</span>
              {t('controls.restart')}
            </button>
          )}
        </div>
      ) : (
        <p className="ac-look" role="status" data-testid="ac-look" style={{ margin: 0 }}>
          {t('controls.lookAtScreen')}
        </p>
      )}
    </section>
  );
}
