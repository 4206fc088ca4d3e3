import { Hand, MessageSquare, SmilePlus, Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRealtimeContext } from '../../realtime/RealtimeContext';
import { isHost } from '../../realtime/realtime-state';
import { ControlButton } from '../ControlButton';

export type Panel = 'people' | 'chat' | 'polls' | 'breakouts' | null;

const EMOJI = ['👍', '👏', '😂', '❤️', '🎉', '😮'];

interface RoomToolbarProps {
  me: string;
  panel: Panel;
  onPanel: (panel: Panel) => void;
  unread: number;
}

/** Hand, reactions, people and chat: the buttons the socket adds to the control bar. */
export function RoomToolbar({ me, panel, onPanel, unread }: RoomToolbarProps) {
  const { t } = useTranslation('room');
  const { state, send } = useRealtimeContext();
  const [reacting, setReacting] = useState(false);
  const raised = state.hands.includes(me);
  const waiting = isHost(state.you?.role) ? state.lobby.length : 0;
  const toggle = (p: Exclude<Panel, null>) => onPanel(panel === p ? null : p);
  // The name holds the numbers the button shows, in their order (WCAG 2.5.3, label in name).
  const n = state.participants.length;
  const people =
    waiting > 0
      ? t('controls.participantsWaiting', { n, waiting })
      : t('controls.participants', { n });

  return (
    <>
      <ControlButton
        icon={Hand}
        label={raised ? t('controls.lowerHand') : t('controls.raiseHand')}
        pressed={raised}
        shortcut="hand"
        testId="hand-toggle"
        onClick={() => send({ type: 'hand', raised: !raised })}
      />
      <span className="reaction-picker">
        <ControlButton
          icon={SmilePlus}
          label={t('controls.react')}
          expanded={reacting}
          onClick={() => setReacting((r) => !r)}
        />
        {reacting && (
          <span className="reaction-menu" role="group" aria-label={t('controls.reactions')}>
            {EMOJI.map((emoji) => (
              <button
                key={emoji}
                type="button"
                className="control"
                aria-label={t('controls.reactWith', { emoji })}
                onClick={() => {
                  send({ type: 'reaction', emoji });
                  setReacting(false);
                }}
              >
                {emoji}
              </button>
            ))}
          </span>
        )}
      </span>
      <ControlButton
        icon={Users}
        label={people}
        pressed={panel === 'people'}
        shortcut="participants"
        testId="people-toggle"
        onClick={() => toggle('people')}
      >
        <span className="control-caption">{state.participants.length}</span>
        {waiting > 0 && ' '}
        {waiting > 0 && <span className="count-badge">{waiting}</span>}
      </ControlButton>
      <ControlButton
        icon={MessageSquare}
        label={unread > 0 ? t('controls.chatUnread', { n: unread }) : t('controls.chat')}
        pressed={panel === 'chat'}
        shortcut="chat"
        testId="chat-toggle"
        onClick={() => toggle('chat')}
      >
        {unread > 0 && (
          <span className="count-badge" data-testid="chat-unread">
            {unread}
          </span>
        )}
      </ControlButton>
    </>
  );
}
