import { readFileSync } from 'node:fs';

interface Interaction {
  request: { method: string; path: string };
  response: { status: number; headers?: Record<string, string>; body: unknown };
}

/** A fetch that answers DigitalOcean API requests from recordings and records what was asked. */
export function replayFetch(
  token: string,
  ...files: string[]
): { fetch: typeof fetch; requests: string[] } {
  const interactions = files.flatMap(
    (f) =>
      (
        JSON.parse(readFileSync(new URL(`../recordings/${f}`, import.meta.url), 'utf8')) as {
          interactions: Interaction[];
        }
      ).interactions,
  );
  const requests: string[] = [];
  const replay = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const method = init?.method ?? 'GET';
    requests.push(`${method} ${url.pathname}${url.search}`);
    if (url.origin !== 'https://api.digitalocean.com')
      throw new Error(`unexpected host ${url.origin}`);
    if (new Headers(init?.headers).get('authorization') !== `Bearer ${token}`)
      return Promise.resolve(new Response('{"id":"Unauthorized"}', { status: 401 }));
    const hit = interactions.find(
      (i) => i.request.method === method && i.request.path === `${url.pathname}${url.search}`,
    );
    if (!hit)
      return Promise.resolve(
        new Response(JSON.stringify({ id: 'not_found', message: 'no recording' }), { status: 404 }),
      );
    return Promise.resolve(
      new Response(JSON.stringify(hit.response.body), {
        status: hit.response.status,
        headers: hit.response.headers ?? {},
      }),
    );
  };
  return { fetch: replay, requests };
}
