/**
 * 隐私与账号 — for the teacher, and for showing to a parent or the head teacher: what Heartlamp keeps,
 * where, for how long and who sees it, in plain words; beside it the settings that make those words
 * true (how long data is kept, delete expired data now) and the school's teacher accounts.
 * The figures on this page (file path, periods, last purge) come from the server, so the words
 * never promise what the settings do not do.
 */
import type { LedgerError, Locale, PrivacyInfo, PurgeReport, Retention, TeacherInfo } from '@heartlamp/shared';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { useLocale, useT } from '../../i18n';
import { showToast } from '../../stores/toast';
import { CredentialsForm } from '../auth/CredentialsForm';
import { errorWords } from '../ledger/api';
import { privacyApi } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { daysWords, formatBytes, removedWords, retentionChoices, retentionProblem } from './words';
import '../../styles/ledger.css';
import '../../styles/trust.css';

function when(at: number, locale: Locale): string {
  return new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

export default function PrivacyPage() {
  const t = useT();
  const [info, setInfo] = useState<PrivacyInfo | 'loading' | 'failed'>('loading');

  const load = useCallback(async () => {
    const result = await privacyApi.info();
    setInfo(result.ok ? result.data : 'failed');
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="privacy-page" data-testid="privacy-page">
      <div className="ledger-toolbar">
        <h1 className="ledger-title">
          <span aria-hidden="true">🔒 </span>
          {t('privacy.heading')}
        </h1>
      </div>
      <p className="privacy-intro">{t('privacy.intro')}</p>
      {info === 'failed' && (
        <p className="panel form-error" role="alert">
          {t('privacy.failed')}{' '}
          <button type="button" className="btn btn-small" onClick={() => void load()}>
            {t('ledger.common.retry')}
          </button>
        </p>
      )}
      <div className="privacy-layout">
        <Facts info={typeof info === 'string' ? null : info} />
        <div className="privacy-column">
          {typeof info !== 'string' && (
            <>
              <RetentionForm retention={info.retention} onSaved={(retention) => setInfo({ ...info, retention })} />
              <Purge lastPurge={info.lastPurge} onPurged={(lastPurge) => setInfo({ ...info, lastPurge })} />
            </>
          )}
          {info === 'loading' && <p className="muted">{t('privacy.loading')}</p>}
          <Teachers />
        </div>
      </div>
    </div>
  );
}

/** The plain-words account: what, where, how long, who, exports, the right to deletion. */
function Facts({ info }: { info: PrivacyInfo | null }) {
  const t = useT();
  return (
    <section className="panel privacy-facts" aria-label={t('privacy.heading')}>
      <h2>
        <span aria-hidden="true">📦 </span>
        {t('privacy.what.heading')}
      </h2>
      <ul>
        <li>{t('privacy.what.ids')}</li>
        <li>{t('privacy.what.answers')}</li>
        <li>{t('privacy.what.followUps')}</li>
        <li>{t('privacy.what.rosters')}</li>
        <li>{t('privacy.what.teachers')}</li>
      </ul>

      <h2>
        <span aria-hidden="true">💻 </span>
        {t('privacy.where.heading')}
      </h2>
      <p>
        {t('privacy.where.file')}
        {info && (
          <code className="data-path" data-testid="data-path">
            {info.dataPath}
          </code>
        )}
      </p>
      <p>{t('privacy.where.noInternet')}</p>
      <p className="muted small">{t('privacy.where.backups')}</p>

      <h2>
        <span aria-hidden="true">⏳ </span>
        {t('privacy.howLong.heading')}
      </h2>
      {info && (
        <p data-testid="retention-words">
          {t('privacy.howLong.body', {
            emotion: daysWords(t, info.retention.emotionDays),
            participation: daysWords(t, info.retention.participationDays),
          })}
        </p>
      )}

      <h2>
        <span aria-hidden="true">👀 </span>
        {t('privacy.who.heading')}
      </h2>
      <ul>
        <li>{t('privacy.who.teachers')}</li>
        <li>{t('privacy.who.projector')}</li>
        <li>{t('privacy.who.tablets')}</li>
      </ul>

      <h2>
        <span aria-hidden="true">📄 </span>
        {t('privacy.exports.heading')}
      </h2>
      <p>{t('privacy.exports.body')}</p>

      <h2>
        <span aria-hidden="true">🧹 </span>
        {t('privacy.rights.heading')}
      </h2>
      <p>{t('privacy.rights.body')}</p>
      <Link href="/teach/classes" className="btn btn-small">
        {t('privacy.rights.go')}
      </Link>
    </section>
  );
}

function RetentionForm({ retention, onSaved }: { retention: Retention; onSaved(retention: Retention): void }) {
  const t = useT();
  const locale = useLocale();
  const [emotionDays, setEmotion] = useState(retention.emotionDays);
  const [participationDays, setParticipation] = useState(retention.participationDays);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const draft: Retention = { emotionDays, participationDays };
  const problem = retentionProblem(draft);
  const changed = emotionDays !== retention.emotionDays || participationDays !== retention.participationDays;

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (problem) return;
    setBusy(true);
    setMessage(null);
    const result = await privacyApi.setRetention(draft);
    setBusy(false);
    if (!result.ok) {
      setMessage({ ok: false, text: errorWords(result.error, locale, t('privacy.failed')) });
      return;
    }
    onSaved(draft);
    setMessage({
      ok: true,
      text: t('privacy.retention.saved', {
        emotion: daysWords(t, emotionDays),
        participation: daysWords(t, participationDays),
      }),
    });
  }

  const select = (value: number, onChange: (days: number) => void, testId: string) => (
    <select
      id={testId}
      value={value}
      data-testid={testId}
      aria-invalid={problem ? true : undefined}
      onChange={(e) => {
        onChange(Number(e.target.value));
        setMessage(null);
      }}
    >
      {retentionChoices(value).map((days) => (
        <option key={days} value={days}>
          {daysWords(t, days)}
        </option>
      ))}
    </select>
  );

  return (
    <section className="panel" aria-labelledby="retention-heading">
      <h2 id="retention-heading">{t('privacy.retention.heading')}</h2>
      <p className="muted small">{t('privacy.retention.hint')}</p>
      <form className="retention-form" onSubmit={(e) => void save(e)}>
        <div className="field">
          <label htmlFor="retention-emotion">{t('privacy.retention.emotion')}</label>
          {select(emotionDays, setEmotion, 'retention-emotion')}
        </div>
        <div className="field">
          <label htmlFor="retention-participation">{t('privacy.retention.participation')}</label>
          {select(participationDays, setParticipation, 'retention-participation')}
        </div>
        {problem && (
          <p className="form-error" role="alert" data-testid="retention-problem">
            {t('privacy.retention.emotionLonger')}
          </p>
        )}
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy || !changed || problem !== null}
          data-testid="retention-save"
        >
          {busy ? t('privacy.retention.saving') : t('privacy.retention.save')}
        </button>
      </form>
      {message && (
        <p className={message.ok ? 'form-ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}

function Purge({ lastPurge, onPurged }: { lastPurge: PurgeReport | null; onPurged(report: PurgeReport): void }) {
  const t = useT();
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<PurgeReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function purge(): Promise<void> {
    setBusy(true);
    setProblem(null);
    const result = await privacyApi.purge();
    setBusy(false);
    if (!result.ok) {
      setProblem(errorWords(result.error, locale, t('privacy.failed')));
      return;
    }
    setReport(result.data);
    onPurged(result.data);
  }

  const removed = report ? removedWords(t, report.removed) : '';
  return (
    <section className="panel" aria-labelledby="purge-heading">
      <h2 id="purge-heading">{t('privacy.purge.heading')}</h2>
      <p className="muted small">{t('privacy.purge.hint')}</p>
      <p className="muted small" data-testid="last-purge">
        {lastPurge ? t('privacy.purge.last', { time: when(lastPurge.at, locale) }) : t('privacy.purge.never')}
      </p>
      <button type="button" className="btn" disabled={busy} data-testid="purge-now" onClick={() => void purge()}>
        <span aria-hidden="true">🧹 </span>
        {busy ? t('privacy.purge.busy') : t('privacy.purge.now')}
      </button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {report && (
        <div className="form-ok" role="status" data-testid="purge-report">
          <p>{removed ? t('privacy.purge.removed', { list: removed }) : t('privacy.purge.nothing')}</p>
          <p className="small">
            {t('privacy.purge.size', {
              before: formatBytes(report.bytesBefore),
              after: formatBytes(report.bytesAfter),
              ms: Math.round(report.ms),
            })}
          </p>
        </div>
      )}
    </section>
  );
}

function Teachers() {
  const t = useT();
  const locale = useLocale();
  const [teachers, setTeachers] = useState<TeacherInfo[] | null>(null);
  const [removing, setRemoving] = useState<TeacherInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await privacyApi.teachers();
    if (result.ok) setTeachers([...result.data].sort((a, b) => a.createdAt - b.createdAt));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const words = (error: LedgerError) => errorWords(error, locale, t('privacy.failed'));

  async function remove(teacher: TeacherInfo): Promise<void> {
    setBusy(true);
    setRefusal(null);
    const result = await privacyApi.removeTeacher(teacher.id);
    setBusy(false);
    if (!result.ok) {
      setRefusal(words(result.error));
      return;
    }
    setRemoving(null);
    showToast(t('privacy.teachers.removed', { name: teacher.name }), 'info');
    await load();
  }

  const onlyOne = teachers !== null && teachers.length <= 1;
  return (
    <section className="panel" aria-labelledby="teachers-heading" data-testid="teachers">
      <h2 id="teachers-heading">{t('privacy.teachers.heading')}</h2>
      <p className="muted small">{t('privacy.teachers.hint')}</p>
      {teachers === null ? (
        <p className="muted">{t('privacy.loading')}</p>
      ) : (
        <ul className="teacher-list">
          {teachers.map((teacher) => (
            <li key={teacher.id} className="teacher-row" data-testid="teacher-row">
              <span className="teacher-row-name">
                <span aria-hidden="true">👤 </span>
                {teacher.name}
              </span>
              {teacher.you && <span className="tag">{t('privacy.teachers.you')}</span>}
              <span className="muted small">
                {t('privacy.teachers.since', {
                  date: new Date(teacher.createdAt).toLocaleDateString(locale, { dateStyle: 'medium' }),
                })}
              </span>
              <span className="topbar-spacer" />
              {!teacher.you && !onlyOne && (
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  aria-label={t('privacy.teachers.removeAria', { name: teacher.name })}
                  data-testid="remove-teacher"
                  onClick={() => {
                    setRefusal(null);
                    setRemoving(teacher);
                  }}
                >
                  {t('privacy.teachers.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {onlyOne && <p className="muted small">{t('privacy.teachers.onlyOne')}</p>}

      <h3>{t('privacy.teachers.addHeading')}</h3>
      <CredentialsForm
        kind="new"
        testId="add-teacher"
        nameLabel={t('privacy.teachers.name')}
        resetOnSuccess
        submitLabel={t('privacy.teachers.add')}
        busyLabel={t('privacy.teachers.adding')}
        onSubmit={async (credentials) => {
          const result = await privacyApi.addTeacher(credentials);
          if (!result.ok) return words(result.error);
          showToast(t('privacy.teachers.added', { name: credentials.name }), 'info');
          await load();
          return null;
        }}
      />

      {removing && (
        <ConfirmDialog
          testId="remove-teacher"
          title={t('privacy.teachers.confirmTitle', { name: removing.name })}
          body={<p>{t('privacy.teachers.confirmBody', { name: removing.name })}</p>}
          confirmLabel={t('privacy.teachers.confirm')}
          cancelLabel={t('ledger.common.cancel')}
          busy={busy}
          error={refusal}
          onCancel={() => setRemoving(null)}
          onConfirm={() => void remove(removing)}
        />
      )}
    </section>
  );
}
