import './account.css';
import { useState } from 'react';
import { takeNotice } from './account-notice';
import { useTranslation } from 'react-i18next';

/** A notice left by the screen before (after sign-up: where the verification mail went). */
export function AccountNotice() {
  const { t } = useTranslation('auth');
  const [text, setText] = useState(takeNotice);
  if (!text) return null;
  return (
    <p className="account-notice" role="status" data-testid="account-notice">
      {text}{' '}
      <button type="button" className="secondary" onClick={() => setText(null)}>
        {t('notice.dismiss')}
      </button>
    </p>
  );
}
