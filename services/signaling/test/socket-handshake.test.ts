import { CLOSE } from '@gomeet/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import {
  memoryCluster,
  meetingCode,
  putRoster,
  startInstance,
  TestClient,
  type Cluster,
  type Instance,
} from './socket-harness.js';

describe('signaling socket: hello and authorisation', () => {
  let cluster: Cluster;
  let instance: Instance;
  const open: Instance[] = [];

  async function setup(options: { helloTimeoutMs?: number } = {}) {
    cluster = await memoryCluster();
    instance = await startInstance(cluster, options);
    open.push(instance);
  }

  afterEach(async () => {
    for (const i of open.splice(0)) await i.close();
  });

  it('closes a socket that sends no hello in time with 4408', async () => {
    await setup({ helloTimeoutMs: 200 });
    const client = await TestClient.connect(instance.url);
    const started = Date.now();
    expect((await client.closed).code).toBe(CLOSE.IDLE);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('refuses a first frame that is not a hello with 4400', async () => {
    await setup();
    const client = await TestClient.connect(instance.url);
    client.send({ type: 'ping' });
    expect((await client.next('error')).code).toBe('VALIDATION');
    expect((await client.closed).code).toBe(CLOSE.BAD_REQUEST);
  });

  it('refuses another protocol version with 4400', async () => {
    await setup();
    const code = meetingCode();
    const actor = cluster.tokens.user();
    await putRoster(cluster.live, code, actor, 'joined');
    const client = await TestClient.connect(instance.url);
    client.send({ type: 'hello', v: 2, meeting: code, token: await cluster.tokens.issue(actor) });
    expect((await client.next('error')).message).toMatch(/version 2/);
    expect((await client.closed).code).toBe(CLOSE.BAD_REQUEST);
  });

  it('refuses a bad or expired token with 4401', async () => {
    await setup();
    const code = meetingCode();
    const bad = await TestClient.connect(instance.url);
    bad.hello(code, 'not-a-token');
    expect((await bad.next('error')).code).toBe('UNAUTHENTICATED');
    expect((await bad.closed).code).toBe(CLOSE.UNAUTHENTICATED);

    const actor = cluster.tokens.user();
    await putRoster(cluster.live, code, actor, 'joined');
    const expired = await TestClient.connect(instance.url);
    expired.hello(code, await cluster.tokens.issue(actor, '-1m'));
    expect((await expired.closed).code).toBe(CLOSE.UNAUTHENTICATED);
  });

  it("refuses a guest token for another meeting with 4403, even if that guest is in this meeting's roster", async () => {
    await setup();
    const [x, y] = [meetingCode(), meetingCode()];
    const guest = { ...cluster.tokens.user('Guest'), kind: 'guest' as const, meeting: x };
    await putRoster(cluster.live, y, guest, 'joined', 'guest');
    const client = await TestClient.connect(instance.url);
    client.hello(y, await cluster.tokens.issue(guest));
    expect((await client.next('error')).code).toBe('FORBIDDEN');
    expect((await client.closed).code).toBe(CLOSE.FORBIDDEN);
  });

  it("SECURITY: a participant of meeting X cannot open meeting Y's socket", async () => {
    await setup();
    const [x, y] = [meetingCode(), meetingCode()];
    const actor = cluster.tokens.user();
    await putRoster(cluster.live, x, actor, 'joined');
    const token = await cluster.tokens.issue(actor);
    const client = await TestClient.connect(instance.url);
    client.hello(y, token);
    expect((await client.closed).code).toBe(CLOSE.FORBIDDEN);

    const guest = { ...cluster.tokens.user('G'), kind: 'guest' as const, meeting: x };
    await putRoster(cluster.live, x, guest, 'joined', 'guest');
    const guestClient = await TestClient.connect(instance.url);
    guestClient.hello(y, await cluster.tokens.issue(guest));
    expect((await guestClient.closed).code).toBe(CLOSE.FORBIDDEN);
  });

  it.each(['denied', 'removed'] as const)(
    'refuses an identity whose roster state is %s with 4403',
    async (state) => {
      await setup();
      const code = meetingCode();
      const actor = cluster.tokens.user();
      await putRoster(cluster.live, code, actor, state);
      const client = await TestClient.connect(instance.url);
      client.hello(code, await cluster.tokens.issue(actor));
      expect((await client.closed).code).toBe(CLOSE.FORBIDDEN);
    },
  );

  it('refuses an identity that is not in the roster with 4403', async () => {
    await setup();
    const client = await TestClient.connect(instance.url);
    client.hello(meetingCode(), await cluster.tokens.issue(cluster.tokens.user()));
    expect((await client.closed).code).toBe(CLOSE.FORBIDDEN);
  });

  it('welcomes a joined guest of this meeting as a member with the snapshot', async () => {
    await setup();
    const code = meetingCode();
    const guest = { ...cluster.tokens.user('Gus'), kind: 'guest' as const, meeting: code };
    await putRoster(cluster.live, code, guest, 'joined', 'guest');
    const client = await TestClient.connect(instance.url);
    client.hello(code, await cluster.tokens.issue(guest));
    const welcome = await client.next('welcome');
    expect(welcome.you).toEqual({ identity: guest.id, role: 'guest', state: 'joined' });
    expect(welcome.participants.map((p) => p.identity)).toEqual([guest.id]);
    expect(welcome.lobby).toBeUndefined();
    client.close();
  });

  it('answers bad frames with a VALIDATION error and keeps the socket open; closes oversize frames with 1009', async () => {
    await setup();
    const code = meetingCode();
    const actor = cluster.tokens.user();
    await putRoster(cluster.live, code, actor, 'joined');
    const client = await TestClient.connect(instance.url);
    client.hello(code, await cluster.tokens.issue(actor));
    await client.next('welcome');
    client.send('{not json');
    client.send({ type: 'reaction', emoji: '' });
    client.send({ type: 'teleport' });
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    for (let i = 0; i < 4; i++) expect((await client.next('error')).code).toBe('VALIDATION');
    client.send({ type: 'ping' });
    await client.next('pong');
    client.send('x'.repeat(17 * 1024));
    expect((await client.closed).code).toBe(1009);
  });
});
