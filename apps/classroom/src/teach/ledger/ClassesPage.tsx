/**
 * 班级与名单: the school's terms, its classes, and each class's roster — imported by pasting two
 * columns from Excel/WPS or uploading a CSV/XLSX. The server checks the whole file first and
 * answers with the line to blame; nothing is half-imported. Names are shown here (the teacher's
 * own screen) and on each child's tablet, never on the projector.
 *
 * A guardian's right to deletion lives here too: "删除数据" beside a child deletes every record
 * of that child and the name (`DELETE /api/students/:id`), after a confirm that says exactly what
 * goes and what stays, then says what was removed.
 */
import type { ClassInfo, DeletionReport, ImportReport, RosterEntry } from '@heartlamp/shared';
import { ROSTER_MAX_BYTES } from '@heartlamp/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useLocale, useT } from '../../i18n';
import { showToast } from '../../stores/toast';
import { ConfirmDialog } from '../privacy/ConfirmDialog';
import { removedWords } from '../privacy/words';
import { errorWords, fileToBase64, ledgerApi } from './api';
import { refreshLedger, useLedger } from './store';

const GRADE_WORDS = ['一', '二', '三', '四', '五', '六'];

export function ClassesPage() {
  const classes = useLedger((s) => s.classes);
  const [selected, setSelected] = useState<string | null>(null);
  const current = classes.find((c) => c.id === selected) ?? classes[0] ?? null;

  return (
    <div className="ledger-classes">
      <div className="ledger-column">
        <ClassList classes={classes} selected={current?.id ?? null} onSelect={setSelected} />
        <Terms />
      </div>
      {current ? <Roster key={current.id} cls={current} /> : <EmptyRoster />}
    </div>
  );
}

