import { z } from 'zod';

/**
 * What the pre-join connection check probes: where the browser will reach LiveKit and the TURN
 * relays, and a token for a test connection to LiveKit's media ports. No TURN credentials:
 * those come only with the join answer, after admission.
 */
export const connectivityTargets = z.object({
  /** The ws:// or wss:// URL the join answer will hand this browser. */
  livekitUrl: z.string(),
  /** The TURN relays' turn: and turns: URLs (no stun:); empty when TURN is off. */
  turnUrls: z.array(z.string()),
  /**
   * A LiveKit token for a short test connection (the media probe): one minute, a room of its
   * own kind (`gomeet-connection-check`), hidden, nothing to publish or send as data. Optional
   * for older servers.
   */
  mediaProbeToken: z
    .string()
    .optional()
    .describe('A one-minute LiveKit token for a hidden, receive-nothing test connection'),
});
export type ConnectivityTargets = z.infer<typeof connectivityTargets>;
