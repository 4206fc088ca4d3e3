import { createTestTokens } from '@gomeet/testing';
import { describe, expect, it } from 'vitest';
import { AppError } from '../src/index.js';

describe('token verifier', () => {
  it('turns a valid token into its actor, the same on a second (cached) verification', async () => {
    const tokens = await createTestTokens();
    const token = await tokens.issue({
      id: 'guest:1',
      kind: 'guest',
      name: 'Gus',
      meeting: 'abc-defg-hij',
    });
    const first = await tokens.verifier.verify(token);
    expect(first).toEqual({
      id: 'guest:1',
      kind: 'guest',
      name: 'Gus',
      email: expect.any(String) as string,
      meeting: 'abc-defg-hij',
    });
    expect(await tokens.verifier.verify(token)).toEqual(first);
  });

  it('refuses an expired token with a token-expired problem, and a tampered one', async () => {
    const tokens = await createTestTokens();
    const expired = await tokens.issue({}, '-1s');
    await expect(tokens.verifier.verify(expired)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      type: 'token-expired',
    });
    const valid = await tokens.issue();
    const [h, p, sig] = valid.split('.');
    const tampered = `${h}.${p}x.${sig}`;
    await expect(tokens.verifier.verify(tampered)).rejects.toBeInstanceOf(AppError);
  });

  it('refuses a token signed by a key it does not know', async () => {
    const ours = await createTestTokens();
    const theirs = await createTestTokens();
    await expect(ours.verifier.verify(await theirs.issue())).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});
