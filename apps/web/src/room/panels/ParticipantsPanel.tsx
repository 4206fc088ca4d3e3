import type { Presence } from '@gomeet/protocol';
import { useSpeakingParticipants } from '@livekit/components-react';
import { Hand, Mic, MicOff, Star, Video, VideoOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { muteAll, setLocked } from '../../api/host-controls';
import { useRealtimeContext } from '../../realtime/RealtimeContext';
import { handQueue, isHost } from '../../realtime/realtime-state';
import { ErrorNote } from '../../ui/ErrorNote';
import { lowerAllHands, spotlight as setSpotlight } from '../stage/stage-api';
import { useSpotlight } from '../stage/use-spotlight';
import { HostMenu } from './HostMenu';
import { LobbyList } from './LobbyList';
import { useHostAction } from './use-host-action';

const ROLE_LABEL = {
  host: 'people.roles.host',
  'co-host': 'people.roles.coHost',
  participant: null,
  guest: 'people.roles.guest',
} as const satisfies Record<Presence['role'], string | null>;

function RoleBadge({ role }: { role: Presence['role'] }) {
  const { t } = useTranslation('room');
  const label = ROLE_LABEL[role];
  return label ? <span className="badge">{t(label)}</span> : null;
}

/**
 * Everyone in the meeting: raised hands first in the order raised, then by arrival; whoever
 * speaks now is ringed, the spotlighted person starred.
 */
export function ParticipantsPanel({ code, me }: { code: string; me: string }) {
  const { t } = useTranslation('room');
  const { state } = useRealtimeContext();
  const { run, error, busy } = useHostAction();
  const myRole = state.you?.role;
  const host = isHost(myRole);
  const hands = handQueue(state);
  const handPos = new Map(hands.map((id, i) => [id, i + 1]));
  const speaking = new Set(useSpeakingParticipants().map((p) => p.identity));
  const spotlit = useSpotlight(code);
  const people = [...state.participants].sort(
    (a, b) => (handPos.get(a.identity) ?? Infinity) - (handPos.get(b.identity) ?? Infinity),
  );

  return (
    <section
      className="panel-body"
      aria-label={t('people.region')}
      data-testid="participants-panel"
    >
      {host && (
        <div className="row-actions host-tools">
          <button
            type="button"
            className="secondary"
            disabled={busy}
            data-testid="mute-all"
            onClick={() => run(() => muteAll(code))}
          >
            {t('people.muteAll')}
          </button>
          <button
            type="button"
            className={state.locked ? 'on' : 'secondary'}
            aria-pressed={state.locked}
            disabled={busy}
            data-testid="lock-toggle"
            onClick={() => run(() => setLocked(code, !state.locked))}
          >
            {state.locked ? t('people.unlock') : t('people.lock')}
          </button>
          {hands.length > 0 && (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              data-testid="lower-all-hands"
              onClick={() => run(() => lowerAllHands(code))}
            >
              {t('people.lowerAllHands')}
            </button>
          )}
          {spotlit && (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              data-testid="end-spotlight"
              onClick={() => run(() => setSpotlight(code, null))}
            >
              {t('people.endSpotlight')}
            </button>
          )}
        </div>
      )}
      <ErrorNote message={error} testId="host-action-error" />
      {host && <LobbyList code={code} />}
      <h3>{t('people.inMeeting', { n: people.length })}</h3>
      <ul className="people">
        {people.map((p) => (
          <li
            key={p.identity}
            className={speaking.has(p.identity) ? 'person speaking' : 'person'}
            data-testid="participant-row"
            data-identity={p.identity}
            data-mic={p.mic ? 'on' : 'off'}
            data-camera={p.camera ? 'on' : 'off'}
            data-speaking={speaking.has(p.identity) ? 'true' : 'false'}
          >
            <span className="person-name">
              {p.name}
              {p.identity === me && ` ${t('people.you')}`}
              <RoleBadge role={p.role} />
              {spotlit === p.identity && (
                <Star
                  className="spotlit"
                  role="img"
                  aria-label={t('people.spotlighted')}
                  size={16}
                />
              )}
            </span>
            <span className="person-state">
              {handPos.has(p.identity) && (
                <span
                  className="hand"
                  aria-label={t('people.handQueue', { n: handPos.get(p.identity) })}
                >
                  <Hand aria-hidden="true" size={16} />
                  {handPos.get(p.identity)}
                </span>
              )}
              {p.mic ? (
                <Mic className="state on" role="img" aria-label={t('people.micOn')} size={18} />
              ) : (
                <MicOff
                  className="state off"
                  role="img"
                  aria-label={t('people.micOff')}
                  size={18}
                />
              )}
              {p.camera ? (
                <Video
                  className="state on"
                  role="img"
                  aria-label={t('people.cameraOn')}
                  size={18}
                />
              ) : (
                <VideoOff
                  className="state off"
                  role="img"
                  aria-label={t('people.cameraOff')}
                  size={18}
                />
              )}
            </span>
            {host && p.identity !== me && (
              <HostMenu
                code={code}
                person={p}
                iAmHost={myRole === 'host'}
                spotlit={spotlit === p.identity}
                run={run}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
