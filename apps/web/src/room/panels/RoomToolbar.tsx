import { useState } from 'react';
import { useRealtimeContext } from '../../realtime/RealtimeContext';
import { isHost } from '../../realtime/realtime-state';

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
  const { state, send } = useRealtimeContext();
  const [reacting, setReacting] = useState(false);
  const raised = state.hands.includes(me);
  const waiting = isHost(state.you?.role) ? state.lobby.length : 0;
  const toggle = (p: Exclude<Panel, null>) => onPanel(panel === p ? null : p);

  return (
    <>
      <button
        type="button"
        className={raised ? 'control on' : 'control'}
        aria-pressed={raised}
        aria-label={raised ? 'Lower your hand' : 'Raise your hand'}
        data-testid="hand-toggle"
        onClick={() => send({ type: 'hand', raised: !raised })}
      >
        ✋ {raised ? 'Lower' : 'Raise'}
      </button>
      <span className="reaction-picker">
        <button
          type="button"
          className="control"
          aria-expanded={reacting}
          aria-label="Send a reaction"
          onClick={() => setReacting((r) => !r)}
        >
          😊
        </button>
        {reacting && (
          <span className="reaction-menu" role="group" aria-label="Reactions">
            {EMOJI.map((emoji) => (
              <button
                key={emoji}
                type="button"
                className="control"
                aria-label={`React with ${emoji}`}
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
      <button
        type="button"
        className={panel === 'people' ? 'control on' : 'control'}
        aria-pressed={panel === 'people'}
        aria-label={waiting > 0 ? `Participants, ${waiting} waiting in the lobby` : 'Participants'}
        data-testid="people-toggle"
        onClick={() => toggle('people')}
      >
        People {state.participants.length}
        {waiting > 0 && <span className="count-badge">{waiting}</span>}
      </button>
      <button
        type="button"
        className={panel === 'chat' ? 'control on' : 'control'}
        aria-pressed={panel === 'chat'}
        aria-label={unread > 0 ? `Chat, ${unread} unread` : 'Chat'}
        data-testid="chat-toggle"
        onClick={() => toggle('chat')}
      >
        Chat
        {unread > 0 && (
          <span className="count-badge" data-testid="chat-unread">
            {unread}
          </span>
        )}
      </button>
    </>
  );
}
