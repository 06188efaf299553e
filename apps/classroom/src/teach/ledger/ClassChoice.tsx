/**
 * "上课班级" on the activity picker: the lesson is for a class (tablets then show its name tiles) or
 * for nobody in particular (nicknames, as before). Remembered for the next lesson on this laptop.
 */
import { useEffect } from 'react';
import { Link } from 'wouter';
import { useT } from '../../i18n';
import { refreshLedger, useLedger } from './store';

const STORAGE_KEY = 'heartlamp.console.class';

export function rememberedClass(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function remember(classId: string | null): void {
  try {
    if (classId) window.localStorage.setItem(STORAGE_KEY, classId);
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Only the default for the next lesson is lost.
  }
}

export function ClassChoice() {
  const t = useT();
  const classes = useLedger((s) => s.classes);
  const lessonClass = useLedger((s) => s.lessonClass);

  useEffect(() => {
    void refreshLedger().then(() => {
      const { classes: loaded, lessonClass: chosen } = useLedger.getState();
      const remembered = chosen ?? rememberedClass();
      // A class archived since is not offered.
      useLedger.setState({ lessonClass: loaded.some((c) => c.id === remembered) ? remembered : null });
    });
  }, []);

  return (
    <section className="class-choice" aria-labelledby="class-choice-label">
      <label className="field-inline">
        <span id="class-choice-label" className="class-choice-label">
          {t('ledger.picker.class')}
        </span>
        <select
          value={lessonClass ?? ''}
          data-testid="lesson-class"
          onChange={(e) => {
            const next = e.target.value || null;
            remember(next);
            useLedger.setState({ lessonClass: next });
          }}
        >
          <option value="">{t('ledger.picker.noClass')}</option>
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}({t('ledger.classes.students', { count: c.students })})
            </option>
          ))}
        </select>
      </label>
      <Link href="/teach/classes" className="small">
        {t('ledger.picker.manage')}
      </Link>
      <p className="muted small">{t('ledger.picker.classHint')}</p>
    </section>
  );
}
