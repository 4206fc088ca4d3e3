export { buildApp, type BuildAppOptions } from './app.js';
export { signalingConfig, signalingEnv, type SignalingConfig } from './config.js';
export type { SignalingDeps } from './deps.js';
export { signalingMigrations } from './migrations.js';
export { MAX_FRAME_BYTES, signalingRoutes } from './routes/socket.js';
export { webhookRoutes, type WebhookDeps } from './routes/webhook.js';
export {
  LIVEKIT_EVENTS_TOPIC,
  recordEvent,
  toLiveKitEvent,
  type LiveKitEvent,
} from './webhooks/record-event.js';
