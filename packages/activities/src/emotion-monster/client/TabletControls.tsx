/**
 * The child's DOM controls under (or beside) the tablet stage. The core action — putting the ball
 * in a jar — happens on the Phaser stage; here come the optional follow-ups once a ball is placed:
 * how big the feeling is (three ball pictures), a picture reason, "I'd rather not say", and, apart
 * from everything else, "I want to talk to my teacher". Every choice is a picture first and a word
 * second: a six-year-old need not read to use it.
 */
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { TabletControlsProps } from '../../client-contract.js';
import { type EmotionMonsterIntent, INTENSITIES, type Intensity, REASONS } from '../logic/model.js';
import type { TabletView } from '../logic/views.js';
import { FaceIcon } from './FaceIcon.js';
import { NAMESPACE } from './namespace.js';
import { cssColour, emotionColour, FONT_STACK, PASS_EMOJI, REASON_EMOJI, shade, TALK_EMOJI } from './theme.js';

const wrap: CSSProperties = {
  fontFamily: FONT_STACK,
  display: 'flex',
  flexDirection: 'column',
  gap: 16,
  padding: 16,
  boxSizing: 'border-box',
  color: '#1d1d28',
};
const group: CSSProperties = { border: 'none', margin: 0, padding: 0, minWidth: 0 };
const legend: CSSProperties = { fontSize: 22, fontWeight: 700, padding: 0, marginBottom: 8 };
const row: CSSProperties = { display: 'flex', flexWrap: 'wrap', gap: 12 };

function choiceStyle(selected: boolean, accent: string): CSSProperties {
  return {
    minWidth: 88,
    minHeight: 88,
    padding: '8px 12px',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: 4,
    fontFamily: FONT_STACK,
    fontSize: 22,
    color: '#1d1d28',
    background: selected ? '#fff8e1' : '#ffffff',
    border: `4px solid ${selected ? accent : '#d9d4c7'}`,
    borderRadius: 20,
    boxShadow: selected ? `0 0 0 4px ${accent}33` : 'none',
    cursor: 'pointer',
    touchAction: 'manipulation',
  };
}

const bigButton: CSSProperties = {
  minHeight: 72,
  padding: '12px 24px',
  display: 'inline-flex',
  alignItems: 'center',
  gap: 12,
  fontFamily: FONT_STACK,
  fontSize: 26,
  fontWeight: 700,
  borderRadius: 36,
  cursor: 'pointer',
  touchAction: 'manipulation',
};

function BallPicture({ intensity, colour }: { intensity: Intensity; colour: number }) {
  const r = [9, 14, 20][intensity - 1] ?? 14;
  return (
    <svg width={44} height={44} viewBox="0 0 44 44" aria-hidden="true">
      <circle
        cx={22}
        cy={44 - r - 1}
        r={r}
        fill={cssColour(colour)}
        stroke={cssColour(shade(colour, -0.4))}
        strokeWidth={2}
      />
      <circle cx={22 - r * 0.38} cy={44 - r - 1 - r * 0.38} r={r * 0.2} fill="#ffffff" fillOpacity={0.5} />
    </svg>
  );
}

