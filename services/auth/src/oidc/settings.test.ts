import { parseConfig } from '@gomeet/platform';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { authOidc, checkOidcEnv, oidcEnv } from './settings.js';

const schema = z.object(oidcEnv).superRefine(checkOidcEnv);
const provider = {
  id: 'acme',
  name: 'Acme ID',
  issuer: 'https://id.acme.example',
  clientId: 'gomeet',
  clientSecret: 's3cret-value',
};

describe('single sign-on settings', () => {
  it('reads providers from OIDC_PROVIDERS and keeps passwords on by default', () => {
    const env = parseConfig(schema, { OIDC_PROVIDERS: JSON.stringify([provider]) });
    expect(authOidc(env, 'https://meet.example/')).toEqual({
      providers: [provider],
      passwordLogin: true,
      publicUrl: 'https://meet.example',
    });
    expect(parseConfig(schema, {}).OIDC_PROVIDERS).toEqual([]);
  });

  it('names the variable without echoing a value that may hold secrets', () => {
    const broken = `[{"id":"acme","clientSecret":"s3cret-value"`;
    expect(() => parseConfig(schema, { OIDC_PROVIDERS: broken })).toThrow(
      /OIDC_PROVIDERS: expected a JSON array/,
    );
    let message = '';
    try {
      parseConfig(schema, { OIDC_PROVIDERS: broken });
    } catch (error) {
      message = String(error);
    }
    expect(message).not.toContain('s3cret-value');
  });

  it('refuses a bad provider id, a repeated id and SSO only without providers', () => {
    expect(() =>
      parseConfig(schema, { OIDC_PROVIDERS: JSON.stringify([{ ...provider, id: 'Acme ID' }]) }),
    ).toThrow(/OIDC_PROVIDERS\.0\.id: expected lower-case letters, digits and dashes/);
    expect(() =>
      parseConfig(schema, { OIDC_PROVIDERS: JSON.stringify([provider, provider]) }),
    ).toThrow(/expected each provider id once/);
    expect(() => parseConfig(schema, { AUTH_PASSWORD_LOGIN: 'false' })).toThrow(
      /AUTH_PASSWORD_LOGIN: false \(SSO only\) needs at least one provider/,
    );
    expect(() => parseConfig(schema, { AUTH_PASSWORD_LOGIN: 'no' })).toThrow(
      /AUTH_PASSWORD_LOGIN: expected true or false/,
    );
  });
});
