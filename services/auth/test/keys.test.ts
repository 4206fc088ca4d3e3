import { randomUUID } from 'node:crypto';
import {
  createMemoryRateLimiter,
  createTokenVerifier,
  remoteJwks,
  type App,
} from '@gomeet/platform';
import type { Session } from '@gomeet/protocol';
import {
  SignJWT,
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, rotateSigningKey } from '../src/index.js';
import {
  bearer,
  expectProblem,
  register,
  startAuth,
  testClock,
  TURN_SECRET,
  type TestAuth,
} from './support.js';

type Jwks = { keys: (JWK & { kid: string })[] };

const jwksOf = async (app: App) =>
  (await app.inject({ url: '/api/auth/.well-known/jwks.json' })).json<Jwks>();
const kidOf = (token: string) => decodeProtectedHeader(token).kid;

describeBackends('signing keys on $name', (backend) => {
  describe('generated keys', () => {
    let auth: TestAuth;
    const clock = testClock();
    beforeAll(async () => {
      auth = await startAuth(backend, { now: clock.now });
    });
    afterAll(() => auth?.close());

    it('lets another service verify its tokens through the JWKS over HTTP', async () => {
      const address = await auth.app.listen({ host: '127.0.0.1', port: 0 });
      const verifier = createTokenVerifier(remoteJwks(`${address}/api/auth/.well-known/jwks.json`));
      const session = await register(auth.app, { displayName: 'Remote Verified' });
      const actor = await verifier.verify(session.accessToken);
      expect(actor).toEqual({
        id: session.user.id,
        kind: 'user',
        name: 'Remote Verified',
        email: session.user.email,
        sessionId: expect.any(String) as string,
        // The first account of this fresh install: its admin.
        admin: true,
      });
      const jwks = await fetch(`${address}/api/auth/.well-known/jwks.json`);
      expect(jwks.headers.get('cache-control')).toMatch(/max-age/);
      const keys = ((await jwks.json()) as Jwks).keys;
      expect(keys.map((k) => k.kid)).toContain(kidOf(session.accessToken));
      expect(keys.every((k) => k.d === undefined)).toBe(true);
    });

    it('keeps its key across a restart on the same database', async () => {
      const second = await buildApp({
        db: auth.database.db,
        rateLimiter: createMemoryRateLimiter(),
        turn: { secret: TURN_SECRET, urls: [], ttlSeconds: 60 },
        logLevel: false,
      });
      try {
        expect((await jwksOf(second)).keys).toEqual((await jwksOf(auth.app)).keys);
      } finally {
        await second.close();
      }
    });

    it('rotates: new tokens use the new key, old ones verify until the old key expires out of the JWKS', async () => {
      const before = await register(auth.app);
      const oldKid = kidOf(before.accessToken);
      const { kid: newKid } = await rotateSigningKey({ db: auth.database.db, now: clock.now });
      expect(newKid).not.toBe(oldKid);

      const after = await register(auth.app);
      expect(kidOf(after.accessToken)).toBe(newKid);
      const published = (await jwksOf(auth.app)).keys.map((k) => k.kid);
      expect(published).toEqual(expect.arrayContaining([oldKid, newKid]));
      const verifier = createTokenVerifier(createLocalJWKSet(await jwksOf(auth.app)));
      expect((await verifier.verify(before.accessToken)).id).toBe(before.user.id);
      expect((await verifier.verify(after.accessToken)).id).toBe(after.user.id);
      expect(
        (await auth.app.inject({ url: '/api/auth/me', headers: bearer(before.accessToken) }))
          .statusCode,
      ).toBe(200);

      // Guest tokens live longest (4 h): the retired key stays until then, and not after.
      clock.advance(4 * 3600 - 60);
      expect((await jwksOf(auth.app)).keys.map((k) => k.kid)).toContain(oldKid);
      clock.advance(61);
      const remaining = (await jwksOf(auth.app)).keys.map((k) => k.kid);
      expect(remaining).toEqual([newKid]);
      const fresh = createTokenVerifier(createLocalJWKSet(await jwksOf(auth.app)));
      await expect(fresh.verify(before.accessToken)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    });
  });

  describe('keys from JWT_SIGNING_KEYS', () => {
    let auth: TestAuth;
    let keys: (JWK & { kid: string; alg: string })[];
    beforeAll(async () => {
      const ed = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const ec = await generateKeyPair('ES256', { extractable: true });
      keys = [
        { ...(await exportJWK(ed.privateKey)), kid: 'primary-2024', alg: 'EdDSA' },
        { ...(await exportJWK(ec.privateKey)), kid: 'previous-2023', alg: 'ES256' },
      ];
      auth = await startAuth(backend, { signingKeys: keys });
    });
    afterAll(() => auth?.close());

    it('signs with the first key and publishes the public half of every key', async () => {
      const session = await register(auth.app);
      expect(kidOf(session.accessToken)).toBe('primary-2024');
      const jwks = await jwksOf(auth.app);
      expect(jwks.keys.map((k) => k.kid)).toEqual(['primary-2024', 'previous-2023']);
      expect(jwks.keys.map((k) => k.d)).toEqual([undefined, undefined]);
      const verifier = createTokenVerifier(createLocalJWKSet(jwks));
      expect((await verifier.verify(session.accessToken)).id).toBe(session.user.id);
    });

    it('accepts tokens signed by the other configured keys', async () => {
      const session = await register(auth.app);
      const previous = keys[1]!;
      const token = await new SignJWT({
        kind: 'user',
        name: 'Old Token',
        email: session.user.email,
      })
        .setProtectedHeader({ alg: 'ES256', kid: previous.kid })
        .setSubject(session.user.id)
        .setIssuer('gomeet')
        .setAudience('gomeet')
        .setExpirationTime('5m')
        .sign(await importJWK(previous, 'ES256'));
      const me = await auth.app.inject({ url: '/api/auth/me', headers: bearer(token) });
      expect(me.json<Session['user']>().id).toBe(session.user.id);
    });

    it('answers 404 for a valid token whose account no longer exists', async () => {
      const token = await new SignJWT({ kind: 'user', name: 'Ghost' })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'primary-2024' })
        .setSubject(randomUUID())
        .setIssuer('gomeet')
        .setAudience('gomeet')
        .setExpirationTime('5m')
        .sign(await importJWK(keys[0]!, 'EdDSA'));
      expectProblem(
        await auth.app.inject({ url: '/api/auth/me', headers: bearer(token) }),
        404,
        'account-not-found',
      );
    });

    it('refuses to start with a configured key that has no private part, naming the problem', async () => {
      const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const start = buildApp({
        db: auth.database.db,
        rateLimiter: createMemoryRateLimiter(),
        turn: { secret: TURN_SECRET, urls: [], ttlSeconds: 60 },
        signingKeys: [{ ...(await exportJWK(publicKey)), kid: 'public-only', alg: 'EdDSA' }],
        logLevel: false,
      });
      await expect(start).rejects.toThrow(
        'JWT_SIGNING_KEYS[0] is not a usable signing key: d: expected a private key (d)',
      );
    });

    it('refuses a token signed by a key it does not hold', async () => {
      const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const token = await new SignJWT({ kind: 'user', name: 'Forged' })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'primary-2024' })
        .setSubject(randomUUID())
        .setIssuer('gomeet')
        .setAudience('gomeet')
        .setExpirationTime('5m')
        .sign(stranger.privateKey);
      expectProblem(
        await auth.app.inject({ url: '/api/auth/me', headers: bearer(token) }),
        401,
        'unauthenticated',
      );
    });
  });
});
