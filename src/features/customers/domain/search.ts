import { CUSTOMER_SORT_DEFAULT_DIRECTION, type CustomerSort, type SortDirection } from '../../../shared/labels/customers.ts';
import type { CustomerGroup } from '../../../shared/labels/loyalty.ts';
import { classifyPhoneQuery } from '../../../shared/phone.ts';

/** Which customers a list shows. */
export type CustomerFilter =
  | { by: 'all' }
  | { by: 'nameContains'; text: string }
  | { by: 'phoneLast4'; digits: string }
  | { by: 'phone'; digits: string }
  | { by: 'phoneContains'; digits: string };

/**
 * Which customers a search text finds (CORE-5): 4 digits are the last 4 of the
 * phone, a whole number is that number, other digits are part of a number, and
 * anything else is part of the name. Without the full-phone permission part of
 * a number finds nothing (null): matching hidden middle digits would reveal them.
 */
export function customerFilterFor(q: string, canSeeFull: boolean): CustomerFilter | null {
  const text = q.normalize('NFC').trim();
  if (text === '') return { by: 'all' };
  const phone = classifyPhoneQuery(text);
  if (!phone) return { by: 'nameContains', text };
  if (phone.kind === 'last4') return { by: 'phoneLast4', digits: phone.digits };
  if (phone.kind === 'full') return { by: 'phone', digits: phone.digits };
  return canSeeFull ? { by: 'phoneContains', digits: phone.digits } : null;
}

/** OPS-8: the order of a list: a sort key and its direction (ties broken by id in the same direction). */
export interface CustomerOrder {
  sort: CustomerSort;
  direction: SortDirection;
}

/**
 * The order a list asks for; without one, a search lists by name and the
 * whole list newest first (as before sorting existed). A sort without a
 * direction starts where its label suggests (가 first, the most first).
 */
export function customerOrderFor(filter: CustomerFilter, sort?: CustomerSort, direction?: SortDirection): CustomerOrder {
  const key = sort ?? (filter.by === 'all' ? 'created' : 'name');
  return { sort: key, direction: direction ?? CUSTOMER_SORT_DEFAULT_DIRECTION[key] };
}

/** OPS-8: the list's filters besides the search text; every one given must hold. */
export interface CustomerSegment {
  group?: CustomerGroup | undefined;
  grade?: string | undefined;
  tag?: string | undefined;
  /** 노쇼 this many times or more. */
  minNoShows?: number | undefined;
}

/** The filters that narrow anything: an empty grade or tag, or 노쇼 ≥ 0, is no filter. */
export function customerSegmentOf(input: CustomerSegment): CustomerSegment {
  const grade = input.grade?.normalize('NFC').trim();
  const tag = input.tag?.normalize('NFC').trim();
  return {
    ...(input.group ? { group: input.group } : {}),
    ...(grade ? { grade } : {}),
    ...(tag ? { tag } : {}),
    ...(input.minNoShows && input.minNoShows > 0 ? { minNoShows: input.minNoShows } : {}),
  };
}
