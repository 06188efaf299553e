/**
 * The teacher's panel for My Emotion Monster: pace the phases (sort → reveal → spotlight → sort
 * again), see the counts at any time, and — privately — what each child answered. None of this
 * reaches the projector; the console is a separate page the teacher keeps to herself.
 */
import { isSmallCount } from '@heartlamp/shared';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsolePanelProps } from '../../client-contract.js';
import { EMOTIONS, type EmotionMonsterHostIntent, JAR_EMOTIONS } from '../logic/model.js';
import type { ConsoleView } from '../logic/views.js';
import { FaceIcon } from './FaceIcon.js';
import { NAMESPACE } from './namespace.js';
import { cssColour, emotionColour, FONT_STACK, PASS_EMOJI, REASON_EMOJI, shade } from './theme.js';

const panel: CSSProperties = {
  fontFamily: FONT_STACK,
  color: '#1d1d28',
  display: 'flex',
  flexDirection: 'column',
  gap: 20,
};
const card: CSSProperties = {
  background: '#ffffff',
  border: '1px solid #e2ddd0',
  borderRadius: 12,
  padding: 16,
};
const h3: CSSProperties = { margin: '0 0 12px', fontSize: 18 };
const button: CSSProperties = {
  minHeight: 48,
  minWidth: 48,
  padding: '8px 16px',
  display: 'inline-flex',
  alignItems: 'center',
  gap: 8,
  fontFamily: FONT_STACK,
  fontSize: 17,
  fontWeight: 600,
  borderRadius: 10,
  border: '2px solid #c9c3b4',
  background: '#ffffff',
  color: '#1d1d28',
  cursor: 'pointer',
};
const cell: CSSProperties = {
  padding: '6px 8px',
  borderBottom: '1px solid #eee9dc',
  textAlign: 'left',
  verticalAlign: 'middle',
};

