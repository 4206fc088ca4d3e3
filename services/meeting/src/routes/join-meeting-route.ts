import { createMemoryRateLimiter } from '@gomeet/platform';
import { joinBody, joinResult } from '@gomeet/protocol';
import type { MeetingDeps } from '../deps.js';
import { joinMeeting } from '../join/join-meeting.js';
import { DEFAULT_PASSCODE_LIMITS, withPasscodeLimit } from '../join/limit-passcode.js';
import { normaliseMeetingCode } from '../meetings/meeting-code.js';
import { codeParams, contextOf, routeDocs, type MeetingApp } from './shared.js';

/** POST /:code/join — a LiveKit token for the meeting's room (200), or a place in the lobby (202). */
export function registerJoinMeeting(app: MeetingApp, deps: MeetingDeps): void {
  const guard = {
    rateLimiter: deps.rateLimiter ?? createMemoryRateLimiter(),
    limits: { ...DEFAULT_PASSCODE_LIMITS, ...deps.passcodeLimits },
    metrics: deps.metrics,
  };
  app.post(
    '/:code/join',
    {
      schema: {
        ...routeDocs,
        summary: 'Join a meeting: a LiveKit token, or "waiting" in the lobby',
        params: codeParams,
        body: joinBody.optional(),
        response: { 200: joinResult, 202: joinResult },
      },
      // The answer is built by joinMeeting as a JoinResult (typed, no extra fields), so it is
      // written as is: zod's response check parsed and copied it again on every join.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request, reply) => {
      const input = { code: request.params.code, passcode: request.body?.passcode };
      const ctx = contextOf(deps, request);
      const attempt = {
        code: normaliseMeetingCode(input.code) ?? input.code,
        identity: ctx.actor.id,
        ip: request.ip,
        passcode: input.passcode,
      };
      const result = await withPasscodeLimit(guard, attempt, () => joinMeeting({ ctx, input }));
      return reply.status(result.status === 'waiting' ? 202 : 200).send(result);
    },
  );
}
