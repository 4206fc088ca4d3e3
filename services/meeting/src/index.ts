/** The meeting-service: meetings, roles, lobby, join tokens and host actions, as a Fastify plugin. */
export { buildApp, type BuildAppOptions } from './app.js';
export { meetingConfig, meetingEnv, turnFromEnv, type MeetingConfig } from './config.js';
export type { Ctx, LiveKitDeps, MeetingDeps, TurnDeps } from './deps.js';
export { admitFromLobby } from './join/admit-from-lobby.js';
export { JOIN_TOKEN_TTL_SECONDS } from './join/issue-join-token.js';
export {
  recordParticipantJoined,
  type ParticipantJoined,
} from './join/record-participant-joined.js';
export { recordParticipantLeft } from './join/record-participant-left.js';
export { promoteCoHost } from './meetings/promote-co-host.js';
export type { MeetingDatabase } from './meetings/tables.js';
export { meetingMigrations } from './migrations.js';
export { meetingRoutes } from './routes/meeting-routes.js';