export function ConsolePanel({ view, host, nameOf }: ConsolePanelProps<ConsoleView, EmotionMonsterHostIntent>) {
  const { t } = useTranslation(NAMESPACE);
  const phaseName = t(`phase.${view.phase}`);
  const spotlightName = view.spotlight ? t(`emotion.${view.spotlight}`) : null;

  return (
    <section aria-label={t('console.heading')} data-testid="em-console" style={panel}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 16 }}>
        <p data-testid="phase" data-phase={view.phase} style={{ margin: 0, fontSize: 20, fontWeight: 700 }}>
          {t('console.phaseNow', { phase: spotlightName ? `${phaseName} · ${spotlightName}` : phaseName })}
        </p>
        <p data-testid="answered" style={{ margin: 0, fontSize: 18 }}>
          {t('console.answered', { answered: view.answered, present: view.present })}
        </p>
      </div>

      <fieldset style={{ ...card, margin: 0, display: 'flex', flexDirection: 'column', gap: 12 }}>
        <legend style={{ fontSize: 16, fontWeight: 700, padding: '0 4px' }}>{t('console.controls')}</legend>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
          <button
            type="button"
            data-testid="host-reveal"
            disabled={view.phase === 'reveal'}
            style={{ ...button, background: '#fff4cc', borderColor: '#e0b400' }}
            onClick={() => host({ type: 'reveal' })}
          >
            <span aria-hidden="true">✨</span>
            {t('console.reveal')}
          </button>
          <button
            type="button"
            data-testid="host-sort"
            disabled={view.phase === 'sort'}
            style={button}
            onClick={() => host({ type: 'sort' })}
          >
            <span aria-hidden="true">🔄</span>
            {t('console.sortAgain')}
          </button>
        </div>
        <fieldset style={{ border: 'none', margin: 0, padding: 0 }}>
          <legend style={{ fontSize: 16, fontWeight: 700, marginBottom: 8 }}>{t('console.spotlight')}</legend>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {JAR_EMOTIONS.map((jar) => {
              const current = view.spotlight === jar;
              // One or two children: talking about that jar in front of the class would single them out.
              const few = isSmallCount(view.jars.find((j) => j.emotion === jar)?.count ?? 0);
              const colour = emotionColour(jar);
              return (
                <button
                  key={jar}
                  type="button"
                  data-testid={`host-spotlight-${jar}`}
                  aria-pressed={current}
                  aria-label={t('console.spotlightJar', { emotion: t(`emotion.${jar}`) })}
                  disabled={view.phase === 'sort' || few}
                  title={few ? t('console.tooFew') : undefined}
                  data-few={few}
                  style={{
                    ...button,
                    borderColor: cssColour(shade(colour, -0.2)),
                    borderWidth: current ? 4 : 2,
                    background: current ? cssColour(shade(colour, 0.75)) : '#ffffff',
                  }}
                  onClick={() => {
                    if (!current) host({ type: 'spotlight', jar });
                  }}
                >
                  <FaceIcon emotion={jar} size={32} />
                  {t(`emotion.${jar}`)}
                </button>
              );
            })}
          </div>
        </fieldset>
        <p style={{ margin: 0, fontSize: 14, color: '#5b5a66' }}>
          {view.phase === 'sort' ? `${t('console.sortHint')} ${t('console.spotlightHint')}` : null}
        </p>
      </fieldset>

      <div style={card}>
        <h3 style={h3}>{t('console.counts')}</h3>
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: 12 }}>
          {EMOTIONS.map((emotion) => {
            const jar = view.jars.find((j) => j.emotion === emotion);
            const [small, medium, big] = jar?.sizes ?? [0, 0, 0];
            return (
              <li
                key={emotion}
                data-testid={`count-${emotion}`}
                data-count={jar?.count ?? 0}
                style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 150 }}
              >
                <FaceIcon emotion={emotion} size={36} />
                <span>
                  <span style={{ display: 'block', fontSize: 15 }}>{t(`emotion.${emotion}`)}</span>
                  <strong style={{ fontSize: 26 }}>{jar?.count ?? 0}</strong>{' '}
                  <span style={{ fontSize: 12, color: '#5b5a66' }}>{t('console.sizes', { small, medium, big })}</span>
                </span>
              </li>
            );
          })}
          <li
            data-testid="count-pass"
            data-count={view.passes}
            style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 150 }}
          >
            <span aria-hidden="true" style={{ fontSize: 30 }}>
              {PASS_EMOJI}
            </span>
            <span>
              <span style={{ display: 'block', fontSize: 15 }}>{t('console.passes')}</span>
              <strong style={{ fontSize: 26 }}>{view.passes}</strong>
            </span>
          </li>
        </ul>
      </div>

      <div style={card}>
        <h3 style={h3}>{t('console.answers')}</h3>
        <p style={{ margin: '0 0 8px', fontSize: 14, color: '#5b5a66' }}>{t('console.private')}</p>
        {view.answers.length === 0 ? (
          <p data-testid="no-answers" style={{ margin: 0 }}>
            {t('console.noAnswers')}
          </p>
        ) : (
          <table data-testid="answers" style={{ borderCollapse: 'collapse', width: '100%', fontSize: 16 }}>
            <thead>
              <tr>
                <th style={cell}>{t('console.columnName')}</th>
                <th style={cell}>{t('console.columnFeeling')}</th>
                <th style={cell}>{t('console.columnSize')}</th>
                <th style={cell}>{t('console.columnReason')}</th>
              </tr>
            </thead>
            <tbody>
              {view.answers.map(({ participant, answer }) => (
                <tr key={participant} data-testid={`answer-${participant}`} data-choice={answer.choice}>
                  <td style={cell}>{nameOf(participant)}</td>
                  <td style={cell}>
                    {answer.choice === 'pass' ? (
                      <span>
                        <span aria-hidden="true">{PASS_EMOJI} </span>
                        {t('pass')}
                      </span>
                    ) : (
                      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
                        <FaceIcon emotion={answer.choice} size={24} />
                        {t(`emotion.${answer.choice}`)}
                      </span>
                    )}
                  </td>
                  <td style={cell}>{answer.intensity === null ? '—' : t(`size.${answer.intensity}`)}</td>
                  <td style={cell}>
                    {answer.reason === null ? (
                      '—'
                    ) : (
                      <span>
                        <span aria-hidden="true">{REASON_EMOJI[answer.reason]} </span>
                        {t(`reason.${answer.reason}`)}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
