import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueTurnCredentials } from './turn.js';

describe('issueTurnCredentials', () => {
  it("follows coturn's REST-API scheme: expiry:user and base64 HMAC-SHA1", () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const creds = issueTurnCredentials('s3cret', 'user-1', ['turn:localhost:3478'], 3600, now);
    expect(creds.username).toBe(`${now.getTime() / 1000 + 3600}:user-1`);
    expect(creds.credential).toBe(
      createHmac('sha1', 's3cret').update(creds.username).digest('base64'),
    );
    expect(creds.ttl).toBe(3600);
    expect(creds.urls).toEqual(['turn:localhost:3478']);
  });
});
