import { lazy, Suspense } from 'react';

// The panel (forms, bars, its CSS) loads the first time someone opens it.
const PollsPanel = lazy(() => import('./PollsPanel'));

/** The polls panel, fetched on first use. */
export function LazyPollsPanel({ code }: { code: string }) {
  return (
    <Suspense fallback={<p className="panel-body muted">Loading polls…</p>}>
      <PollsPanel code={code} />
    </Suspense>
  );
}
