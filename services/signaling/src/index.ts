export { signalingMigrations } from './migrations.js';
export { webhookRoutes, type WebhookDeps } from './routes/webhook.js';
export {
  LIVEKIT_EVENTS_TOPIC,
  recordEvent,
  toLiveKitEvent,
  type LiveKitEvent,
} from './webhooks/record-event.js';
