import { useTranslation } from 'react-i18next';
import { Link } from '../ui/Link';
import type { ExitReason } from './stage';

/** Whether the screen offers Rejoin: only where trying again can work. */
const REJOIN: Record<ExitReason, boolean> = {
  ended: false,
  left: true,
  removed: false,
  denied: false,
  locked: true,
  elsewhere: true,
  lost: true,
  unreachable: true,
};

interface ExitScreenProps {
  reason: ExitReason;
  code: string;
  /** Signed in: an ended meeting's chat stays readable on the dashboard, so say where. */
  signedIn: boolean;
  onRejoin: () => void;
}

/** The screen after the room: why you are out, and where to go next. */
export function ExitScreen({ reason, code, signedIn, onRejoin }: ExitScreenProps) {
  const { t } = useTranslation('meeting');
  const chatKept = reason === 'ended' && signedIn;
  return (
    <main className="exit" data-testid="exit-screen" data-reason={reason}>
      <h1 data-testid={reason === 'ended' ? 'meeting-ended' : undefined}>
        {t(`exit.${reason}.title`)}
      </h1>
      <p>{t(`exit.${reason}.detail`)}</p>
      {chatKept && <p className="muted">{t('exit.chatKept')}</p>}
      <div className="actions">
        {REJOIN[reason] && (
          <button type="button" onClick={onRejoin}>
            {t('exit.rejoin')}
          </button>
        )}
        {chatKept && (
          <Link className="button" href={`/?chat=${code}`}>
            {t('exit.readChat')}
          </Link>
        )}
        <Link className="button secondary" href="/">
          {t('exit.home')}
        </Link>
      </div>
    </main>
  );
}
