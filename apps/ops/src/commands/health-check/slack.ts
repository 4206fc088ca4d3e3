import { oneLine } from './report.js';

/**
 * Posts `text` to a Slack incoming webhook. Resolves to an error message instead of throwing,
 * since a failed notification must not fail the health check; the URL (a secret) is never in it.
 */
export async function postToSlack(
  fetchFn: typeof fetch,
  webhook: string,
  text: string,
  timeoutMs: number,
): Promise<string | undefined> {
  try {
    const response = await fetchFn(webhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok ? undefined : `Slack answered HTTP ${response.status}`;
  } catch (error) {
    return `Slack unreachable: ${oneLine(error).replaceAll(webhook, '<webhook>')}`;
  }
}
