import { useSyncExternalStore } from 'react';

const PHONE = '(max-width: 640px)';
const TABLET = '(max-width: 1100px)';

function subscribe(listener: () => void): () => void {
  const queries = [matchMedia(PHONE), matchMedia(TABLET)];
  queries.forEach((q) => q.addEventListener('change', listener));
  return () => queries.forEach((q) => q.removeEventListener('change', listener));
}

/** How many tiles one page of the grid shows at this screen width. */
export function usePageSize(): number {
  return useSyncExternalStore(subscribe, () =>
    matchMedia(PHONE).matches ? 6 : matchMedia(TABLET).matches ? 9 : 16,
  );
}

/** Grid columns for `count` tiles; phones stay at two columns at most. */
export function columnsFor(count: number, pageSize: number): number {
  const cols = count <= 1 ? 1 : count <= 4 ? 2 : count <= 9 ? 3 : 4;
  return pageSize <= 6 ? Math.min(cols, 2) : cols;
}
