import { spotlightBody, stageState } from '@gomeet/protocol';
import { z } from 'zod';
import type { MeetingDeps } from '../deps.js';
import { lowerHands } from '../host/lower-hands.js';
import { getStage, setSpotlight } from '../host/spotlight.js';
import { codeParams, contextOf, personParams, routeDocs, type MeetingApp } from './shared.js';

const done = { 204: z.null().describe('Done') };

/** The shared stage (spotlight) and hands, as hosts steer them for everyone. */
export function registerStageRoutes(app: MeetingApp, deps: MeetingDeps): void {
  app.get(
    '/:code/stage',
    {
      schema: {
        ...routeDocs,
        summary: 'Who is spotlighted for everyone (any member)',
        params: codeParams,
        response: { 200: stageState },
      },
    },
    async (request) => getStage({ ctx: contextOf(deps, request), input: request.params }),
  );
  app.post(
    '/:code/spotlight',
    {
      schema: {
        ...routeDocs,
        summary: 'Spotlight someone for everyone, or end the spotlight (host or co-host)',
        params: codeParams,
        body: spotlightBody,
        response: { 200: stageState },
      },
    },
    async (request) =>
      setSpotlight({
        ctx: contextOf(deps, request),
        input: { code: request.params.code, identity: request.body.identity },
      }),
  );
  app.post(
    '/:code/participants/:identity/lower-hand',
    {
      schema: {
        ...routeDocs,
        summary: 'Lower someone’s raised hand (host or co-host)',
        params: personParams,
        response: done,
      },
    },
    async (request, reply) => {
      await lowerHands({ ctx: contextOf(deps, request), input: request.params });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/:code/lower-hands',
    {
      schema: {
        ...routeDocs,
        summary: 'Lower every raised hand (host or co-host)',
        params: codeParams,
        response: done,
      },
    },
    async (request, reply) => {
      await lowerHands({
        ctx: contextOf(deps, request),
        input: { code: request.params.code, identity: null },
      });
      return reply.status(204).send(null);
    },
  );
}
