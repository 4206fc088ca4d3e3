/** What a JSON POST answered: the status, the parsed body and Retry-After in seconds (0 if none). */
export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
  retryAfter: number;
}

/** POSTs `body` as JSON to `url` like a client of the API, with a bearer `token` when given. */
export async function postJson(url: string, body: unknown, token?: string): Promise<JsonAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    retryAfter: Number(res.headers.get('retry-after') ?? 0),
  };
}

/** {@link postJson} that expects a 2xx and returns the body; anything else throws, naming it. */
export async function postJsonOk(
  url: string,
  body: unknown,
  token?: string,
): Promise<Record<string, unknown>> {
  const answer = await postJson(url, body, token);
  if (answer.status < 200 || answer.status > 299)
    throw new Error(`${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}
