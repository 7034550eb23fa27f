import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { refreshCustomerFacts } from '../loyalty/index.ts';
import { candidatesQuery } from './repository/audience.ts';
import { groupMembersAt } from './use-cases/group-members.ts';
import { exclusionReason } from './domain/exclusion.ts';

/**
 * The SQL that decides every candidate's exclusion reason agrees with the
 * pure rule (domain/exclusion.ts) for any mix of facts: phone, opt-out,
 * consent, a visit in the 발송 대상 제한 window, a message in the 중복 발송
 * 방지 window.
 */
describe.each(engines)('exclusion reasons in SQL on %s (MSG-5, MSG-6, MSG-10)', (engine) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup();
  });
  afterAll(async () => t?.close());

  const facts = fc.record({
    mobile: fc.boolean(),
    optedOutRow: fc.boolean(),
    optedOutList: fc.boolean(),
    consent: fc.boolean(),
    visited: fc.boolean(),
    received: fc.boolean(),
  });

  it('property: the SQL reason is the pure rule\'s reason, for every customer', async () => {
    const now = new Date();
    const windows = { visitedWithin: { from: new Date(now.getTime() - 7 * 86_400_000), to: now }, receivedWithin: { from: new Date(now.getTime() - 3 * 86_400_000), to: now } };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(facts, { minLength: 1, maxLength: 8 }), async (people) => {
        const db = t.database.db;
        const message = await db
          .insertInto('messages')
          .values({ business_id: admin.businessId, channel: 'sms', template_key: 'x', title: 't', body: 'b', coupon: '{}', coupon_validity: '7d', audience: '{}', settings: '{}', status: 'sent', send_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        const ids: string[] = [];
        for (const p of people) {
          n += 1;
          const phone = p.mobile ? `0105${String(n).padStart(7, '0')}` : `02${String(n).padStart(8, '0')}`;
          const row = await db
            .insertInto('customers')
            .values({ business_id: admin.businessId, name: `고객${n}`, phone, marketing_consent: p.consent, marketing_opted_out_at: p.optedOutRow ? now : null })
            .returning('id')
            .executeTakeFirstOrThrow();
          ids.push(row.id);
          if (p.optedOutList) await db.insertInto('marketing_opt_outs').values({ business_id: admin.businessId, phone, via: 'link' }).execute();
          if (p.visited) await db.insertInto('customer_visits').values({ business_id: admin.businessId, customer_id: row.id, visited_at: new Date(now.getTime() - 86_400_000), source: 'pos' }).execute();
          // A visit before the window does not count.
          else await db.insertInto('customer_visits').values({ business_id: admin.businessId, customer_id: row.id, visited_at: new Date(now.getTime() - 30 * 86_400_000), source: 'pos' }).execute();
          await db
            .insertInto('message_recipients')
            .values({
              business_id: admin.businessId,
              message_id: message.id,
              customer_id: row.id,
              name: 'x',
              phone,
              batch_no: 0,
              status: p.received ? 'delivered' : 'failed',
              coupon_code: `C${n}${Math.random().toString(36).slice(2, 10)}`,
              coupon_expires_at: now,
              opt_out_token: `T${n}${Math.random().toString(36).slice(2, 12)}`,
              status_at: new Date(now.getTime() - 86_400_000),
            })
            .execute();
        }
        await refreshCustomerFacts(db, admin.businessId, ids);
        const rows = await candidatesQuery(db, admin.businessId, { kind: 'direct', customerIds: ids }, windows, groupMembersAt(now, 'Asia/Seoul')).execute();
        for (const [i, p] of people.entries()) {
          const row = rows.find((r) => r.id === ids[i])!;
          const expected = exclusionReason({ phoneValid: p.mobile, optedOut: p.optedOutRow || p.optedOutList, marketingConsent: p.consent, visitedInPeriod: p.visited, receivedInPeriod: p.received });
          expect(row.reason).toBe(expected);
        }
      }),
      { numRuns: 25 },
    );
  });
});
