import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackgroundEffect, DeviceChoices } from '../prejoin/device-prefs';
import './media.css';

type EffectChoices = Pick<DeviceChoices, 'noiseSuppression' | 'background'>;

interface EffectControlsProps extends EffectChoices {
  onChange: (patch: Partial<EffectChoices>) => void;
}

const BACKGROUNDS: readonly BackgroundEffect[] = ['none', 'blur', 'scene'];

/** Noise suppression on or off and the camera's background; the same on pre-join and in the room. */
export function EffectControls({ noiseSuppression, background, onChange }: EffectControlsProps) {
  const id = useId();
  const { t } = useTranslation('media');
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={noiseSuppression}
          data-testid="noise-suppression"
          onChange={(e) => onChange({ noiseSuppression: e.target.checked })}
        />
        {t('effects.noiseSuppression')}
      </label>
      <div className="field">
        <label htmlFor={id}>{t('effects.background')}</label>
        <select
          id={id}
          value={background}
          data-testid="background-effect"
          onChange={(e) => {
            const picked = BACKGROUNDS.find((value) => value === e.target.value);
            if (picked) onChange({ background: picked });
          }}
        >
          {BACKGROUNDS.map((value) => (
            <option key={value} value={value}>
              {t(`effects.backgrounds.${value}`)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
