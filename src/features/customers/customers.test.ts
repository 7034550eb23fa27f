import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/db.ts';
import { addMember } from '../../../test/helpers.ts';
import * as authRepo from '../auth/repository.ts';
import * as settingsRepo from '../settings/repository.ts';
import { findOrCreateCustomerByNameAndPhone } from './use-cases/find-or-create-customer.ts';

// CORE-5 customers, CORE-1 tenancy, CORE-2 permissions, NAVER-5 identity by (name, phone), QUAL-3 clear errors.

describe.each(engines)('customers on %s', (engine) => {
  let t: TestApp;
  let admin: Session;
  let otherAdmin: Session;

  async function create(session: Session, body: Record<string, unknown>) {
    const res = await t.call(session, 'POST', '/api/customers', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup({ businessName: '행복 피부과' });
    otherAdmin = await t.signup({ businessName: '다른 미용실', serviceType: 'beauty' });
  });
  afterAll(async () => t?.close());

  it('creates a customer, stores digits and shows the formatted number to an admin', async () => {
    const created = await create(admin, {
      name: '  김하늘 ',
      phone: '010 2345 6789',
      memo: '알레르기 있음',
      grade: 'VIP',
      tags: ['재방문', '재방문', ' 소개 '],
      marketingConsent: true,
      nightAdConsent: true,
    });
    expect(created).toMatchObject({
      name: '김하늘',
      phone: '010-2345-6789',
      phoneMasked: false,
      memo: '알레르기 있음',
      grade: 'VIP',
      tags: ['재방문', '소개'],
      marketingConsent: true,
      nightAdConsent: true,
      // MSG-1, MSG-2: loyalty starts empty.
      pointsHeld: 0,
      pointsAccumulated: 0,
      visitCount: 0,
      lastVisitAt: null,
      marketingOptedOutAt: null,
      groups: [],
    });
    expect(Date.parse(created.marketingConsentAt)).toBeGreaterThan(Date.now() - 60_000);
    const row = await t.database.db.selectFrom('customers').select(['phone', 'phone_last4']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ phone: '01023456789', phone_last4: '6789' });

    const fetched = await t.call(admin, 'GET', `/api/customers/${created.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created);

    const plain = await create(admin, { name: '박바다', phone: '02-123-4567' });
    expect(plain).toMatchObject({ phone: '02-123-4567', memo: '', grade: null, tags: [], marketingConsent: false, marketingConsentAt: null, nightAdConsent: false });
  });

  it('refuses a second customer with the same name and phone, however the phone is typed', async () => {
    await create(admin, { name: '이중복', phone: '010-3333-4444' });
    const again = await t.call(admin, 'POST', '/api/customers', { name: '이중복', phone: '+82 10 3333 4444' });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({ code: 'CUSTOMER_DUPLICATE', message: '같은 이름과 전화번호의 고객이 이미 있습니다.' });

    // A name typed with decomposed Hangul (as macOS can send it) is the same name.
    const decomposed = await t.call(admin, 'POST', '/api/customers', { name: '이중복'.normalize('NFD'), phone: '01033334444' });
    expect(decomposed.status).toBe(409);

    // Same phone under another name is another customer (NAVER-5), and other businesses have their own customers.
    await create(admin, { name: '이중복 어머니', phone: '010-3333-4444' });
    await create(otherAdmin, { name: '이중복', phone: '010-3333-4444' });
  });

  it('refuses invalid phone numbers with a Korean message', async () => {
    for (const phone of ['010-1234', '010-1234-567', '전화없음', '+1 202 555 0123', '010-1234-5678-9']) {
      const res = await t.call(admin, 'POST', '/api/customers', { name: '홍길동', phone });
      expect(res.status, phone).toBe(400);
      expect(res.body.error).toEqual({ code: 'PHONE_INVALID', message: '올바른 한국 전화번호가 아닙니다.' });
    }
    const empty = await t.call(admin, 'POST', '/api/customers', { name: '홍길동', phone: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    expect(empty.body.error.message).toMatch(/전화번호를 입력해 주세요/);
  });

  it('edits a customer, bumps updatedAt and keeps the consent date while consent stands', async () => {
    const created = await create(admin, { name: '최수정', phone: '010-4444-5555' });
    await new Promise((resolve) => setTimeout(resolve, 5));

    const consented = await t.call(admin, 'PATCH', `/api/customers/${created.id}`, { marketingConsent: true, memo: '오후 선호', tags: ['신규'] });
    expect(consented.status).toBe(200);
    expect(consented.body).toMatchObject({ name: '최수정', phone: '010-4444-5555', memo: '오후 선호', tags: ['신규'], marketingConsent: true });
    expect(consented.body.marketingConsentAt).not.toBeNull();
    expect(Date.parse(consented.body.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    expect(consented.body.createdAt).toBe(created.createdAt);

    const renamed = await t.call(admin, 'PATCH', `/api/customers/${created.id}`, { name: '최수정B', phone: '031-123-4567', grade: '골드', marketingConsent: true });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '최수정B', phone: '031-123-4567', grade: '골드', memo: '오후 선호' });
    expect(renamed.body.marketingConsentAt).toBe(consented.body.marketingConsentAt);

    const withdrawn = await t.call(admin, 'PATCH', `/api/customers/${created.id}`, { marketingConsent: false, grade: '' });
    expect(withdrawn.body).toMatchObject({ marketingConsent: false, marketingConsentAt: null, grade: null });

    const badPhone = await t.call(admin, 'PATCH', `/api/customers/${created.id}`, { phone: '12345' });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.code).toBe('PHONE_INVALID');

    await create(admin, { name: '최수정', phone: '010-4444-6666' });
    const clash = await t.call(admin, 'PATCH', `/api/customers/${created.id}`, { name: '최수정', phone: '01044446666' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('CUSTOMER_DUPLICATE');
    const unchanged = await t.call(admin, 'GET', `/api/customers/${created.id}`);
    expect(unchanged.body).toMatchObject({ name: '최수정B', phone: '031-123-4567' });
  });

  describe('search', () => {
    let owner: Session;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      owner = await t.signup({ businessName: '검색 테스트 의원' });
      const people: [string, string][] = [
        ['홍길동', '010-1111-5678'],
        ['홍길순', '010-2222-5678'],
        ['김철수', '010-1234-9999'],
        ['Kim Minji', '010-5555-0000'],
        ['할인_50%고객', '02-987-6543'],
        ['할인고객', '02-987-6544'],
      ];
      for (const [name, phone] of people) ids[name] = (await create(owner, { name, phone })).id;
    });

    async function search(q: string, session = owner) {
      const res = await t.call(session, 'GET', `/api/customers?q=${encodeURIComponent(q)}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { items: { id: string; name: string; phone: string }[]; total: number };
    }
    const names = (r: { items: { name: string }[] }) => r.items.map((c) => c.name);

    it('lists everyone newest first when there is no query, a page at a time', async () => {
      const all = await search('');
      expect(all.total).toBe(6);
      expect(names(all)).toEqual(['할인고객', '할인_50%고객', 'Kim Minji', '김철수', '홍길순', '홍길동']);
      const page = await t.call(owner, 'GET', '/api/customers?limit=2&offset=2');
      expect(page.body.total).toBe(6);
      expect(names(page.body)).toEqual(['Kim Minji', '김철수']);
    });

    it('finds by part of the name, ignoring case, ordered by name', async () => {
      expect(names(await search('길'))).toEqual(['홍길동', '홍길순']);
      expect(names(await search('kim'))).toEqual(['Kim Minji']);
      expect(names(await search(' 철수 '))).toEqual(['김철수']);
      expect((await search('없는이름')).total).toBe(0);
    });

    it('treats % and _ in a name search as the characters themselves', async () => {
      expect(names(await search('_50%'))).toEqual(['할인_50%고객']);
      expect(names(await search('%'))).toEqual(['할인_50%고객']);
      expect(names(await search('할인_'))).toEqual(['할인_50%고객']);
    });

    it('finds by the last 4 digits, and 4 digits never search names', async () => {
      const last4 = await search('5678');
      expect(names(last4)).toEqual(['홍길동', '홍길순']);
      expect(last4.total).toBe(2);
      expect(names(await search('1234'))).toEqual([]);
    });

    it('finds by the full number, formatted or not', async () => {
      for (const q of ['010-1234-9999', '01012349999', '010 1234 9999', '+82 10-1234-9999']) {
        expect(names(await search(q)), q).toEqual(['김철수']);
      }
      expect(names(await search('02-987-6543'))).toEqual(['할인_50%고객']);
    });

    it('finds by other parts of a number for users who see full numbers', async () => {
      expect(names(await search('010-1111'))).toEqual(['홍길동']);
      expect(names(await search('02987'))).toEqual(['할인_50%고객', '할인고객']);
    });

    it('keeps hidden digits unsearchable for users without the full-phone permission', async () => {
      const viewer = (await addMember(t, owner, ['customers.view'])).session;
      expect((await search('010-1111', viewer)).items).toEqual([]);
      const last4 = await search('5678', viewer);
      expect(last4.items.map((c) => c.phone)).toEqual(['010-****-5678', '010-****-5678']);
      expect(names(await search('010-1234-9999', viewer))).toEqual(['김철수']);
      expect(names(await search('길', viewer))).toEqual(['홍길동', '홍길순']);
    });
  });

  it('masks phones for members without the full-phone permission and shows them to members with it', async () => {
    const customer = await create(admin, { name: '마스크고객', phone: '010-7777-8888' });
    const viewer = (await addMember(t, admin, ['customers.view'])).session;
    const fullViewer = (await addMember(t, admin, ['customers.view', 'customers.phone_full'])).session;

    const masked = await t.call(viewer, 'GET', `/api/customers/${customer.id}`);
    expect(masked.status).toBe(200);
    expect(masked.body).toMatchObject({ phone: '010-****-8888', phoneMasked: true });
    const maskedList = await t.call(viewer, 'GET', '/api/customers?q=8888');
    expect(maskedList.body.items).toEqual([expect.objectContaining({ id: customer.id, phone: '010-****-8888', phoneMasked: true })]);
    expect(JSON.stringify(maskedList.body)).not.toContain('7777');

    const full = await t.call(fullViewer, 'GET', `/api/customers/${customer.id}`);
    expect(full.body).toMatchObject({ phone: '010-7777-8888', phoneMasked: false });

    const editor = (await addMember(t, admin, ['customers.view', 'customers.edit'])).session;
    const edited = await t.call(editor, 'PATCH', `/api/customers/${customer.id}`, { memo: '직원이 수정' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ memo: '직원이 수정', phone: '010-****-8888', phoneMasked: true });
  });

  it('answers 403 to members without the customer permissions', async () => {
    const customer = await create(admin, { name: '권한확인', phone: '010-8888-1111' });
    const nobody = (await addMember(t, admin, ['schedules.edit'])).session;
    for (const url of ['/api/customers', `/api/customers/${customer.id}`, `/api/customers/${customer.id}/schedules`, `/api/customers/duplicates-by-phone/${customer.id}`]) {
      const res = await t.call(nobody, 'GET', url);
      expect(res.status, url).toBe(403);
      expect(res.body.error).toEqual({ code: 'FORBIDDEN', message: '이 작업을 할 권한이 없습니다.' });
    }
    const viewer = (await addMember(t, admin, ['customers.view'])).session;
    expect((await t.call(viewer, 'POST', '/api/customers', { name: '새고객', phone: '010-8888-2222' })).status).toBe(403);
    expect((await t.call(viewer, 'PATCH', `/api/customers/${customer.id}`, { memo: 'x' })).status).toBe(403);
    expect((await t.call(null, 'GET', '/api/customers')).status).toBe(401);
  });

  it("never shows or changes another business's customer", async () => {
    const theirs = await create(otherAdmin, { name: '남의고객', phone: '010-9999-0000' });
    for (const url of [`/api/customers/${theirs.id}`, `/api/customers/${theirs.id}/schedules`, `/api/customers/duplicates-by-phone/${theirs.id}`]) {
      const res = await t.call(admin, 'GET', url);
      expect(res.status, url).toBe(404);
      expect(res.body.error).toEqual({ code: 'CUSTOMER_NOT_FOUND', message: '고객을 찾을 수 없습니다.' });
    }
    const patch = await t.call(admin, 'PATCH', `/api/customers/${theirs.id}`, { name: '가로채기' });
    expect(patch.status).toBe(404);
    expect(patch.body.error.code).toBe('CUSTOMER_NOT_FOUND');
    expect((await t.call(admin, 'GET', '/api/customers?q=9999-0000')).body.total).toBe(0);
    expect((await t.call(otherAdmin, 'GET', `/api/customers/${theirs.id}`)).body.name).toBe('남의고객');
  });

  it("lists a customer's schedules newest first with staff and department names", async () => {
    const customer = await create(admin, { name: '일정고객', phone: '010-6666-1234' });
    const { db } = t.database;
    const naver = await db.selectFrom('staff').selectAll().where('business_id', '=', admin.businessId).where('kind', '=', 'naver').executeTakeFirstOrThrow();
    const department = await settingsRepo.insertDepartment(db, { businessId: admin.businessId, name: '피부관리' });
    const room = await settingsRepo.insertStaff(db, { businessId: admin.businessId, name: '관리실 1', kind: 'resource', departmentId: department.id });
    const [older, newer] = await db
      .insertInto('schedules')
      .values([
        { business_id: admin.businessId, customer_id: customer.id, staff_id: room.id, department_id: department.id, starts_at: '2025-03-01T01:00:00Z', ends_at: '2025-03-01T02:00:00Z', status: 'completed', source: 'manual', title: '여드름 관리' },
        { business_id: admin.businessId, customer_id: customer.id, staff_id: naver.id, department_id: null, starts_at: '2025-04-10T05:30:00Z', ends_at: '2025-04-10T06:00:00Z', status: 'pending', source: 'naver', title: '상담' },
      ])
      .returning('id')
      .execute();

    const res = await t.call(admin, 'GET', `/api/customers/${customer.id}/schedules`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: newer!.id, startsAt: '2025-04-10T05:30:00.000Z', endsAt: '2025-04-10T06:00:00.000Z', status: 'pending', rejected: false, source: 'naver', title: '상담', staffId: naver.id, staffName: '네이버예약', departmentId: null, departmentName: null },
      { id: older!.id, startsAt: '2025-03-01T01:00:00.000Z', endsAt: '2025-03-01T02:00:00.000Z', status: 'completed', rejected: false, source: 'manual', title: '여드름 관리', staffId: room.id, staffName: '관리실 1', departmentId: department.id, departmentName: '피부관리' },
    ]);
    const none = await create(admin, { name: '일정없음', phone: '010-6666-4321' });
    expect((await t.call(admin, 'GET', `/api/customers/${none.id}/schedules`)).body).toEqual({ items: [] });
  });

  it('lists customers with the same phone under another name', async () => {
    const renamed = await create(admin, { name: '정민호', phone: '010-5151-5151' });
    const before = await create(admin, { name: '정민호(네이버)', phone: '010-5151-5151' });
    await create(admin, { name: '정민호', phone: '010-5151-5152' });
    await create(otherAdmin, { name: '정민', phone: '010-5151-5151' });
    const res = await t.call(admin, 'GET', `/api/customers/duplicates-by-phone/${renamed.id}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([before.id]);
    expect(res.body.items[0]).toMatchObject({ name: '정민호(네이버)', phone: '010-5151-5151' });
  });

  it('answers bad input with a 400 and a code, never a 500', async () => {
    const customer = await create(admin, { name: '검증고객', phone: '010-1212-3434' });
    const cases: [string, string, unknown][] = [
      ['GET', '/api/customers/not-a-uuid', undefined],
      ['PATCH', '/api/customers/not-a-uuid', { memo: 'x' }],
      ['GET', '/api/customers/not-a-uuid/schedules', undefined],
      ['GET', '/api/customers/duplicates-by-phone/123', undefined],
      ['GET', '/api/customers?limit=0', undefined],
      ['GET', '/api/customers?limit=abc', undefined],
      ['GET', '/api/customers?limit=1000', undefined],
      ['GET', '/api/customers?offset=-1', undefined],
      ['GET', `/api/customers?q=${encodeURIComponent('가'.repeat(101))}`, undefined],
      ['POST', '/api/customers', {}],
      ['POST', '/api/customers', { name: '', phone: '010-1212-3434' }],
      ['POST', '/api/customers', { name: '이름', phone: 1012123434 }],
      ['POST', '/api/customers', { name: '이름', phone: '010-1212-3435', tags: '단골' }],
      ['POST', '/api/customers', { name: '이름', phone: '010-1212-3435', tags: [''] }],
      ['POST', '/api/customers', { name: '이름', phone: '010-1212-3435', grade: 'g'.repeat(31) }],
      ['POST', '/api/customers', { name: '이름', phone: '010-1212-3435', marketingConsent: 'yes' }],
      ['POST', '/api/customers', { name: '이름', phone: '010-1212-3435', memo: 'm'.repeat(5001) }],
      ['POST', '/api/customers', { name: '가'.repeat(101), phone: '010-1212-3435' }],
      ['PATCH', `/api/customers/${customer.id}`, { name: '   ' }],
      ['PATCH', `/api/customers/${customer.id}`, { nightAdConsent: null }],
    ];
    for (const [method, url, body] of cases) {
      const res = await t.call(admin, method, url, body);
      expect(res.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error.code).toMatch(/^(VALIDATION_FAILED|INVALID_JSON)$/);
      expect(res.body.error.message).toMatch(/[가-힣]/);
    }
    const broken = await t.app.inject({ method: 'POST', url: '/api/customers', headers: { 'content-type': 'application/json', cookie: admin.cookie }, payload: '{"name":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('INVALID_JSON');
    expect((await t.call(admin, 'GET', '/api/customers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await t.call(admin, 'GET', `/api/customers/${customer.id}`)).body.name).toBe('검증고객');
  });

  it('documents the customer routes in the OpenAPI description', async () => {
    const res = await t.call(null, 'GET', '/api/openapi.json');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/customers', '/api/customers/{id}', '/api/customers/{id}/schedules', '/api/customers/duplicates-by-phone/{id}']),
    );
  });

  describe('findOrCreateCustomerByNameAndPhone (NAVER-5, BOOK-9)', () => {
    it('creates a customer for a new (name, phone) pair and finds it afterwards, however the phone is typed', async () => {
      const { db } = t.database;
      const first = await findOrCreateCustomerByNameAndPhone(db, admin.businessId, { name: '네이버손님', phone: '010-2020-3030' });
      expect(first.created).toBe(true);
      expect(first.customer).toMatchObject({ name: '네이버손님', phone: '01020203030', business_id: admin.businessId });
      const again = await findOrCreateCustomerByNameAndPhone(db, admin.businessId, { name: ' 네이버손님'.normalize('NFD'), phone: '+82 10 2020 3030' });
      expect(again).toEqual({ customer: first.customer, created: false });

      const renamed = await findOrCreateCustomerByNameAndPhone(db, admin.businessId, { name: '네이버손님2', phone: '01020203030' });
      expect(renamed.created).toBe(true);
      const elsewhere = await findOrCreateCustomerByNameAndPhone(db, otherAdmin.businessId, { name: '네이버손님', phone: '01020203030' });
      expect(elsewhere.created).toBe(true);
      expect(elsewhere.customer.id).not.toBe(first.customer.id);

      await expect(findOrCreateCustomerByNameAndPhone(db, admin.businessId, { name: '네이버손님', phone: '02-12' })).rejects.toMatchObject({ code: 'PHONE_INVALID' });
      await expect(findOrCreateCustomerByNameAndPhone(db, admin.businessId, { name: '  ', phone: '010-2020-3030' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it("takes part in the caller's transaction", async () => {
      const { db } = t.database;
      await expect(
        db.transaction().execute(async (trx) => {
          const made = await findOrCreateCustomerByNameAndPhone(trx, admin.businessId, { name: '취소될손님', phone: '010-4040-5050' });
          expect(made.created).toBe(true);
          throw new Error('booking failed');
        }),
      ).rejects.toThrow('booking failed');
      const count = await db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).where('business_id', '=', admin.businessId).where('phone', '=', '01040405050').executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
    });
  });
});

// Concurrency needs a server with several connections; the embedded database has one.
for (const engine of engines.filter((e) => e === 'postgres')) {
  describe(`findOrCreateCustomerByNameAndPhone under concurrency on ${engine}`, () => {
    let database: TestDatabase;
    let businessId: string;

    beforeAll(async () => {
      database = await createTestDatabase(engine, { max: 20 });
      businessId = (await authRepo.insertBusiness(database.db, { name: '동시성 의원', serviceType: 'clinic' })).id;
      // Open all 20 connections first, so the calls below overlap instead of queueing behind connection setup.
      await Promise.all(Array.from({ length: 20 }, () => sql`select pg_sleep(0.05)`.execute(database.db)));
    });
    afterAll(async () => database?.dispose());

    async function customersWithPhone(phone: string) {
      return database.db.selectFrom('customers').select(['id', 'name']).where('business_id', '=', businessId).where('phone', '=', phone).execute();
    }

    it('20 concurrent calls with the same pair yield one customer', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, () => findOrCreateCustomerByNameAndPhone(database.db, businessId, { name: '동시손님', phone: '010-7070-8080' })),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.customer.id)).size).toBe(1);
      expect(await customersWithPhone('01070708080')).toHaveLength(1);
    });

    it('20 concurrent bookings, each in its own transaction, yield one customer', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          database.db.transaction().execute((trx) =>
            findOrCreateCustomerByNameAndPhone(trx, businessId, { name: '동시예약손님', phone: i % 2 ? '01071718181' : '010-7171-8181' }),
          ),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.customer.id)).size).toBe(1);
      expect(await customersWithPhone('01071718181')).toEqual([{ id: results[0]!.customer.id, name: '동시예약손님' }]);
    });
  });
}
