import { ParticipantEvent, type LocalParticipant } from 'livekit-client';
import { allowMyMicrophone } from '../api/host-controls';
import { i18n } from '../i18n';

/** LiveKit's TrackSource.MICROPHONE (protocol enum); livekit-client does not export it. */
const MICROPHONE = 2;

function micAllowed(lp: LocalParticipant): boolean {
  const sources = lp.permissions?.canPublishSources ?? [];
  return sources.length === 0 || sources.includes(MICROPHONE);
}

/**
 * In a "mute on entry" meeting the join token leaves the microphone out: before turning it on,
 * ask the server to allow it (POST /api/meetings/:code/microphone) and wait until LiveKit has
 * applied the new permission. Does nothing when the microphone is allowed already.
 */
export async function ensureMicrophoneAllowed(lp: LocalParticipant, code: string): Promise<void> {
  if (micAllowed(lp)) return;
  let cleanup = () => undefined as void;
  const applied = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(i18n.t('media.micPermissionNotApplied', { ns: 'room' }))),
      10_000,
    );
    const check = () => {
      if (micAllowed(lp)) resolve();
    };
    lp.on(ParticipantEvent.ParticipantPermissionsChanged, check);
    cleanup = () => {
      clearTimeout(timer);
      lp.off(ParticipantEvent.ParticipantPermissionsChanged, check);
    };
  });
  try {
    await allowMyMicrophone(code);
    await applied;
  } finally {
    cleanup();
  }
}