function ClassList({
  classes,
  selected,
  onSelect,
}: {
  classes: ClassInfo[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const [grade, setGrade] = useState(3);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  // The next free "N年级(k)班" of the chosen grade.
  const taken = new Set(classes.map((c) => c.name));
  let k = 1;
  while (taken.has(`${GRADE_WORDS[grade - 1]}年级(${k})班`)) k += 1;
  const suggestion = `${GRADE_WORDS[grade - 1]}年级(${k})班`;

  async function add(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    const finalName = name.trim() || suggestion;
    const result = await ledgerApi.createClass({ grade, name: finalName });
    setBusy(false);
    if (!result.ok) {
      showToast(errorWords(result.error, locale, t('ledger.common.failed')));
      return;
    }
    setName('');
    await refreshLedger();
    onSelect(result.data.id);
    showToast(t('ledger.classes.added', { name: finalName }), 'info');
  }

  return (
    <section className="panel" aria-labelledby="classes-heading">
      <h2 id="classes-heading">{t('ledger.classes.heading')}</h2>
      {classes.length === 0 ? (
        <p className="muted">{t('ledger.classes.empty')}</p>
      ) : (
        <ul className="class-list" data-testid="class-list">
          {classes.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className={`class-row${c.id === selected ? ' is-selected' : ''}`}
                aria-pressed={c.id === selected}
                data-testid={`class-${c.name}`}
                onClick={() => onSelect(c.id)}
              >
                <span className="class-name">{c.name}</span>
                <span className="muted">{t('ledger.classes.students', { count: c.students })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={(e) => void add(e)}>
        <label className="field">
          <span>{t('ledger.classes.grade')}</span>
          <select value={grade} onChange={(e) => setGrade(Number(e.target.value))} data-testid="new-class-grade">
            {[1, 2, 3, 4, 5, 6].map((g) => (
              <option key={g} value={g}>
                {t('ledger.classes.gradeN', { grade: locale === 'zh-CN' ? (GRADE_WORDS[g - 1] ?? g) : g })}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-grow">
          <span>{t('ledger.classes.name')}</span>
          <input
            value={name}
            placeholder={suggestion}
            maxLength={40}
            data-testid="new-class-name"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="add-class">
          {t('ledger.classes.add')}
        </button>
      </form>
    </section>
  );
}

function EmptyRoster() {
  const t = useT();
  return (
    <section className="panel">
      <p className="muted">{t('ledger.roster.choose')}</p>
    </section>
  );
}

function Roster({ cls }: { cls: ClassInfo }) {
  const t = useT();
  const locale = useLocale();
  const [roster, setRoster] = useState<RosterEntry[] | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [deleting, setDeleting] = useState<RosterEntry | null>(null);
  const [deleted, setDeleted] = useState<{ name: string; report: DeletionReport } | null>(null);
  const file = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    void ledgerApi.roster(cls.id).then((result) => {
      if (live) setRoster(result.ok ? result.data : []);
    });
    return () => {
      live = false;
    };
  }, [cls.id]);

  async function afterDeletion(name: string, deletion: DeletionReport): Promise<void> {
    setDeleting(null);
    setReport(null);
    setDeleted({ name, report: deletion });
    const [fresh] = await Promise.all([ledgerApi.roster(cls.id), refreshLedger()]);
    if (fresh.ok) setRoster(fresh.data);
  }

  async function send(body: Parameters<typeof ledgerApi.importRoster>[1]): Promise<void> {
    setBusy(true);
    setProblem(null);
    setReport(null);
    setDeleted(null);
    const result = await ledgerApi.importRoster(cls.id, body);
    setBusy(false);
    if (!result.ok) {
      setProblem(errorWords(result.error, locale, t('ledger.common.failed')));
      return;
    }
    setReport(result.data);
    setRoster(result.data.roster);
    setText('');
    await refreshLedger();
  }

  async function upload(picked: File | undefined): Promise<void> {
    if (!picked) return;
    if (picked.size > ROSTER_MAX_BYTES) {
      setProblem(t('ledger.roster.tooLarge'));
      return;
    }
    await send({ fileName: picked.name, base64: await fileToBase64(picked) });
    if (file.current) file.current.value = '';
  }

  const deletedList = deleted ? removedWords(t, deleted.report.removed) : '';

  return (
    <section className="panel roster-panel" aria-labelledby="roster-heading" data-testid="roster-panel">
      <h2 id="roster-heading">{t('ledger.roster.heading', { name: cls.name })}</h2>
      <p className="muted small">
        <span aria-hidden="true">🔒 </span>
        {t('ledger.roster.privacy')}
      </p>
      <div className="roster-layout">
        <div className="roster-table-wrap">
          {roster === null ? (
            <p className="muted">{t('ledger.common.loading')}</p>
          ) : roster.length === 0 ? (
            <p className="muted">{t('ledger.roster.empty')}</p>
          ) : (
            <table className="data-table roster-table" data-testid="roster-table">
              <thead>
                <tr>
                  <th scope="col">{t('ledger.roster.seat')}</th>
                  <th scope="col">{t('ledger.roster.name')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('ledger.roster.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {roster.map((s) => (
                  <tr key={s.id}>
                    <td className="num">{s.seat}</td>
                    <td>{s.name}</td>
                    <td className="roster-row-actions">
                      <button
                        type="button"
                        className="btn btn-small delete-student"
                        aria-label={t('ledger.roster.deleteAria', { name: s.name })}
                        data-testid="delete-student"
                        onClick={() => setDeleting(s)}
                      >
                        {t('ledger.roster.delete')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {deleted && (
            <p className="form-ok" role="status" data-testid="student-deleted">
              {deletedList
                ? t('ledger.roster.deleted', { name: deleted.name, list: deletedList })
                : t('ledger.roster.deletedNothing', { name: deleted.name })}
            </p>
          )}
        </div>
        <div className="roster-import">
          <h3>{t('ledger.roster.importHeading')}</h3>
          <p className="muted small">{t('ledger.roster.hint')}</p>
          <textarea
            value={text}
            rows={8}
            placeholder={t('ledger.roster.placeholder')}
            data-testid="roster-paste"
            onChange={(e) => setText(e.target.value)}
          />
          <div className="roster-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy || text.trim() === ''}
              data-testid="roster-import"
              onClick={() => void send({ text })}
            >
              {busy ? t('ledger.roster.importing') : t('ledger.roster.import')}
            </button>
            <label className={`btn${busy ? ' is-disabled' : ''}`}>
              {t('ledger.roster.upload')}
              <input
                ref={file}
                type="file"
                className="sr-only"
                accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                disabled={busy}
                data-testid="roster-file"
                onChange={(e) => void upload(e.target.files?.[0])}
              />
            </label>
          </div>
          {problem && (
            <p className="form-error" role="alert" data-testid="roster-error">
              {problem}
            </p>
          )}
          {report && (
            <p className="form-ok" role="status" data-testid="roster-report">
              {t('ledger.roster.done', { added: report.added, kept: report.kept, left: report.left })}
            </p>
          )}
        </div>
      </div>
      {deleting && (
        <DeleteStudent
          student={deleting}
          onCancel={() => setDeleting(null)}
          onDeleted={(deletion) => void afterDeletion(deleting.name, deletion)}
        />
      )}
    </section>
  );
}

/** The confirm for a guardian's deletion request; a refusal (a lesson still live) shows inside it. */
function DeleteStudent({
  student,
  onCancel,
  onDeleted,
}: {
  student: RosterEntry;
  onCancel(): void;
  onDeleted(report: DeletionReport): void;
}) {
  const t = useT();
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  async function remove(): Promise<void> {
    setBusy(true);
    setRefusal(null);
    const result = await ledgerApi.deleteStudent(student.id);
    setBusy(false);
    if (!result.ok) {
      setRefusal(errorWords(result.error, locale, t('ledger.common.failed')));
      return;
    }
    onDeleted(result.data);
  }

  return (
    <ConfirmDialog
      testId="delete-student"
      title={t('ledger.roster.deleteTitle', { name: student.name })}
      body={<p>{t('ledger.roster.deleteBody', { name: student.name })}</p>}
      confirmLabel={t('ledger.roster.deleteConfirm')}
      busyLabel={t('ledger.roster.deleting')}
      cancelLabel={t('ledger.common.cancel')}
      busy={busy}
      error={refusal}
      onCancel={onCancel}
      onConfirm={() => void remove()}
    />
  );
}

function Terms() {
  const t = useT();
  const locale = useLocale();
  const terms = useLedger((s) => s.terms);
  const [name, setName] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [busy, setBusy] = useState(false);

  function suggest(half: 1 | 2): void {
    const d = new Date();
    // The school year that holds today: from September.
    const year = d.getMonth() + 1 >= 8 ? d.getFullYear() : d.getFullYear() - 1;
    if (half === 1) {
      setName(`${year}–${year + 1}学年 第一学期`);
      setStartsOn(`${year}-09-01`);
      setEndsOn(`${year + 1}-01-20`);
    } else {
      setName(`${year}–${year + 1}学年 第二学期`);
      setStartsOn(`${year + 1}-02-20`);
      setEndsOn(`${year + 1}-07-10`);
    }
  }

  async function add(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    const result = await ledgerApi.createTerm({ name: name.trim(), startsOn, endsOn });
    setBusy(false);
    if (!result.ok) {
      showToast(errorWords(result.error, locale, t('ledger.common.failed')));
      return;
    }
    showToast(t('ledger.terms.added', { name: result.data.name }), 'info');
    setName('');
    setStartsOn('');
    setEndsOn('');
    await refreshLedger();
  }

  async function remove(id: string): Promise<void> {
    const result = await ledgerApi.deleteTerm(id);
    if (!result.ok) showToast(errorWords(result.error, locale, t('ledger.common.failed')));
    await refreshLedger();
  }

  return (
    <section className="panel" aria-labelledby="terms-heading">
      <h2 id="terms-heading">{t('ledger.terms.heading')}</h2>
      <p className="muted small">{t('ledger.terms.hint')}</p>
      {terms.length === 0 ? (
        <p className="muted">{t('ledger.terms.empty')}</p>
      ) : (
        <ul className="term-list">
          {terms.map((term) => (
            <li key={term.id} className="term-row">
              <span className="term-name">{term.name}</span>
              {term.current && <span className="tag">{t('ledger.terms.current')}</span>}
              <span className="muted small">
                {term.startsOn} – {term.endsOn}
              </span>
              <button type="button" className="btn btn-small" onClick={() => void remove(term.id)}>
                {t('ledger.terms.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="term-form" onSubmit={(e) => void add(e)}>
        <div className="term-suggest">
          <button type="button" className="btn btn-small" onClick={() => suggest(1)}>
            {t('ledger.terms.suggestFirst')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => suggest(2)}>
            {t('ledger.terms.suggestSecond')}
          </button>
        </div>
        <label className="field">
          <span>{t('ledger.terms.name')}</span>
          <input
            value={name}
            required
            maxLength={40}
            placeholder={t('ledger.terms.namePlaceholder')}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <div className="field-pair">
          <label className="field">
            <span>{t('ledger.terms.startsOn')}</span>
            <input type="date" value={startsOn} required onChange={(e) => setStartsOn(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('ledger.terms.endsOn')}</span>
            <input type="date" value={endsOn} min={startsOn} required onChange={(e) => setEndsOn(e.target.value)} />
          </label>
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('ledger.terms.add')}
        </button>
      </form>
    </section>
  );
}
