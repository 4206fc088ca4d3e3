import type { ChatMessage, Presence, ServerMessage } from '@gomeet/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n, startI18n } from '../../i18n';
import { announcementsFor, knownFrom } from './announcements';

// The sentences come from the app's English strings.
beforeAll(() => startI18n('en'));
const t = i18n.getFixedT('en', 'room');

const person = (identity: string, name: string): Presence => ({
  identity,
  name,
  role: 'participant',
  handRaisedAt: null,
  mic: true,
  camera: false,
});

const chat = (from: Presence, text: string, to: string | null = null): ServerMessage => {
  const message: ChatMessage = {
    id: `m-${text}`,
    clientId: `c-${text}`,
    meetingCode: 'abc-defg-hij',
    from: { identity: from.identity, name: from.name },
    to,
    text,
    createdAt: new Date(0).toISOString(),
    editedAt: null,
    deleted: false,
  };
  return { type: 'chat.message', message };
};

const me = person('me', 'Ada');
const gus = person('gus', 'Gus Guest');

describe('screen reader announcements', () => {
  it('says who joined, raised a hand and left, once each, and never my own', () => {
    const known = knownFrom('me', [me], []);
    const say = (m: ServerMessage) => announcementsFor(m, known, false, t);
    expect(say({ type: 'presence.joined', participant: gus })).toEqual(['Gus Guest joined']);
    // A repeated join (a reconnect) or an update says nothing new.
    expect(say({ type: 'presence.joined', participant: gus })).toEqual([]);
    expect(say({ type: 'presence.updated', participant: { ...gus, mic: false } })).toEqual([]);
    expect(say({ type: 'hands', hands: ['gus'] })).toEqual(['Gus Guest raised their hand']);
    expect(say({ type: 'hands', hands: ['gus', 'me'] })).toEqual([]);
    expect(say({ type: 'presence.left', identity: 'gus' })).toEqual(['Gus Guest left']);
    expect(say({ type: 'participant.removed', identity: 'gus' })).toEqual([]);
    expect(say({ type: 'presence.joined', participant: me })).toEqual([]);
  });

  it('says a removal as such, by the name the person had', () => {
    const known = knownFrom('me', [me, gus], []);
    expect(
      announcementsFor({ type: 'participant.removed', identity: 'gus' }, known, false, t),
    ).toEqual(['Gus Guest was removed']);
  });

  it('reads chat messages from others only while the chat panel is closed', () => {
    const known = knownFrom('me', [me, gus], []);
    expect(announcementsFor(chat(gus, 'Hello'), known, false, t)).toEqual([
      'Gus Guest says: Hello',
    ]);
    expect(announcementsFor(chat(gus, 'Psst', 'me'), known, false, t)).toEqual([
      'Gus Guest (privately) says: Psst',
    ]);
    expect(announcementsFor(chat(gus, 'Seen in the log'), known, true, t)).toEqual([]);
    expect(announcementsFor(chat(me, 'Mine'), known, false, t)).toEqual([]);
  });

  it('takes a reconnect’s welcome as the new state without reading it out', () => {
    const known = knownFrom('me', [me], []);
    const welcome: ServerMessage = {
      type: 'welcome',
      v: 1,
      you: { identity: 'me', role: 'participant', state: 'joined' },
      participants: [me, gus],
      hands: ['gus'],
      locked: false,
    };
    expect(announcementsFor(welcome, known, false, t)).toEqual([]);
    expect(
      announcementsFor({ type: 'presence.joined', participant: gus }, known, false, t),
    ).toEqual([]);
    expect(announcementsFor({ type: 'hands', hands: ['gus'] }, known, false, t)).toEqual([]);
    expect(announcementsFor({ type: 'presence.left', identity: 'gus' }, known, false, t)).toEqual([
      'Gus Guest left',
    ]);
  });
});
