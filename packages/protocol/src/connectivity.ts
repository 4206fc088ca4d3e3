import { z } from 'zod';

/**
 * What the pre-join connection check probes: where the browser will reach LiveKit and the TURN
 * relays. No TURN credentials: those come only with the join answer, after admission.
 */
export const connectivityTargets = z.object({
  /** The ws:// or wss:// URL the join answer will hand this browser. */
  livekitUrl: z.string(),
  /** The TURN relays' turn: and turns: URLs (no stun:); empty when TURN is off. */
  turnUrls: z.array(z.string()),
});
export type ConnectivityTargets = z.infer<typeof connectivityTargets>;
