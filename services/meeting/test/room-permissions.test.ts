import type { JoinResult } from '@gomeet/protocol';
import { TokenVerifier, TrackSource } from 'livekit-server-sdk';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { expectProblem, LIVEKIT, liveMeeting, startHarness, type Harness } from './harness.js';

const livekitClaims = (token: string) =>
  new TokenVerifier(LIVEKIT.apiKey, LIVEKIT.apiSecret).verify(token);

describeBackends('LiveKit permissions on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  const updatesOf = (room: string, identity: string) =>
    h.roomService.calls.updateParticipant.filter((c) => c.room === room && c.identity === identity);

  it('applies a role change in the room at once: a co-host may share a screen, then no longer', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1, { allowScreenShare: false });
    const [helper] = people;
    if (!helper) throw new Error('one person');

    let res = await h.act(meeting.code, host.token, `participants/${helper.actor.id}/role`, {
      role: 'co-host',
    });
    expect(res.statusCode, res.body).toBe(200);
    let [update] = updatesOf(meeting.code, helper.actor.id);
    expect(update?.permission).toMatchObject({
      canPublish: true,
      canSubscribe: true,
      canPublishData: false,
      canPublishSources: [],
    });
    expect(JSON.parse(update?.metadata ?? '{}')).toMatchObject({
      role: 'co-host',
      userId: helper.actor.id,
    });

    res = await h.act(meeting.code, host.token, `participants/${helper.actor.id}/role`, {
      role: 'participant',
    });
    expect(res.statusCode, res.body).toBe(200);
    update = updatesOf(meeting.code, helper.actor.id)[1];
    expect(update?.permission?.canPublishSources).toEqual([
      TrackSource.CAMERA,
      TrackSource.MICROPHONE,
    ]);
    expect(JSON.parse(update?.metadata ?? '{}')).toMatchObject({ role: 'participant' });
  });

  it('gives no one a data channel', async () => {
    const { meeting, people } = await liveMeeting(h, 1);
    const res = await h.act(meeting.code, people[0]!.token, 'join', {});
    const claims = await livekitClaims((JSON.parse(res.body) as { token: string }).token);
    expect(claims.video?.canPublishData).toBe(false);
  });

  it('mutes on entry in the grant: no microphone until the participant unmutes, hosts unaffected', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1, { muteOnEntry: true });
    const [me] = people;
    if (!me) throw new Error('one person');
    const joined = async (token: string) => {
      const res = await h.act(meeting.code, token, 'join', {});
      expect(res.statusCode, res.body).toBe(200);
      return livekitClaims((JSON.parse(res.body) as Extract<JoinResult, { token: string }>).token);
    };
    const mine = await joined(me.token);
    expect(mine.video?.canPublishSources).toEqual(['camera', 'screen_share', 'screen_share_audio']);
    const hosts = await joined(host.token);
    expect(hosts.video?.canPublishSources).toBeUndefined();

    const res = await h.act(meeting.code, me.token, 'microphone');
    expect(res.statusCode, res.body).toBe(204);
    const [update] = updatesOf(meeting.code, me.actor.id);
    // Empty: every source, the microphone included.
    expect(update?.permission?.canPublishSources).toEqual([]);
    expect(update?.permission?.canPublishData).toBe(false);
  });

  it('refuses to unmute someone who is not in the meeting', async () => {
    const { meeting } = await liveMeeting(h, 0, { muteOnEntry: true });
    const stranger = await h.user('Stan Stranger');
    expectProblem(await h.act(meeting.code, stranger.token, 'microphone'), 403, 'not-in-meeting');
  });
});
