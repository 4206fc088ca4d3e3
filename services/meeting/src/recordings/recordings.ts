import { AppError, type Bus } from '@gomeet/platform';
import { RECORDING_JOBS_TOPIC, type RecordingJob } from '@gomeet/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { MeetingDeps } from '../deps.js';
import type { MeetingDatabase } from '../meetings/tables.js';
import { recordingMetricsOf, type RecordingMetrics } from './metrics.js';
import {
  DEFAULT_RECORDING_TIMING,
  type RecordingDeps,
  type RecordingTiming,
} from './recording-deps.js';
import { createWebhookSender, type WebhookSender } from './webhooks.js';

/** What recording verbs and bus handlers share: one per meeting-service plugin. */
export interface Recordings {
  db: Kysely<MeetingDatabase>;
  bus: Bus;
  log: FastifyBaseLogger;
  now: () => Date;
  /** Undefined when this deployment has no recording storage configured. */
  deps: RecordingDeps | undefined;
  timing: RecordingTiming;
  metrics: RecordingMetrics;
  webhooks: WebhookSender | undefined;
}

/** Builds the plugin's recording context from the meeting service's dependencies. */
export function createRecordings(deps: MeetingDeps, log: FastifyBaseLogger): Recordings {
  const db = deps.db as Kysely<MeetingDatabase>;
  const webhook = deps.recordings?.webhook;
  return {
    db,
    bus: deps.bus,
    log,
    now: deps.now ?? (() => new Date()),
    deps: deps.recordings,
    timing: { ...DEFAULT_RECORDING_TIMING, ...deps.recordings?.timing },
    metrics: recordingMetricsOf(deps.metrics, db),
    webhooks: webhook ? createWebhookSender(webhook, log) : undefined,
  };
}

/**
 * The configured recording dependencies, or 409 saying why recording is off: a setting of this
 * server, not an outage a retry would outlast (and the API answers no 5xx for a client's call).
 */
export function requireRecorder(recordings: Recordings): RecordingDeps {
  const deps = recordings.deps;
  const reason = deps
    ? deps.unavailableReason
    : 'no recording storage is configured (see docs/RECORDING.md)';
  if (deps && reason === undefined) return deps;
  throw new AppError('CONFLICT', `Recording is not available on this server: ${reason}.`, {
    type: 'recording-unavailable',
  });
}

/** Publishes a job for recorders. */
export async function publishJob(recordings: Recordings, job: RecordingJob): Promise<void> {
  await recordings.bus.publish(RECORDING_JOBS_TOPIC, job);
}
