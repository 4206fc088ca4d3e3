interface PagerProps {
  page: number;
  pages: number;
  onPage: (page: number) => void;
}

/** Previous/next page of tiles; hidden when everyone fits on one page. */
export function Pager({ page, pages, onPage }: PagerProps) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label="Participant pages">
      <button
        type="button"
        className="secondary"
        aria-label="Previous page of participants"
        disabled={page <= 0}
        onClick={() => onPage(page - 1)}
      >
        ‹
      </button>
      <span data-testid="page-indicator">
        Page {page + 1} of {pages}
      </span>
      <button
        type="button"
        className="secondary"
        aria-label="Next page of participants"
        disabled={page >= pages - 1}
        onClick={() => onPage(page + 1)}
      >
        ›
      </button>
    </nav>
  );
}
