import {
  assignBreakoutBody,
  breakoutState,
  breakoutView,
  broadcastBody,
  createBreakoutsBody,
  joinResult,
  openBreakoutsBody,
  visitBreakoutBody,
} from '@gomeet/protocol';
import { z } from 'zod';
import type { MeetingDeps } from '../deps.js';
import { codeParams, contextOf, routeDocs, type MeetingApp } from '../routes/shared.js';
import { loadBreakoutsAsMember, viewFor } from './breakout-state.js';
import { askForHelp, joinMyRoom, visitRoom } from './join-breakout.js';
import { assignToRoom, createBreakoutRooms, shuffleIntoRooms } from './plan-breakouts.js';
import { broadcastToRooms, closeBreakouts, openBreakouts } from './run-breakouts.js';

const docs = { ...routeDocs, tags: ['breakouts'] };
const done = { 204: z.null().describe('Done') };
const base = '/:code/breakouts';

/** Breakout rooms: hosts plan, open, message, visit and close them; everyone moves with them. */
export function registerBreakoutRoutes(app: MeetingApp, deps: MeetingDeps): void {
  app.get(
    base,
    {
      schema: {
        ...docs,
        summary: 'The breakout rooms and who is in which (hosts also see help requests)',
        params: codeParams,
        response: { 200: breakoutView },
      },
    },
    async (request) => {
      const { state, host } = await loadBreakoutsAsMember(
        contextOf(deps, request),
        request.params.code,
      );
      return viewFor(state, host);
    },
  );
  const hostRoute = { ...docs, params: codeParams, response: { 200: breakoutState } };
  app.post(
    base,
    {
      schema: {
        ...hostRoute,
        summary: 'Create N breakout rooms (host or co-host)',
        body: createBreakoutsBody,
      },
    },
    async (request) =>
      createBreakoutRooms({
        ctx: contextOf(deps, request),
        input: { ...request.params, ...request.body },
      }),
  );
  app.post(
    `${base}/assign`,
    {
      schema: {
        ...hostRoute,
        summary: 'Put someone in a breakout room, or back in the main room (host or co-host)',
        body: assignBreakoutBody,
      },
    },
    async (request) =>
      assignToRoom({
        ctx: contextOf(deps, request),
        input: { ...request.params, ...request.body },
      }),
  );
  app.post(
    `${base}/shuffle`,
    {
      schema: {
        ...hostRoute,
        summary: 'Spread everyone over the rooms at random (host or co-host)',
      },
    },
    async (request) => shuffleIntoRooms({ ctx: contextOf(deps, request), input: request.params }),
  );
  app.post(
    `${base}/open`,
    {
      schema: {
        ...hostRoute,
        summary: 'Open the rooms, optionally for a set time (host or co-host)',
        body: openBreakoutsBody,
      },
    },
    async (request) =>
      openBreakouts({
        ctx: contextOf(deps, request),
        input: { ...request.params, ...request.body },
      }),
  );
  app.post(
    `${base}/close`,
    { schema: { ...hostRoute, summary: 'Bring everyone back to the main room (host or co-host)' } },
    async (request) => closeBreakouts({ ctx: contextOf(deps, request), input: request.params }),
  );
  app.post(
    `${base}/broadcast`,
    {
      schema: {
        ...docs,
        summary: 'Send a message to every breakout room (host or co-host)',
        params: codeParams,
        body: broadcastBody,
        response: done,
      },
    },
    async (request, reply) => {
      await broadcastToRooms({
        ctx: contextOf(deps, request),
        input: { ...request.params, ...request.body },
      });
      return reply.status(204).send(null);
    },
  );
  app.post(
    `${base}/help`,
    {
      schema: {
        ...docs,
        summary: 'Ask a host to come to my breakout room',
        params: codeParams,
        response: done,
      },
    },
    async (request, reply) => {
      await askForHelp({ ctx: contextOf(deps, request), input: request.params });
      return reply.status(204).send(null);
    },
  );
  const joined = { 200: joinResult };
  app.post(
    `${base}/token`,
    {
      schema: {
        ...docs,
        summary:
          'My LiveKit token for where I belong now: my breakout room while open, else the main room',
        params: codeParams,
        response: joined,
      },
    },
    async (request) => joinMyRoom({ ctx: contextOf(deps, request), input: request.params }),
  );
  app.post(
    `${base}/visit`,
    {
      schema: {
        ...docs,
        summary:
          'Go into a breakout room, or back to the main room, and get its token (host or co-host)',
        params: codeParams,
        body: visitBreakoutBody,
        response: joined,
      },
    },
    async (request) =>
      visitRoom({
        ctx: contextOf(deps, request),
        input: { ...request.params, room: request.body.room },
      }),
  );
}
