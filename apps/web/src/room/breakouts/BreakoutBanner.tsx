import './breakout-banner.css';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { describeError } from '../../api/problem';
import { useRealtimeContext } from '../../realtime/RealtimeContext';
import { isHost } from '../../realtime/realtime-state';
import { askForHelp, breakoutActions } from './breakouts-api';
import { Countdown } from './Countdown';
import type { Breakouts } from './use-breakouts';

/**
 * What breakout rooms mean for me right now: which room I am in and for how long, a way to ask
 * for a host, the hosts' broadcast, and (hosts) who asks for help and a way to go there.
 */
export function BreakoutBanner({ code, breakout }: { code: string; breakout: Breakouts }) {
  const { t } = useTranslation('breakouts');
  const { state: rt } = useRealtimeContext();
  const host = isHost(rt.you?.role);
  const [note, setNote] = useState<string | null>(null);
  const { state, room, help, broadcast } = breakout;
  const name = state?.rooms.find((r) => r.number === room)?.name;
  const run = (action: () => Promise<unknown>, done?: string) =>
    action().then(
      () => setNote(done ?? null),
      (e: unknown) => setNote(describeError(e)),
    );
  if (!state?.open && !broadcast) return null;
  return (
    <div
      className="breakout-banner"
      role="status"
      data-testid="breakout-banner"
      data-room={room ?? 'main'}
    >
      {room !== null && name && (
        <p>
          <Trans
            t={t}
            i18nKey="banner.youAreIn"
            values={{ name }}
            components={{ strong: <strong /> }}
          />
          {state?.endsAt && (
            <>
              {' '}
              · <Countdown endsAt={state.endsAt} />
            </>
          )}
          {!host && (
            <button
              type="button"
              className="small secondary"
              onClick={() => void run(() => askForHelp(code), t('banner.helpAsked'))}
            >
              {t('banner.askForHelp')}
            </button>
          )}
          {host && (
            <button
              type="button"
              className="small secondary"
              onClick={() => void run(() => breakoutActions(code).visit(null))}
            >
              {t('banner.backToMain')}
            </button>
          )}
        </p>
      )}
      {room === null && state?.open && (
        <p>
          {t('banner.roomsOpen')}
          {state.endsAt && (
            <>
              {' '}
              · <Countdown endsAt={state.endsAt} />
            </>
          )}
        </p>
      )}
      {broadcast && (
        <p data-testid="breakout-broadcast">
          <strong>{t('banner.broadcastFrom', { name: broadcast.from })}</strong> {broadcast.text}
        </p>
      )}
      {host &&
        help.map((h) => (
          <p key={h.identity} data-testid="breakout-help">
            {t('banner.helpRequest', { name: h.name, room: h.room })}
            <button
              type="button"
              className="small"
              onClick={() => void run(() => breakoutActions(code).visit(h.room))}
            >
              {t('banner.goToRoom', { room: h.room })}
            </button>
          </p>
        ))}
      {(note ?? breakout.error) && <p className="muted">{note ?? breakout.error}</p>}
    </div>
  );
}
