import type { Presence } from '@gomeet/protocol';
import { Ellipsis } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { askToUnmute, muteParticipant, removeParticipant, setRole } from '../../api/host-controls';
import { lowerHand, spotlight } from '../stage/stage-api';

interface HostMenuProps {
  code: string;
  person: Presence;
  /** Only the host changes roles. */
  iAmHost: boolean;
  /** A host put this person on everyone's stage. */
  spotlit: boolean;
  run: (action: () => Promise<unknown>) => void;
}

/** The actions a host or co-host has on one participant, behind a "More" button. */
export function HostMenu({ code, person: p, iAmHost, spotlit, run }: HostMenuProps) {
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) menu.current?.querySelector('button')?.focus();
  }, [open]);
  const act = (action: () => Promise<unknown>) => {
    setOpen(false);
    run(action);
  };
  const coHost = p.role === 'co-host';

  return (
    <div
      className="host-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
    >
      <button
        type="button"
        className="secondary small"
        aria-haspopup="true"
        aria-expanded={open}
        aria-label={`Actions for ${p.name}`}
        data-testid="host-menu-button"
        onClick={() => setOpen((o) => !o)}
      >
        <Ellipsis aria-hidden="true" size={18} />
      </button>
      {open && (
        <div
          className="host-menu-items"
          ref={menu}
          role="group"
          aria-label={`Actions for ${p.name}`}
        >
          {p.mic && (
            <button
              type="button"
              onClick={() => act(() => muteParticipant(code, p.identity, 'microphone'))}
            >
              {`Mute ${p.name}'s microphone`}
            </button>
          )}
          {p.camera && (
            <button
              type="button"
              onClick={() => act(() => muteParticipant(code, p.identity, 'camera'))}
            >
              {`Turn off ${p.name}'s camera`}
            </button>
          )}
          {!p.mic && (
            <button type="button" onClick={() => act(() => askToUnmute(code, p.identity))}>
              {`Ask ${p.name} to unmute`}
            </button>
          )}
          {p.handRaisedAt && (
            <button type="button" onClick={() => act(() => lowerHand(code, p.identity))}>
              {`Lower ${p.name}'s hand`}
            </button>
          )}
          <button
            type="button"
            onClick={() => act(() => spotlight(code, spotlit ? null : p.identity))}
          >
            {spotlit ? 'End the spotlight' : `Spotlight ${p.name} for everyone`}
          </button>
          {iAmHost && p.role !== 'host' && (
            <button
              type="button"
              onClick={() =>
                act(() => setRole(code, p.identity, coHost ? 'participant' : 'co-host'))
              }
            >
              {coHost ? `Make ${p.name} a participant` : `Make ${p.name} a co-host`}
            </button>
          )}
          {p.role !== 'host' && (
            <button
              type="button"
              className="danger"
              onClick={() => {
                const what = `Remove ${p.name} from the meeting?`;
                // Say what removal does: no way back on this identity, but a guest pass is one
                // click away, so hosts learn that returning guests will wait for them.
                const consequence = 'They can ask to join again; guests will wait in the lobby.';
                if (window.confirm(`${what} ${consequence}`))
                  act(() => removeParticipant(code, p.identity));
              }}
            >
              {`Remove ${p.name} from the meeting`}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
