import type { Metrics } from '@gomeet/platform';
import type { Kysely } from 'kysely';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MeetingDatabase } from '../meetings/tables.js';
import { ACTIVE_STATES } from './migration.js';

/** Why a recording failed, as a bounded metric label. */
export type FailureKind = 'no-recorder' | 'unresponsive' | 'recorder' | 'cancelled';

/** The recording metrics on the process's shared registry. */
export interface RecordingMetrics {
  duration: Histogram;
  failures: Counter<'kind'>;
}

const registered = new WeakMap<Registry, RecordingMetrics>();

/**
 * Registers `gomeet_recordings_active` (counted in the database at each scrape, so every pod
 * reports the deployment's true number), `gomeet_recording_duration_seconds` and
 * `gomeet_recording_failures_total`, once per registry.
 */
export function recordingMetricsOf(
  metrics: Metrics | undefined,
  db: Kysely<MeetingDatabase>,
): RecordingMetrics {
  const registry = metrics?.registry ?? new Registry();
  const known = registered.get(registry);
  if (known) return known;
  new Gauge({
    name: 'gomeet_recordings_active',
    help: 'Recordings requested, starting, recording or stopping, across the deployment.',
    registers: [registry],
    async collect() {
      // A database that does not answer keeps the last count rather than failing the scrape.
      const row = await db
        .selectFrom('meeting_recordings')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('state', 'in', ACTIVE_STATES)
        .executeTakeFirst()
        .catch(() => undefined);
      if (row) this.set(Number(row.n));
    },
  });
  const created: RecordingMetrics = {
    duration: new Histogram({
      name: 'gomeet_recording_duration_seconds',
      help: 'Length of finished recordings, in seconds.',
      buckets: [60, 300, 900, 1800, 3600, 7200, 14_400],
      registers: [registry],
    }),
    failures: new Counter({
      name: 'gomeet_recording_failures_total',
      help: 'Recordings that failed, by kind: no-recorder, unresponsive, recorder, cancelled.',
      labelNames: ['kind'],
      registers: [registry],
    }),
  };
  registered.set(registry, created);
  return created;
}
