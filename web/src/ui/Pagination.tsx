interface PaginationProps {
  /** 0-based. */
  page: number;
  onPage: (page: number) => void;
  /** Known when the list says its total; then "3 / 12" and the last page ends it. */
  pageCount?: number;
  /** Without a page count: whether a next page may exist (the page came back full). */
  hasNext?: boolean;
}

/** 이전 · page · 다음 under a list; shows nothing when there is only one page. */
export function Pagination({ page, onPage, pageCount, hasNext }: PaginationProps) {
  const last = pageCount !== undefined ? pageCount - 1 : undefined;
  const nextExists = last !== undefined ? page < last : Boolean(hasNext);
  if (page === 0 && !nextExists) return null;
  return (
    <div className="pagination">
      <button type="button" className="btn btn-sm" disabled={page === 0} onClick={() => onPage(page - 1)}>
        이전
      </button>
      <span>{last !== undefined ? `${page + 1} / ${last + 1}` : page + 1}</span>
      <button type="button" className="btn btn-sm" disabled={!nextExists} onClick={() => onPage(page + 1)}>
        다음
      </button>
    </div>
  );
}

/** The number of pages of `total` items, at least one. */
export const pageCountOf = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize));
