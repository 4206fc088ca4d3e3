import { useTranslation } from 'react-i18next';

/** Where hosts find Record: shown off, with the reason, in an end-to-end encrypted meeting. */
export function RecordingOff() {
  const { t } = useTranslation('e2ee');
  const reason = t('recordingOff.reason');
  return (
    <button
      type="button"
      className="control"
      disabled
      data-testid="record-toggle"
      aria-label={reason}
      title={reason}
    >
      {t('recordingOff.button')}
    </button>
  );
}
