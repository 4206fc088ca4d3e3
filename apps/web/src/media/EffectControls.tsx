import { useId } from 'react';
import type { BackgroundEffect, DeviceChoices } from '../prejoin/device-prefs';
import './media.css';

type EffectChoices = Pick<DeviceChoices, 'noiseSuppression' | 'background'>;

interface EffectControlsProps extends EffectChoices {
  onChange: (patch: Partial<EffectChoices>) => void;
}

const BACKGROUNDS: [BackgroundEffect, string][] = [
  ['none', 'None'],
  ['blur', 'Blur'],
  ['scene', 'Replace with a picture'],
];

/** Noise suppression on or off and the camera's background; the same on pre-join and in the room. */
export function EffectControls({ noiseSuppression, background, onChange }: EffectControlsProps) {
  const id = useId();
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={noiseSuppression}
          data-testid="noise-suppression"
          onChange={(e) => onChange({ noiseSuppression: e.target.checked })}
        />
        Noise suppression
      </label>
      <div className="field">
        <label htmlFor={id}>Background</label>
        <select
          id={id}
          value={background}
          data-testid="background-effect"
          onChange={(e) => {
            const picked = BACKGROUNDS.find(([value]) => value === e.target.value);
            if (picked) onChange({ background: picked[0] });
          }}
        >
          {BACKGROUNDS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
