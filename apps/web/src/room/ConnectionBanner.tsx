import { useTranslation } from 'react-i18next';
import type { ConnectionPhase } from './use-room-connection';

/** Says what is happening while the media connection is not up. */
export function ConnectionBanner({ phase }: { phase: ConnectionPhase }) {
  const { t } = useTranslation('room');
  if (phase === 'connected') return null;
  return (
    <div className="banner" role="status" data-testid={`banner-${phase}`}>
      {phase === 'reconnecting' ? t('connection.reconnecting') : t('connection.connecting')}
    </div>
  );
}
