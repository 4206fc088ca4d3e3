import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const pad = (n: number) => String(n).padStart(2, '0');

/** "4:05 left", ticking each second until `endsAt`. */
export function Countdown({ endsAt }: { endsAt: string }) {
  const { t } = useTranslation('breakouts');
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.round((Date.parse(endsAt) - now) / 1000));
  return (
    <span className="countdown" data-testid="breakout-countdown">
      {t('countdown', { time: `${Math.floor(left / 60)}:${pad(left % 60)}` })}
    </span>
  );
}
