/** Which period the statistics and exports cover: a term (the current one by default) or dates. */
import { useT } from '../../i18n';
import { termStartGuess, today, useLedger } from './store';

const RANGE = '__range__';
const CURRENT = '__current__';

export function PeriodPicker() {
  const t = useT();
  const terms = useLedger((s) => s.terms);
  const period = useLedger((s) => s.period);
  const value = period.kind === 'range' ? RANGE : (period.termId ?? CURRENT);
  const current = terms.find((term) => term.current);

  function choose(next: string): void {
    if (next === RANGE) {
      const from = current?.startsOn ?? termStartGuess();
      useLedger.setState({ period: { kind: 'range', from, to: today() }, autoRange: false });
    } else {
      useLedger.setState({ period: { kind: 'term', termId: next === CURRENT ? null : next }, autoRange: false });
    }
  }

  return (
    <fieldset className="period-picker" data-testid="period-picker">
      <legend className="sr-only">{t('ledger.period.label')}</legend>
      <label className="field-inline">
        <span>{t('ledger.period.label')}</span>
        <select value={value} onChange={(e) => choose(e.target.value)} data-testid="period-select">
          {terms.length > 0 && (
            <option value={CURRENT}>
              {current ? `${current.name}(${t('ledger.terms.current')})` : t('ledger.terms.current')}
            </option>
          )}
          {terms
            .filter((term) => !term.current)
            .map((term) => (
              <option key={term.id} value={term.id}>
                {term.name}
              </option>
            ))}
          <option value={RANGE}>{t('ledger.period.range')}</option>
        </select>
      </label>
      {period.kind === 'range' && (
        <>
          <label className="field-inline">
            <span>{t('ledger.period.from')}</span>
            <input
              type="date"
              value={period.from}
              max={period.to}
              data-testid="period-from"
              onChange={(e) =>
                e.target.value && useLedger.setState({ period: { ...period, from: e.target.value }, autoRange: false })
              }
            />
          </label>
          <label className="field-inline">
            <span>{t('ledger.period.to')}</span>
            <input
              type="date"
              value={period.to}
              min={period.from}
              data-testid="period-to"
              onChange={(e) =>
                e.target.value && useLedger.setState({ period: { ...period, to: e.target.value }, autoRange: false })
              }
            />
          </label>
        </>
      )}
    </fieldset>
  );
}
