/** Whether this browser can send sound to a chosen output (setSinkId; not Safari on iOS). */
export const canPickSpeaker = () =>
  typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

const TONE_HZ = 440;
const TONE_SECONDS = 1;

/**
 * Plays a short chime on the chosen speaker (or the default one), so people know they will hear
 * the meeting. Resolves when it has finished.
 */
export async function playTestSound(sinkId: string | undefined): Promise<void> {
  const ctx = new AudioContext();
  try {
    const tone = ctx.createOscillator();
    const gain = ctx.createGain();
    const out = ctx.createMediaStreamDestination();
    tone.frequency.value = TONE_HZ;
    // Fade out so it ends in a chime, not a click.
    gain.gain.setValueAtTime(0.3, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + TONE_SECONDS);
    tone.connect(gain).connect(out);
    const audio = new Audio();
    audio.srcObject = out.stream;
    if (sinkId && canPickSpeaker()) await audio.setSinkId(sinkId);
    tone.start();
    await audio.play();
    await new Promise((resolve) => setTimeout(resolve, TONE_SECONDS * 1000));
    tone.stop();
    audio.srcObject = null;
  } finally {
    await ctx.close();
  }
}
