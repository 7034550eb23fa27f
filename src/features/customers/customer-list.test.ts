import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { addMember, expectError } from '../../../test/helpers.ts';
import { parseCsv } from '../../platform/csv.ts';
import { CUSTOMER_EXPORT_COLUMNS } from '../../shared/labels/customers.ts';
import { BOOKING_EXPORT_COLUMNS } from '../../shared/labels/bookings.ts';
import { insertPlace, insertTimeSlotProduct, seoulDate, seoulInstant } from '../bookings/test-fixtures.ts';
import { EXPORT_PAGE_SIZE } from './use-cases/export-customer-list.ts';

// OPS-8: the customer list's sorts and filters, and the customer and booking CSV exports.

/** The CSV as Excel reads it: the BOM checked and removed, records of fields. */
function readCsv(res: { status: number; response: { body: string; headers: Record<string, unknown> } }) {
  expect(res.status, res.response.body.slice(0, 300)).toBe(200);
  expect(res.response.headers['content-type']).toBe('text/csv; charset=utf-8');
  const body = res.response.body;
  expect(body.charCodeAt(0)).toBe(0xfeff);
  expect(body.endsWith('\r\n')).toBe(true);
  return parseCsv(body.slice(1)).map((r) => r.fields);
}

describe.each(engines)('customer list and exports on %s (OPS-8)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let other: Session;
  let posCounter = 0;
  const ids: Record<string, string> = {};

  async function customer(body: Record<string, unknown>) {
    const res = await t.call(admin, 'POST', '/api/customers', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }
  async function visit(phone: string, name: string, pointsEarned: number, visitedAt: string) {
    const res = await t.call(admin, 'POST', '/api/pos/visits', { posVisitId: `OPS8-${engine}-${++posCounter}`, phone, name, pointsEarned, visitedAt });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const names = async (query: string, session = admin) => {
    const res = await t.call(session, 'GET', `/api/customers?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.items as { name: string }[]).map((c) => c.name);
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup({ businessName: '정렬 피부과' });
    other = await t.signup({ businessName: '남의 가게' });
    ids.dahyun = await customer({ name: '다현', phone: '010-1000-0001', grade: 'VIP', tags: ['소개'] });
    ids.gaeun = await customer({ name: '가은', phone: '010-1000-0002', grade: 'VIP', tags: ['재방문', '소개'], marketingConsent: true });
    ids.narae = await customer({ name: '나래', phone: '010-1000-0003', grade: '일반' });
    ids.tricky = await customer({ name: '홍"길,동\n2세', phone: '010-1000-0004', memo: '=HYPERLINK("http://x")', tags: ['@멘션'] });
    ids.ra = await customer({ name: '라온', phone: '010-1000-0005' });
    // 가은: 2 accruals (예비 단골), 700 points, 2 visits; 나래: 1 accrual (첫 적립), 3000 points; 라온: a visit without points.
    await visit('010-1000-0002', '가은', 500, '2026-11-01T01:00:00.000Z');
    await visit('010-1000-0002', '가은', 200, '2026-11-20T01:00:00.000Z');
    await visit('010-1000-0003', '나래', 3000, '2026-10-05T05:30:00.000Z');
    await visit('010-1000-0005', '라온', 0, '2026-11-25T09:15:00.000Z');
    await t.database.db.updateTable('customers').set({ no_show_count: 2 }).where('id', '=', ids.dahyun!).execute();
    await t.database.db.updateTable('customers').set({ no_show_count: 1 }).where('id', '=', ids.narae!).execute();
    await t.call(other, 'POST', '/api/customers', { name: '가나다', phone: '010-9999-0000', grade: 'VIP' });
  });
  afterAll(async () => t?.close());

  it('sorts by name (가나다), points, visits and last visit, both ways, ties by id', async () => {
    expect(await names('sort=name')).toEqual(['가은', '나래', '다현', '라온', '홍"길,동\n2세']);
    expect(await names('sort=name&order=desc')).toEqual(['홍"길,동\n2세', '라온', '다현', '나래', '가은']);
    expect((await names('sort=points')).slice(0, 2)).toEqual(['나래', '가은']);
    const byVisits = await t.call(admin, 'GET', '/api/customers?sort=visits');
    expect(byVisits.body.items[0].name).toBe('가은');
    const counts = byVisits.body.items.map((c: { visitCount: number }) => c.visitCount);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
    // Never visited sorts as the oldest: last in the newest-first order, first in the oldest-first one.
    expect((await names('sort=lastVisit')).slice(0, 3)).toEqual(['라온', '가은', '나래']);
    expect((await names('sort=lastVisit&order=asc')).slice(-3)).toEqual(['나래', '가은', '라온']);
    // Equal points (0) keep one order by id, the same across pages.
    const all = (await t.call(admin, 'GET', '/api/customers?sort=points&order=asc')).body.items;
    const zeroIds = all.filter((c: { pointsHeld: number }) => c.pointsHeld === 0).map((c: { id: string }) => c.id);
    expect(zeroIds).toHaveLength(3);
    expect(zeroIds).toEqual([...zeroIds].sort());
    const pageOne = await t.call(admin, 'GET', '/api/customers?sort=points&order=asc&limit=2&offset=0');
    const pageTwo = await t.call(admin, 'GET', '/api/customers?sort=points&order=asc&limit=2&offset=2');
    expect([...pageOne.body.items, ...pageTwo.body.items].map((c: { id: string }) => c.id)).toEqual(all.slice(0, 4).map((c: { id: string }) => c.id));
  });

  it('filters by group, grade, tag and 노쇼 count, with the search, and counts what it finds', async () => {
    expect(await names('group=prospective')).toEqual(['가은']);
    expect(await names('group=first')).toEqual(['나래']);
    expect(await names('group=regular')).toEqual([]);
    expect(await names('grade=VIP&sort=name')).toEqual(['가은', '다현']);
    expect(await names('tag=소개&sort=name')).toEqual(['가은', '다현']);
    expect(await names('tag=소개&grade=VIP&group=prospective')).toEqual(['가은']);
    expect(await names('minNoShows=1&sort=name')).toEqual(['나래', '다현']);
    expect(await names('minNoShows=2')).toEqual(['다현']);
    expect(await names('minNoShows=0&grade=')).toHaveLength(5);
    expect(await names('q=0002&grade=VIP')).toEqual(['가은']);
    const res = await t.call(admin, 'GET', '/api/customers?grade=VIP&limit=1');
    expect(res.body.total).toBe(2);
    expect(res.body.items).toHaveLength(1);
    // Another business's VIP is never found.
    expect(await names('grade=VIP', other)).toEqual(['가나다']);
  });

  it('refuses a wrong sort, direction, group or 노쇼 count with a Korean message', async () => {
    for (const query of ['sort=price', 'order=up', 'group=vip', 'minNoShows=-1', 'minNoShows=abc', 'minNoShows=1.5', `tag=${'가'.repeat(31)}`]) {
      expectError(await t.call(admin, 'GET', `/api/customers?${query}`), 400, 'VALIDATION_FAILED');
      expectError(await t.call(admin, 'GET', `/api/customers/export.csv?${query}`), 400, 'VALIDATION_FAILED');
    }
  });

  it('exports the filtered list as CSV: BOM, Korean headers, the list order, quoting and the formula guard', async () => {
    const res = await t.call(admin, 'GET', '/api/customers/export.csv?sort=name');
    const records = readCsv(res);
    expect(records[0]).toEqual([...CUSTOMER_EXPORT_COLUMNS]);
    expect(records.slice(1).map((r) => r[0])).toEqual(['가은', '나래', '다현', '라온', '홍"길,동\n2세']);
    const disposition = String(res.response.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="customers_\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/^고객목록_\d{4}-\d{2}-\d{2}\.csv$/);

    const col = (name: (typeof CUSTOMER_EXPORT_COLUMNS)[number]) => CUSTOMER_EXPORT_COLUMNS.indexOf(name);
    const gaeun = records[1]!;
    expect(gaeun[col('휴대폰 번호')]).toBe('010-1000-0002');
    expect(gaeun[col('그룹')]).toBe('예비 단골');
    expect(gaeun[col('태그')]).toBe('재방문, 소개');
    expect(gaeun[col('보유 포인트')]).toBe('700');
    expect(gaeun[col('방문 횟수')]).toBe('2');
    // 2026-11-20 01:00 UTC is 10:00 in Seoul, the business's zone.
    expect(gaeun[col('마지막 방문')]).toBe('2026-11-20 10:00');
    expect(gaeun[col('마케팅 수신 동의')]).toBe('동의');
    expect(gaeun[col('등록일')]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(records[3]![col('노쇼')]).toBe('2');
    const tricky = records[5]!;
    expect(tricky[col('이름')]).toBe('홍"길,동\n2세');
    expect(tricky[col('메모')]).toBe(`'=HYPERLINK("http://x")`);
    expect(tricky[col('태그')]).toBe(`'@멘션`);
    expect(tricky[col('마지막 방문')]).toBe('');

    const filtered = readCsv(await t.call(admin, 'GET', '/api/customers/export.csv?grade=VIP&tag=소개&sort=points'));
    expect(filtered.slice(1).map((r) => r[0])).toEqual(['가은', '다현']);
    const nobody = readCsv(await t.call(admin, 'GET', '/api/customers/export.csv?minNoShows=9'));
    expect(nobody).toEqual([[...CUSTOMER_EXPORT_COLUMNS]]);
  });

  it('shows the phone in the file as the caller may see it, and needs 고객 조회', async () => {
    const viewer = await addMember(t, admin, ['customers.view']);
    const records = readCsv(await t.call(viewer.session, 'GET', '/api/customers/export.csv?sort=name'));
    expect(records[1]![CUSTOMER_EXPORT_COLUMNS.indexOf('휴대폰 번호')]).toBe('010-****-0002');
    // Part of a number without 전체 전화번호 보기 finds nobody, in the list and in the file.
    expect(readCsv(await t.call(viewer.session, 'GET', '/api/customers/export.csv?q=1000-00'))).toHaveLength(1);
    const nobody = await addMember(t, admin, ['naver.alert']);
    expectError(await t.call(nobody.session, 'GET', '/api/customers/export.csv'), 403, 'FORBIDDEN');
    expectError(await t.call(null, 'GET', '/api/customers/export.csv'), 401, 'UNAUTHENTICATED');
  });

  it('reads a long list in keyset pages without losing or repeating a customer', async () => {
    const business = await t.signup({ businessName: '큰 가게' });
    const count = EXPORT_PAGE_SIZE + 7;
    const rows = Array.from({ length: count }, (_, i) => ({
      business_id: business.businessId,
      name: `고객${String(i % 50).padStart(2, '0')}`,
      phone: `0105${String(i).padStart(7, '0')}`,
      points_held: i % 3,
      // Microseconds, which a JavaScript Date cannot hold, and many ties: the keyset must still neither skip nor repeat.
      last_visit_at: i % 4 === 0 ? null : `2026-11-01 00:00:0${i % 5}.${String(1_000_000 + (i % 7) * 7).slice(1)}+00`,
    }));
    await t.database.db.insertInto('customers').values(rows).execute();
    for (const sort of ['name', 'points', 'lastVisit', 'created', 'visits']) {
      for (const order of ['asc', 'desc']) {
        const records = readCsv(await t.call(business, 'GET', `/api/customers/export.csv?sort=${sort}&order=${order}`));
        const phones = records.slice(1).map((r) => r[1]);
        expect(phones, `${sort} ${order}`).toHaveLength(count);
        expect(new Set(phones).size).toBe(count);
        const listed = await t.call(business, 'GET', `/api/customers?sort=${sort}&order=${order}&limit=200&offset=${EXPORT_PAGE_SIZE - 100}`);
        expect(phones.slice(EXPORT_PAGE_SIZE - 100, EXPORT_PAGE_SIZE + 7), `${sort} ${order}`).toEqual(listed.body.items.map((c: { phone: string }) => c.phone));
      }
    }
  });

  it('exports the partner center booking list with its filters', async () => {
    const placeId = (await insertPlace(t.database.db, admin.businessId)).id;
    const product = await insertTimeSlotProduct(t.database.db, admin.businessId, placeId, { capacity: 5 });
    const at = (time: string) => seoulInstant(seoulDate(3), time).toISOString();
    const book = async (time: string, who: { name: string; phone: string }, request = '') => {
      const res = await t.call(null, 'POST', '/api/public/bookings', { productId: product.id, lines: [{ startsAt: at(time), quantity: 2 }], customer: who, consents: { privacy: true }, request });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.bookingNumber as string;
    };
    const first = await book('10:00', { name: '예약, "첫째"', phone: '010-2000-0001' }, '+창가 자리\n부탁드려요');
    const second = await book('11:00', { name: '둘째', phone: '010-2000-0002' });

    const res = await t.call(admin, 'GET', `/api/bookings/export.csv?from=${seoulDate(3)}&to=${seoulDate(3)}`);
    const records = readCsv(res);
    expect(records[0]).toEqual([...BOOKING_EXPORT_COLUMNS]);
    expect(decodeURIComponent(String(res.response.headers['content-disposition']).split("UTF-8''")[1]!)).toMatch(/^예약목록_\d{4}-\d{2}-\d{2}\.csv$/);
    const col = (name: (typeof BOOKING_EXPORT_COLUMNS)[number]) => BOOKING_EXPORT_COLUMNS.indexOf(name);
    // The list's order: latest usage first.
    expect(records.slice(1).map((r) => r[col('예약번호')])).toEqual([second, first]);
    const row = records[2]!;
    expect(row[col('예약자')]).toBe('예약, "첫째"');
    expect(row[col('연락처')]).toBe('010-2000-0001');
    expect(row[col('상태')]).toBe('예약확정');
    expect(row[col('이용일시')]).toBe(`${seoulDate(3)} 10:00`);
    expect(row[col('인원/수량')]).toBe('2');
    expect(row[col('결제 금액')]).toBe('60000');
    expect(row[col('요청사항')]).toBe("'+창가 자리\n부탁드려요");

    const searched = readCsv(await t.call(admin, 'GET', `/api/bookings/export.csv?q=${encodeURIComponent('둘째')}`));
    expect(searched.slice(1).map((r) => r[col('예약번호')])).toEqual([second]);
    expect(readCsv(await t.call(admin, 'GET', '/api/bookings/export.csv?status=cancelled'))).toHaveLength(1);
    expectError(await t.call(admin, 'GET', '/api/bookings/export.csv?from=2026-02-30'), 400, 'VALIDATION_FAILED');
    const viewer = await addMember(t, admin, ['customers.view']);
    expectError(await t.call(viewer.session, 'GET', '/api/bookings/export.csv'), 403, 'FORBIDDEN');
    // Another business exports none of these.
    expect(readCsv(await t.call(other, 'GET', '/api/bookings/export.csv'))).toHaveLength(1);
  });
});
