import type { App } from '@gomeet/platform';
import type { BreakoutView, JoinResult } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { LIVEKIT, liveMeeting, poll, startTwoPods, type Harness, type TwoPods } from './harness.js';

// Two meeting-service instances on one database and one Redis, as two pods behind a gateway:
// a host's requests reach one, each participant's the other.
const redisUrl = inject('redisUrl');

// PostgreSQL only: on PGlite the harness keeps its bus and live state in the process.
describeBackends(
  'breakout rooms across two instances on $name and Redis',
  (backend) => {
    let pods: TwoPods;
    let h: Harness;
    let other: App;
    beforeAll(async () => {
      pods = await startTwoPods(backend, redisUrl);
      ({ h, other } = pods);
    });
    afterAll(() => pods?.close());

    const via = (app: App, method: 'GET' | 'POST', url: string, token: string, body?: object) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(body ? { payload: body } : {}),
      });

    it('rooms opened on one instance send people to their rooms through the other, and close there too', async () => {
      const { host, meeting, people } = await liveMeeting(h, 2);
      const code = meeting.code;
      const base = `/api/meetings/${code}/breakouts`;
      const [ann, ben] = people;
      if (!ann || !ben) throw new Error('two people');
      const rec = await h.record(code);
      await via(h.app, 'POST', base, host.token, { count: 2 });
      await via(h.app, 'POST', `${base}/assign`, host.token, { identity: ann.actor.id, room: 1 });
      await via(h.app, 'POST', `${base}/assign`, host.token, { identity: ben.actor.id, room: 2 });
      expect((await via(h.app, 'POST', `${base}/open`, host.token, {})).statusCode).toBe(200);

      const state = (await via(other, 'GET', base, ben.token)).json<BreakoutView>();
      expect(state).toMatchObject({ open: true, assignments: { [ben.actor.id]: 2 } });
      const verifier = new TokenVerifier(LIVEKIT.apiKey, LIVEKIT.apiSecret);
      const roomVia = async (app: App, token: string) => {
        const answer = (await via(app, 'POST', `${base}/token`, token)).json<JoinResult>();
        if (answer.status !== 'joined') throw new Error('a token');
        return (await verifier.verify(answer.token)).video?.room;
      };
      expect(await roomVia(other, ann.token)).toBe(`${code}~1`);
      expect(await roomVia(other, ben.token)).toBe(`${code}~2`);

      // A help request made through the other instance reaches hosts through the bus.
      expect((await via(other, 'POST', `${base}/help`, ann.token)).statusCode).toBe(204);
      await poll(() => rec.of('breakouts.help').length).toBe(1);
      const help = (await via(h.app, 'GET', base, host.token)).json<BreakoutView>().help;
      expect(help?.map((r) => r.identity)).toEqual([ann.actor.id]);

      // Ben reconnects through the other instance: its join answer is for his room already, and
      // a mute sent to the first instance reaches him there.
      const rejoin = await via(other, 'POST', `/api/meetings/${code}/join`, ben.token, {});
      const answer = rejoin.json<JoinResult>();
      expect(answer).toMatchObject({ status: 'joined', breakoutRoom: 2 });
      if (answer.status !== 'joined') throw new Error('joined');
      expect((await verifier.verify(answer.token)).video?.room).toBe(`${code}~2`);
      h.roomService.enter(`${code}~2`, ben.actor.id);
      const muted = await via(
        h.app,
        'POST',
        `/api/meetings/${code}/participants/${ben.actor.id}/mute`,
        host.token,
        { source: 'microphone' },
      );
      expect(muted.statusCode, muted.body).toBe(200);
      expect(h.roomService.calls.mutePublishedTrack.at(-1)).toMatchObject({
        room: `${code}~2`,
        identity: ben.actor.id,
      });

      expect((await via(other, 'POST', `${base}/close`, host.token)).statusCode).toBe(200);
      await poll(() => rec.of('breakouts.updated').at(-1)?.message).toMatchObject({
        state: { open: false },
      });
      expect(await roomVia(h.app, ann.token)).toBe(code);
      await rec.stop();
    });
  },
  { only: 'postgres', redis: true },
);
