import { useRoomContext, type TrackReferenceOrPlaceholder } from '@livekit/components-react';
import { Pager } from './Pager';
import { Tile } from './Tile';
import { usePageSize } from './use-page-size';
import { usePaged } from './use-paged';
import { useVisibleSubscriptions } from './use-visible-subscriptions';

interface FocusViewProps {
  focus: TrackReferenceOrPlaceholder;
  others: TrackReferenceOrPlaceholder[];
  layout: 'speaker' | 'screen';
}

/** One big tile (a shared screen or the active speaker) beside a strip of the others. */
export function FocusView({ focus, others, layout }: FocusViewProps) {
  const room = useRoomContext();
  const stripSize = usePageSize() <= 6 ? 3 : 6;
  const { page, pages, setPage, visible } = usePaged(others, stripSize);
  useVisibleSubscriptions(room, [focus, ...visible]);
  return (
    <div className="stage-focus" data-testid="focus-view" data-layout={layout}>
      <div className="focus-main">
        <Tile trackRef={focus} large />
      </div>
      <aside className="focus-strip" aria-label="Other participants">
        {visible.map((t) => (
          <Tile key={`${t.participant.identity}:${t.source}`} trackRef={t} />
        ))}
        <Pager page={page} pages={pages} onPage={setPage} />
      </aside>
    </div>
  );
}
