import '@livekit/components-styles';
import './room.css';
import type { Meeting } from '@gomeet/protocol';
import { RoomContext, StartAudio } from '@livekit/components-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endMeeting } from '../api/meetings';
import { describeError } from '../api/problem';
import { KeyMismatchNote } from '../e2ee/KeyMismatchNote';
import { RecordingOff } from '../e2ee/RecordingOff';
import type { ExitReason, Joined } from '../meeting/stage';
import type { DeviceChoices } from '../prejoin/device-prefs';
import { ErrorNote } from '../ui/ErrorNote';
import { Announcer } from './announcer/Announcer';
import { ConnectionBanner } from './ConnectionBanner';
import { MeetingInfo } from './MeetingInfo';
import './panels/panels.css';
import { RoomOverlays } from './panels/RoomOverlays';
import { RoomToolbar, type Panel } from './panels/RoomToolbar';
import { PollsButton } from './polls/PollsButton';
import { BreakoutBanner } from './breakouts/BreakoutBanner';
import { BreakoutsButton } from './breakouts/BreakoutsButton';
import { useBreakouts } from './breakouts/use-breakouts';
import { SidePanel } from './panels/SidePanel';
import { useChat } from './panels/use-chat';
import { RecordButton } from './recording/RecordButton';
import { RecordingBanner } from './recording/RecordingBanner';
import { useRecording } from './recording/use-recording';
import { RoomAudio } from './RoomAudio';
import { RoomControls } from './RoomControls';
import { RoomStage, type Layout } from './RoomStage';
import { useRoomConnection } from './use-room-connection';

const isHostRole = (role: string) => role === 'host' || role === 'co-host';

interface MeetingRoomProps {
  code: string;
  join: Joined;
  meeting: Meeting | null;
  choices: DeviceChoices;
  onExit: (reason: ExitReason) => void;
}

/** The call itself. Loaded lazily: it carries livekit-client and the LiveKit components. */
export default function MeetingRoom({ code, join, meeting, choices, onExit }: MeetingRoomProps) {
  const { t } = useTranslation('room');
  const host = isHostRole(join.role);
  // Breakout rooms move the connection to another LiveKit room with a new join.
  const breakout = useBreakouts(code, join);
  const { room, phase, mediaError } = useRoomConnection({
    join: breakout.join,
    choices,
    micOnEntry: host || !meeting?.settings.muteOnEntry,
    onExit,
  });
  const [layout, setLayout] = useState<Layout>('grid');
  const [infoOpen, setInfoOpen] = useState(false);
  const [joinedAt] = useState(Date.now);
  const [problem, setProblem] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const chat = useChat(code, join.identity, panel === 'chat', breakout.room);
  const recording = useRecording(join.recording);

  const end = async () => {
    if (!window.confirm(t('controls.endConfirm'))) return;
    try {
      await endMeeting(code);
      // Leaving the room unmounts it, which disconnects from LiveKit.
      onExit('ended');
    } catch (e) {
      setProblem(describeError(e));
    }
  };

  return (
    <RoomContext.Provider value={room}>
      <div className="room" data-testid="room" data-phase={phase} data-identity={join.identity}>
        <MeetingInfo code={code} meeting={meeting} joinedAt={joinedAt} open={infoOpen} />
        <ConnectionBanner phase={phase} />
        <BreakoutBanner code={code} breakout={breakout} />
        <RecordingBanner status={recording} />
        <ErrorNote message={problem ?? mediaError} testId="room-error" />
        {join.e2ee && <KeyMismatchNote />}
        {!host && meeting?.settings.muteOnEntry && (
          <p className="notice" role="status">
            {t('notices.muteOnEntry')}
          </p>
        )}
        <RoomOverlays
          peopleOpen={panel === 'people'}
          onOpenPeople={() => setPanel('people')}
          onError={setProblem}
        />
        <main className="stage">
          <RoomStage layout={layout} code={code} />
        </main>
        <RoomControls
          layout={layout}
          onLayout={setLayout}
          canShareScreen={host || meeting?.settings.allowScreenShare !== false}
          canEnd={host}
          infoOpen={infoOpen}
          onInfo={() => setInfoOpen((o) => !o)}
          onMediaError={setProblem}
          onEnd={() => void end()}
        >
          <RoomToolbar me={join.identity} panel={panel} onPanel={setPanel} unread={chat.unread} />
          <PollsButton panel={panel} onPanel={setPanel} />
          {host && <BreakoutsButton panel={panel} onPanel={setPanel} help={breakout.help.length} />}
          {host &&
            (join.e2ee ? (
              <RecordingOff />
            ) : (
              <RecordButton code={code} status={recording} onError={setProblem} />
            ))}
        </RoomControls>
        <SidePanel
          panel={panel}
          onClose={() => setPanel(null)}
          code={code}
          me={join.identity}
          chat={chat}
        />
        <Announcer me={join.identity} chatOpen={panel === 'chat'} />
        <RoomAudio />
        <StartAudio label={t('controls.startAudio')} className="start-audio" />
      </div>
    </RoomContext.Provider>
  );
}
