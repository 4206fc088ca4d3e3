import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * The zod → OpenAPI transform, plus one correction: a `z.null()` response (204 No Content)
 * comes out as a nullable string; as `type: 'null'` @fastify/swagger documents it with no
 * body, which is what the server sends.
 */
export const openApiTransform: typeof jsonSchemaTransform = (input) => {
  const out = jsonSchemaTransform(input);
  const responses = (out.schema as { response?: Record<string, unknown> } | undefined)?.response;
  for (const [status, schema] of Object.entries(responses ?? {})) {
    const s = schema as { enum?: unknown[]; description?: string } | undefined;
    if (responses && s?.enum?.length === 1 && s.enum[0] === null) {
      responses[status] = {
        type: 'null',
        ...(s.description ? { description: s.description } : {}),
      };
    }
  }
  return out;
};
