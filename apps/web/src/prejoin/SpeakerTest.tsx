import { useState } from 'react';
import { playTestSound } from '../media/speaker';

/** "Play a test sound" on the chosen speaker, so nobody joins unable to hear. */
export function SpeakerTest({ sinkId }: { sinkId: string | undefined }) {
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
        {state === 'playing' ? 'Playing…' : 'Play a test sound'}
      </button>
      {state === 'failed' && (
        <span role="alert"> The sound could not play on this speaker. Pick another one.</span>
      )}
    </p>
  );
}
