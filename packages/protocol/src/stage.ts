import { z } from 'zod';

/** `POST /api/meetings/:code/spotlight`: who everyone sees on the stage; null ends the spotlight. */
export const spotlightBody = z.object({
  identity: z.string().min(1).max(200).nullable(),
});
export type SpotlightBody = z.infer<typeof spotlightBody>;

/** The meeting's shared stage: who a host spotlights for everyone, if anyone. */
export const stageState = z.object({ spotlight: z.string().nullable() });
export type StageState = z.infer<typeof stageState>;

/** Whose hands a host lowered: everyone's, or the listed identities. */
export const loweredHands = z.union([z.literal('all'), z.array(z.string())]);

/** Server → client messages about the stage and hands (members of `serverMessage`). */
export const stageMessages = [
  /** A host or co-host spotlighted `identity` for everyone (null: the spotlight ended). */
  z.object({ type: z.literal('stage.spotlight'), identity: z.string().nullable(), by: z.string() }),
  /** A host or co-host lowered hands; signaling updates presence and the hand queue after it. */
  z.object({ type: z.literal('hands.lowered'), who: loweredHands, by: z.string() }),
] as const;
