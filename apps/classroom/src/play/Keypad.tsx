/**
 * The code keypad for children who cannot type yet: six big digit boxes and 0–9, ⌫, OK buttons
 * (at least 64 px). A hardware keyboard works too, for a teacher trying it on a laptop.
 */
import { JOIN_CODE_LENGTH } from '@heartlamp/shared/light';
import { useEffect, useRef } from 'react';
import { useT } from '../i18n';

const ROWS: readonly (readonly string[])[] = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
  ['back', '0', 'ok'],
];

export interface KeypadProps {
  digits: string;
  onChange(digits: string): void;
  onSubmit(): void;
}

export function CodeBoxes({ digits }: { digits: string }) {
  const t = useT();
  const boxes = Array.from({ length: JOIN_CODE_LENGTH }, (_, i) => digits[i] ?? '');
  return (
    <div className="code-boxes" data-testid="code-boxes" role="img" aria-label={t('play.code.aria', { code: digits })}>
      {boxes.map((digit, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a box is its position
        <span key={i} className={`code-box${digit ? ' is-filled' : ''}${i === digits.length ? ' is-next' : ''}`}>
          {digit}
        </span>
      ))}
    </div>
  );
}

export function Keypad({ digits, onChange, onSubmit }: KeypadProps) {
  const t = useT();
  const complete = digits.length === JOIN_CODE_LENGTH;

  // Latest values for the keyboard listener, which is registered once.
  const latest = useRef({ digits, onChange, onSubmit });
  latest.current = { digits, onChange, onSubmit };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { digits: d, onChange: change, onSubmit: submit } = latest.current;
      if (/^[0-9]$/.test(e.key) && d.length < JOIN_CODE_LENGTH) change(d + e.key);
      else if (e.key === 'Backspace') change(d.slice(0, -1));
      else if (e.key === 'Enter' && d.length === JOIN_CODE_LENGTH) submit();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function press(key: string): void {
    if (key === 'back') onChange(digits.slice(0, -1));
    else if (key === 'ok') {
      if (complete) onSubmit();
    } else if (digits.length < JOIN_CODE_LENGTH) onChange(digits + key);
  }

  return (
    <fieldset className="keypad">
      <legend className="sr-only">{t('play.code.keypad')}</legend>
      {ROWS.flat().map((key) => (
        <button
          key={key}
          type="button"
          data-testid={`key-${key}`}
          className={`key${key === 'ok' ? ' key-ok' : ''}${key === 'back' ? ' key-back' : ''}`}
          disabled={key === 'ok' ? !complete : key === 'back' ? digits.length === 0 : complete}
          aria-label={key === 'back' ? t('play.code.back') : key === 'ok' ? t('play.code.ok') : key}
          onClick={() => press(key)}
        >
          {key === 'back' ? '⌫' : key === 'ok' ? '✓' : key}
        </button>
      ))}
    </fieldset>
  );
}
