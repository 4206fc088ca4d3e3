import { AppError } from '@gomeet/platform';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MeetingDeps } from '../deps.js';

/** Where local storage's signed download links point (under the gateway's `/api/meetings`). */
export const RECORDING_FILES_PATH = '/api/meetings/recordings/files';

const fileParams = z.object({
  key: z.string().min(1).max(300).describe('The recording’s storage key'),
});
const signedQuery = z.object({
  expires: z.string().max(20).describe('Unix time the link stops working'),
  sig: z.string().max(100).describe('The link’s signature'),
});

function refusal(expires: string): AppError {
  const expired = /^\d+$/.test(expires) && Number(expires) < Date.now() / 1000;
  return expired
    ? new AppError(
        'GONE',
        'This download link has expired; open the recording again for a new one.',
        {
          type: 'download-link-expired',
        },
      )
    : new AppError('FORBIDDEN', 'This download link is not valid.', {
        type: 'download-link-invalid',
      });
}

/**
 * Serves recordings kept in local storage through the signed links `GET /:code/recordings/:id`
 * hands out. The link itself is the permission (no bearer token: a browser follows it as a
 * plain download): a forged one is refused 403, an expired one 410. Registered apart from
 * the token-checking routes, and only when recordings are stored locally.
 */
export const recordingFileRoutes: FastifyPluginAsync<MeetingDeps> = async (instance, deps) => {
  const storage = deps.recordings?.storage;
  if (storage?.kind !== 'local') return;
  const app = instance.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/recordings/files/:key',
    {
      schema: {
        tags: ['recordings'],
        summary: 'Download a recording through a signed link (local storage)',
        params: fileParams,
        querystring: signedQuery,
      },
    },
    async (request, reply) => {
      const { key } = request.params;
      const { expires, sig } = request.query;
      if (!storage.verify(key, expires, sig)) throw refusal(expires);
      const file = await storage.open(key);
      if (!file)
        throw new AppError('NOT_FOUND', 'This recording’s file no longer exists.', {
          type: 'recording-file-missing',
        });
      // recordings/{code}/{id}.mp4 → gomeet-{code}-{id}.mp4
      const name = `gomeet-${key.split('/').slice(1).join('-')}`;
      return reply
        .header('content-type', name.endsWith('.m4a') ? 'audio/mp4' : 'video/mp4')
        .header('content-length', String(file.bytes))
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .send(file.stream);
    },
  );
};
