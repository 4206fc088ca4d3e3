import { useRoomContext, type TrackReferenceOrPlaceholder } from '@livekit/components-react';
import { useTranslation } from 'react-i18next';
import { Pager } from './Pager';
import { Tile, tileKey, type PinControl } from './Tile';
import { usePageSize } from './use-page-size';
import { usePaged } from './use-paged';
import { useVisibleSubscriptions } from './use-visible-subscriptions';

/** Why one tile is big: the active speaker, a shared screen, my pin, or a host's spotlight. */
export type FocusReason = 'speaker' | 'screen' | 'pinned' | 'spotlight';

interface FocusViewProps {
  focus: TrackReferenceOrPlaceholder;
  others: TrackReferenceOrPlaceholder[];
  layout: FocusReason;
  pin: PinControl;
  spotlight: string | null;
}

/** One big tile beside a strip of the others. */
export function FocusView({ focus, others, layout, pin, spotlight }: FocusViewProps) {
  const { t } = useTranslation('room');
  const room = useRoomContext();
  const stripSize = usePageSize() <= 6 ? 3 : 6;
  const { page, pages, setPage, visible } = usePaged(others, stripSize);
  useVisibleSubscriptions(room, [focus, ...visible]);
  const spotlit = (t: TrackReferenceOrPlaceholder) => t.participant.identity === spotlight;
  return (
    <div className="stage-focus" data-testid="focus-view" data-layout={layout}>
      <div className="focus-main">
        <Tile trackRef={focus} large pin={pin} spotlit={spotlit(focus)} />
      </div>
      <aside className="focus-strip" aria-label={t('stage.others')}>
        {visible.map((t) => (
          <Tile key={tileKey(t)} trackRef={t} pin={pin} />
        ))}
        <Pager page={page} pages={pages} onPage={setPage} />
      </aside>
    </div>
  );
}
