import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import {
  issueJoinToken,
  joinGrant,
  JOIN_TOKEN_TTL_SECONDS,
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
