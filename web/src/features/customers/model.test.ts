import { describe, expect, it } from 'vitest';
import { SORT_CHOICES, apiQueryOf, exportUrlOf, hasFilters, listStateFrom, sortChoiceOf } from './model';

// OPS-8: the customer list's state in the address.

describe('listStateFrom', () => {
  it('reads the search, sort, filters and page, and drops what the server would refuse', () => {
    const state = listStateFrom(new URLSearchParams('q=김&sort=points&order=asc&group=regular&grade=VIP&tag=소개&noShows=2&page=3'));
    expect(state).toEqual({ q: '김', sort: 'points', order: 'asc', group: 'regular', grade: 'VIP', tag: '소개', minNoShows: 2, page: 3 });
    expect(listStateFrom(new URLSearchParams('sort=price&order=up&group=vip&noShows=0&page=-1'))).toEqual({
      q: '',
      sort: null,
      order: null,
      group: null,
      grade: '',
      tag: '',
      minNoShows: null,
      page: 0,
    });
    expect(listStateFrom(new URLSearchParams('noShows=1.5')).minNoShows).toBeNull();
    expect(hasFilters(listStateFrom(new URLSearchParams('q=김&sort=name')))).toBe(false);
    expect(hasFilters(listStateFrom(new URLSearchParams('noShows=1')))).toBe(true);
  });
});

describe('the list query and the export link', () => {
  it('send the same filters; the link leaves out what is empty', () => {
    const state = listStateFrom(new URLSearchParams('sort=name&grade=VIP 고객&noShows=3&page=2'));
    expect(apiQueryOf(state)).toEqual({ q: '', sort: 'name', grade: 'VIP 고객', minNoShows: 3 });
    expect(exportUrlOf(state)).toBe('/api/customers/export.csv?sort=name&grade=VIP+%EA%B3%A0%EA%B0%9D&minNoShows=3');
    expect(exportUrlOf(listStateFrom(new URLSearchParams()))).toBe('/api/customers/export.csv');
  });
});

describe('sortChoiceOf', () => {
  it('shows what the server does without a sort: by name when searching, newest first otherwise', () => {
    expect(sortChoiceOf({ q: '', sort: null, order: null })).toBe('created:desc');
    expect(sortChoiceOf({ q: '김', sort: null, order: null })).toBe('name:asc');
    expect(sortChoiceOf({ q: '', sort: 'points', order: null })).toBe('points:desc');
    for (const choice of SORT_CHOICES) expect(sortChoiceOf({ q: '', sort: choice.sort, order: choice.order })).toBe(choice.value);
  });
});
