import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { CUSTOMER_GROUPS, groupsOf, regularWindowStart, type CustomerGroup } from './domain/groups.ts';
import type { PosCaller } from './domain/pos-caller.ts';
import { countGroups, groupMemberQuery } from './repository/groups.ts';
import { groupsOfCustomers } from './use-cases/groups-of-customers.ts';
import { recordPosVisit } from './use-cases/record-pos-visit.ts';

// MSG-2: the SQL groups (audiences, counts, the customer JSON) agree with the
// pure rule `groupsOf` for any accrual history, at the window's edges too.

const DAY = 86_400_000;
const ZONES = ['Asia/Seoul', 'UTC', 'America/New_York'];

/** One accrual relative to the window start of `now`: exactly at it, just before, or somewhere in −200 … +95 days. */
const offset = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(0, -1, 1, -1000, 1000) },
  { weight: 5, arbitrary: fc.integer({ min: -200 * DAY, max: 95 * DAY }) },
);

const history = fc.record({
  accruals: fc.array(offset, { maxLength: 6 }),
  /** Visits without points: visits, never accruals. */
  plainVisits: fc.integer({ min: 0, max: 2 }),
});

interface Scenario {
  now: Date;
  zone: string;
  customers: { accruals: number[]; plainVisits: number }[];
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  // 2025-01-01 … 2027-12-31, so month ends, leap days and DST switches all occur.
  now: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) }).map((ms) => new Date(ms)),
  zone: fc.constantFrom(...ZONES),
  customers: fc.array(history, { minLength: 1, maxLength: 6 }),
});

describe('customer groups in SQL agree with groupsOf (pglite)', () => {
  let t: TestApp;
  let admin: Session;
  let run = 0;

  beforeAll(async () => {
    t = await createTestApp('pglite');
    admin = await t.signup({ businessName: '그룹 검사' });
  });
  afterAll(async () => t?.close());

  /** Writes the scenario through the loyalty service and returns the expected group of each customer. */
  async function load(s: Scenario) {
    const { db } = t.database;
    const businessId = admin.businessId;
    await db.deleteFrom('customers').where('business_id', '=', businessId).execute();
    await db.updateTable('businesses').set({ time_zone: s.zone }).where('id', '=', businessId).execute();
    const caller: PosCaller = { businessId, timeZone: s.zone, canSeeFullPhone: true, via: 'key' };
    const start = regularWindowStart(s.now, s.zone).getTime();
    run += 1;
    const expected = new Map<string, CustomerGroup[]>();
    for (const [i, c] of s.customers.entries()) {
      const phone = `010${String(run % 10000).padStart(4, '0')}${String(i).padStart(4, '0')}`;
      const name = `고객${i}`;
      const instants = c.accruals.map((o) => new Date(Math.min(start + o, s.now.getTime())));
      const visits = [...instants.map((at) => ({ at, points: 10 })), ...Array.from({ length: c.plainVisits }, (_, k) => ({ at: new Date(s.now.getTime() - k * 40 * DAY), points: 0 }))];
      let customerId: string | null = null;
      if (visits.length === 0) {
        customerId = (await db.insertInto('customers').values({ business_id: businessId, name, phone }).returning('id').executeTakeFirstOrThrow()).id;
      }
      for (const [k, v] of visits.entries()) {
        const res = await recordPosVisit(db, caller, { posVisitId: `P${run}-${i}-${k}`, phone, name, visitedAt: v.at.toISOString(), pointsEarned: v.points }, s.now);
        customerId = res.customer.id;
      }
      expected.set(customerId!, groupsOf(instants, s.now, s.zone));
    }
    return expected;
  }

  async function check(s: Scenario) {
    const { db } = t.database;
    const expected = await load(s);
    for (const group of CUSTOMER_GROUPS) {
      const want = [...expected].filter(([, g]) => g.includes(group)).map(([id]) => id).sort();
      const members = (await groupMemberQuery(db, admin.businessId, group, s.now, s.zone).execute()).map((r) => r.id).sort();
      expect(members, group).toEqual(want);
    }
    const counts = await countGroups(db, admin.businessId, s.now, s.zone);
    for (const group of CUSTOMER_GROUPS) expect(counts[group]).toBe([...expected.values()].filter((g) => g.includes(group)).length);
    const rows = await db.selectFrom('customers').selectAll().where('business_id', '=', admin.businessId).execute();
    const perCustomer = await groupsOfCustomers(db, admin.businessId, rows, s.now, s.zone);
    for (const [id, groups] of expected) expect(perCustomer.get(id), id).toEqual(groups);
  }

  it('for random accrual histories, zones and instants', async () => {
    await fc.assert(fc.asyncProperty(scenario, check), { numRuns: 60 });
  });

  it('at the boundary: exactly 3 accruals in the window is 단골; one a millisecond before the start is not', async () => {
    const now = new Date('2026-05-31T08:00:00+09:00'); // window starts 2026-02-28 08:00 KST (clamped month end)
    const zone = 'Asia/Seoul';
    const start = regularWindowStart(now, zone).getTime();
    expect(new Date(start)).toEqual(new Date('2026-02-28T08:00:00+09:00'));
    const s: Scenario = {
      now,
      zone,
      customers: [
        { accruals: [0, 10 * DAY, 20 * DAY], plainVisits: 0 }, // 3 in window, one exactly at the start → 단골
        { accruals: [-1, 10 * DAY, 20 * DAY], plainVisits: 0 }, // one just before → 예비 단골
        { accruals: [-1], plainVisits: 2 }, // 1 accrual → 첫 적립
        { accruals: [], plainVisits: 3 }, // visits without points → no group
        { accruals: [-400 * DAY, -300 * DAY, -1], plainVisits: 0 }, // 3 ever, none in window → 예비 단골
        { accruals: [0, 0, now.getTime() - start], plainVisits: 0 }, // at start twice and at now → 단골
      ],
    };
    await check(s);
    const expected = await load(s);
    expect([...expected.values()]).toEqual([['regular'], ['prospective'], ['first'], [], ['prospective'], ['regular']]);
  });
});
