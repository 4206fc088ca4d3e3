import { Trans, useTranslation } from 'react-i18next';
import type { RealtimeStatus } from '../realtime/realtime-client';
import { Link } from '../ui/Link';

/** Shown while the lobby holds us; the socket says when the host lets us in. */
export function WaitingRoom({ title, status }: { title: string; status: RealtimeStatus }) {
  const { t } = useTranslation('meeting');
  return (
    <main className="exit" data-testid="waiting-room" data-status={status} aria-busy="true">
      <h1>{t('waiting.title')}</h1>
      <p role="status">
        <Trans
          t={t}
          i18nKey="waiting.lobby"
          values={{ title }}
          components={{ strong: <strong /> }}
        />
      </p>
      {status === 'reconnecting' && (
        <p className="muted" role="status">
          {t('waiting.reconnecting')}
        </p>
      )}
      <Link className="button secondary" href="/">
        {t('waiting.leave')}
      </Link>
    </main>
  );
}
