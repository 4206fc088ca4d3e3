import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface DeviceSelectProps {
  label: string;
  devices: MediaDeviceInfo[];
  value: string | undefined;
  onChange: (deviceId: string) => void;
}

/** A labelled picker for one kind of device; hidden until the browser lists more than none. */
export function DeviceSelect({ label, devices, value, onChange }: DeviceSelectProps) {
  const id = useId();
  const { t } = useTranslation('prejoin');
  if (devices.length === 0) return null;
  const selected = devices.some((d) => d.deviceId === value) ? value : devices[0]?.deviceId;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={selected} onChange={(e) => onChange(e.target.value)}>
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || t('devices.unnamed', { label, number: i + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}
