import { randomBytes } from 'node:crypto';

/** One step of the smoke test through the public URL. */
export interface SmokeStep {
  step: string;
  status: number;
  ok: boolean;
}

interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

async function call(
  fetchFn: typeof fetch,
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<ApiAnswer> {
  const res = await fetchFn(base + path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = {};
  }
  return { status: res.status, body: parsed };
}

/** Thrown when a smoke step answers wrongly; names the step and the HTTP status. */
export class SmokeFailure extends Error {
  constructor(readonly steps: SmokeStep[]) {
    const last = steps.at(-1);
    super(`smoke test failed at "${last?.step ?? '?'}" (HTTP ${last?.status ?? '?'})`);
    this.name = 'SmokeFailure';
  }
}

/**
 * What a user does first, through the public URL: sign in (GOMEET_SMOKE_EMAIL and
 * GOMEET_SMOKE_PASSWORD) or register a fresh account, create a meeting without a lobby, get a
 * join token for it, then end the meeting. Returns the steps; throws {@link SmokeFailure}.
 * No token or password is ever part of the result.
 */
export async function smokeTest(
  fetchFn: typeof fetch,
  publicUrl: string,
  env: NodeJS.ProcessEnv,
): Promise<SmokeStep[]> {
  const base = publicUrl.replace(/\/+$/, '');
  const steps: SmokeStep[] = [];
  const check = (step: string, answer: ApiAnswer, expected: number) => {
    steps.push({ step, status: answer.status, ok: answer.status === expected });
    if (answer.status !== expected) throw new SmokeFailure(steps);
    return answer.body;
  };
  let session: Record<string, unknown>;
  if (env.GOMEET_SMOKE_EMAIL && env.GOMEET_SMOKE_PASSWORD) {
    const login = await call(fetchFn, base, 'POST', '/api/auth/login', {
      email: env.GOMEET_SMOKE_EMAIL,
      password: env.GOMEET_SMOKE_PASSWORD,
    });
    session = check('sign in (POST /api/auth/login)', login, 200);
  } else {
    const id = randomBytes(6).toString('hex');
    const register = await call(fetchFn, base, 'POST', '/api/auth/register', {
      email: `deploy-smoke-${id}@example.com`,
      password: randomBytes(18).toString('base64url'),
      displayName: 'Deploy smoke test',
    });
    session = check('register (POST /api/auth/register)', register, 201);
  }
  const token = typeof session.accessToken === 'string' ? session.accessToken : undefined;
  const created = check(
    'create a meeting (POST /api/meetings)',
    await call(
      fetchFn,
      base,
      'POST',
      '/api/meetings',
      { title: 'Deploy smoke test', settings: { lobby: false } },
      token,
    ),
    201,
  );
  const code = typeof created.code === 'string' ? created.code : '';
  const joined = check(
    'get a join token (POST /api/meetings/:code/join)',
    await call(fetchFn, base, 'POST', `/api/meetings/${encodeURIComponent(code)}/join`, {}, token),
    200,
  );
  if (typeof joined.token !== 'string' || joined.token.length === 0) {
    steps.push({ step: 'the join answer carries a LiveKit token', status: 200, ok: false });
    throw new SmokeFailure(steps);
  }
  check(
    'end the meeting (POST /api/meetings/:code/end)',
    await call(
      fetchFn,
      base,
      'POST',
      `/api/meetings/${encodeURIComponent(code)}/end`,
      undefined,
      token,
    ),
    200,
  );
  return steps;
}
