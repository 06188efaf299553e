/**
 * 导出: the XLSX workbook, the participation CSV and 工作总结数据 for the chosen period — the same
 * numbers as the statistics page (one query module on the server). Children appear by a random id
 * unless "include names" is ticked. The summary is shown here too, with a copy button, because
 * what a teacher wants most is to paste it into the term's work summary.
 */
import { useEffect, useState } from 'react';
import { useLocale, useT } from '../../i18n';
import { showToast } from '../../stores/toast';
import { errorWords, exportUrl, ledgerApi } from './api';
import { PeriodPicker } from './PeriodPicker';
import { useLedger } from './store';

export function ExportPage() {
  const t = useT();
  const locale = useLocale();
  const period = useLedger((s) => s.period);
  const [names, setNames] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setSummary(null);
    setProblem(null);
    void ledgerApi.summary(period).then((result) => {
      if (!live) return;
      if (result.ok) setSummary(result.data);
      else
        setProblem(
          result.error.code === 'no-term'
            ? t('ledger.period.noTerm')
            : errorWords(result.error, locale, t('ledger.common.failed')),
        );
    });
    return () => {
      live = false;
    };
  }, [period, locale, t]);

  async function copy(): Promise<void> {
    if (summary === null) return;
    try {
      await navigator.clipboard.writeText(summary);
      showToast(t('ledger.export.copied'), 'info');
    } catch {
      // No clipboard permission (plain http on a LAN address): select the text for Ctrl+C instead.
      const area = document.querySelector<HTMLTextAreaElement>('[data-testid="summary-text"]');
      area?.select();
    }
  }

  const downloads = [
    { format: 'xlsx', label: t('ledger.export.xlsx'), hint: t('ledger.export.xlsxHint'), icon: '📊' },
    { format: 'csv', label: t('ledger.export.csv'), hint: t('ledger.export.csvHint'), icon: '🧾' },
    { format: 'summary', label: t('ledger.export.summary'), hint: t('ledger.export.summaryHint'), icon: '📝' },
  ] as const;

  return (
    <div className="ledger-export" data-testid="export-page">
      <div className="ledger-toolbar">
        <h1 className="ledger-title">{t('ledger.export.heading')}</h1>
        <PeriodPicker />
      </div>
      {problem && (
        <p className="panel form-error" role="alert">
          {problem}
        </p>
      )}
      <section className="panel export-panel">
        <p className="muted">{t('ledger.export.hint')}</p>
        <label className="check">
          <input
            type="checkbox"
            checked={names}
            onChange={(e) => setNames(e.target.checked)}
            data-testid="export-names"
          />
          <span>{t('ledger.export.names')}</span>
        </label>
        <p className="muted small">{t('ledger.export.namesHint')}</p>
        <div className="export-grid">
          {downloads.map((d) => (
            <a
              key={d.format}
              className={`export-card${problem ? ' is-disabled' : ''}`}
              href={exportUrl(d.format, period, names && d.format !== 'summary')}
              download
              data-testid={`download-${d.format}`}
            >
              <span className="export-icon" aria-hidden="true">
                {d.icon}
              </span>
              <span className="export-label">{d.label}</span>
              <span className="muted small">{d.hint}</span>
            </a>
          ))}
        </div>
      </section>
      <section className="panel" aria-labelledby="summary-heading">
        <div className="section-head">
          <h2 id="summary-heading">{t('ledger.export.preview')}</h2>
          <button type="button" className="btn btn-small" disabled={summary === null} onClick={() => void copy()}>
            {t('ledger.export.copy')}
          </button>
        </div>
        <textarea
          className="summary-text"
          readOnly
          rows={14}
          value={summary ?? (problem ? '' : t('ledger.common.loading'))}
          data-testid="summary-text"
        />
      </section>
    </div>
  );
}
