import {
  recording,
  recordingList,
  recordingWithDownload,
  startRecordingBody,
} from '@gomeet/protocol';
import { z } from 'zod';
import type { MeetingDeps } from '../deps.js';
import { deleteRecording } from '../recordings/delete-recording.js';
import { getRecording } from '../recordings/get-recording.js';
import { listRecordings } from '../recordings/list-recordings.js';
import type { Recordings } from '../recordings/recordings.js';
import { startRecording } from '../recordings/start-recording.js';
import { stopRecording } from '../recordings/stop-recording.js';
import { codeParams, contextOf, routeDocs, type MeetingApp } from './shared.js';

const docs = { ...routeDocs, tags: ['recordings'] };
const recordingParams = codeParams.extend({
  id: z.string().min(1).max(64).describe('The recording’s id'),
});

/** Starting, stopping, listing, downloading and deleting a meeting's recordings. */
export function registerRecordingRoutes(
  app: MeetingApp,
  deps: MeetingDeps,
  recordings: Recordings,
): void {
  app.post(
    '/:code/recordings',
    {
      schema: {
        ...docs,
        summary: 'Start recording the meeting (host or co-host)',
        description:
          'Answers 201 with the recording `requested`; a recorder picks it up within seconds, and everyone in the meeting receives `recording.started`. 409 `already-recording` while another recording runs; 409 `meeting-encrypted` for an end-to-end encrypted meeting; 409 `recording-unavailable` (with the reason) when this server cannot record.',
        params: codeParams,
        body: startRecordingBody,
        response: { 201: recording },
      },
    },
    async (request, reply) => {
      const started = await startRecording({
        ctx: contextOf(deps, request),
        recordings,
        input: { code: request.params.code, audioOnly: request.body.audioOnly },
      });
      return reply.status(201).send(started);
    },
  );
  app.post(
    '/:code/recordings/:id/stop',
    {
      schema: {
        ...docs,
        summary: 'Stop a recording (host or co-host); the file is then finished and uploaded',
        params: recordingParams,
        response: { 200: recording },
      },
    },
    async (request) =>
      stopRecording({ ctx: contextOf(deps, request), recordings, input: request.params }),
  );
  app.get(
    '/:code/recordings',
    {
      schema: {
        ...docs,
        summary: 'List the meeting’s recordings, newest first (host or co-host)',
        params: codeParams,
        response: { 200: recordingList },
      },
    },
    async (request) =>
      listRecordings({ ctx: contextOf(deps, request), recordings, input: request.params }),
  );
  app.get(
    '/:code/recordings/:id',
    {
      schema: {
        ...docs,
        summary: 'One recording with a short-lived signed download link (host or co-host)',
        params: recordingParams,
        response: { 200: recordingWithDownload },
      },
    },
    async (request) =>
      getRecording({ ctx: contextOf(deps, request), recordings, input: request.params }),
  );
  app.delete(
    '/:code/recordings/:id',
    {
      schema: {
        ...docs,
        summary: 'Delete a finished recording and its file (host)',
        params: recordingParams,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteRecording({ ctx: contextOf(deps, request), recordings, input: request.params });
      return reply.status(204).send(null);
    },
  );
}
