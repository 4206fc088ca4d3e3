/** The chat-service: meeting chat, stored in PostgreSQL then published on the bus, as a Fastify plugin. */
export { buildApp, type BuildAppOptions } from './app.js';
export { chatConfig, chatEnv, chatLimitEnv, chatLimits, type ChatConfig } from './config.js';
export type { ChatDeps, Ctx, PastMembers } from './deps.js';
export { HISTORY_LIMIT } from './messages/list-messages.js';
export { MAX_TEXT_CHARS, MESSAGE_RATE, type MessageRate } from './messages/limits.js';
export type { ChatDatabase } from './messages/tables.js';
export { chatMigrations } from './migrations.js';
export { chatRoutes } from './routes/chat-routes.js';