export function TabletControls({ view, emit }: TabletControlsProps<TabletView, EmotionMonsterIntent>) {
  const { t } = useTranslation(NAMESPACE);
  const mine = view.mine;
  const answer = mine && mine.choice !== 'pass' ? mine : null;
  const passed = mine?.choice === 'pass';
  const sorting = view.phase === 'sort';
  const ballColour = answer ? emotionColour(answer.choice) : 0xb8b3a6;

  return (
    <section aria-label={t('tablet.controls')} data-testid="em-tablet-controls" style={wrap}>
      {sorting ? (
        // Before a ball is placed this space is kept but hidden, so the stage above does not
        // shrink (and the jars jump) at the moment the child places the ball.
        <div
          data-testid="follow-ups"
          aria-hidden={answer ? undefined : true}
          inert={!answer}
          style={{ display: 'flex', flexDirection: 'column', gap: 16, visibility: answer ? 'visible' : 'hidden' }}
        >
          <fieldset style={group}>
            <legend style={legend}>{t('size.question')}</legend>
            <div style={row}>
              {INTENSITIES.map((n) => (
                <button
                  key={n}
                  type="button"
                  data-testid={`size-${n}`}
                  aria-pressed={answer?.intensity === n}
                  aria-label={t(`size.long.${n}`)}
                  style={choiceStyle(answer?.intensity === n, cssColour(shade(ballColour, -0.2)))}
                  onClick={() => {
                    if (answer) emit({ type: 'answer', emotion: answer.choice, intensity: n, reason: answer.reason });
                  }}
                >
                  <BallPicture intensity={n} colour={ballColour} />
                  <span aria-hidden="true">{t(`size.${n}`)}</span>
                </button>
              ))}
            </div>
          </fieldset>
          {view.askReason ? (
            <fieldset style={group}>
              <legend style={legend}>{t('reason.question')}</legend>
              <div style={row}>
                {REASONS.map((reason) => {
                  const selected = answer?.reason === reason;
                  return (
                    <button
                      key={reason}
                      type="button"
                      data-testid={`reason-${reason}`}
                      aria-pressed={selected}
                      style={choiceStyle(selected, '#f0a500')}
                      // A second tap on the chosen picture takes the reason back: it is optional.
                      onClick={() => {
                        if (!answer) return;
                        emit({
                          type: 'answer',
                          emotion: answer.choice,
                          intensity: answer.intensity,
                          reason: selected ? null : reason,
                        });
                      }}
                    >
                      <span aria-hidden="true" style={{ fontSize: 40, lineHeight: 1 }}>
                        {REASON_EMOJI[reason]}
                      </span>
                      <span>{t(`reason.${reason}`)}</span>
                    </button>
                  );
                })}
              </div>
            </fieldset>
          ) : null}
        </div>
      ) : null}

      {sorting ? (
        <div style={row}>
          <button
            type="button"
            data-testid="pass"
            aria-pressed={passed}
            style={{
              ...bigButton,
              background: passed ? '#eceaf4' : '#ffffff',
              color: '#3b3a48',
              border: `3px solid ${passed ? '#6b6883' : '#d9d4c7'}`,
            }}
            onClick={() => emit({ type: 'pass' })}
          >
            <span aria-hidden="true" style={{ fontSize: 36 }}>
              {PASS_EMOJI}
            </span>
            {t('pass')}
          </button>
          {passed ? (
            <p role="status" data-testid="passed" style={{ margin: 0, alignSelf: 'center', fontSize: 22 }}>
              {t('passed')}
            </p>
          ) : null}
        </div>
      ) : (
        <div
          role="status"
          data-testid="look-at-screen"
          style={{
            display: 'flex',
            flexDirection: 'column',
            alignItems: 'flex-start',
            gap: 12,
            fontSize: 30,
            fontWeight: 700,
          }}
        >
          <span>{t('tablet.lookAtScreen')}</span>
          <span
            data-testid="my-answer"
            style={{ display: 'flex', alignItems: 'center', gap: 12, fontSize: 24, fontWeight: 400 }}
          >
            {answer ? (
              <>
                <FaceIcon emotion={answer.choice} size={48} />
                {t('tablet.myBall', { emotion: t(`emotion.${answer.choice}`) })}
                <BallPicture intensity={answer.intensity} colour={emotionColour(answer.choice)} />
                {answer.reason ? (
                  <span role="img" aria-label={t(`reason.${answer.reason}`)}>
                    {REASON_EMOJI[answer.reason]}
                  </span>
                ) : null}
              </>
            ) : passed ? (
              <>
                <span aria-hidden="true">{PASS_EMOJI}</span>
                {t('tablet.myBallPassed')}
              </>
            ) : (
              t('tablet.noBall')
            )}
          </span>
        </div>
      )}

      {/* Kept apart from the feeling choices: asking for the teacher is its own, private act. */}
      <div style={{ marginTop: 8, paddingTop: 16, borderTop: '2px dashed #d9d4c7' }}>
        {view.askedToTalk ? (
          <p role="status" data-testid="asked-to-talk" style={{ margin: 0, fontSize: 24, color: '#3d6b4f' }}>
            <span aria-hidden="true">💛 </span>
            {t('askedToTalk')}
          </p>
        ) : (
          <button
            type="button"
            data-testid="ask-to-talk"
            style={{ ...bigButton, background: '#efe7fb', color: '#4a2c7a', border: '3px solid #b9a3e0' }}
            onClick={() => emit({ type: 'ask-to-talk' })}
          >
            <span aria-hidden="true" style={{ fontSize: 36 }}>
              {TALK_EMOJI}
            </span>
            {t('askToTalk')}
          </button>
        )}
      </div>
    </section>
  );
}
