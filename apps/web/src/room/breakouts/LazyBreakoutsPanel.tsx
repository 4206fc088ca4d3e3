import { lazy, Suspense } from 'react';

// The hosts' panel loads the first time one opens it.
const BreakoutsPanel = lazy(() => import('./BreakoutsPanel'));

/** The breakout rooms panel, fetched on first use. */
export function LazyBreakoutsPanel({ code }: { code: string }) {
  return (
    <Suspense fallback={<p className="panel-body muted">Loading breakout rooms…</p>}>
      <BreakoutsPanel code={code} />
    </Suspense>
  );
}
