import type { Meeting } from '@gomeet/protocol';
import { useTranslation } from 'react-i18next';
import { inviteLink } from '../e2ee/meeting-key';
import { formatDateTime } from '../i18n/format';
import { CopyButton } from '../ui/CopyButton';
import { Link } from '../ui/Link';
import { MeetingRecordings } from '../room/recording/MeetingRecordings';
import { AttendancePanel } from './AttendancePanel';
import { CalendarLinks } from './CalendarLinks';
import { EditMeetingPanel } from './EditMeetingPanel';
import { ChatHistoryPanel } from './ChatHistoryPanel';
import { InviteByEmailPanel } from './InviteByEmailPanel';
import { OccurrenceList } from './OccurrenceList';
import { minutes, useOccurrences } from './occurrences';

function when(m: Meeting): string {
  const at = m.startsAt ?? m.createdAt;
  const date = formatDateTime(at, { dateStyle: 'medium', timeStyle: 'short' });
  return m.durationMinutes ? `${date} · ${minutes(m.durationMinutes)}` : date;
}

interface MeetingRowProps {
  meeting: Meeting;
  past?: boolean;
  onDelete?: (code: string) => void;
  /** Called after the meeting was edited, to reload the list. */
  onEdited?: () => void;
  /** Open a past meeting's chat history at once (the meeting's exit screen linked here). */
  openChat?: boolean;
}

export function MeetingRow({
  meeting: m,
  past = false,
  onDelete,
  onEdited,
  openChat = false,
}: MeetingRowProps) {
  const { t } = useTranslation('dashboard');
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
          {m.hasPasscode ? ` · ${t('row.passcode')}` : ''}
          {m.state === 'live' ? ` · ${t('row.live')}` : ''}
          {m.settings.e2ee ? ` · ${t('row.e2ee')}` : ''}
          {invite.keyMissing ? ` ${t('row.keyMissing')}` : ''}
        </span>
      </div>
      {!past && (
        <div className="meeting-actions">
          <Link
            className="button"
            href={`/m/${m.code}`}
            aria-label={
              isHost
                ? t('row.startMeeting', { title: m.title })
                : t('row.joinMeeting', { title: m.title })
            }
          >
            {isHost ? t('row.start') : t('row.join')}
          </Link>
          <CopyButton text={invite.link} label={t('row.copyInviteLinkFor', { title: m.title })} />
          {isHost && onDelete && (
            <button
              type="button"
              className="secondary"
              aria-label={t('row.deleteMeeting', { title: m.title })}
              onClick={() => onDelete(m.code)}
            >
              {t('row.delete')}
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
      {past && <ChatHistoryPanel code={m.code} title={m.title} open={openChat} />}
    </li>
  );
}
