import { createPollBody, pollList, pollView, voteBody } from '@gomeet/protocol';
import { z } from 'zod';
import type { MeetingDeps } from '../deps.js';
import { codeParams, contextOf, routeDocs, type MeetingApp } from '../routes/shared.js';
import { createPoll } from './create-poll.js';
import { exportPollResults } from './export-poll-results.js';
import { listPolls } from './list-polls.js';
import { closePoll, launchPoll, sharePollResults } from './set-poll-state.js';
import { voteInPoll } from './vote-in-poll.js';

const pollParams = codeParams.extend({ pollId: z.uuid().describe('The poll’s id') });
const docs = { ...routeDocs, tags: ['polls'] };

/** Polls: hosts draft, launch, close and share them; everyone in the meeting votes once. */
export function registerPollRoutes(app: MeetingApp, deps: MeetingDeps): void {
  app.get(
    '/:code/polls',
    {
      schema: {
        ...docs,
        summary: 'The meeting’s polls with their counts (hosts also see drafts and who voted what)',
        params: codeParams,
        response: { 200: pollList },
      },
    },
    async (request) => listPolls({ ctx: contextOf(deps, request), input: request.params }),
  );
  app.post(
    '/:code/polls',
    {
      schema: {
        ...docs,
        summary: 'Draft a poll (host or co-host)',
        params: codeParams,
        body: createPollBody,
        response: { 201: pollView },
      },
    },
    async (request, reply) => {
      const poll = await createPoll({
        ctx: contextOf(deps, request),
        input: { code: request.params.code, poll: request.body },
      });
      return reply.status(201).send(poll);
    },
  );
  const transitions = [
    ['launch', 'Open a drafted poll for votes (host or co-host)', launchPoll],
    ['close', 'Stop the votes on a poll (host or co-host)', closePoll],
    ['share', 'Show a closed poll’s results to everyone (host or co-host)', sharePollResults],
  ] as const;
  for (const [path, summary, verb] of transitions) {
    app.post(
      `/:code/polls/:pollId/${path}`,
      { schema: { ...docs, summary, params: pollParams, response: { 200: pollView } } },
      async (request) => verb({ ctx: contextOf(deps, request), input: request.params }),
    );
  }
  app.post(
    '/:code/polls/:pollId/votes',
    {
      schema: {
        ...docs,
        summary: 'Vote in an open poll, once (anyone in the meeting)',
        params: pollParams,
        body: voteBody,
        response: { 200: pollView },
      },
    },
    async (request) =>
      voteInPoll({
        ctx: contextOf(deps, request),
        input: { ...request.params, choices: request.body.choices },
      }),
  );
  app.get(
    '/:code/polls/:pollId/results.csv',
    {
      schema: {
        ...docs,
        summary: 'A poll’s results as CSV (host or co-host)',
        params: pollParams,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV: question, answer, votes[, voters]') },
      },
    },
    async (request, reply) => {
      const { filename, csv } = await exportPollResults({
        ctx: contextOf(deps, request),
        input: request.params,
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  );
}
