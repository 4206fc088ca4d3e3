import { z } from 'zod';
import { storableText } from './text.js';

/** Most breakout rooms one meeting may have. */
export const MAX_BREAKOUT_ROOMS = 50;

/** The rooms' LiveKit room names: the meeting code, a tilde, the room's number ("abc-defg-hij~2"). */
export function breakoutRoomName(code: string, room: number): string {
  return `${code}~${room}`;
}

/** Creates `count` rooms ("Room 1" …), replacing rooms that are not open yet. */
export const createBreakoutsBody = z.object({
  count: z.number().int().min(1).max(MAX_BREAKOUT_ROOMS),
});

/** Puts one person in a room (its number, from 1), or back in the main room (null). */
export const assignBreakoutBody = z.object({
  identity: z.string().min(1).max(200),
  room: z.number().int().min(1).max(MAX_BREAKOUT_ROOMS).nullable(),
});
export type AssignBreakoutBody = z.infer<typeof assignBreakoutBody>;

/** Opens the rooms; with a duration they close on their own when it is over. */
export const openBreakoutsBody = z.object({
  durationSeconds: z
    .number()
    .int()
    .min(30)
    .max(24 * 3600)
    .optional()
    .describe('Close the rooms on their own after this long'),
});

/** A message from a host to every room. */
export const broadcastBody = z.object({ text: storableText(500, 'text is required') });

/** A host going to look into one room (its number), or back to the main room (null). */
export const visitBreakoutBody = z.object({
  room: z.number().int().min(1).max(MAX_BREAKOUT_ROOMS).nullable(),
});

/** Someone in a breakout room who asked for a host. */
export const helpRequest = z.object({
  identity: z.string(),
  name: z.string(),
  room: z.number(),
  at: z.string(),
});
export type HelpRequest = z.infer<typeof helpRequest>;

/**
 * The meeting's breakout rooms: numbered rooms, who goes where (identity → room number), and
 * whether they are open (everyone assigned is in their room) and until when.
 */
export const breakoutState = z.object({
  rooms: z.array(z.object({ number: z.number(), name: z.string() })),
  assignments: z.record(z.string(), z.number()),
  open: z.boolean(),
  /** When open rooms close on their own (ISO 8601); null: when a host closes them. */
  endsAt: z.string().nullable(),
});
export type BreakoutState = z.infer<typeof breakoutState>;

/** The state as one caller reads it: hosts also get the help requests. */
export const breakoutView = breakoutState.extend({ help: z.array(helpRequest).optional() });
export type BreakoutView = z.infer<typeof breakoutView>;

/**
 * Breakout socket messages (in the server message union): the state to everyone on each change,
 * a host's broadcast to everyone, a help request to hosts and co-hosts.
 */
export const breakoutMessages = [
  z.object({ type: z.literal('breakouts.updated'), state: breakoutState }),
  z.object({ type: z.literal('breakouts.broadcast'), from: z.string(), text: z.string() }),
  z.object({ type: z.literal('breakouts.help'), request: helpRequest }),
] as const;
