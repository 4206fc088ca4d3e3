import { z } from 'zod';
import { storableText } from './text.js';

/** Most answers one poll offers. */
export const MAX_POLL_OPTIONS = 10;

/** A poll a host drafts: its question, 2–10 answers, single or multiple choice, anonymous or not. */
export const createPollBody = z.object({
  question: storableText(300, 'question is required'),
  options: z
    .array(storableText(200, 'an answer cannot be empty'))
    .min(2, 'a poll needs at least 2 answers')
    .max(MAX_POLL_OPTIONS, `a poll offers at most ${MAX_POLL_OPTIONS} answers`)
    .refine((o) => new Set(o).size === o.length, 'answers must differ'),
  multiple: z.boolean().default(false).describe('True: voters may pick several answers'),
  anonymous: z
    .boolean()
    .default(false)
    .describe('True: nobody, hosts included, sees who voted what'),
});
export type CreatePollBody = z.input<typeof createPollBody>;

/** One ballot: the indexes of the chosen answers (exactly one for single choice). */
export const voteBody = z.object({
  choices: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(MAX_POLL_OPTIONS - 1),
    )
    .min(1, 'choose at least one answer')
    .max(MAX_POLL_OPTIONS)
    .refine((c) => new Set(c).size === c.length, 'each answer counts once'),
});
export type VoteBody = z.infer<typeof voteBody>;

export const pollState = z.enum(['draft', 'open', 'closed']);
export type PollState = z.infer<typeof pollState>;

/** Who voted what, as hosts see it on polls that are not anonymous. */
export const pollBallot = z.object({
  identity: z.string(),
  name: z.string(),
  choices: z.array(z.number()),
});
export type PollBallot = z.infer<typeof pollBallot>;

/** A poll with its running counts. */
export const poll = z.object({
  id: z.string(),
  question: z.string(),
  multiple: z.boolean(),
  anonymous: z.boolean(),
  state: pollState,
  /** True once the host shared the results with everyone. */
  shared: z.boolean(),
  options: z.array(z.object({ text: z.string(), votes: z.number() })),
  /** How many people voted. */
  voters: z.number(),
  createdAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type Poll = z.infer<typeof poll>;

/** A poll as one caller reads it: their own ballot, and (hosts, not anonymous) everyone's. */
export const pollView = poll.extend({
  myChoices: z.array(z.number()).nullable(),
  ballots: z.array(pollBallot).optional(),
});
export type PollView = z.infer<typeof pollView>;

export const pollList = z.object({ polls: z.array(pollView) });
export type PollList = z.infer<typeof pollList>;

/**
 * Poll socket messages (in the server message union): counts to everyone; drafts, and on polls
 * that are not anonymous each ballot, to hosts and co-hosts only.
 */
export const pollMessages = [
  z.object({ type: z.literal('poll.updated'), poll }),
  z.object({ type: z.literal('poll.ballot'), pollId: z.string(), ballot: pollBallot }),
] as const;
