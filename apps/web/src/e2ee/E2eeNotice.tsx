import './e2ee.css';
import { Trans, useTranslation } from 'react-i18next';

/**
 * What end-to-end encryption means here and what it turns off, in the pre-join and the room's
 * meeting details: said before anyone relies on it.
 */
export function E2eeNotice() {
  const { t } = useTranslation('e2ee');
  return (
    <section className="e2ee-notice" data-testid="e2ee-notice" aria-label={t('notice.label')}>
      <p>
        <Trans t={t} i18nKey="notice.encrypted" components={{ strong: <strong /> }} />
      </p>
      <p>
        <Trans t={t} i18nKey="notice.turnsOff" components={{ strong: <strong /> }} />
      </p>
    </section>
  );
}
