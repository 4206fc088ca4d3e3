import { ParticipantTile, type TrackReferenceOrPlaceholder } from '@livekit/components-react';
import { Track } from 'livekit-client';
import { Pin, PinOff, Star } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/** A track's key on the stage: whose it is and which source (camera or screen). */
export const tileKey = (t: TrackReferenceOrPlaceholder) => `${t.participant.identity}:${t.source}`;

/** Which tile I pinned for myself (a tileKey), and how to change it (null: unpin). */
export interface PinControl {
  pinned: string | null;
  onPin: (key: string | null) => void;
}

interface TileProps {
  trackRef: TrackReferenceOrPlaceholder;
  large?: boolean;
  pin: PinControl;
  /** A host put this person on everyone's stage. */
  spotlit?: boolean;
}

/**
 * One participant's camera or screen. The LiveKit tile brings the video, name, mute icon,
 * connection-quality indicator and the speaking ring (data-lk-speaking); around it, the pin
 * button (mine only) and the spotlight badge (everyone's).
 */
export function Tile({ trackRef, large = false, pin, spotlit = false }: TileProps) {
  const { t } = useTranslation('room');
  const p = trackRef.participant;
  const name = p.name || p.identity;
  const screen = trackRef.source === Track.Source.ScreenShare;
  const key = tileKey(trackRef);
  const pinned = pin.pinned === key;
  const what = screen ? t('tile.screenOf', { name }) : name;
  return (
    <div className={large ? 'tile-frame tile-large' : 'tile-frame'}>
      <ParticipantTile
        trackRef={trackRef}
        className="tile"
        data-testid={screen ? 'screen-share-tile' : 'participant-tile'}
        data-identity={p.identity}
        data-local={p.isLocal ? 'true' : 'false'}
        data-pinned={pinned ? 'true' : undefined}
        aria-label={what}
        role="group"
      />
      {spotlit && (
        <span className="tile-badge" data-testid="spotlight-badge">
          <Star aria-hidden="true" size={14} /> {t('tile.spotlight')}
        </span>
      )}
      <button
        type="button"
        className={pinned ? 'tile-pin on' : 'tile-pin'}
        aria-pressed={pinned}
        aria-label={pinned ? t('tile.unpin', { what }) : t('tile.pin', { what })}
        title={pinned ? t('tile.unpinTitle') : t('tile.pinTitle')}
        onClick={() => pin.onPin(pinned ? null : key)}
      >
        {pinned ? <PinOff aria-hidden="true" size={16} /> : <Pin aria-hidden="true" size={16} />}
      </button>
    </div>
  );
}
