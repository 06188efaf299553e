/**
 * Name + passphrase, for the three places a teacher types them: the first run, signing in, and
 * adding another teacher. New passphrases are typed twice, with "at least 8 characters" said
 * beside the field and a show/hide toggle (a sentence is easy to mistype unseen). Problems are
 * shown after the first press of the button, then kept up to date as the teacher types.
 */
import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { type AppKey, useT } from '../../i18n';
import {
  type CredentialsProblem,
  loginProblems,
  NAME_MAX,
  type NewTeacherForm,
  PASSPHRASE_MAX,
  problemField,
  setupProblems,
} from './validate';
import '../../styles/trust.css';

export interface CredentialsFormProps {
  /** `login` asks once and checks little; `new` (first run, another teacher) asks twice. */
  kind: 'login' | 'new';
  submitLabel: string;
  busyLabel: string;
  /** "你的名字" unless another teacher's name is asked for. */
  nameLabel?: string;
  /** Sends the form; resolves to the server's refusal in words, or null on success. */
  onSubmit(credentials: { name: string; passphrase: string }): Promise<string | null>;
  /** Cleared after a success (adding teachers one after another); sign-in keeps it (it unmounts). */
  resetOnSuccess?: boolean;
  testId: string;
}

const EMPTY: NewTeacherForm = { name: '', passphrase: '', repeat: '' };

export function CredentialsForm(props: CredentialsFormProps) {
  const { kind, submitLabel, busyLabel, nameLabel, onSubmit, resetOnSuccess, testId } = props;
  const t = useT();
  const id = useId();
  const [form, setForm] = useState<NewTeacherForm>(EMPTY);
  const [tried, setTried] = useState(false);
  const [visible, setVisible] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const fields = {
    name: useRef<HTMLInputElement>(null),
    passphrase: useRef<HTMLInputElement>(null),
    repeat: useRef<HTMLInputElement>(null),
  };

  const problems = kind === 'new' ? setupProblems(form) : loginProblems(form);
  const shown = tried ? problems : [];
  const problemOf = (field: keyof NewTeacherForm) => shown.find((p) => problemField(p) === field);

  function set(field: keyof NewTeacherForm, value: string): void {
    setForm((f) => ({ ...f, [field]: value }));
    setRefusal(null);
  }

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setTried(true);
    const first = problems[0];
    if (first) {
      fields[problemField(first)].current?.focus();
      return;
    }
    setBusy(true);
    const refused = await onSubmit({ name: form.name.trim(), passphrase: form.passphrase });
    setBusy(false);
    setRefusal(refused);
    if (refused === null && resetOnSuccess) {
      setForm(EMPTY);
      setTried(false);
    }
  }

  const words = (problem: CredentialsProblem | undefined) =>
    problem ? t(`auth.problem.${problem}` satisfies AppKey, { count: form.passphrase.length }) : null;
  const passType = visible ? 'text' : 'password';

  return (
    <form className="credentials-form" noValidate onSubmit={(e) => void submit(e)} data-testid={testId}>
      <Field id={`${id}-name`} label={nameLabel ?? t('auth.name')} problem={words(problemOf('name'))}>
        <input
          ref={fields.name}
          id={`${id}-name`}
          value={form.name}
          maxLength={NAME_MAX + 10}
          placeholder={t('auth.namePlaceholder')}
          autoComplete={kind === 'login' ? 'username' : 'off'}
          aria-invalid={problemOf('name') ? true : undefined}
          data-testid={`${testId}-name`}
          onChange={(e) => set('name', e.target.value)}
        />
      </Field>
      <Field
        id={`${id}-pass`}
        label={t('auth.passphrase')}
        hint={kind === 'new' ? t('auth.passphraseHint') : undefined}
        problem={words(problemOf('passphrase'))}
      >
        <span className="passphrase-row">
          <input
            ref={fields.passphrase}
            id={`${id}-pass`}
            type={passType}
            value={form.passphrase}
            maxLength={PASSPHRASE_MAX + 10}
            autoComplete={kind === 'login' ? 'current-password' : 'new-password'}
            aria-invalid={problemOf('passphrase') ? true : undefined}
            aria-describedby={kind === 'new' ? `${id}-pass-hint` : undefined}
            data-testid={`${testId}-passphrase`}
            onChange={(e) => set('passphrase', e.target.value)}
          />
          <button
            type="button"
            className="btn btn-small show-pass"
            aria-pressed={visible}
            aria-controls={kind === 'new' ? `${id}-pass ${id}-repeat` : `${id}-pass`}
            onClick={() => setVisible((v) => !v)}
          >
            <span aria-hidden="true">{visible ? '🙈 ' : '👁 '}</span>
            {visible ? t('auth.hide') : t('auth.show')}
          </button>
        </span>
      </Field>
      {kind === 'new' && (
        <Field id={`${id}-repeat`} label={t('auth.repeat')} problem={words(problemOf('repeat'))}>
          <input
            ref={fields.repeat}
            id={`${id}-repeat`}
            type={passType}
            value={form.repeat}
            maxLength={PASSPHRASE_MAX + 10}
            autoComplete="new-password"
            aria-invalid={problemOf('repeat') ? true : undefined}
            data-testid={`${testId}-repeat`}
            onChange={(e) => set('repeat', e.target.value)}
          />
        </Field>
      )}
      {refusal && (
        <p className="form-error" role="alert" data-testid={`${testId}-error`}>
          {refusal}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-big" disabled={busy} data-testid={`${testId}-submit`}>
        {busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}

function Field({
  id,
  label,
  hint,
  problem,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  problem: string | null;
  children: ReactNode;
}) {
  return (
    <div className={`field credentials-field${problem ? ' has-problem' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {problem && (
        <span className="field-problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
