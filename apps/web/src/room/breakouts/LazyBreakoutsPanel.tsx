import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

// The hosts' panel loads the first time one opens it.
const BreakoutsPanel = lazy(() => import('./BreakoutsPanel'));

/** The breakout rooms panel, fetched on first use. */
export function LazyBreakoutsPanel({ code }: { code: string }) {
  const { t } = useTranslation('breakouts');
  return (
    <Suspense fallback={<p className="panel-body muted">{t('panel.loading')}</p>}>
      <BreakoutsPanel code={code} />
    </Suspense>
  );
}
