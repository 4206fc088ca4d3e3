// `@gomeet/platform/helpers`: the dependency-free helpers, for the ops CLI, which should not
// load Fastify, pg and Redis clients just to time out a promise.
export * from './find-binary.js';
export * from './safe-url.js';
export * from './timeout.js';
