import { roster } from '@gomeet/platform';
import type { IdentityList, JoinResult, LobbyList, ServerMessage } from '@gomeet/protocol';
import { TokenVerifier } from 'livekit-server-sdk';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { LIVEKIT, expectProblem, startHarness, type Harness, poll } from './harness.js';

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

describeBackends('the lobby on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  const lobby = (code: string, token: string) =>
    h.call('GET', `/api/meetings/${code}/lobby`, token);
  const decide = (code: string, token: string, what: string) =>
    h.call('POST', `/api/meetings/${code}/lobby/${what}`, token);

  /** A live meeting with the lobby on, its host in, and `n` people waiting. */
  async function meetingWithWaiting(n: number, settings: object = {}) {
    const host = await h.user('Host');
    const meeting = await h.create(host.token, { settings });
    expect((await h.join(meeting.code, host.token)).statusCode).toBe(200);
    const waiting = [];
    for (let i = 0; i < n; i++) {
      const person = await h.user(`Waiting ${i}`);
      expect((await h.join(meeting.code, person.token)).statusCode).toBe(202);
      waiting.push(person);
    }
    return { host, meeting, waiting };
  }

  it('announces a waiting participant to hosts once, however often they ask again', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token);
    const rec = await h.record(meeting.code);
    const me = await h.user('Radia Perlman');
    for (let i = 0; i < 3; i++) expect((await h.join(meeting.code, me.token)).statusCode).toBe(202);
    await poll(() => rec.of('lobby.waiting')).toHaveLength(1);
    const [event] = rec.of('lobby.waiting');
    expect(event?.audience).toBe('hosts');
    const message = event?.message as Extract<ServerMessage, { type: 'lobby.waiting' }>;
    expect(message.entry).toMatchObject({
      identity: me.actor.id,
      name: 'Radia Perlman',
      role: 'participant',
    });
    expect(Date.parse(message.entry.requestedAt)).toBeGreaterThan(Date.now() - 60_000);
    await rec.stop();
    expect(await roster.get(h.live, meeting.code, me.actor.id)).toMatchObject({
      state: 'waiting',
      userId: me.actor.id,
    });
  });

  it('lists who waits, longest first, to the host and co-hosts only (403 for others)', async () => {
    const { host, meeting, waiting } = await meetingWithWaiting(2, { lobby: true });
    const res = await lobby(meeting.code, host.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<LobbyList>().entries.map((e) => e.identity)).toEqual(
      waiting.map((w) => w.actor.id),
    );
    const helper = await h.user();
    const made = await h.call(
      'POST',
      `/api/meetings/${meeting.code}/participants/${helper.actor.id}/role`,
      host.token,
      { role: 'co-host' },
    );
    expect(made.statusCode, made.body).toBe(200);
    expect((await lobby(meeting.code, helper.token)).statusCode).toBe(200);
    expectProblem(await lobby(meeting.code, waiting[0]?.token ?? ''), 403, 'not-host');
    const guest = await h.guest(meeting.code);
    expectProblem(await lobby(meeting.code, guest.token), 403);
  });

  it('admits one person: a token for this room sent to them alone, hosts told, and their next join answers 200', async () => {
    const { host, meeting, waiting } = await meetingWithWaiting(2);
    const [me, other] = waiting;
    if (!me || !other) throw new Error('two people wait');
    const rec = await h.record(meeting.code);
    const res = await decide(meeting.code, host.token, `${me.actor.id}/admit`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<IdentityList>()).toEqual({ identities: [me.actor.id] });

    await poll(() => rec.of('lobby.left')).toHaveLength(1);
    const admitted = rec.of('lobby.admitted');
    expect(admitted).toHaveLength(1);
    expect(admitted[0]?.audience).toEqual({ identities: [me.actor.id] });
    const message = admitted[0]?.message as Extract<ServerMessage, { type: 'lobby.admitted' }>;
    expect(message).toMatchObject({ livekitUrl: LIVEKIT.url, role: 'participant', iceServers: [] });
    const claims = await new TokenVerifier(LIVEKIT.apiKey, LIVEKIT.apiSecret).verify(message.token);
    expect(claims.sub).toBe(me.actor.id);
    expect(claims.video).toMatchObject({ room: meeting.code, roomJoin: true });
    expect(rec.of('lobby.left')[0]).toEqual({
      audience: 'hosts',
      message: { type: 'lobby.left', identity: me.actor.id },
    });
    // Nothing else carried a token, and nobody else was addressed.
    expect(rec.events.filter((e) => JSON.stringify(e).match(JWT))).toHaveLength(1);
    await rec.stop();

    expect((await roster.get(h.live, meeting.code, me.actor.id))?.state).toBe('admitted');
    const again = await h.join(meeting.code, me.token);
    expect(again.statusCode).toBe(200);
    expect(again.json<JoinResult>()).toMatchObject({ status: 'joined', role: 'participant' });
    expect((await roster.get(h.live, meeting.code, me.actor.id))?.state).toBe('joined');
    expect((await h.join(meeting.code, other.token)).statusCode).toBe(202);
  });

  it('denies one person: told alone, hosts told, and every later join answers 403', async () => {
    const { host, meeting, waiting } = await meetingWithWaiting(2);
    const [me, other] = waiting;
    if (!me || !other) throw new Error('two people wait');
    const rec = await h.record(meeting.code);
    const res = await decide(meeting.code, host.token, `${me.actor.id}/deny`);
    expect(res.statusCode, res.body).toBe(200);
    await poll(() => rec.of('lobby.left')).toHaveLength(1);
    expect(rec.of('lobby.denied')).toEqual([
      { audience: { identities: [me.actor.id] }, message: { type: 'lobby.denied' } },
    ]);
    await rec.stop();
    expectProblem(await h.join(meeting.code, me.token), 403, 'lobby-denied');
    expectProblem(await h.join(meeting.code, me.token), 403, 'lobby-denied');
    expect((await roster.get(h.live, meeting.code, me.actor.id))?.state).toBe('denied');
    const left = (await lobby(meeting.code, host.token)).json<LobbyList>();
    expect(left.entries.map((e) => e.identity)).toEqual([other.actor.id]);
  });

  it('admits everyone waiting, longest waiting first, while seats last', async () => {
    const { host, meeting, waiting } = await meetingWithWaiting(4, { maxParticipants: 3 });
    const rec = await h.record(meeting.code);
    const res = await decide(meeting.code, host.token, 'admit-all');
    expect(res.statusCode, res.body).toBe(200);
    const first = waiting.slice(0, 2).map((w) => w.actor.id);
    expect(res.json<IdentityList>().identities).toEqual(first);
    await poll(() => rec.of('lobby.admitted')).toHaveLength(2);
    expect(rec.of('lobby.admitted').map((e) => e.audience)).toEqual(
      first.map((id) => ({ identities: [id] })),
    );
    await rec.stop();
    const still = (await lobby(meeting.code, host.token)).json<LobbyList>();
    expect(still.entries.map((e) => e.identity)).toEqual(waiting.slice(2).map((w) => w.actor.id));
    expectProblem(await decide(meeting.code, host.token, 'admit-all'), 409, 'meeting-full');
  });

  it('denies everyone waiting', async () => {
    const { host, meeting, waiting } = await meetingWithWaiting(3);
    const rec = await h.record(meeting.code);
    const res = await decide(meeting.code, host.token, 'deny-all');
    expect(res.json<IdentityList>().identities).toEqual(waiting.map((w) => w.actor.id));
    await poll(() => rec.of('lobby.denied')).toHaveLength(3);
    await rec.stop();
    expect((await lobby(meeting.code, host.token)).json<LobbyList>().entries).toEqual([]);
    for (const w of waiting)
      expectProblem(await h.join(meeting.code, w.token), 403, 'lobby-denied');
  });

  it('answers 404 for admitting or denying someone who is not waiting', async () => {
    const { host, meeting } = await meetingWithWaiting(0);
    const stranger = await h.user();
    expectProblem(
      await decide(meeting.code, host.token, `${stranger.actor.id}/admit`),
      404,
      'lobby-entry-not-found',
    );
    expectProblem(
      await decide(meeting.code, host.token, `${stranger.actor.id}/deny`),
      404,
      'lobby-entry-not-found',
    );
  });

  it('never hands a LiveKit token to someone waiting or denied, whatever route they try', async () => {
    const { host, meeting, waiting } = await meetingWithWaiting(2);
    const [me, denied] = waiting;
    if (!me || !denied) throw new Error('two people wait');
    await decide(meeting.code, host.token, `${denied.actor.id}/deny`);
    const rec = await h.record(meeting.code);
    for (const person of [me, denied]) {
      const id = person.actor.id;
      const joinStatus = person === me ? 202 : 403;
      const attempts = [
        ['POST', `/api/meetings/${meeting.code}/join`, {}, joinStatus],
        ['POST', `/api/meetings/${meeting.code.toUpperCase()}/join`, {}, joinStatus],
        ['POST', `/api/meetings/${meeting.code.replaceAll('-', '')}/join`, {}, joinStatus],
        ['GET', `/api/meetings/${meeting.code}`, undefined, 200],
        ['GET', '/api/meetings', undefined, 200],
        ['GET', `/api/meetings/${meeting.code}/lobby`, undefined, 403],
        ['POST', `/api/meetings/${meeting.code}/lobby/${id}/admit`, undefined, 403],
        ['POST', `/api/meetings/${meeting.code}/lobby/admit-all`, undefined, 403],
        ['POST', `/api/meetings/${meeting.code}/participants/${id}/role`, { role: 'co-host' }, 403],
        ['PATCH', `/api/meetings/${meeting.code}`, { settings: { lobby: false } }, 403],
        ['POST', `/api/meetings/${meeting.code}/lock`, { locked: false }, 403],
      ] as const;
      for (const [method, url, body, status] of attempts) {
        const res = await h.call(method, url, person.token, body);
        expect(res.statusCode, `${method} ${url}`).toBe(status);
        expect(res.body, `${method} ${url}`).not.toMatch(JWT);
      }
    }
    expect((await h.join(meeting.code, me.token)).statusCode).toBe(202);
    expectProblem(await h.join(meeting.code, denied.token), 403, 'lobby-denied');
    // Nothing published meanwhile carried a token either.
    await rec.settled();
    expect(JSON.stringify(rec.events)).not.toMatch(JWT);
    await rec.stop();
    const settings = (await h.call('GET', `/api/meetings/${meeting.code}`, host.token)).json<{
      settings: { lobby: boolean };
    }>();
    expect(settings.settings.lobby).toBe(true);
  });

  it('does not let the host of one meeting run the lobby of another (403)', async () => {
    const { meeting: theirs, waiting } = await meetingWithWaiting(1);
    const mine = await meetingWithWaiting(0);
    const id = waiting[0]?.actor.id ?? '';
    const myToken = mine.host.token;
    expectProblem(await lobby(theirs.code, myToken), 403, 'not-host');
    expectProblem(await decide(theirs.code, myToken, `${id}/admit`), 403, 'not-host');
    expectProblem(await decide(theirs.code, myToken, `${id}/deny`), 403, 'not-host');
    expectProblem(await decide(theirs.code, myToken, 'admit-all'), 403, 'not-host');
    expectProblem(await decide(theirs.code, myToken, 'deny-all'), 403, 'not-host');
    // Naming the other meeting's waiting identity on my own meeting admits nobody there.
    expectProblem(await decide(mine.meeting.code, myToken, `${id}/admit`), 404);
    expect((await roster.get(h.live, theirs.code, id))?.state).toBe('waiting');
  });
});
