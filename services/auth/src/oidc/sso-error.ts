/** Why a single sign-on attempt stopped; the web app shows the message as it is. */
export type SsoErrorType =
  | 'sso-unknown-provider'
  | 'sso-provider-unreachable'
  | 'sso-issuer-mismatch'
  | 'sso-state-invalid'
  | 'sso-provider-refused'
  | 'sso-code-rejected'
  | 'sso-token-invalid'
  | 'sso-email-unverified'
  | 'sso-account-unavailable';

/**
 * A single sign-on step that failed for a reason the person (or the operator) can act on. The
 * callback turns it into a redirect to the web app with `type` and `message`, never a 5xx page.
 */
export class SsoError extends Error {
  constructor(
    readonly type: SsoErrorType,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'SsoError';
  }
}
