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
 * `regularWindowStart`, on the facts the customer row keeps of its accruals
 * (`accrualFactsOf`, `groupsFromFacts` below), and the visits themselves for
 * a customer with an accrual after `now`.
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

/**
 * What the customer row keeps of its accruals (migration 0020), enough to
 * answer the group at any instant at or after the latest accrual.
 */
export interface AccrualFacts {
  accrualCount: number;
  lastAccrualAt: Date | null;
  /** The 3rd most recent accrual (null with fewer than 3). */
  thirdRecentAccrualAt: Date | null;
}

/** The facts of these accrual instants (ties count separately: two accruals at one instant are two). */
export function accrualFactsOf(accrualInstants: readonly Date[]): AccrualFacts {
  const newestFirst = accrualInstants.map((d) => d.getTime()).sort((a, b) => b - a);
  return {
    accrualCount: newestFirst.length,
    lastAccrualAt: newestFirst.length > 0 ? new Date(newestFirst[0]!) : null,
    thirdRecentAccrualAt: newestFirst.length >= REGULAR_MIN_ACCRUALS ? new Date(newestFirst[REGULAR_MIN_ACCRUALS - 1]!) : null,
  };
}

/**
 * The group from the facts, as `groupsOf` answers from the instants: when
 * every accrual is at or before `now`, "3 or more in [start, now]" is "the
 * 3rd most recent is at or after start", and "ever up to now" is the count.
 * An accrual after `now` (asking about a past instant; visits are never
 * stored ahead of the moment they are recorded) makes the facts say too
 * much: null, and the caller asks the history (the SQL does the same).
 */
export function groupsFromFacts(facts: AccrualFacts, now: Date, zone: string): CustomerGroup[] | null {
  if (facts.lastAccrualAt !== null && facts.lastAccrualAt.getTime() > now.getTime()) return null;
  const start = regularWindowStart(now, zone).getTime();
  const regular = facts.thirdRecentAccrualAt !== null && facts.thirdRecentAccrualAt.getTime() >= start;
  return groupsFromCounts(facts.accrualCount, regular ? REGULAR_MIN_ACCRUALS : 0);
}
