import type { ServerMessage } from '@gomeet/protocol';
import type { TFunction } from 'i18next';

/** What the announcer remembers of the meeting, kept current by the messages it reads. */
export interface Known {
  /** This participant's identity: their own actions are not announced back to them. */
  me: string;
  /** Names by identity, kept after someone leaves so "left" can say who. */
  names: Map<string, string>;
  /** Who is in the meeting now. */
  present: Set<string>;
  /** Raised hands, as the server last said. */
  hands: string[];
}

export function knownFrom(
  me: string,
  participants: { identity: string; name: string }[],
  hands: string[],
): Known {
  return {
    me,
    names: new Map(participants.map((p) => [p.identity, p.name])),
    present: new Set(participants.map((p) => p.identity)),
    hands: [...hands],
  };
}

/**
 * What a screen reader should hear for one socket message: joins, leaves, raised hands, and
 * (while the chat panel is closed, whose log speaks for itself) new chat messages, as whole
 * sentences through `t` (the room namespace's). Updates `known` as it goes, so a join repeated
 * after a reconnect or a leave told twice says nothing.
 */
export function announcementsFor(
  message: ServerMessage,
  known: Known,
  chatOpen: boolean,
  t: TFunction<'room'>,
): string[] {
  const nameOf = (identity: string) => known.names.get(identity) ?? t('announce.someone');
  switch (message.type) {
    case 'welcome': {
      // A reconnect: take the server's word for who is here, without reading it all out.
      const fresh = knownFrom(known.me, message.participants, message.hands);
      for (const [id, name] of fresh.names) known.names.set(id, name);
      known.present = fresh.present;
      known.hands = fresh.hands;
      return [];
    }
    case 'presence.joined':
    case 'presence.updated': {
      const p = message.participant;
      known.names.set(p.identity, p.name);
      if (known.present.has(p.identity)) return [];
      known.present.add(p.identity);
      const arrived = message.type === 'presence.joined' && p.identity !== known.me;
      return arrived ? [t('announce.joined', { name: p.name })] : [];
    }
    case 'presence.left':
    case 'participant.removed': {
      if (!known.present.delete(message.identity)) return [];
      known.hands = known.hands.filter((h) => h !== message.identity);
      if (message.identity === known.me) return [];
      return [
        message.type === 'participant.removed'
          ? t('announce.removed', { name: nameOf(message.identity) })
          : t('announce.left', { name: nameOf(message.identity) }),
      ];
    }
    case 'hands': {
      const before = new Set(known.hands);
      known.hands = [...message.hands];
      return message.hands
        .filter((id) => !before.has(id) && id !== known.me)
        .map((id) => t('announce.raisedHand', { name: nameOf(id) }));
    }
    case 'chat.message': {
      const m = message.message;
      if (chatOpen || m.from.identity === known.me || m.deleted) return [];
      const said = { name: m.from.name, text: m.text };
      return [m.to ? t('announce.saysPrivately', said) : t('announce.says', said)];
    }
    default:
      return [];
  }
}
