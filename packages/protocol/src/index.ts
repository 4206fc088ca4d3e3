/** Browser-safe schemas of GoMeet's HTTP bodies and socket messages, shared by services and the web app. */
export * from './auth.js';
export * from './meeting.js';
export * from './realtime.js';
export * from './recording.js';
export * from './stage.js';
export * from './polls.js';
export * from './breakouts.js';
export * from './connectivity.js';
export * from './attendance.js';
export * from './recurrence.js';
export * from './admin.js';
export * from './sso.js';
