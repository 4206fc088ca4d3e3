import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInProcessBus, openRecordingStorage } from '@gomeet/platform';
import { startRecorder } from '@gomeet/recorder';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { standInMeetingService } from './media/stand-in.js';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'gomeet-recorder-bus-'));
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function recorderOnBus(spoolDir = tempDir(), maxJobs = 1) {
  const bus = createInProcessBus();
  const storageDir = tempDir();
  const storage = openRecordingStorage({
    kind: 'local',
    dir: storageDir,
    secret: 's',
    basePath: '/r',
  });
  // The stand-in listens before the recorder starts: salvage reports during start-up.
  const meeting = await standInMeetingService(bus);
  const recorder = await startRecorder({
    bus,
    // Nothing listens there: these tests never get as far as joining a room.
    livekitUrl: 'ws://127.0.0.1:9',
    apiKey: 'key',
    apiSecret: 'secret-of-the-bus-tests',
    storage,
    spoolDir,
    ffmpegPath: '/nonexistent/ffmpeg',
    maxJobs,
    owner: 'recorder-a',
    logger: pino({ level: 'silent' }),
  });
  closers.push(() => recorder.close());
  return { bus, meeting, storageDir, spoolDir };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('recorder on the bus (in-process bus, local storage)', () => {
  it('claims while it has room, and not beyond RECORDER_MAX_JOBS', async () => {
    const { bus, meeting } = await recorderOnBus(undefined, 1);
    // Claims this recorder makes are not assigned: the stand-in sees them, nobody answers.
    const claims = () => meeting.seen.filter((m) => m.type === 'recording.claim');
    await bus.publish('recordings:jobs', {
      type: 'recording.requested',
      recordingId: 'rec1',
      meetingCode: 'abc-defg-hij',
      roomName: 'abc-defg-hij',
      audioOnly: false,
    });
    await bus.publish('recordings:jobs', {
      type: 'recording.requested',
      recordingId: 'rec2',
      meetingCode: 'abc-defg-hij',
      roomName: 'abc-defg-hij',
      audioOnly: false,
    });
    await settle();
    expect(claims()).toEqual([
      { type: 'recording.claim', recordingId: 'rec1', owner: 'recorder-a' },
    ]);
  });

  it('forgets a claim assigned to another recorder and claims the next request', async () => {
    const { bus, meeting } = await recorderOnBus(undefined, 1);
    const request = (recordingId: string) =>
      bus.publish('recordings:jobs', {
        type: 'recording.requested',
        recordingId,
        meetingCode: 'abc-defg-hij',
        roomName: 'abc-defg-hij',
        audioOnly: true,
      });
    await request('rec1');
    await bus.publish('recordings:jobs', {
      type: 'recording.assigned',
      recordingId: 'rec1',
      owner: 'recorder-b',
    });
    await bus.publish('recordings:jobs', { type: 'not-a-job' });
    await request('rec2');
    await settle();
    expect(
      meeting.seen.filter((m) => m.type === 'recording.claim').map((m) => m.recordingId),
    ).toEqual(['rec1', 'rec2']);
    // rec1 went to recorder-b, so this recorder never runs it; rec2 the stand-in assigns here,
    // and how far that job gets (no LiveKit listens) is not this test's business.
    expect(
      meeting.seen.filter((m) => m.type === 'recording.state' && m.recordingId === 'rec1'),
    ).toEqual([]);
  });

  it('uploads spool files a killed run left and reports them failed with partial: true', async () => {
    const spoolDir = tempDir();
    const media = randomBytes(5000);
    writeFileSync(path.join(spoolDir, 'rec-cut.mp4'), media);
    writeFileSync(
      path.join(spoolDir, 'rec-cut.json'),
      JSON.stringify({
        recordingId: 'rec-cut',
        meetingCode: 'abc-defg-hij',
        audioOnly: false,
        startedAt: '2026-12-05T06:00:00Z',
      }),
    );
    writeFileSync(
      path.join(spoolDir, 'rec-empty.json'),
      JSON.stringify({
        recordingId: 'rec-empty',
        meetingCode: 'abc-defg-hij',
        audioOnly: true,
        startedAt: '2026-12-05T06:00:00Z',
      }),
    );
    writeFileSync(path.join(spoolDir, 'junk.json'), '{not json');
    const { meeting, storageDir } = await recorderOnBus(spoolDir);
    const cut = await meeting.waitForState('rec-cut', () => true, 5_000);
    expect(cut).toEqual({
      type: 'recording.state',
      recordingId: 'rec-cut',
      owner: 'recorder-a',
      state: 'failed',
      reason: 'the recorder stopped during the recording; the part recorded before is kept',
      objectKey: 'recordings/abc-defg-hij/rec-cut.mp4',
      bytes: 5000,
      partial: true,
    });
    expect(
      readFileSync(path.join(storageDir, 'recordings/abc-defg-hij/rec-cut.mp4')).equals(media),
    ).toBe(true);
    const empty = await meeting.waitForState('rec-empty', () => true, 5_000);
    expect(empty).toMatchObject({
      state: 'failed',
      reason: 'the recorder stopped before anything was recorded',
    });
    expect(empty.partial).toBeUndefined();
    // What it could not read stays for a person to look at.
    expect(readdirSync(spoolDir)).toEqual(['junk.json']);
  });
});
