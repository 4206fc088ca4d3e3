import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createMetrics,
  LIVEKIT_EVENTS_TOPIC,
  openRecordingStorage,
  roster,
  type Metrics,
  type RecordingStorage,
} from '@gomeet/platform';
import type { JoinResult, Recording, RecordingWithDownload } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, afterEach, beforeAll, expect, inject, it } from 'vitest';
import { buildApp, RECORDING_FILES_PATH, SIGNATURE_HEADER, signWebhook } from '../src/index.js';
import { expectProblem, liveMeeting, poll, startHarness, type Harness } from './harness.js';
import { startRecorderStandIn } from './recorder-stand-in.js';

const HEARTBEAT_MS = 200;

/** A webhook receiver on loopback: answers the first `failFirst` deliveries 500. */
async function startWebhookReceiver(failFirst: number) {
  const received: { body: string; signature: string }[] = [];
  let failures = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (failures++ < failFirst) return void res.writeHead(500).end();
      received.push({ body, signature: String(req.headers[SIGNATURE_HEADER]) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    types: () => received.map((r) => (JSON.parse(r.body) as { type: string }).type),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describeBackends('recordings on $name', (backend) => {
  let h: Harness;
  let dir: string;
  let storage: RecordingStorage;
  let metrics: Metrics;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let recorder: Awaited<ReturnType<typeof startRecorderStandIn>> | undefined;
  const secret = 'webhook-secret-for-tests';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gomeet-recordings-'));
    storage = openRecordingStorage({
      kind: 'local',
      dir: path.join(dir, 'store'),
      secret: 'local-download-signing-secret',
      basePath: RECORDING_FILES_PATH,
    });
    metrics = createMetrics();
    hooks = await startWebhookReceiver(1);
    h = await startHarness(backend, inject('redisUrl'), {
      metrics,
      recordings: {
        storage,
        retentionDays: 30,
        webhook: { url: hooks.url, secret },
        downloadTtlSeconds: 60,
        timing: {
          claimTimeoutMs: 1_500,
          heartbeatTimeoutMs: 1_500,
          sweepIntervalMs: 100,
          retentionIntervalMs: 200,
        },
      },
    });
  });
  afterEach(async () => {
    await recorder?.stop();
    recorder = undefined;
  });
  afterAll(async () => {
    await h?.close();
    await hooks?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const standIn = async (owner = `stand-in-${crypto.randomUUID()}`) => {
    recorder = await startRecorderStandIn(h.bus, {
      owner,
      storage,
      dir,
      heartbeatMs: HEARTBEAT_MS,
    });
    return recorder;
  };
  const start = (code: string, token: string, body: object = {}) =>
    h.call('POST', `/api/meetings/${code}/recordings`, token, body);
  const getOne = (code: string, id: string, token: string) =>
    h.call('GET', `/api/meetings/${code}/recordings/${id}`, token);
  const stateOf = async (code: string, id: string, token: string) =>
    (await getOne(code, id, token)).json<Recording>().state;

  it('records from start to a downloadable file, telling everyone, refusing participants (bus stand-in recorder)', async () => {
    const rec = await standIn();
    const { host, meeting, people } = await liveMeeting(h, 1);
    const guestish = people[0];
    if (!guestish) throw new Error('one participant');
    const events = await h.record(meeting.code);

    expectProblem(await start(meeting.code, guestish.token), 403, 'not-host');
    const res = await start(meeting.code, host.token);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<Recording>();
    expect(created).toMatchObject({ state: 'requested', audioOnly: false, downloadable: false });
    expect(created.requestedBy.name).toBe('Hedy Host');

    await poll(() => rec.assigned.has(created.id)).toBe(true);
    expect(await stateOf(meeting.code, created.id, host.token)).toBe('starting');
    await rec.report(created.id, 'recording');
    await poll(() => events.of('recording.started').length).toBe(1);
    expect(events.of('recording.started')[0]).toEqual({
      audience: 'all',
      message: { type: 'recording.started', id: created.id, audioOnly: false },
    });
    const joined = (await h.join(meeting.code, guestish.token)).json<JoinResult>();
    expect(joined).toMatchObject({ status: 'joined', recording: true });
    expect(await metrics.registry.getSingleMetricAsString('gomeet_recordings_active')).toMatch(
      /gomeet_recordings_active 1$/m,
    );

    const again = await start(meeting.code, host.token);
    expectProblem(again, 409, 'already-recording');
    expect(again.json<{ detail: string }>().detail).toMatch(/already being recorded/);

    const stop = await h.call(
      'POST',
      `/api/meetings/${meeting.code}/recordings/${created.id}/stop`,
      host.token,
    );
    expect(stop.statusCode, stop.body).toBe(200);
    expect(stop.json<Recording>().state).toBe('stopping');
    await poll(() => rec.stops).toContain(created.id);
    await poll(() => events.of('recording.stopped').length).toBe(1);
    await rec.report(created.id, 'stopping');
    await rec.report(created.id, 'uploading');
    const { content } = await rec.finish(created.id, meeting.code);
    await poll(() => events.of('recording.ready').length).toBe(1);
    expect((await h.join(meeting.code, guestish.token)).json()).toMatchObject({ recording: false });

    expectProblem(await getOne(meeting.code, created.id, guestish.token), 403, 'not-host');
    const one = await getOne(meeting.code, created.id, host.token);
    expect(one.statusCode, one.body).toBe(200);
    const ready = one.json<RecordingWithDownload>();
    expect(ready).toMatchObject({
      state: 'ready',
      downloadable: true,
      durationSeconds: 10,
      bytes: content.length,
    });
    expect(ready.downloadUrl).toMatch(new RegExp(`^${RECORDING_FILES_PATH}/`));
    const file = await h.app.inject({ url: ready.downloadUrl ?? '' });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('video/mp4');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="gomeet-/);
    expect(file.body).toBe(content);
    const forged = (ready.downloadUrl ?? '').replace(/sig=[^&]+/, 'sig=AAAA');
    expectProblem(await h.app.inject({ url: forged }), 403, 'download-link-invalid');
    const expired = (ready.downloadUrl ?? '').replace(/expires=\d+/, 'expires=1000');
    expectProblem(await h.app.inject({ url: expired }), 410, 'download-link-expired');

    const list = await h.call('GET', `/api/meetings/${meeting.code}/recordings`, host.token);
    expect(list.json<{ recordings: Recording[] }>().recordings.map((r) => r.id)).toEqual([
      created.id,
    ]);
    expectProblem(
      await h.call('GET', `/api/meetings/${meeting.code}/recordings`, guestish.token),
      403,
    );
    await events.stop();
  });

  it('answers 409 with the reason when this server cannot record', async () => {
    // Another meeting-service on the same database, without recording storage.
    const { recordings: _storage, ...without } = h.deps;
    const plain = buildApp({ ...without, logLevel: false });
    try {
      const { host, meeting } = await liveMeeting(h, 0);
      const res = await plain.inject({
        method: 'POST',
        url: `/api/meetings/${meeting.code}/recordings`,
        headers: { authorization: `Bearer ${host.token}` },
        payload: {},
      });
      expectProblem(res, 409, 'recording-unavailable');
      expect(res.json<{ detail: string }>().detail).toMatch(/no recording storage is configured/);
    } finally {
      await plain.close();
    }
  });

  it('fails a recording no recorder claims within the timeout, and says so to everyone', async () => {
    const { host, meeting } = await liveMeeting(h, 0);
    const events = await h.record(meeting.code);
    const created = (await start(meeting.code, host.token, { audioOnly: true })).json<Recording>();
    await poll(() => events.of('recording.failed').length).toBe(1);
    expect(events.of('recording.failed')[0]?.message).toEqual({
      type: 'recording.failed',
      id: created.id,
      reason: expect.stringMatching(/^No recorder is available/) as string,
    });
    const failed = (
      await getOne(meeting.code, created.id, host.token)
    ).json<RecordingWithDownload>();
    expect(failed).toMatchObject({ state: 'failed', downloadable: false, downloadUrl: null });
    expect(
      await metrics.registry.getSingleMetricAsString('gomeet_recording_failures_total'),
    ).toMatch(/kind="no-recorder"} [1-9]/);
    // The meeting may be recorded again once the failed one is out of the way.
    expect((await start(meeting.code, host.token)).statusCode).toBe(201);
    await events.stop();
  });

  it('fails a recording whose recorder goes silent, then keeps the partial file it salvages (bus stand-in recorder)', async () => {
    const rec = await standIn();
    const { host, meeting } = await liveMeeting(h, 0);
    const created = (await start(meeting.code, host.token)).json<Recording>();
    await poll(() => rec.assigned.has(created.id)).toBe(true);
    await rec.report(created.id, 'recording');
    await poll(() => stateOf(meeting.code, created.id, host.token)).toBe('recording');
    rec.silence();
    await poll(() => stateOf(meeting.code, created.id, host.token)).toBe('failed');
    const failed = (await getOne(meeting.code, created.id, host.token)).json<Recording>();
    expect(failed.failureReason).toMatch(/stopped responding/);
    // A restarted recorder uploads what the dead one left and reports it.
    await rec.say({
      type: 'recording.state',
      recordingId: created.id,
      owner: 'a-restarted-recorder',
      state: 'failed',
      reason: 'The recorder was killed mid-recording.',
      objectKey: `recordings/${meeting.code}/${created.id}.mp4`,
      bytes: 1234,
      partial: true,
    });
    // The salvaged file joins the failed row, which keeps its own reason.
    await poll(async () =>
      (await getOne(meeting.code, created.id, host.token)).json<Recording>(),
    ).toMatchObject({
      state: 'failed',
      partial: true,
      downloadable: true,
      bytes: 1234,
      failureReason: expect.stringMatching(/stopped responding/) as string,
    });
  });

  it('applies recorder reports idempotently and in any order; the first claim wins (bus stand-in recorder)', async () => {
    const rec = await standIn('first');
    const { host, meeting } = await liveMeeting(h, 0);
    const events = await h.record(meeting.code);
    const created = (await start(meeting.code, host.token)).json<Recording>();
    await poll(() => rec.assigned.has(created.id)).toBe(true);
    await rec.say({ type: 'recording.claim', recordingId: created.id, owner: 'second' });
    await rec.say({
      type: 'recording.state',
      recordingId: created.id,
      owner: 'second',
      state: 'recording',
    });
    await rec.report(created.id, 'uploading');
    await rec.report(created.id, 'recording');
    await rec.report(created.id, 'uploading');
    await poll(() => stateOf(meeting.code, created.id, host.token)).toBe('uploading');
    // The event goes out after the row is written (announceTransition), so the state can be
    // read before it is published: wait for it, then for anything else still on its way.
    await poll(() => events.of('recording.stopped').length).toBe(1);
    await events.settled();
    expect(events.events.map((e) => e.message.type)).toEqual(['recording.stopped']);
  });

  it('posts signed webhooks for started, stopped, ready and failed, retrying a refused delivery', async () => {
    const before = hooks.received.length;
    const rec = await standIn();
    const { host, meeting } = await liveMeeting(h, 0);
    const created = (await start(meeting.code, host.token)).json<Recording>();
    await poll(() => rec.assigned.has(created.id)).toBe(true);
    await rec.report(created.id, 'recording');
    await poll(() => stateOf(meeting.code, created.id, host.token)).toBe('recording');
    await h.call('POST', `/api/meetings/${meeting.code}/recordings/${created.id}/stop`, host.token);
    await rec.finish(created.id, meeting.code);
    const mine = () =>
      hooks.received
        .slice(before)
        .map((r) => ({
          ...r,
          payload: JSON.parse(r.body) as { type: string; recording: Recording },
        }))
        .filter((r) => r.payload.recording.id === created.id);
    await poll(() =>
      mine()
        .map((r) => r.payload.type)
        .sort(),
    ).toEqual(['recording.ready', 'recording.started', 'recording.stopped']);
    for (const r of mine()) {
      const t = Number(/t=(\d+)/.exec(r.signature)?.[1]);
      expect(r.signature).toBe(signWebhook(secret, t, r.body));
    }
    expect(hooks.types()).toContain('recording.failed');
  });

  it('lets the host delete a finished recording, not a co-host; retention deletes old files (bus stand-in recorder)', async () => {
    const rec = await standIn();
    const { host, meeting, people } = await liveMeeting(h, 1);
    const cohost = people[0];
    if (!cohost) throw new Error('one participant');
    await h.act(meeting.code, host.token, `participants/${cohost.actor.id}/role`, {
      role: 'co-host',
    });
    const made: string[] = [];
    for (let i = 0; i < 2; i++) {
      const created = (await start(meeting.code, cohost.token)).json<Recording>();
      expect(created.state).toBe('requested');
      await poll(() => rec.assigned.has(created.id)).toBe(true);
      await rec.report(created.id, 'recording');
      await h.call(
        'POST',
        `/api/meetings/${meeting.code}/recordings/${created.id}/stop`,
        cohost.token,
      );
      const { key } = await rec.finish(created.id, meeting.code);
      made.push(key);
      await poll(() => stateOf(meeting.code, created.id, host.token)).toBe('ready');
    }
    const [first, second] = made.map((key) => key.split('/')[2]?.replace('.mp4', '') ?? '');
    const del = (id: string, token: string) =>
      h.call('DELETE', `/api/meetings/${meeting.code}/recordings/${id}`, token);
    expectProblem(await del(first ?? '', cohost.token), 403, 'not-host');
    expect((await del(first ?? '', host.token)).statusCode).toBe(204);
    expect(await storage.stat(made[0] ?? '')).toBeUndefined();
    expectProblem(await getOne(meeting.code, first ?? '', host.token), 404, 'recording-not-found');

    // 31 days later (RECORDING_RETENTION_DAYS is 30 here) retention removes the other one.
    await h.db
      .updateTable('meeting_recordings')
      .set({ ended_at: new Date(Date.now() - 31 * 86_400_000) })
      .where('id', '=', second ?? '')
      .execute();
    await poll(() => storage.stat(made[1] ?? '')).toBeUndefined();
    const list = await h.call('GET', `/api/meetings/${meeting.code}/recordings`, host.token);
    expect(list.json<{ recordings: Recording[] }>().recordings).toEqual([]);
  });

  it('keeps a recorder out of the roster and attendance (LiveKit webhook events for recorder-*)', async () => {
    const { host, meeting } = await liveMeeting(h, 0);
    const identity = `recorder-${crypto.randomUUID()}`;
    const event = (kind: string, who: string) =>
      h.bus.publish(LIVEKIT_EVENTS_TOPIC, {
        id: crypto.randomUUID(),
        event: kind,
        room: meeting.code,
        createdAt: new Date().toISOString(),
        participant: { identity: who, name: '', metadata: '' },
      });
    await event('participant_joined', identity);
    // The host's join after it, in the same room's queue: once it shows, the recorder's was handled.
    await event('participant_joined', host.actor.id);
    const staysOf = (who: string) =>
      h.db
        .selectFrom('meeting_attendance')
        .select('identity')
        .where('meeting_code', '=', meeting.code)
        .where('identity', '=', who)
        .execute();
    await poll(async () => (await staysOf(host.actor.id)).length).toBe(1);
    expect(await staysOf(identity)).toEqual([]);
    expect(await roster.get(h.live, meeting.code, identity)).toBeUndefined();
  });
});
