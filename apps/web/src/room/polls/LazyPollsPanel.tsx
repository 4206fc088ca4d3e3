import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

// The panel (forms, bars, its CSS) loads the first time someone opens it.
const PollsPanel = lazy(() => import('./PollsPanel'));

/** The polls panel, fetched on first use. */
export function LazyPollsPanel({ code }: { code: string }) {
  const { t } = useTranslation('polls');
  return (
    <Suspense fallback={<p className="panel-body muted">{t('panel.loading')}</p>}>
      <PollsPanel code={code} />
    </Suspense>
  );
}
