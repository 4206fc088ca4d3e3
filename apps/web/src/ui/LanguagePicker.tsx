import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, PSEUDO, setLanguage } from '../i18n';
import './language-picker.css';

/**
 * Picks the app's language: every string changes at once, no reload, and the choice is kept.
 * Each language is named in its own language; the test-only pseudo-locale shows only while on.
 */
export function LanguagePicker({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return (
    <div className={className ? `language-picker ${className}` : 'language-picker'}>
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={current} onChange={(e) => void setLanguage(e.target.value)}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
        {current === PSEUDO && <option value={PSEUDO}>{t('language.pseudo')}</option>}
      </select>
    </div>
  );
}
