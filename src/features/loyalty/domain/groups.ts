import { DateTime } from 'luxon';
import { CUSTOMER_GROUPS, type CustomerGroup } from '../../../shared/labels/loyalty.ts';

/**
 * MSG-2: customer groups from a customer's accruals (적립: visits that
 * earned points), as of an instant:
 * - 단골 (regular): 3 or more accruals in [now − 3 months, now];
 *   a regular whose visits lapse drops out as the window moves on.
 * - 예비 단골 (prospective): 2 or more accruals ever, and not 단골.
 * - 첫 적립 (first): exactly one accrual ever.
 *
 * So a customer with any accrual is in exactly one group and one without
 * none. Accruals after `now` are not counted: the answer is the groups as
 * they stood at `now` (asking about a past instant gives that day's groups).
 * The SQL of the groups (repository/groups.ts) uses the same constants and
 * `regularWindowStart` (visited_at >= start and visited_at <= now).
 */
export { CUSTOMER_GROUPS, type CustomerGroup };

export const REGULAR_MIN_ACCRUALS = 3;
export const REGULAR_WINDOW_MONTHS = 3;
export const PROSPECTIVE_MIN_ACCRUALS = 2;

export function isCustomerGroup(value: unknown): value is CustomerGroup {
  return typeof value === 'string' && (CUSTOMER_GROUPS as readonly string[]).includes(value);
}

/**
 * The first instant of the 단골 window: the same wall-clock time 3 calendar
 * months earlier in the business zone (luxon `minus({ months: 3 })`). A day
 * the earlier month lacks is clamped to its last day: May 31 → Feb 28 (Feb 29
 * in a leap year), so May 29–31 all start on Feb 28 and the window is a few
 * days shorter then; Aug 31 → May 31 exactly. The start is inclusive: an
 * accrual at exactly this instant counts.
 */
export function regularWindowStart(now: Date, zone: string): Date {
  const local = DateTime.fromJSDate(now, { zone });
  if (!local.isValid) throw new RangeError(`invalid time zone ${zone}`);
  return local.minus({ months: REGULAR_WINDOW_MONTHS }).toJSDate();
}

/**
 * The group of a customer from the two numbers that decide it: accruals
 * ever (up to now) and accruals in the 단골 window. The SQL and `groupsOf`
 * both come down to this.
 */
export function groupsFromCounts(accrualCount: number, recentAccruals: number): CustomerGroup[] {
  if (recentAccruals >= REGULAR_MIN_ACCRUALS) return ['regular'];
  if (accrualCount >= PROSPECTIVE_MIN_ACCRUALS) return ['prospective'];
  if (accrualCount === 1) return ['first'];
  return [];
}

/** The group of a customer with these accrual instants, as of `now` (at most one). */
export function groupsOf(accrualInstants: readonly Date[], now: Date, zone: string): CustomerGroup[] {
  const end = now.getTime();
  const start = regularWindowStart(now, zone).getTime();
  let ever = 0;
  let recent = 0;
  for (const accrual of accrualInstants) {
    const at = accrual.getTime();
    if (at > end) continue;
    ever++;
    if (at >= start) recent++;
  }
  return groupsFromCounts(ever, recent);
}
