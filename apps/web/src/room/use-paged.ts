import { useState } from 'react';

/** The slice of `items` on the current page; the page is clamped when people leave. */
export function usePaged<T>(items: T[], pageSize: number) {
  const [wanted, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  const page = Math.min(wanted, pages - 1);
  return { page, pages, setPage, visible: items.slice(page * pageSize, (page + 1) * pageSize) };
}
