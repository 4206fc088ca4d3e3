import { databaseBackends } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, newEmail, startAuth, type TestAuth } from './support.js';

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        tags?: string[];
        requestBody?: unknown;
        deprecated?: boolean;
        responses: Record<string, unknown>;
      }
    >
  >;
}

// How requests fail does not depend on the database kind; the embedded one is enough here.
describe('malformed requests and the API description', () => {
  let auth: TestAuth;
  beforeAll(async () => {
    auth = await startAuth(databaseBackends(null)[0]!);
  });
  afterAll(() => auth?.close());

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@example.test", "password": ',
    });
    expectProblem(res, 400, 'malformed-request');
  });

  it('answers wrong types with a 400 problem naming each field', async () => {
    const res = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 42, password: ['not', 'a', 'string'], displayName: 'Typo' },
    });
    const body = expectProblem(res, 400, 'validation');
    expect([...new Set(body.errors?.map((e) => e.field))].sort()).toEqual([
      'body.email',
      'body.password',
    ]);
    expect(body.detail).toContain('body.email');
  });

  it('names a missing field and an invalid email', async () => {
    const missing = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: newEmail() },
    });
    expect(expectProblem(missing, 400, 'validation').errors?.map((e) => e.field)).toEqual([
      'body.password',
    ]);
    const invalid = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'not-an-email', password: 'whatever it is' },
    });
    expect(expectProblem(invalid, 400, 'validation').errors).toEqual([
      { field: 'body.email', message: 'expected an email address' },
    ]);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await auth.app.inject({ method: 'GET', url: '/api/auth/nope' });
    expect(expectProblem(res, 404, 'not-found').detail).toBe('No route for GET /api/auth/nope');
  });

  it('describes every auth route in the OpenAPI document, tagged auth, with request and response schemas', async () => {
    const doc = (await auth.app.inject({ url: '/api/openapi.json' })).json<OpenApi>();
    const routes = {
      '/api/auth/register': 'post',
      '/api/auth/login': 'post',
      '/api/auth/refresh': 'post',
      '/api/auth/logout': 'post',
      '/api/auth/me': 'patch',
      '/api/auth/me/password': 'post',
      '/api/auth/guest': 'post',
      '/api/auth/password-reset/request': 'post',
      '/api/auth/password-reset': 'post',
      '/api/auth/verify-email': 'post',
    } as const;
    for (const [path, method] of Object.entries(routes)) {
      const op = doc.paths[path]?.[method];
      expect(op?.tags, `${method} ${path}`).toEqual(['auth']);
      expect(op?.requestBody, `${method} ${path}`).toBeDefined();
      expect(
        Object.keys(op?.responses ?? {}).some((s) => s.startsWith('2')),
        `${method} ${path}`,
      ).toBe(true);
    }
    for (const path of [
      '/api/auth/me',
      '/api/auth/.well-known/jwks.json',
      '/api/auth/me/sessions',
      '/api/auth/mail-delivery',
    ]) {
      expect(doc.paths[path]?.get?.tags).toEqual(['auth']);
      expect(doc.paths[path]?.get?.responses['200']).toBeDefined();
    }
    expect(doc.paths['/api/auth/me/sign-out-everywhere']?.post?.responses['204']).toBeDefined();
    expect(doc.paths['/api/auth/me/sessions/{id}']?.delete?.responses['204']).toBeDefined();
    expect(doc.paths['/api/auth/register']?.post?.responses['202']).toBeDefined();
    // Retired but documented: TURN credentials come only with the join answer.
    expect(doc.paths['/api/auth/turn-credentials']?.post?.deprecated).toBe(true);
    expect(doc.paths['/api/auth/turn-credentials']?.post?.responses['200']).toBeUndefined();
    expect(doc.paths['/api/auth/turn-credentials']?.post?.responses['403']).toBeDefined();
  });
});
