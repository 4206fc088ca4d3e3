import { createHmac, randomUUID } from 'node:crypto';
import { safeUrl } from '@gomeet/platform';
import type { Recording } from '@gomeet/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { RecordingWebhook } from './recording-deps.js';

/** The events POSTed to RECORDING_WEBHOOK_URL (docs/RECORDING.md documents the payload). */
export type RecordingWebhookType =
  'recording.started' | 'recording.stopped' | 'recording.ready' | 'recording.failed';

/** The JSON body of one webhook delivery. */
export interface RecordingWebhookPayload {
  /** Unique per event: receivers deduplicate retries by it. */
  id: string;
  type: RecordingWebhookType;
  createdAt: string;
  recording: Recording;
}

/** The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'x-gomeet-signature';

/** Signs `body` at `timestamp` (seconds) the way receivers verify it. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** Sends webhook events in the background; `close` abandons deliveries still retrying. */
export interface WebhookSender {
  send(type: RecordingWebhookType, recording: Recording): void;
  close(): void;
}

/** Delivery attempts per event, the wait before each retry, and one attempt's time limit. */
const ATTEMPTS = 4;
const BACKOFF_MS = [1_000, 4_000, 15_000];
const ATTEMPT_TIMEOUT_MS = 5_000;

/**
 * Posts each event to the webhook URL, retrying a failed delivery (network error or a non-2xx
 * answer) up to {@link ATTEMPTS} times with growing waits. Never awaited by the caller: a slow
 * or dead receiver cannot hold up a request or a state change.
 */
export function createWebhookSender(
  webhook: RecordingWebhook,
  log: FastifyBaseLogger,
  retryDelaysMs: readonly number[] = BACKOFF_MS,
): WebhookSender {
  const stop = new AbortController();
  const deliver = async (payload: RecordingWebhookPayload) => {
    const body = JSON.stringify(payload);
    for (let attempt = 1; attempt <= ATTEMPTS && !stop.signal.aborted; attempt++) {
      const timestamp = Math.floor(Date.now() / 1000);
      try {
        const res = await fetch(webhook.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [SIGNATURE_HEADER]: signWebhook(webhook.secret, timestamp, body),
          },
          body,
          signal: AbortSignal.any([stop.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
        });
        await res.body?.cancel();
        if (res.ok) return;
        log.warn({ status: res.status, attempt, type: payload.type }, 'recording webhook refused');
      } catch (err) {
        if (stop.signal.aborted) return;
        log.warn({ err, attempt, type: payload.type }, 'recording webhook not delivered');
      }
      const wait = retryDelaysMs[attempt - 1];
      if (wait === undefined || attempt === ATTEMPTS) break;
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
    }
    if (!stop.signal.aborted)
      log.error(
        { url: safeUrl(webhook.url), id: payload.id, type: payload.type },
        'recording webhook given up',
      );
  };
  return {
    send(type, recording) {
      const payload = { id: randomUUID(), type, createdAt: new Date().toISOString(), recording };
      void deliver(payload);
    },
    close: () => stop.abort(),
  };
}
