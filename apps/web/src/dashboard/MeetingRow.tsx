import type { Meeting } from '@gomeet/protocol';
import { inviteLink } from '../e2ee/meeting-key';
import { CopyButton } from '../ui/CopyButton';
import { Link } from '../ui/Link';
import { MeetingRecordings } from '../room/recording/MeetingRecordings';
import { AttendancePanel } from './AttendancePanel';
import { CalendarLinks } from './CalendarLinks';
import { EditMeetingPanel } from './EditMeetingPanel';
import { ChatHistoryPanel } from './ChatHistoryPanel';
import { InviteByEmailPanel } from './InviteByEmailPanel';
import { OccurrenceList } from './OccurrenceList';
import { useOccurrences } from './occurrences';

function when(m: Meeting): string {
  const at = m.startsAt ?? m.createdAt;
  const date = new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return m.durationMinutes ? `${date} · ${m.durationMinutes} min` : date;
}

interface MeetingRowProps {
  meeting: Meeting;
  past?: boolean;
  onDelete?: (code: string) => void;
  /** Called after the meeting was edited, to reload the list. */
  onEdited?: () => void;
}

export function MeetingRow({ meeting: m, past = false, onDelete, onEdited }: MeetingRowProps) {
  const isHost = m.myRole === 'host';
  const runs = isHost || m.myRole === 'co-host';
  const series = useOccurrences(m);
  const invite = inviteLink(m);
  return (
    <li className="meeting-row" data-testid="meeting-row" data-code={m.code}>
      <div className="meeting-main">
        <strong>{m.title}</strong>
        <span className="muted">
          {when(m)} · <code>{m.code}</code>
          {m.hasPasscode ? ' · passcode' : ''}
          {m.state === 'live' ? ' · live now' : ''}
          {m.settings.e2ee ? ' · end-to-end encrypted' : ''}
          {invite.keyMissing ? ' (its key is not in this browser: use the link you were sent)' : ''}
        </span>
      </div>
      {!past && (
        <div className="meeting-actions">
          <Link
            className="button"
            href={`/m/${m.code}`}
            aria-label={`${isHost ? 'Start' : 'Join'} ${m.title}`}
          >
            {isHost ? 'Start' : 'Join'}
          </Link>
          <CopyButton text={invite.link} label={`Copy invite link for ${m.title}`} />
          {isHost && onDelete && (
            <button
              type="button"
              className="secondary"
              aria-label={`Delete ${m.title}`}
              onClick={() => onDelete(m.code)}
            >
              Delete
            </button>
          )}
        </div>
      )}
      {!past && (
        <OccurrenceList meeting={m} occurrences={series.occurrences} error={series.error} />
      )}
      {runs && <MeetingRecordings code={m.code} title={m.title} />}
      {runs && !past && onEdited && (
        <EditMeetingPanel
          meeting={m}
          occurrences={series.occurrences}
          onSaved={() => {
            onEdited();
            void series.reload();
          }}
        />
      )}
      {runs && !past && <InviteByEmailPanel meeting={m} />}
      {runs && !past && <CalendarLinks meeting={m} />}
      {runs && <AttendancePanel code={m.code} title={m.title} />}
      {past && <ChatHistoryPanel code={m.code} title={m.title} />}
    </li>
  );
}
