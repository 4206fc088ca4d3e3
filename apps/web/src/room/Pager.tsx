import { useTranslation } from 'react-i18next';

interface PagerProps {
  page: number;
  pages: number;
  onPage: (page: number) => void;
}

/** Previous/next page of tiles; hidden when everyone fits on one page. */
export function Pager({ page, pages, onPage }: PagerProps) {
  const { t } = useTranslation('room');
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button
        type="button"
        className="secondary"
        aria-label={t('pager.previous')}
        disabled={page <= 0}
        onClick={() => onPage(page - 1)}
      >
        ‹
      </button>
      <span data-testid="page-indicator">{t('pager.indicator', { page: page + 1, pages })}</span>
      <button
        type="button"
        className="secondary"
        aria-label={t('pager.next')}
        disabled={page >= pages - 1}
        onClick={() => onPage(page + 1)}
      >
        ›
      </button>
    </nav>
  );
}
