export * from './databases.js';
export * from './servers.js';
export * from './netns.js';
export * from './tokens.js';
export { freePort } from '@gomeet/platform';
export * from './kube-cluster.js';
export * from './http.js';
export * from './s3.js';
export * from './wait.js';
