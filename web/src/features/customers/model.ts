import { CUSTOMER_SORT_DEFAULT_DIRECTION, CUSTOMER_SORTS, SORT_DIRECTIONS, type CustomerSort, type SortDirection } from '../../../../src/shared/labels/customers';
import { CUSTOMER_GROUPS, type CustomerGroup } from '../../../../src/shared/labels/loyalty';

/**
 * OPS-8: the customer list's search, filters and order as the address keeps
 * them (?q=&sort=&order=&group=&grade=&tag=&noShows=&page=), so a reload or
 * the back button shows the same list, and the CSV download asks for it.
 */
export interface CustomerListState {
  q: string;
  sort: CustomerSort | null;
  order: SortDirection | null;
  group: CustomerGroup | null;
  grade: string;
  tag: string;
  /** 노쇼 n회 이상; null = no filter. */
  minNoShows: number | null;
  page: number;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null => (value !== null && (values as readonly string[]).includes(value) ? (value as T) : null);

export function listStateFrom(params: URLSearchParams): CustomerListState {
  const noShows = Number(params.get('noShows'));
  return {
    q: params.get('q') ?? '',
    sort: oneOf(CUSTOMER_SORTS, params.get('sort')),
    order: oneOf(SORT_DIRECTIONS, params.get('order')),
    group: oneOf(CUSTOMER_GROUPS, params.get('group')),
    grade: params.get('grade') ?? '',
    tag: params.get('tag') ?? '',
    minNoShows: Number.isInteger(noShows) && noShows >= 1 && noShows <= 1000 ? noShows : null,
    page: Math.max(0, Math.floor(Number(params.get('page') ?? 0)) || 0),
  };
}

/** The sort select's choices: each key in both directions, in Korean. */
export const SORT_CHOICES: readonly { value: string; label: string; sort: CustomerSort; order: SortDirection }[] = [
  { value: 'created:desc', label: '최근 등록순', sort: 'created', order: 'desc' },
  { value: 'created:asc', label: '오래된 등록순', sort: 'created', order: 'asc' },
  { value: 'name:asc', label: '이름 가나다순', sort: 'name', order: 'asc' },
  { value: 'name:desc', label: '이름 역순', sort: 'name', order: 'desc' },
  { value: 'lastVisit:desc', label: '최근 방문순', sort: 'lastVisit', order: 'desc' },
  { value: 'lastVisit:asc', label: '방문한 지 오래된 순', sort: 'lastVisit', order: 'asc' },
  { value: 'points:desc', label: '포인트 많은 순', sort: 'points', order: 'desc' },
  { value: 'points:asc', label: '포인트 적은 순', sort: 'points', order: 'asc' },
  { value: 'visits:desc', label: '방문 많은 순', sort: 'visits', order: 'desc' },
  { value: 'visits:asc', label: '방문 적은 순', sort: 'visits', order: 'asc' },
];

/** The select's value for the state; without a sort the server lists by name when searching and newest first otherwise. */
export function sortChoiceOf(state: Pick<CustomerListState, 'q' | 'sort' | 'order'>): string {
  const sort = state.sort ?? (state.q.trim() ? 'name' : 'created');
  return `${sort}:${state.order ?? CUSTOMER_SORT_DEFAULT_DIRECTION[sort]}`;
}

/** Any filter beyond the search text. */
export function hasFilters(state: CustomerListState): boolean {
  return state.group !== null || state.grade !== '' || state.tag !== '' || state.minNoShows !== null;
}

/** The query both GET /api/customers and the export take (without the page). */
export function apiQueryOf(state: CustomerListState) {
  return {
    q: state.q,
    ...(state.sort ? { sort: state.sort } : {}),
    ...(state.order ? { order: state.order } : {}),
    ...(state.group ? { group: state.group } : {}),
    ...(state.grade ? { grade: state.grade } : {}),
    ...(state.tag ? { tag: state.tag } : {}),
    ...(state.minNoShows !== null ? { minNoShows: state.minNoShows } : {}),
  };
}

/** The CSV download of what the list shows, sent with the session cookie by a plain link. */
export function exportUrlOf(state: CustomerListState): string {
  const params = new URLSearchParams(Object.entries(apiQueryOf(state)).map(([k, v]) => [k, String(v)]));
  if (!state.q) params.delete('q');
  const query = params.toString();
  return `/api/customers/export.csv${query ? `?${query}` : ''}`;
}
