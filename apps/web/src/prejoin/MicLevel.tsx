import { useMicLevel } from '../media/use-mic-level';

/** A bar that moves when you speak, so you know the microphone hears you before you join. */
export function MicLevel({ track }: { track: MediaStreamTrack | null }) {
  const level = useMicLevel(track);
  if (!track) return null;
  const percent = Math.round(level * 100);
  return (
    <label className="field">
      Microphone level
      <meter
        className="mic-level"
        min={0}
        max={100}
        low={10}
        value={percent}
        data-testid="mic-level"
        aria-valuetext={`${percent}%`}
      />
    </label>
  );
}
