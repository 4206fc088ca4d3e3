import type { App } from '@gomeet/platform';
import type { ReceivedMail } from '@gomeet/testing/smtp-inbox';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/** The token in the first link of a mail that opens `page` of the web app. */
export function linkToken(mail: ReceivedMail, page: string): string {
  const link = new RegExp(`https?://\\S+${page}\\?token=([\\w-]+)`).exec(mail.text);
  expect(link, mail.text).not.toBeNull();
  return link![1]!;
}

/** POSTs JSON to an auth route. */
export function post(
  app: App,
  path: string,
  payload?: object,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: `/api/auth${path}`, payload, headers });
}

export const NEW_PASSWORD = 'a brand new passphrase';
