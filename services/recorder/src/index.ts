export { startRecorder, type Recorder, type RecorderOptions } from './recorder.js';
export { findFfmpeg } from './ffmpeg.js';
export type { RecorderLogger } from './messages.js';
