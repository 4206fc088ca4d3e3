import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { playTestSound } from '../media/speaker';

/** "Play a test sound" on the chosen speaker, so nobody joins unable to hear. */
export function SpeakerTest({ sinkId }: { sinkId: string | undefined }) {
  const { t } = useTranslation('prejoin');
  const [state, setState] = useState<'idle' | 'playing' | 'failed'>('idle');
  const play = () => {
    setState('playing');
    playTestSound(sinkId).then(
      () => setState('idle'),
      () => setState('failed'),
    );
  };
  return (
    <p>
      <button
        type="button"
        className="secondary"
        disabled={state === 'playing'}
        data-testid="speaker-test"
        onClick={play}
      >
        {state === 'playing' ? t('speakerTest.playing') : t('speakerTest.play')}
      </button>
      {state === 'failed' && <span role="alert"> {t('speakerTest.failed')}</span>}
    </p>
  );
}
