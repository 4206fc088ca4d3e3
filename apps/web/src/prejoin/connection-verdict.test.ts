import { beforeAll, describe, expect, it } from 'vitest';
import { i18n, startI18n } from '../i18n';
import { verdictOf as verdictKeys, type Message } from './connection-verdict';
import type { ConnectivityReport } from './connection-probes';

// The verdict gives keys of the `prejoin` namespace; these tests read it in English.
beforeAll(() => startI18n('en'));
const say = (m: Message) => {
  const text = i18n.t(m.key, { ns: 'prejoin', ...m.values });
  if (text === m.key) throw new Error(`no English for ${m.key}`);
  return text;
};

/** The verdict with every message in English. */
function verdictOf(report: ConnectivityReport) {
  const v = verdictKeys(report);
  return {
    ready: v.ready,
    headline: say(v.headline),
    advice: v.advice && say(v.advice),
    lines: v.lines.map((l) => ({ ...l, detail: say(l.detail) })),
  };
}

const livekitUrl = 'wss://meet.example.com:7880';
const udp = 'turn:turn.example.com:3478?transport=udp';
const tcp = 'turn:turn.example.com:3478?transport=tcp';

describe('the connection verdict', () => {
  it('is ready when the media server and the TURN relay answer', () => {
    const v = verdictOf({
      livekitUrl,
      signalling: true,
      media: null,
      turn: [
        { url: udp, reachable: true },
        { url: tcp, reachable: true },
      ],
    });
    expect(v).toMatchObject({ ready: true, headline: 'Your connection is ready.', advice: null });
    expect(v.lines.map((l) => l.state)).toEqual(['ok', 'later', 'ok', 'ok', 'ok']);
  });

  it('names the media server when signalling is blocked', () => {
    const v = verdictOf({ livekitUrl, signalling: false, media: null, turn: [] });
    expect(v.ready).toBe(false);
    expect(v.headline).toContain('blocks the media server (meet.example.com:7880)');
    expect(v.lines.find((l) => l.id === 'turn')?.detail).toBe('Not set up on this server');
  });

  it('names the TURN relay and its port when no TURN URL answers', () => {
    const v = verdictOf({
      livekitUrl,
      signalling: true,
      media: null,
      turn: [
        { url: udp, reachable: false },
        { url: tcp, reachable: false },
      ],
    });
    expect(v.ready).toBe(false);
    expect(v.headline).toBe(
      'Calls may not connect: your network blocks the TURN relay (turn.example.com:3478).',
    );
    expect(v.advice).toContain('allow UDP and TCP to turn.example.com:3478');
  });

  it('is ready over TCP when only UDP is blocked', () => {
    const v = verdictOf({
      livekitUrl,
      signalling: true,
      media: null,
      turn: [
        { url: udp, reachable: false },
        { url: 'turns:turn.example.com:5349', reachable: true },
      ],
    });
    expect(v).toMatchObject({ ready: true, headline: 'Your connection is ready, over TCP.' });
    expect(v.lines.map((l) => [l.id, l.state])).toEqual([
      ['signalling', 'ok'],
      ['media', 'later'],
      ['udp', 'blocked'],
      ['tcp', 'ok'],
      ['turn', 'ok'],
    ]);
  });

  it('gives keys and values, not sentences', () => {
    const v = verdictKeys({ livekitUrl, signalling: false, media: null, turn: [] });
    expect(v.headline).toEqual({
      key: 'connection.verdicts.signallingBlocked.headline',
      values: { host: 'meet.example.com:7880' },
    });
    expect(v.lines[0]?.detail).toEqual({
      key: 'connection.details.unreachable',
      values: { address: 'meet.example.com:7880' },
    });
  });

  describe('with the media probe', () => {
    const turnUp = [
      { url: udp, reachable: true },
      { url: tcp, reachable: true },
    ];
    const turnDown = turnUp.map((t) => ({ ...t, reachable: false }));

    it('says how audio and video got through, and what is still unknown', () => {
      const v = verdictOf({
        livekitUrl,
        signalling: true,
        media: { reached: true, via: 'udp' },
        turn: [],
      });
      expect(v).toMatchObject({ ready: true, headline: 'Your connection is ready.' });
      expect(v.lines.map((l) => [l.id, l.state, l.detail])).toEqual([
        ['signalling', 'ok', 'Reached meet.example.com:7880'],
        ['media', 'ok', 'Connected to meet.example.com over UDP'],
        ['udp', 'ok', 'Open (the fastest way for audio and video)'],
        ['tcp', 'later', 'Checked when you join'],
        ['turn', 'later', 'Not set up on this server'],
      ]);
    });

    it('is ready over TCP when the test connection had to use TCP', () => {
      const v = verdictOf({
        livekitUrl,
        signalling: true,
        media: { reached: true, via: 'tcp' },
        turn: [],
      });
      expect(v).toMatchObject({ ready: true, headline: 'Your connection is ready, over TCP.' });
      expect(v.lines.map((l) => [l.id, l.state])).toEqual([
        ['signalling', 'ok'],
        ['media', 'ok'],
        ['udp', 'blocked'],
        ['tcp', 'ok'],
        ['turn', 'later'],
      ]);
    });

    it('names the media server when its media ports are blocked and no relay answers', () => {
      const v = verdictOf({
        livekitUrl,
        signalling: true,
        media: { reached: false, via: null },
        turn: turnDown,
      });
      expect(v.ready).toBe(false);
      expect(v.headline).toBe(
        'Calls will not connect: your network blocks audio and video to the media server (meet.example.com).',
      );
      expect(v.advice).toBe(
        "Try another network, or ask your admin to allow UDP and TCP to meet.example.com's media ports and to turn.example.com:3478.",
      );
      expect(v.lines.find((l) => l.id === 'media')).toMatchObject({
        state: 'blocked',
        detail: "Cannot reach meet.example.com's media ports",
      });
    });

    it('is ready through the relay when only the media ports are blocked', () => {
      const v = verdictOf({
        livekitUrl,
        signalling: true,
        media: { reached: false, via: null },
        turn: turnUp,
      });
      expect(v).toMatchObject({
        ready: true,
        headline: 'Your connection is ready, through the TURN relay.',
      });
      expect(v.advice).toContain('allowing UDP and TCP to meet.example.com');
    });

    it('is ready when media connects directly even though the relay does not answer', () => {
      const v = verdictOf({
        livekitUrl,
        signalling: true,
        media: { reached: true, via: 'udp' },
        turn: turnDown,
      });
      expect(v.ready).toBe(true);
      expect(v.headline).toBe(
        'Your connection is ready, but the TURN relay (turn.example.com:3478) cannot be reached.',
      );
      expect(v.advice).toContain('allow UDP and TCP to turn.example.com:3478');
    });
  });
});
