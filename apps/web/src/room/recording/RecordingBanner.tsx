import './recording.css';
import { useTranslation } from 'react-i18next';
import type { RecordingStatus } from './use-recording';

/**
 * Tells everyone in the room that the meeting is being recorded (consent: shown on join and the
 * moment recording starts), and when a recording failed, why.
 */
export function RecordingBanner({ status }: { status: RecordingStatus }) {
  const { t } = useTranslation('recording');
  if (status.on)
    return (
      <div className="banner recording-banner" role="status" data-testid="recording-banner">
        <span className="recording-dot" aria-hidden="true" /> {t('banner.on')}
      </div>
    );
  if (status.failure)
    return (
      <div className="notice" role="status" data-testid="recording-failed">
        {t('banner.failed', { reason: status.failure })}
      </div>
    );
  return null;
}
