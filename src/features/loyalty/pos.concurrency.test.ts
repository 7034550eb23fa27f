import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { insertCoupon, posCall } from './test-helpers.ts';

// MSG-1: concurrent POS requests. On PostgreSQL the app's pool holds 10 real
// connections, so the 20 requests run in parallel transactions; on PGlite
// they queue on its one connection (the same answers are required).

describe.each(engines)('concurrent POS requests on %s', (engine) => {
  let t: TestApp;
  let admin: Session;
  let key: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup({ businessName: '동시성 카페' });
    key = (await t.call(admin, 'POST', '/api/pos-keys', { name: '동시 POS' })).body.key;
  });
  afterAll(async () => t?.close());

  it('lets exactly one of 20 simultaneous redemptions of one code succeed', async () => {
    const coupon = await insertCoupon(t.database.db, admin.businessId);
    const results = await Promise.all(Array.from({ length: 20 }, () => posCall(t, key, 'POST', `/api/pos/coupons/${coupon.code}/redeem`, {})));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(Array(19).fill('COUPON_ALREADY_REDEEMED'));
  });

  it('records one visit for 20 simultaneous requests with the same posVisitId (one 201, the rest 200 with the same visit)', async () => {
    const body = { posVisitId: `RACE-${engine}`, phone: '010-5000-0001', name: '동시손님', amount: 10000, pointsEarned: 500 };
    const results = await Promise.all(Array.from({ length: 20 }, () => posCall(t, key, 'POST', '/api/pos/visits', body)));
    expect(results.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201].sort());
    expect(new Set(results.map((r) => r.body.visit.id)).size).toBe(1);
    const visits = await t.database.db.selectFrom('customer_visits').selectAll().where('business_id', '=', admin.businessId).where('pos_visit_id', '=', body.posVisitId).execute();
    expect(visits).toHaveLength(1);
    const customers = await t.database.db.selectFrom('customers').selectAll().where('business_id', '=', admin.businessId).where('phone', '=', '01050000001').execute();
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ points_held: 500, points_accumulated: 500, visit_count: 1, accrual_count: 1 });
  });

  it('keeps points exact under 20 simultaneous different visits of one customer, and refuses overspending', async () => {
    await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: `SEED-${engine}`, phone: '010-5000-0002', name: '포인트손님', pointsEarned: 1000 });
    // 20 visits each earn 10 and spend 100: only 10 can spend (1000 held + earnings arrive after the check).
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: `SPEND-${engine}-${i}`, phone: '010-5000-0002', pointsEarned: 10, pointsUsed: 100 })),
    );
    const ok = results.filter((r) => r.status === 201).length;
    const refused = results.filter((r) => r.status === 409 && r.body.error.code === 'POINTS_INSUFFICIENT').length;
    expect(ok + refused).toBe(20);
    const row = await t.database.db.selectFrom('customers').selectAll().where('business_id', '=', admin.businessId).where('phone', '=', '01050000002').executeTakeFirstOrThrow();
    expect(row.visit_count).toBe(1 + ok);
    expect(row.points_held).toBe(1000 + ok * 10 - ok * 100);
    expect(row.points_accumulated).toBe(1000 + ok * 10);
    expect(row.points_held).toBeGreaterThanOrEqual(0);
    expect(ok).toBe(11); // 1000 → 910 → … → 10 after 11 spends (each adds 10 after the check)
  });
});
