import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lastGuestName } from '../api/session-store';
import { KeyPrompt } from '../e2ee/KeyPrompt';
import { useMeetingKey } from '../e2ee/use-meeting-key';
import { loadDeviceChoices, saveDeviceChoices, type DeviceChoices } from '../prejoin/device-prefs';
import { PreJoin } from '../prejoin/PreJoin';
import { RealtimeContext } from '../realtime/RealtimeContext';
import { ExitScreen } from './ExitScreen';
import { useJoin } from './use-join';
import { useMeetingSocket } from './use-meeting-socket';
import { useRoomModule } from './use-room-module';
import { WaitingRoom } from './WaitingRoom';

/** /m/{code}: pre-join, lobby, the room, and what comes after. */
export function MeetingPage({ code }: { code: string }) {
  // First: an encrypted meeting's key leaves the address before anything else runs.
  const e2ee = useMeetingKey(code);
  const { t } = useTranslation('meeting');
  const roomModule = useRoomModule();
  // LiveKit starts connecting with the join answer, while the room is still being drawn.
  const j = useJoin(code, roomModule?.connectEarly);
  const realtime = useMeetingSocket(code, j);
  const [choices, setChoices] = useState<DeviceChoices>(loadDeviceChoices);
  const updateChoices = (c: DeviceChoices) => {
    setChoices(c);
    saveDeviceChoices(c);
  };

  switch (j.stage.name) {
    case 'prejoin':
      if (j.meeting?.settings.e2ee && !e2ee.key) {
        return <KeyPrompt code={code} title={j.meeting.title} onKey={e2ee.setKey} />;
      }
      return (
        <PreJoin
          code={code}
          meeting={j.meeting}
          accountName={j.session?.user.displayName ?? null}
          guestName={lastGuestName()}
          choices={choices}
          onChoices={updateChoices}
          askPasscode={j.askPasscode}
          error={j.error}
          notice={j.notice}
          busy={j.busy}
          onJoin={j.join}
          encrypted={j.meeting ? j.meeting.settings.e2ee : e2ee.key !== null}
        />
      );
    case 'waiting':
      return <WaitingRoom title={j.meeting?.title ?? code} status={realtime.state.status} />;
    case 'room':
      return roomModule ? (
        <RealtimeContext.Provider value={realtime}>
          <roomModule.MeetingRoom
            code={code}
            join={j.stage.join}
            meeting={j.meeting}
            choices={choices}
            onExit={j.exit}
          />
        </RealtimeContext.Provider>
      ) : (
        <p className="center" role="status">
          {t('connecting')}
        </p>
      );
    case 'over':
      return (
        <ExitScreen
          reason={j.stage.reason}
          code={code}
          signedIn={j.session !== null}
          onRejoin={j.backToPrejoin}
        />
      );
  }
}
