import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  issueJoinToken,
  joinGrant,
  JOIN_TOKEN_TTL_SECONDS,
  REUSE_SECONDS,
  type JoinTokenSubject,
} from './issue-join-token.js';

const livekit = {
  url: 'ws://127.0.0.1:7880',
  apiKey: 'unit-key',
  apiSecret: 'unit-secret-unit-secret-unit-secret',
};
const verifier = new TokenVerifier(livekit.apiKey, livekit.apiSecret);

/** The same token made the SDK's way: what LiveKit servers have always been given. */
async function sdkToken(subject: JoinTokenSubject): Promise<string> {
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, {
    identity: subject.identity,
    name: subject.name,
    metadata: JSON.stringify({ role: subject.role, userId: subject.identity, name: subject.name }),
    ttl: JOIN_TOKEN_TTL_SECONDS,
  });
  token.addGrant(joinGrant(subject));
  return token.toJwt();
}

const subjects: Record<string, JoinTokenSubject> = {
  'a muted guest without screen sharing': {
    code: 'abc-defg-hij',
    identity: 'g_0123456789',
    name: 'Grace Guest',
    role: 'guest',
    allowScreenShare: false,
    micOff: true,
  },
  'a host in a meeting with every source allowed': {
    code: 'xyz-wxyz-xyz',
    identity: 'u_host',
    name: 'Hedy “Host” Ünïcode',
    role: 'host',
    allowScreenShare: true,
  },
};

describe('join tokens signed with node:crypto', () => {
  for (const [label, subject] of Object.entries(subjects)) {
    it(`carry the claims AccessToken writes, and LiveKit's TokenVerifier accepts them: ${label}`, async () => {
      const ours = await verifier.verify(issueJoinToken(livekit, subject));
      const theirs = await verifier.verify(await sdkToken(subject));
      const { exp, nbf, ...claims } = ours;
      const { exp: sdkExp, nbf: sdkNbf, ...sdkClaims } = theirs;
      expect(claims).toEqual(sdkClaims);
      expect(claims).toMatchObject({ iss: livekit.apiKey, sub: subject.identity });
      expect(claims.video).toMatchObject({ room: subject.code, roomJoin: true });
      expect(exp! - nbf!).toBe(JOIN_TOKEN_TTL_SECONDS);
      expect(Math.abs(exp! - sdkExp!)).toBeLessThanOrEqual(1);
      expect(Math.abs(nbf! - sdkNbf!)).toBeLessThanOrEqual(1);
    });
  }

  it('name the publishable sources the way LiveKit reads them (muted, no screen: camera only)', async () => {
    const claims = await verifier.verify(
      issueJoinToken(livekit, subjects['a muted guest without screen sharing']!),
    );
    expect(claims.video?.canPublishSources).toEqual(['camera']);
  });

  it('is refused under another secret or key', async () => {
    const token = issueJoinToken(
      livekit,
      subjects['a host in a meeting with every source allowed']!,
    );
    await expect(
      new TokenVerifier(livekit.apiKey, `${livekit.apiSecret}x`).verify(token),
    ).rejects.toThrow();
    await expect(new TokenVerifier('other-key', livekit.apiSecret).verify(token)).rejects.toThrow();
  });
});

describe('a re-join soon after', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const subject: JoinTokenSubject = {
    code: 'rej-oinn-ing',
    identity: 'u_rejoin',
    name: 'Rey Joiner',
    role: 'participant',
    allowScreenShare: true,
  };

  it('gets the token signed then, until REUSE_SECONDS have passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-05T12:00:00Z'));
    const first = issueJoinToken(livekit, subject);
    vi.setSystemTime(new Date(Date.now() + (REUSE_SECONDS - 1) * 1000));
    expect(issueJoinToken(livekit, subject)).toBe(first);
    vi.setSystemTime(new Date(Date.now() + 1000));
    const later = issueJoinToken(livekit, subject);
    expect(later).not.toBe(first);
    const claims = await verifier.verify(later);
    expect(claims.nbf).toBe(Math.floor(Date.now() / 1000));
  });

  it('gets a new token when anything in it changes: role, name, room, sources, key', async () => {
    const first = issueJoinToken(livekit, subject);
    const changed: JoinTokenSubject[] = [
      { ...subject, role: 'co-host' },
      { ...subject, name: 'Rey J.' },
      { ...subject, code: 'rej-oinn-inx' },
      { ...subject, allowScreenShare: false },
      { ...subject, micOff: true },
    ];
    for (const other of changed) {
      const token = issueJoinToken(livekit, other);
      expect(token).not.toBe(first);
      const claims = await verifier.verify(token);
      expect(claims.name).toBe(other.name);
      expect(claims.video?.room).toBe(other.code);
    }
    const otherKey = { ...livekit, apiKey: 'other-key' };
    await expect(
      new TokenVerifier('other-key', livekit.apiSecret).verify(issueJoinToken(otherKey, subject)),
    ).resolves.toMatchObject({ iss: 'other-key' });
    expect(issueJoinToken(livekit, subject)).toBe(first);
  });
});
