import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { addMember, expectError, MISSING_ID } from '../../../test/helpers.ts';
import { insertCoupon, posCall } from './test-helpers.ts';

// MSG-1 loyalty (visits, points, coupons, grades, tags, POS keys), MSG-2 group counts, CORE-1 tenancy, CORE-2 permissions.

const DAY = 86_400_000;

describe.each(engines)('loyalty on %s', (engine) => {
  let t: TestApp;
  let admin: Session;
  let other: Session;
  let key: string;
  let otherKey: string;
  let posVisitCounter = 0;
  const nextPosId = () => `POS-${engine}-${++posVisitCounter}`;

  async function newKey(session: Session, name = '카운터 POS'): Promise<string> {
    const res = await t.call(session, 'POST', '/api/pos-keys', { name });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.key;
  }

  async function visitCountRows(businessId: string) {
    const row = await t.database.db.selectFrom('customer_visits').select((eb) => eb.fn.countAll<string>().as('n')).where('business_id', '=', businessId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup({ businessName: '커피 한 잔' });
    other = await t.signup({ businessName: '다른 가게' });
    key = await newKey(admin);
    otherKey = await newKey(other);
  });
  afterAll(async () => t?.close());

  it('issues POS keys shown once, lists them by prefix, and refuses deleted, unknown and missing keys', async () => {
    const created = await t.call(admin, 'POST', '/api/pos-keys', { name: '  2번 POS ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '2번 POS', lastUsedAt: null });
    expect(created.body.key).toMatch(/^yk_pos_[A-Za-z0-9_-]{43}$/);
    expect(created.body.key.startsWith(created.body.keyPrefix)).toBe(true);
    const stored = await t.database.db.selectFrom('pos_api_keys').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(created.body.key);

    const list = await t.call(admin, 'GET', '/api/pos-keys');
    expect(list.status).toBe(200);
    expect(list.body.items.map((k: any) => k.name)).toEqual(['카운터 POS', '2번 POS']);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);

    const ok = await posCall(t, created.body.key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-1111-0001', name: '키확인' });
    expect(ok.status).toBe(201);
    const used = await t.call(admin, 'GET', '/api/pos-keys');
    expect(used.body.items.find((k: any) => k.id === created.body.id).lastUsedAt).not.toBeNull();

    expect((await t.call(admin, 'DELETE', `/api/pos-keys/${created.body.id}`)).status).toBe(204);
    expectError(await posCall(t, created.body.key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-1111-0001' }), 401, 'POS_KEY_INVALID');
    expectError(await t.call(admin, 'DELETE', `/api/pos-keys/${created.body.id}`), 404, 'POS_KEY_NOT_FOUND');
    expectError(await posCall(t, 'yk_pos_nonsense', 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-1111-0001' }), 401, 'POS_KEY_INVALID');
    expectError(await posCall(t, null, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-1111-0001' }), 401, 'UNAUTHENTICATED');
    // Another business cannot see or delete the key.
    expectError(await t.call(other, 'DELETE', `/api/pos-keys/${(list.body.items[0] as any).id}`), 404, 'POS_KEY_NOT_FOUND');
    expect((await t.call(other, 'GET', '/api/pos-keys')).body.items.map((k: any) => k.name)).toEqual(['카운터 POS']);
  });

  it('records a visit: creates the customer by name, adds points, counts visits and accruals, and shows them on the customer', async () => {
    const missingName = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-2222-0001', pointsEarned: 100 });
    expectError(missingName, 400, 'CUSTOMER_NAME_REQUIRED');
    expectError(await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-22', name: '김적립' }), 400, 'PHONE_INVALID');

    const first = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-2222-0001', name: '김적립', amount: 12000, pointsEarned: 600 });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.visit).toMatchObject({ source: 'pos', amount: 12000, pointsEarned: 600, pointsUsed: 0, scheduleId: null });
    expect(first.body.customer).toMatchObject({
      name: '김적립',
      phone: '010-2222-0001',
      pointsHeld: 600,
      pointsAccumulated: 600,
      visitCount: 1,
      groups: ['first'],
      marketingOptedOutAt: null,
    });
    expect(first.body.customer.lastVisitAt).toBe(first.body.visit.visitedAt);
    expect(first.body.coupon).toBeNull();

    // Found by phone alone the next time; using points lowers only the held points.
    const second = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '01022220001', amount: 5000, pointsEarned: 250, pointsUsed: 500 });
    expect(second.status).toBe(201);
    expect(second.body.customer).toMatchObject({ id: first.body.customer.id, pointsHeld: 350, pointsAccumulated: 850, visitCount: 2, groups: ['prospective'] });

    // A visit without points is a visit, not an accrual.
    const third = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-2222-0001', amount: 3000 });
    expect(third.body.customer).toMatchObject({ visitCount: 3, pointsHeld: 350, groups: ['prospective'] });
    const fourth = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-2222-0001', pointsEarned: 10 });
    expect(fourth.body.customer).toMatchObject({ visitCount: 4, pointsHeld: 360, groups: ['regular'] });
    const row = await t.database.db.selectFrom('customers').selectAll().where('id', '=', first.body.customer.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ accrual_count: 3, visit_count: 4, points_held: 360, points_accumulated: 860 });
    expect(row.first_accrual_at?.toISOString()).toBe(first.body.visit.visitedAt);

    const detail = await t.call(admin, 'GET', `/api/customers/${first.body.customer.id}`);
    expect(detail.body).toMatchObject({ pointsHeld: 360, pointsAccumulated: 860, visitCount: 4, groups: ['regular'] });
    const list = await t.call(admin, 'GET', '/api/customers?q=김적립');
    expect(list.body.items[0]).toMatchObject({ pointsHeld: 360, visitCount: 4, groups: ['regular'] });

    const visits = await t.call(admin, 'GET', `/api/customers/${first.body.customer.id}/visits`);
    expect(visits.status).toBe(200);
    expect(visits.body.total).toBe(4);
    expect(visits.body.items.map((v: any) => v.pointsEarned)).toEqual([10, 0, 250, 600]);

    const groups = await t.call(admin, 'GET', '/api/customer-groups');
    expect(groups.status).toBe(200);
    expect(groups.body.regular).toBeGreaterThanOrEqual(1);
  });

  it('refuses using more points than held and writes nothing, not even a new customer', async () => {
    const before = await visitCountRows(admin.businessId);
    const res = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-3333-0001', name: '신규사용', pointsEarned: 100, pointsUsed: 1 });
    expectError(res, 409, 'POINTS_INSUFFICIENT');
    expect(await visitCountRows(admin.businessId)).toBe(before);
    const customer = await t.database.db.selectFrom('customers').select('id').where('business_id', '=', admin.businessId).where('name', '=', '신규사용').executeTakeFirst();
    expect(customer).toBeUndefined();

    const ok = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-3333-0001', name: '신규사용', pointsEarned: 100 });
    expect(ok.status).toBe(201);
    const over = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-3333-0001', pointsUsed: 101 });
    expectError(over, 409, 'POINTS_INSUFFICIENT');
    expect(over.body.error.details).toEqual({ pointsHeld: 100, pointsUsed: 101 });
    const exact = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-3333-0001', pointsUsed: 100 });
    expect(exact.body.customer).toMatchObject({ pointsHeld: 0, pointsAccumulated: 100, visitCount: 2 });
  });

  it('answers a retried posVisitId with the first visit (200) and changes nothing', async () => {
    const id = nextPosId();
    const body = { posVisitId: id, phone: '010-4444-0001', name: '재시도', amount: 10000, pointsEarned: 500 };
    const first = await posCall(t, key, 'POST', '/api/pos/visits', body);
    expect(first.status).toBe(201);
    const again = await posCall(t, key, 'POST', '/api/pos/visits', { ...body, pointsEarned: 9999 });
    expect(again.status).toBe(200);
    expect(again.body.visit).toEqual(first.body.visit);
    expect(again.body.customer).toMatchObject({ pointsHeld: 500, visitCount: 1 });
    // The same POS id is another business's own visit.
    const elsewhere = await posCall(t, otherKey, 'POST', '/api/pos/visits', body);
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.visit.id).not.toBe(first.body.visit.id);
  });

  it('takes visits and refuses future times', async () => {
    const past = new Date(Date.now() - 3 * DAY).toISOString();
    const res = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-5555-0001', name: '과거방문', visitedAt: past, pointsEarned: 10 });
    expect(res.body.visit.visitedAt).toBe(past);
    expectError(
      await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-5555-0001', visitedAt: new Date(Date.now() + DAY).toISOString() }),
      400,
      'VISIT_TIME_IN_FUTURE',
    );
    expectError(await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-5555-0001', pointsEarned: -5 }), 400, 'VALIDATION_FAILED');
  });

  it('redeems a coupon once; expired, unknown and other businesses\' coupons are refused', async () => {
    const { db } = t.database;
    const coupon = await insertCoupon(db, admin.businessId);
    const first = await posCall(t, key, 'POST', `/api/pos/coupons/${coupon.code}/redeem`, {});
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ code: coupon.code, messageId: coupon.messageId, messageTitle: '단골 감사 쿠폰', benefit: { type: 'discount', discountKind: 'percent', discountValue: 10 } });
    expect(first.body.redeemedAt).not.toBeNull();
    expectError(await posCall(t, key, 'POST', `/api/pos/coupons/${coupon.code}/redeem`, {}), 409, 'COUPON_ALREADY_REDEEMED');

    const expired = await insertCoupon(db, admin.businessId, { expiresAt: new Date(Date.now() - 1000) });
    expectError(await posCall(t, key, 'POST', `/api/pos/coupons/${expired.code}/redeem`), 409, 'COUPON_EXPIRED');
    expectError(await posCall(t, key, 'POST', '/api/pos/coupons/NOPE123/redeem'), 404, 'COUPON_NOT_FOUND');

    const theirs = await insertCoupon(db, other.businessId);
    expectError(await posCall(t, key, 'POST', `/api/pos/coupons/${theirs.code}/redeem`), 404, 'COUPON_NOT_FOUND');
    expectError(await t.call(admin, 'POST', `/api/pos/coupons/${theirs.code}/redeem`, {}), 404, 'COUPON_NOT_FOUND');
    const stillFree = await db.selectFrom('message_recipients').select('coupon_redeemed_at').where('id', '=', theirs.recipientId).executeTakeFirstOrThrow();
    expect(stillFree.coupon_redeemed_at).toBeNull();
    // A session with 고객 수정 may redeem too.
    expect((await t.call(other, 'POST', `/api/pos/coupons/${theirs.code}/redeem`, {})).status).toBe(200);
  });

  it('redeems the coupon given with a visit in the same transaction: a bad coupon records no visit', async () => {
    const { db } = t.database;
    const coupon = await insertCoupon(db, admin.businessId);
    const before = await visitCountRows(admin.businessId);
    const bad = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-6666-0001', name: '쿠폰손님', pointsEarned: 100, couponCode: 'WRONG1' });
    expectError(bad, 404, 'COUPON_NOT_FOUND');
    expect(await visitCountRows(admin.businessId)).toBe(before);

    const id = nextPosId();
    const ok = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: id, phone: '010-6666-0001', name: '쿠폰손님', pointsEarned: 100, couponCode: coupon.code });
    expect(ok.status).toBe(201);
    expect(ok.body.coupon).toMatchObject({ code: coupon.code });
    expect(ok.body.coupon.redeemedAt).not.toBeNull();
    // The retry answers the first result, coupon included, and does not fail on the used coupon.
    const retry = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: id, phone: '010-6666-0001', name: '쿠폰손님', pointsEarned: 100, couponCode: coupon.code });
    expect(retry.status).toBe(200);
    expect(retry.body.coupon.code).toBe(coupon.code);
    // A used coupon on a new visit: refused, and that visit is not recorded.
    const reuse = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-6666-0001', pointsEarned: 100, couponCode: coupon.code });
    expectError(reuse, 409, 'COUPON_ALREADY_REDEEMED');
    expect(await visitCountRows(admin.businessId)).toBe(before + 1);
  });

  it('lets POS routes be used by a session with 고객 수정 only; reads need 고객 조회', async () => {
    const editor = (await addMember(t, admin, ['customers.view', 'customers.edit'])).session;
    const viewer = (await addMember(t, admin, ['customers.view'])).session;
    const nobody = (await addMember(t, admin, [])).session;
    const ok = await t.call(editor, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-7777-0001', name: '세션손님', pointsEarned: 10 });
    expect(ok.status).toBe(201);
    // Without the full-phone permission the reply masks the phone, as everywhere.
    expect(ok.body.customer.phone).toBe('010-****-0001');
    expectError(await t.call(viewer, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-7777-0001' }), 403, 'FORBIDDEN');
    expect((await t.call(viewer, 'GET', `/api/customers/${ok.body.customer.id}/visits`)).status).toBe(200);
    expect((await t.call(viewer, 'GET', '/api/customer-groups')).status).toBe(200);
    expect((await t.call(viewer, 'GET', '/api/customer-grades')).status).toBe(200);
    expect((await t.call(viewer, 'GET', '/api/customer-tags')).status).toBe(200);
    expectError(await t.call(nobody, 'GET', `/api/customers/${ok.body.customer.id}/visits`), 403, 'FORBIDDEN');
    expectError(await t.call(nobody, 'GET', '/api/customer-groups'), 403, 'FORBIDDEN');
    expectError(await t.call(editor, 'POST', '/api/customer-grades', { name: 'VIP' }), 403, 'FORBIDDEN');
    expectError(await t.call(editor, 'POST', '/api/customer-tags', { name: '커피' }), 403, 'FORBIDDEN');
    expectError(await t.call(editor, 'GET', '/api/pos-keys'), 403, 'FORBIDDEN');
    expectError(await t.call(editor, 'POST', '/api/pos-keys', { name: 'x' }), 403, 'FORBIDDEN');
    expectError(await t.call(null, 'GET', '/api/customer-groups'), 401, 'UNAUTHENTICATED');
  });

  it('keeps each business out of another\'s customers, visits, grades and tags (CORE-1)', async () => {
    const mine = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-8888-0001', name: '우리손님', pointsEarned: 10 });
    expectError(await t.call(other, 'GET', `/api/customers/${mine.body.customer.id}/visits`), 404, 'CUSTOMER_NOT_FOUND');
    expectError(await t.call(admin, 'GET', `/api/customers/${MISSING_ID}/visits`), 404, 'CUSTOMER_NOT_FOUND');
    // Their key finds no customer of ours by phone: it asks for a name, and with one creates their own.
    expectError(await posCall(t, otherKey, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-8888-0001' }), 400, 'CUSTOMER_NAME_REQUIRED');
    const theirs = await posCall(t, otherKey, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-8888-0001', name: '우리손님', pointsEarned: 10 });
    expect(theirs.body.customer.id).not.toBe(mine.body.customer.id);
    expect(theirs.body.customer.pointsHeld).toBe(10);

    const grade = await t.call(admin, 'POST', '/api/customer-grades', { name: '테넌트등급' });
    const tag = await t.call(admin, 'POST', '/api/customer-tags', { name: '테넌트태그' });
    expectError(await t.call(other, 'PATCH', `/api/customer-grades/${grade.body.id}`, { name: 'x' }), 404, 'CUSTOMER_GRADE_NOT_FOUND');
    expectError(await t.call(other, 'DELETE', `/api/customer-grades/${grade.body.id}`), 404, 'CUSTOMER_GRADE_NOT_FOUND');
    expectError(await t.call(other, 'PATCH', `/api/customer-tags/${tag.body.id}`, { name: 'x' }), 404, 'CUSTOMER_TAG_NOT_FOUND');
    expectError(await t.call(other, 'DELETE', `/api/customer-tags/${tag.body.id}`), 404, 'CUSTOMER_TAG_NOT_FOUND');
    expect((await t.call(other, 'GET', '/api/customer-grades')).body.items.map((g: any) => g.name)).not.toContain('테넌트등급');
  });

  it('manages grades: names unique, renaming renames customers\' grade, a grade in use cannot be deleted', async () => {
    const vip = await t.call(admin, 'POST', '/api/customer-grades', { name: 'VIP' });
    expect(vip.status).toBe(201);
    expect(vip.body).toMatchObject({ name: 'VIP', customerCount: 0 });
    expectError(await t.call(admin, 'POST', '/api/customer-grades', { name: ' VIP ' }), 409, 'CUSTOMER_GRADE_NAME_TAKEN');
    const normal = await t.call(admin, 'POST', '/api/customer-grades', { name: '일반' });
    expect(normal.body.sortOrder).toBeGreaterThan(vip.body.sortOrder);
    expectError(await t.call(admin, 'PATCH', `/api/customer-grades/${normal.body.id}`, { name: 'VIP' }), 409, 'CUSTOMER_GRADE_NAME_TAKEN');

    const customer = await t.call(admin, 'POST', '/api/customers', { name: '등급손님', phone: '010-9191-0001', grade: 'VIP' });
    const listed = await t.call(admin, 'GET', '/api/customer-grades');
    expect(listed.body.items.find((g: any) => g.id === vip.body.id).customerCount).toBe(1);
    expectError(await t.call(admin, 'DELETE', `/api/customer-grades/${vip.body.id}`), 409, 'CUSTOMER_GRADE_IN_USE');

    const renamed = await t.call(admin, 'PATCH', `/api/customer-grades/${vip.body.id}`, { name: 'VVIP' });
    expect(renamed.body).toMatchObject({ name: 'VVIP' });
    expect((await t.call(admin, 'GET', `/api/customers/${customer.body.id}`)).body.grade).toBe('VVIP');

    await t.call(admin, 'PATCH', `/api/customers/${customer.body.id}`, { grade: null });
    expect((await t.call(admin, 'DELETE', `/api/customer-grades/${vip.body.id}`)).status).toBe(204);
    expectError(await t.call(admin, 'DELETE', `/api/customer-grades/${vip.body.id}`), 404, 'CUSTOMER_GRADE_NOT_FOUND');
  });

  it('manages tags: renaming renames them on customers in the same transaction, deleting takes them off', async () => {
    const tag = await t.call(admin, 'POST', '/api/customer-tags', { name: '커피' });
    expect(tag.status).toBe(201);
    expectError(await t.call(admin, 'POST', '/api/customer-tags', { name: '커피' }), 409, 'CUSTOMER_TAG_NAME_TAKEN');
    await t.call(admin, 'POST', '/api/customer-tags', { name: '라떼' });
    const a = await t.call(admin, 'POST', '/api/customers', { name: '태그A', phone: '010-9292-0001', tags: ['커피', '디저트'] });
    const b = await t.call(admin, 'POST', '/api/customers', { name: '태그B', phone: '010-9292-0002', tags: ['라떼', '커피'] });
    const c = await t.call(admin, 'POST', '/api/customers', { name: '태그C', phone: '010-9292-0003', tags: ['디저트'] });
    expect((await t.call(admin, 'GET', '/api/customer-tags')).body.items.find((x: any) => x.name === '커피').customerCount).toBe(2);

    expectError(await t.call(admin, 'PATCH', `/api/customer-tags/${tag.body.id}`, { name: '라떼' }), 409, 'CUSTOMER_TAG_NAME_TAKEN');
    const renamed = await t.call(admin, 'PATCH', `/api/customer-tags/${tag.body.id}`, { name: '아메리카노' });
    expect(renamed.body).toMatchObject({ name: '아메리카노', customerCount: 2 });
    const tagsOf = async (id: string) => (await t.call(admin, 'GET', `/api/customers/${id}`)).body.tags;
    expect(await tagsOf(a.body.id)).toEqual(['아메리카노', '디저트']);
    expect(await tagsOf(b.body.id)).toEqual(['라떼', '아메리카노']);
    expect(await tagsOf(c.body.id)).toEqual(['디저트']);

    // Renaming to a name a customer already carries leaves it once.
    const latte = (await t.call(admin, 'GET', '/api/customer-tags')).body.items.find((x: any) => x.name === '라떼');
    await t.call(admin, 'DELETE', `/api/customer-tags/${tag.body.id}`);
    expect(await tagsOf(a.body.id)).toEqual(['디저트']);
    expect(await tagsOf(b.body.id)).toEqual(['라떼']);
    await t.call(admin, 'PATCH', `/api/customers/${a.body.id}`, { tags: ['디저트', '라떼'] });
    await t.call(admin, 'PATCH', `/api/customers/${c.body.id}`, { tags: ['디저트'] });
    const dessert = await t.call(admin, 'POST', '/api/customer-tags', { name: '디저트' });
    await t.call(admin, 'DELETE', `/api/customer-tags/${latte.id}`);
    const merged = await t.call(admin, 'PATCH', `/api/customer-tags/${dessert.body.id}`, { name: '라떼' });
    expect(merged.status).toBe(200);
    expect(await tagsOf(a.body.id)).toEqual(['라떼']);
    expect(await tagsOf(c.body.id)).toEqual(['라떼']);
  });

  it('records a completed schedule as one visit (no points), once', async () => {
    const customer = await t.call(admin, 'POST', '/api/customers', { name: '예약손님', phone: '010-9393-0001' });
    const startsAt = new Date(Date.now() - 2 * 3600_000);
    const created = await t.call(admin, 'POST', '/api/schedules', {
      customerId: customer.body.id,
      staffId: admin.staffId,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 1800_000).toISOString(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.status).toBe('confirmed');
    expect((await t.call(admin, 'GET', `/api/customers/${customer.body.id}/visits`)).body.total).toBe(0);

    const completed = await t.call(admin, 'POST', `/api/schedules/${created.body.id}/status`, { status: 'completed' });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    const visits = await t.call(admin, 'GET', `/api/customers/${customer.body.id}/visits`);
    expect(visits.body.items).toEqual([expect.objectContaining({ source: 'schedule', scheduleId: created.body.id, pointsEarned: 0, visitedAt: startsAt.toISOString() })]);
    expect((await t.call(admin, 'GET', `/api/customers/${customer.body.id}`)).body).toMatchObject({ visitCount: 1, pointsHeld: 0, groups: [], lastVisitAt: startsAt.toISOString() });

    // Idempotent by schedule: a second call (a retry inside another flow) adds nothing.
    const { recordScheduleVisit } = await import('./use-cases/record-schedule-visit.ts');
    const again = await t.database.db.transaction().execute((trx) => recordScheduleVisit(trx, admin.businessId, { id: created.body.id, customerId: customer.body.id, startsAt: new Date(created.body.startsAt) }, new Date()));
    expect(again.id).toBe(visits.body.items[0].id);
    expect((await t.call(admin, 'GET', `/api/customers/${customer.body.id}`)).body.visitCount).toBe(1);

    // A cancelled schedule is no visit.
    const cancelled = await t.call(admin, 'POST', '/api/schedules', {
      customerId: customer.body.id,
      staffId: admin.staffId,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 1800_000).toISOString(),
    });
    await t.call(admin, 'POST', `/api/schedules/${cancelled.body.id}/status`, { status: 'cancelled' });
    expect((await t.call(admin, 'GET', `/api/customers/${customer.body.id}`)).body.visitCount).toBe(1);
  });

  it('documents the POS routes with the POS key scheme in the OpenAPI document', async () => {
    const doc = (await t.call(null, 'GET', '/api/openapi.json')).body;
    expect(doc.components.securitySchemes.posKey).toEqual({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/pos/visits'].post.security).toEqual([{ posKey: [] }, { session: [] }]);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/customer-groups', '/api/customers/import', '/api/customers/import/{importId}', '/api/pos-keys']));
  });

  it('merging customers carries the visits, points and counts to the kept one', async () => {
    const a = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-9494-0001', name: '병합A', pointsEarned: 100 });
    const b = await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-9494-0001', name: '병합B', pointsEarned: 50 });
    await posCall(t, key, 'POST', '/api/pos/visits', { posVisitId: nextPosId(), phone: '010-9494-0001', name: '병합B', pointsEarned: 50, pointsUsed: 20 });
    const merged = await t.call(admin, 'POST', `/api/customers/${a.body.customer.id}/merge`, { sourceCustomerId: b.body.customer.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.customer).toMatchObject({ pointsHeld: 180, pointsAccumulated: 200, visitCount: 3, groups: ['regular'] });
    expect((await t.call(admin, 'GET', `/api/customers/${a.body.customer.id}/visits`)).body.total).toBe(3);
  });
});
