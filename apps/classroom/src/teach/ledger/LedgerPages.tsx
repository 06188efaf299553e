/**
 * The semester ledger's pages in the console — 班级与名单, 统计, 导出 — loaded on demand: a teacher
 * running a lesson never downloads them, and ECharts loads later still, on the statistics page only.
 */
import { useEffect } from 'react';
import { useT } from '../../i18n';
import { ClassesPage } from './ClassesPage';
import { ExportPage } from './ExportPage';
import { StatsPage } from './StatsPage';
import { refreshLedger, termStartGuess, today, useLedger } from './store';
import '../../styles/ledger.css';

export type LedgerTab = 'classes' | 'stats' | 'export';

export default function LedgerPages({ tab }: { tab: LedgerTab }) {
  const t = useT();
  const loaded = useLedger((s) => s.loaded);
  const failed = useLedger((s) => s.failed);
  const terms = useLedger((s) => s.terms);

  useEffect(() => {
    void refreshLedger();
  }, []);

  useEffect(() => {
    // Without any term, "the current term" cannot be worked out: look at this term's dates instead,
    // until the teacher adds a term.
    const { period, autoRange } = useLedger.getState();
    if (!loaded) return;
    if (terms.length === 0 && period.kind === 'term') {
      useLedger.setState({ period: { kind: 'range', from: termStartGuess(), to: today() }, autoRange: true });
    } else if (terms.length > 0 && autoRange) {
      useLedger.setState({ period: { kind: 'term', termId: null }, autoRange: false });
    }
  }, [loaded, terms]);

  if (!loaded) return <p className="muted">{t('ledger.common.loading')}</p>;
  return (
    <>
      {failed && (
        <p className="panel form-error" role="alert">
          {t('ledger.common.failed')}{' '}
          <button type="button" className="btn btn-small" onClick={() => void refreshLedger()}>
            {t('ledger.common.retry')}
          </button>
        </p>
      )}
      {tab === 'classes' && <ClassesPage />}
      {tab === 'stats' && <StatsPage />}
      {tab === 'export' && <ExportPage />}
    </>
  );
}
