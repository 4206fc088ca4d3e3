import type { Meeting } from '@gomeet/protocol';
import { useParticipants } from '@livekit/components-react';
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { E2eeNotice } from '../e2ee/E2eeNotice';
import { inviteLink } from '../e2ee/meeting-key';
import { CopyButton } from '../ui/CopyButton';

function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`;
}

function useElapsed(since: number): string {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return formatElapsed(now - since);
}

interface MeetingInfoProps {
  code: string;
  meeting: Meeting | null;
  joinedAt: number;
  open: boolean;
}

/** Title and elapsed time always; code, invite link and head count when opened. */
export function MeetingInfo({ code, meeting, joinedAt, open }: MeetingInfoProps) {
  const { t } = useTranslation('room');
  const elapsed = useElapsed(joinedAt);
  const count = useParticipants().length;
  // An encrypted meeting's link carries its key (everyone in the room holds it anyway).
  const link = meeting ? inviteLink(meeting).link : `${location.origin}/m/${code}`;
  return (
    <header className="room-header">
      <div>
        <strong>{meeting?.title ?? code}</strong>{' '}
        <span className="muted">
          <time aria-label={t('info.elapsed')} data-testid="elapsed">
            {elapsed}
          </time>{' '}
          ·{' '}
          <Trans
            t={t}
            i18nKey="info.inCall"
            count={count}
            components={[<span key="count" data-testid="participant-count" />]}
          />
        </span>
      </div>
      {open && (
        <section id="meeting-info" className="info-panel" aria-label={t('info.details')}>
          <p>
            {t('info.code')} <code>{code}</code>
          </p>
          <p>
            <code data-testid="room-invite-link">{link}</code>
          </p>
          <CopyButton text={link} label={t('info.copyLink')} />
          {meeting?.settings.e2ee && <E2eeNotice />}
        </section>
      )}
    </header>
  );
}
