import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';

describe.each(engines)('customer merge on %s (NAVER-5)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('moves the schedules of a same-phone customer onto the kept one, joins tags and memos, and deletes the other', async () => {
    const admin = await t.signup();
    const kept = await t.call(admin, 'POST', '/api/customers', { name: '홍길동', phone: '010-2222-3333', tags: ['VIP'], memo: '알레르기' });
    const renamed = await t.call(admin, 'POST', '/api/customers', { name: '홍길동(네이버)', phone: '01022223333', tags: ['네이버'], memo: '주차 문의' });
    const schedule = await t.call(admin, 'POST', '/api/schedules', {
      customerId: renamed.body.id,
      staffId: admin.staffId,
      startsAt: '2026-11-24T02:00:00Z',
      endsAt: '2026-11-24T02:30:00Z',
    });
    const candidates = await t.call(admin, 'GET', `/api/customers/duplicates-by-phone/${kept.body.id}`);
    expect(candidates.body.items.map((c: { id: string }) => c.id)).toEqual([renamed.body.id]);

    const merged = await t.call(admin, 'POST', `/api/customers/${kept.body.id}/merge`, { sourceCustomerId: renamed.body.id });
    expect(merged.status).toBe(200);
    expect(merged.body.movedSchedules).toBe(1);
    expect(merged.body.customer.tags).toEqual(['VIP', '네이버']);
    expect(merged.body.customer.memo).toBe('알레르기\n주차 문의');
    expect((await t.call(admin, 'GET', `/api/customers/${renamed.body.id}`)).status).toBe(404);
    expect((await t.call(admin, 'GET', `/api/schedules/${schedule.body.id}`)).body.customer.name).toBe('홍길동');
    const history = await t.call(admin, 'GET', `/api/schedules/${schedule.body.id}/history`);
    expect(history.body.items.at(-1).changes.customer).toMatchObject({ from: '홍길동(네이버)', to: '홍길동' });
  });

  it('refuses customers with different phones, itself, and another business\'s customer', async () => {
    const admin = await t.signup();
    const other = await t.signup();
    const a = await t.call(admin, 'POST', '/api/customers', { name: '김하나', phone: '010-1111-0001' });
    const b = await t.call(admin, 'POST', '/api/customers', { name: '김둘', phone: '010-1111-0002' });
    const foreign = await t.call(other, 'POST', '/api/customers', { name: '김하나', phone: '010-1111-0001' });
    expect((await t.call(admin, 'POST', `/api/customers/${a.body.id}/merge`, { sourceCustomerId: b.body.id })).body.error.code).toBe('CUSTOMER_MERGE_PHONE_MISMATCH');
    expect((await t.call(admin, 'POST', `/api/customers/${a.body.id}/merge`, { sourceCustomerId: a.body.id })).body.error.code).toBe('CUSTOMER_MERGE_SAME');
    expect((await t.call(admin, 'POST', `/api/customers/${a.body.id}/merge`, { sourceCustomerId: foreign.body.id })).status).toBe(404);
    expect((await t.call(other, 'GET', `/api/customers/${foreign.body.id}`)).status).toBe(200);
  });
});
