import type { Presence } from '@gomeet/protocol';
import { Ellipsis } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('room');
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
        aria-label={t('host.actionsFor', { name: p.name })}
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
          aria-label={t('host.actionsFor', { name: p.name })}
        >
          {p.mic && (
            <button
              type="button"
              onClick={() => act(() => muteParticipant(code, p.identity, 'microphone'))}
            >
              {t('host.muteMicrophone', { name: p.name })}
            </button>
          )}
          {p.camera && (
            <button
              type="button"
              onClick={() => act(() => muteParticipant(code, p.identity, 'camera'))}
            >
              {t('host.turnOffCamera', { name: p.name })}
            </button>
          )}
          {!p.mic && (
            <button type="button" onClick={() => act(() => askToUnmute(code, p.identity))}>
              {t('host.askToUnmute', { name: p.name })}
            </button>
          )}
          {p.handRaisedAt && (
            <button type="button" onClick={() => act(() => lowerHand(code, p.identity))}>
              {t('host.lowerHand', { name: p.name })}
            </button>
          )}
          <button
            type="button"
            onClick={() => act(() => spotlight(code, spotlit ? null : p.identity))}
          >
            {spotlit ? t('host.endSpotlight') : t('host.spotlight', { name: p.name })}
          </button>
          {iAmHost && p.role !== 'host' && (
            <button
              type="button"
              onClick={() =>
                act(() => setRole(code, p.identity, coHost ? 'participant' : 'co-host'))
              }
            >
              {coHost
                ? t('host.makeParticipant', { name: p.name })
                : t('host.makeCoHost', { name: p.name })}
            </button>
          )}
          {p.role !== 'host' && (
            <button
              type="button"
              className="danger"
              onClick={() => {
                // Say what removal does: no way back on this identity, but a guest pass is one
                // click away, so hosts learn that returning guests will wait for them.
                if (window.confirm(t('host.removeConfirm', { name: p.name })))
                  act(() => removeParticipant(code, p.identity));
              }}
            >
              {t('host.remove', { name: p.name })}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
