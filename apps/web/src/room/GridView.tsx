import { useRoomContext, type TrackReferenceOrPlaceholder } from '@livekit/components-react';
import type { CSSProperties } from 'react';
import { Pager } from './Pager';
import { Tile, tileKey, type PinControl } from './Tile';
import { columnsFor, usePageSize } from './use-page-size';
import { usePaged } from './use-paged';
import { useVisibleSubscriptions } from './use-visible-subscriptions';

interface GridViewProps {
  cameras: TrackReferenceOrPlaceholder[];
  pin: PinControl;
}

/** Everyone in equal tiles, a page at a time. */
export function GridView({ cameras, pin }: GridViewProps) {
  const room = useRoomContext();
  const pageSize = usePageSize();
  const { page, pages, setPage, visible } = usePaged(cameras, pageSize);
  useVisibleSubscriptions(room, visible, page === pages - 1 ? pageSize - visible.length : 0);
  const style = { '--cols': columnsFor(visible.length, pageSize) } as CSSProperties;
  return (
    <div className="stage-grid-wrap">
      <div className="stage-grid" style={style} data-testid="grid" data-layout="grid">
        {visible.map((t) => (
          <Tile key={tileKey(t)} trackRef={t} pin={pin} />
        ))}
      </div>
      <Pager page={page} pages={pages} onPage={setPage} />
    </div>
  );
}
