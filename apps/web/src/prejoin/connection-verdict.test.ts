import { describe, expect, it } from 'vitest';
import { verdictOf } from './connection-verdict';

const livekitUrl = 'wss://meet.example.com:7880';
const udp = 'turn:turn.example.com:3478?transport=udp';
const tcp = 'turn:turn.example.com:3478?transport=tcp';

describe('the connection verdict', () => {
  it('is ready when the media server and the TURN relay answer', () => {
    const v = verdictOf({
      livekitUrl,
      signalling: true,
      turn: [
        { url: udp, reachable: true },
        { url: tcp, reachable: true },
      ],
    });
    expect(v).toMatchObject({ ready: true, headline: 'Your connection is ready.', advice: null });
    expect(v.lines.map((l) => l.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('names the media server when signalling is blocked', () => {
    const v = verdictOf({ livekitUrl, signalling: false, turn: [] });
    expect(v.ready).toBe(false);
    expect(v.headline).toContain('blocks the media server (meet.example.com:7880)');
    expect(v.lines.find((l) => l.id === 'turn')?.detail).toBe('Not set up on this server');
  });

  it('names the TURN relay and its port when no TURN URL answers', () => {
    const v = verdictOf({
      livekitUrl,
      signalling: true,
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
      turn: [
        { url: udp, reachable: false },
        { url: 'turns:turn.example.com:5349', reachable: true },
      ],
    });
    expect(v).toMatchObject({ ready: true, headline: 'Your connection is ready, over TCP.' });
    expect(v.lines.map((l) => [l.id, l.state])).toEqual([
      ['signalling', 'ok'],
      ['udp', 'blocked'],
      ['tcp', 'ok'],
      ['turn', 'ok'],
    ]);
  });
});
