import { lazy, Suspense, useEffect, useState } from 'react';
import { lastGuestName } from '../api/session-store';
import { loadDeviceChoices, saveDeviceChoices, type DeviceChoices } from '../prejoin/device-prefs';
import { PreJoin } from '../prejoin/PreJoin';
import { ExitScreen } from './ExitScreen';
import { useJoin } from './use-join';
import { WaitingRoom } from './WaitingRoom';

// livekit-client and the components are most of the app's weight: only meetings load them.
const loadRoom = () => import('../room/MeetingRoom');
const MeetingRoom = lazy(loadRoom);

/** /m/{code}: pre-join, lobby, the room, and what comes after. */
export function MeetingPage({ code }: { code: string }) {
  const j = useJoin(code);
  const [choices, setChoices] = useState<DeviceChoices>(loadDeviceChoices);
  const updateChoices = (c: DeviceChoices) => {
    setChoices(c);
    saveDeviceChoices(c);
  };

  // Fetch the room's code while the person checks their hair, so Join does not wait for it.
  useEffect(() => {
    void loadRoom();
  }, []);

  switch (j.stage.name) {
    case 'prejoin':
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
          busy={j.busy}
          onJoin={j.join}
        />
      );
    case 'waiting':
      return <WaitingRoom title={j.meeting?.title ?? code} />;
    case 'room':
      return (
        <Suspense
          fallback={
            <p className="center" role="status">
              Connecting…
            </p>
          }
        >
          <MeetingRoom
            code={code}
            join={j.stage.join}
            meeting={j.meeting}
            choices={choices}
            onExit={j.exit}
          />
        </Suspense>
      );
    case 'over':
      return <ExitScreen reason={j.stage.reason} onRejoin={j.backToPrejoin} />;
  }
}
