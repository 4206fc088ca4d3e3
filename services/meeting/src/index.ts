/** The meeting-service: meetings, roles, lobby, join tokens and host actions, as a Fastify plugin. */
export { buildApp, type BuildAppOptions } from './app.js';
export {
  meetingConfig,
  meetingEnv,
  passcodeLimitEnv,
  passcodeLimits,
  turnFromEnv,
  type MeetingConfig,
} from './config.js';
export type { Ctx, EventCtx, LiveKitDeps, MeetingDeps, RoomService, TurnDeps } from './deps.js';
export { admitAllFromLobby, admitFromLobby } from './lobby/admit-from-lobby.js';
export { denyAllFromLobby, denyFromLobby } from './lobby/deny-from-lobby.js';
export { handleLiveKitEvent } from './webhooks/handle-livekit-event.js';
export { JOIN_TOKEN_TTL_SECONDS, REUSE_SECONDS } from './join/issue-join-token.js';
export {
  recordParticipantJoined,
  type ParticipantJoined,
} from './join/record-participant-joined.js';
export { recordParticipantLeft, type ParticipantLeft } from './join/record-participant-left.js';
export { promoteCoHost } from './meetings/promote-co-host.js';
export type { MeetingDatabase } from './meetings/tables.js';
export { meetingMigrations } from './migrations.js';
export { wasMemberOfEndedMeeting } from './attendance/was-member.js';
export { meetingRoutes } from './routes/meeting-routes.js';
export { connectivityRoutes } from './connectivity/connectivity-routes.js';
export { checkRecordingEnv, recordingEnv, recordingSettings } from './recordings/recording-env.js';
export { recordingFileRoutes, RECORDING_FILES_PATH } from './routes/recording-file-route.js';
export {
  DEFAULT_RECORDING_TIMING,
  type RecordingDeps,
  type RecordingFiles,
  type RecordingTiming,
  type RecordingWebhook,
} from './recordings/recording-deps.js';
export {
  signWebhook,
  SIGNATURE_HEADER,
  type RecordingWebhookPayload,
} from './recordings/webhooks.js';
