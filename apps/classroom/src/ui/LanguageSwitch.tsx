/**
 * 中文 / English, on every screen; the choice is remembered (see i18n). A language other than the
 * default is fetched on first use: should that fail, the screen stays as it was and says so.
 */
import { LOCALES, type Locale } from '@heartlamp/shared/light';
import { type AppKey, setLocale, useLocale, useT } from '../i18n';
import { showToast } from '../stores/toast';

const LABEL: Record<Locale, AppKey> = { 'zh-CN': 'lang.zh', en: 'lang.en' };

export function LanguageSwitch({ className }: { className?: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <fieldset className={`lang-switch ${className ?? ''}`}>
      <legend className="sr-only">{t('lang.label')}</legend>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          data-testid={`lang-${l}`}
          className={l === locale ? 'is-current' : undefined}
          aria-pressed={l === locale}
          onClick={() => setLocale(l).catch(() => showToast(t('net.failed'), 'info'))}
        >
          {t(LABEL[l])}
        </button>
      ))}
    </fieldset>
  );
}
