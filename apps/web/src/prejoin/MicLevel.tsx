import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import { useMicLevel } from '../media/use-mic-level';

/** A bar that moves when you speak, so you know the microphone hears you before you join. */
export function MicLevel({ track }: { track: MediaStreamTrack | null }) {
  const { t } = useTranslation('prejoin');
  const level = useMicLevel(track);
  if (!track) return null;
  const percent = Math.round(level * 100);
  return (
    <label className="field">
      {t('micLevel')}
      <meter
        className="mic-level"
        min={0}
        max={100}
        low={10}
        value={percent}
        data-testid="mic-level"
        aria-valuetext={formatNumber(percent / 100, { style: 'percent' })}
      />
    </label>
  );
}
