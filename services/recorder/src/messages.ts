import type { RecordingStatus } from '@gomeet/protocol';
import type { BaseLogger } from 'pino';

/** The logging the recorder does; a pino logger or a Fastify request's logger both fit. */
export type RecorderLogger = Pick<BaseLogger, 'debug' | 'info' | 'warn' | 'error'>;

type StateMessage = Extract<RecordingStatus, { type: 'recording.state' }>;

/** A `recording.state` without what the recorder fills in (type, recording id, owner). */
export type StateReport = Omit<StateMessage, 'type' | 'recordingId' | 'owner'>;
