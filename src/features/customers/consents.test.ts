import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { addMember, expectError } from '../../../test/helpers.ts';
import { CONSENT_WORDING_VERSION } from '../../shared/labels/consents.ts';
import { insertPlace, insertTimeSlotProduct, seoulDate, seoulInstant } from '../bookings/test-fixtures.ts';
import { prepareImport } from '../loyalty/domain/import-file.ts';
import { runImport } from '../loyalty/use-cases/run-import.ts';

// LAW-1 (booking page consents), LAW-2 (consent history), LAW-4 (export and anonymisation).

describe.each(engines)('consents and personal data on %s (LAW-1, LAW-2, LAW-4)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let placeId: string;
  let productId: string;
  let phoneSeq = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup({ businessName: '동의 피부과', name: '박원장' });
    placeId = (await insertPlace(t.database.db, admin.businessId)).id;
    productId = (await insertTimeSlotProduct(t.database.db, admin.businessId, placeId, { capacity: 20 })).id;
  });
  afterAll(async () => t?.close());

  const db = () => t.database.db;
  const newPhone = () => `0108${String(++phoneSeq).padStart(3, '0')}${String(4000 + phoneSeq).padStart(4, '0')}`;
  let slotSeq = 0;
  /** A slot in the past of no test: each booking its own half hour, days ahead. */
  const nextSlot = () => {
    const n = slotSeq++;
    return seoulInstant(seoulDate(2 + Math.floor(n / 16)), `${String(9 + Math.floor((n % 16) / 2)).padStart(2, '0')}:${n % 2 ? '30' : '00'}`).toISOString();
  };
  const book = (customer: { name: string; phone: string }, extra: object) =>
    t.call(null, 'POST', '/api/public/bookings', { productId, lines: [{ startsAt: nextSlot(), quantity: 1 }], customer, ...extra });
  const count = async (table: 'bookings' | 'customers' | 'consent_events' | 'schedules') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('business_id', '=', admin.businessId).executeTakeFirstOrThrow()).n);
  const customerByPhone = (phone: string) => db().selectFrom('customers').selectAll().where('business_id', '=', admin.businessId).where('phone', '=', phone).executeTakeFirstOrThrow();
  const consentsOf = async (id: string, session = admin) => {
    const res = await t.call(session, 'GET', `/api/customers/${id}/consents`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as { kind: string; kindLabel: string; granted: boolean; grantedLabel: string; source: string; sourceLabel: string; actorName: string | null; detail: string | null; createdAt: string }[];
  };

  it('refuses a booking without the privacy consent and writes nothing', async () => {
    const before = { bookings: await count('bookings'), customers: await count('customers'), events: await count('consent_events'), schedules: await count('schedules') };
    const who = { name: '거부손님', phone: newPhone() };
    const refused = await book(who, { consents: { privacy: false, marketing: true } });
    expectError(refused, 400, 'PRIVACY_CONSENT_REQUIRED');
    expect(refused.body.error.message).toBe('개인정보 수집·이용에 동의해 주세요.');
    expect(refused.body.error.details.fields[0].path).toBe('consents.privacy');
    // A client that sends no consents at all is refused by the schema, with the same words.
    const missing = await book(who, {});
    expectError(missing, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(missing.body.error)).toContain('개인정보 수집·이용에 동의해 주세요.');
    expectError(
      await t.call(null, 'POST', '/api/public/checkouts', { productId, lines: [{ startsAt: nextSlot(), quantity: 1 }], customer: who, consents: { privacy: false } }),
      400,
      'PRIVACY_CONSENT_REQUIRED',
    );
    expect({ bookings: await count('bookings'), customers: await count('customers'), events: await count('consent_events'), schedules: await count('schedules') }).toEqual(before);
  });

  it('a booking with marketing consent sets the customer’s consent and records both, with the booking number and the wording version', async () => {
    const who = { name: '동의손님', phone: newPhone() };
    const res = await book(who, { consents: { privacy: true, marketing: true } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const customer = await customerByPhone(who.phone);
    expect(customer.marketing_consent).toBe(true);
    expect(customer.marketing_consent_at).not.toBeNull();

    const items = await consentsOf(customer.id);
    const detail = `예약번호 ${res.body.bookingNumber} · 동의 문구 ${CONSENT_WORDING_VERSION}`;
    expect(items).toEqual([
      expect.objectContaining({ kind: 'privacy', kindLabel: '개인정보 수집·이용', granted: true, grantedLabel: '동의', source: 'booking_page', sourceLabel: '예약페이지', actorName: null, detail }),
      expect.objectContaining({ kind: 'marketing', kindLabel: '광고성 정보 수신', granted: true, grantedLabel: '동의', source: 'booking_page', sourceLabel: '예약페이지', detail }),
    ]);

    // Without the optional box ticked, only the privacy consent is recorded and nothing is withdrawn.
    const plain = { name: '기본손님', phone: newPhone() };
    expect((await book(plain, { consents: { privacy: true } })).status).toBe(201);
    const plainCustomer = await customerByPhone(plain.phone);
    expect(plainCustomer.marketing_consent).toBe(false);
    expect((await consentsOf(plainCustomer.id)).map((e) => e.kind)).toEqual(['privacy']);
    expect((await book(who, { consents: { privacy: true, marketing: false } })).status).toBe(201);
    expect((await customerByPhone(who.phone)).marketing_consent).toBe(true);
  });

  it('records the shop giving and withdrawing consent, and the opt-out link withdrawing it, with their sources', async () => {
    const staff = await addMember(t, admin, ['customers.view', 'customers.edit'], { name: '김직원' });
    const created = await t.call(staff.session, 'POST', '/api/customers', { name: '직원등록', phone: newPhone(), marketingConsent: true });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const withdrawn = await t.call(staff.session, 'PATCH', `/api/customers/${id}`, { marketingConsent: false });
    expect(withdrawn.body.marketingConsent).toBe(false);
    // Saving without a change of consent records nothing.
    expect((await t.call(staff.session, 'PATCH', `/api/customers/${id}`, { memo: '메모만', marketingConsent: false })).status).toBe(200);
    await t.call(admin, 'PATCH', `/api/customers/${id}`, { marketingConsent: true });

    // A coupon message reached the customer; its opt-out link withdraws the consent.
    const phone = (await db().selectFrom('customers').select('phone').where('id', '=', id).executeTakeFirstOrThrow()).phone;
    const token = `optout-${crypto.randomUUID()}`;
    const message = await db()
      .insertInto('messages')
      .values({
        business_id: admin.businessId,
        channel: 'sms',
        template_key: 'custom',
        title: '12월 혜택',
        body: '혜택 안내',
        coupon: JSON.stringify({ type: 'gift', giftName: '앰플' }),
        coupon_validity: '30d',
        audience: JSON.stringify({ kind: 'direct', customerIds: [id] }),
        settings: JSON.stringify({}),
        status: 'sent',
        send_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('message_recipients')
      .values({ business_id: admin.businessId, message_id: message.id, customer_id: id, name: '직원등록', phone, batch_no: 1, status: 'delivered', coupon_code: `C${crypto.randomUUID().slice(0, 8)}`, coupon_expires_at: new Date(Date.now() + 86400_000), opt_out_token: token })
      .execute();
    expect((await t.call(null, 'POST', `/api/public/opt-out/${token}`)).body).toEqual({ optedOut: true });
    expect((await db().selectFrom('customers').select('marketing_consent').where('id', '=', id).executeTakeFirstOrThrow()).marketing_consent).toBe(false);
    // A second click changes nothing and records nothing more.
    expect((await t.call(null, 'POST', `/api/public/opt-out/${token}`)).body).toEqual({ optedOut: true });

    const items = await consentsOf(id);
    expect(items.map((e) => [e.kind, e.grantedLabel, e.sourceLabel, e.actorName])).toEqual([
      ['marketing', '철회', '수신거부 링크', null],
      ['marketing', '동의', '업체 직원', '박원장'],
      ['marketing', '철회', '업체 직원', '김직원'],
      ['marketing', '동의', '업체 직원', '김직원'],
    ]);
    expect(items.map((e) => e.createdAt)).toEqual([...items.map((e) => e.createdAt)].sort().reverse());
  });

  it('records the consents a CSV import changes, and only those', async () => {
    const kept = { name: '가져온유지', phone: newPhone() };
    const given = { name: '가져온동의', phone: newPhone() };
    const fresh = { name: '가져온미동의', phone: newPhone() };
    expect((await book(kept, { consents: { privacy: true, marketing: true } })).status).toBe(201);
    const csv = ['이름,전화번호,마케팅수신동의', `${kept.name},${kept.phone},N`, `${given.name},${given.phone},Y`, `${fresh.name},${fresh.phone},N`].join('\n');
    const done = await runImport(db(), admin.businessId, prepareImport(Buffer.from(csv)), { consentDetail: '고객 가져오기 (테스트)' });
    expect(done).toMatchObject({ status: 'done', inserted: 2, updated: 1 });
    const keptId = (await customerByPhone(kept.phone)).id;
    expect((await consentsOf(keptId)).map((e) => [e.kind, e.grantedLabel, e.sourceLabel, e.detail])).toEqual([
      ['marketing', '철회', '고객 가져오기', '고객 가져오기 (테스트)'],
      ['privacy', '동의', '예약페이지', expect.stringContaining('예약번호')],
      ['marketing', '동의', '예약페이지', expect.stringContaining('예약번호')],
    ]);
    expect((await consentsOf((await customerByPhone(given.phone)).id)).map((e) => [e.kind, e.grantedLabel, e.sourceLabel])).toEqual([['marketing', '동의', '고객 가져오기']]);
    expect(await consentsOf((await customerByPhone(fresh.phone)).id)).toEqual([]);
  });

  it('a merge keeps the merged customer’s history and says whose consent stands', async () => {
    const phone = newPhone();
    expect((await book({ name: '옛이름', phone }, { consents: { privacy: true, marketing: true } })).status).toBe(201);
    const source = (await db().selectFrom('customers').select('id').where('business_id', '=', admin.businessId).where('name', '=', '옛이름').executeTakeFirstOrThrow()).id;
    const target = await t.call(admin, 'POST', '/api/customers', { name: '새이름', phone });
    expect(target.status, JSON.stringify(target.body)).toBe(201);
    const merged = await t.call(admin, 'POST', `/api/customers/${target.body.id}/merge`, { sourceCustomerId: source });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.customer.marketingConsent).toBe(false);
    expect((await consentsOf(target.body.id)).map((e) => [e.kind, e.grantedLabel, e.sourceLabel])).toEqual([
      ['marketing', '철회', '고객 병합'],
      ['privacy', '동의', '예약페이지'],
      ['marketing', '동의', '예약페이지'],
    ]);
  });

  it('exports everything held about the customer as a JSON file: the customer, bookings with payments, notices, consents, memos', async () => {
    const who = { name: '내보내기', phone: newPhone() };
    const booked = await book(who, { consents: { privacy: true, marketing: true }, request: '창가 자리 부탁드려요' });
    expect(booked.status).toBe(201);
    const customer = await customerByPhone(who.phone);
    await t.call(admin, 'PATCH', `/api/customers/${customer.id}`, { memo: '알레르기 있음' });
    const booking = await db().selectFrom('bookings').select(['id', 'total_amount']).where('booking_number', '=', booked.body.bookingNumber).executeTakeFirstOrThrow();
    await db()
      .insertInto('payments')
      .values({
        business_id: admin.businessId,
        order_id: `yk_test_${crypto.randomUUID().slice(0, 8)}`,
        product_id: productId,
        booking_id: booking.id,
        checkout: JSON.stringify({}),
        order_name: '초진 상담 1명',
        customer_name: who.name,
        customer_phone: who.phone,
        amount_gross: 30000,
        amount_pg: 30000,
        status: 'paid',
        expires_at: new Date(),
        paid_at: new Date(),
      })
      .execute();
    await db()
      .insertInto('customer_notices')
      .values({ business_id: admin.businessId, event: 'booking_confirmed', dedupe_key: `test:${booking.id}`, customer_id: customer.id, booking_id: booking.id, name: who.name, phone: who.phone, send_at: new Date(), status: 'delivered', channel: 'sms', text: `${who.name}님 예약이 확정되었습니다.`, sent_at: new Date() })
      .execute();

    const res = await t.call(admin, 'GET', `/api/customers/${customer.id}/export`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.response.headers['content-type']).toMatch(/^application\/json/);
    expect(res.response.headers['content-disposition']).toBe(`attachment; filename="customer-${customer.id}.json"; filename*=UTF-8''${encodeURIComponent('고객정보_내보내기.json')}`);
    const file = res.body;
    expect(file.business.name).toBe('동의 피부과');
    expect(file.customer).toMatchObject({ id: customer.id, name: '내보내기', phone: `${who.phone.slice(0, 3)}-${who.phone.slice(3, 7)}-${who.phone.slice(7)}`, memo: '알레르기 있음', marketingConsent: true });
    expect(file.bookings).toHaveLength(1);
    expect(file.bookings[0]).toMatchObject({ bookingNumber: booked.body.bookingNumber, statusLabel: '예약확정', customerName: '내보내기', request: '창가 자리 부탁드려요', totalAmount: 30000 });
    expect(file.bookings[0].lines[0]).toMatchObject({ detailNumber: `${booked.body.bookingNumber}-1`, unitAmount: 30000, quantity: 1 });
    expect(file.bookings[0].payments[0]).toMatchObject({ statusLabel: '결제 완료', amountPg: 30000, payerName: '내보내기' });
    expect(file.schedules).toHaveLength(1);
    expect(file.schedules[0].memos.map((m: { body: string }) => m.body)).toEqual(['[요청사항] 창가 자리 부탁드려요']);
    expect(file.notices).toContainEqual(expect.objectContaining({ eventLabel: '예약 확정', statusLabel: '수신 완료', sentToName: '내보내기', text: '내보내기님 예약이 확정되었습니다.' }));
    // The memo edit changed no consent: the two given with the booking.
    expect(file.consents.map((e: { kind: string; source: string }) => [e.kind, e.source])).toEqual([
      ['privacy', 'booking_page'],
      ['marketing', 'booking_page'],
    ]);
    expect(file.erasure).toBeNull();
  });

  it('anonymises on request: name and phone gone everywhere, payment amounts kept, the erasure recorded; a second request refused', async () => {
    const who = { name: '삭제요청', phone: newPhone() };
    const booked = await book(who, { consents: { privacy: true, marketing: true }, request: '조용한 자리' });
    const customer = await customerByPhone(who.phone);
    const booking = await db().selectFrom('bookings').select(['id', 'schedule_id']).where('booking_number', '=', booked.body.bookingNumber).executeTakeFirstOrThrow();
    await db()
      .insertInto('payments')
      .values({ business_id: admin.businessId, order_id: `yk_test_${crypto.randomUUID().slice(0, 8)}`, product_id: productId, booking_id: booking.id, checkout: JSON.stringify({}), order_name: '초진 상담 1명', customer_name: who.name, customer_phone: who.phone, amount_gross: 30000, amount_pg: 30000, status: 'paid', expires_at: new Date(), paid_at: new Date() })
      .execute();
    await db()
      .insertInto('customer_notices')
      .values([
        { business_id: admin.businessId, event: 'booking_confirmed', dedupe_key: `erase:${booking.id}`, customer_id: customer.id, booking_id: booking.id, name: who.name, phone: who.phone, send_at: new Date(), status: 'delivered', channel: 'sms', text: `${who.name}님 확정`, sent_at: new Date() },
        { business_id: admin.businessId, event: 'reminder', dedupe_key: `erase-reminder:${booking.id}`, customer_id: customer.id, booking_id: booking.id, name: who.name, phone: who.phone, send_at: new Date(Date.now() + 86400_000), status: 'pending', variables: JSON.stringify({ 고객명: who.name }) },
      ])
      .execute();

    // A visit still to come: cancel it first.
    expectError(await t.call(admin, 'POST', `/api/customers/${customer.id}/anonymise`, { reason: '고객 요청' }), 409, 'CUSTOMER_HAS_UPCOMING_SCHEDULES');
    const cancelled = await t.call(null, 'POST', `/api/public/bookings/${booked.body.bookingNumber}/cancel`, { phone: who.phone });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expectError(await t.call(admin, 'POST', `/api/customers/${customer.id}/anonymise`, { reason: '   ' }), 400, 'VALIDATION_FAILED');

    const res = await t.call(admin, 'POST', `/api/customers/${customer.id}/anonymise`, { reason: '고객 본인 전화 요청' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ name: '삭제된 고객', phone: '', memo: '', grade: null, tags: [], marketingConsent: false, marketingConsentAt: null });
    expect(res.body.anonymisedAt).not.toBeNull();

    const row = await db().selectFrom('customers').selectAll().where('id', '=', customer.id).executeTakeFirstOrThrow();
    expect(row.phone).toBe(`anonymised:${customer.id}`);
    const bookingRow = await db().selectFrom('bookings').select(['customer_name', 'customer_phone', 'request', 'total_amount', 'booking_number']).where('id', '=', booking.id).executeTakeFirstOrThrow();
    expect(bookingRow).toEqual({ customer_name: '삭제된 고객', customer_phone: '', request: '', total_amount: 30000, booking_number: booked.body.bookingNumber });
    expect(await db().selectFrom('schedule_memos').select('id').where('schedule_id', '=', booking.schedule_id!).execute()).toEqual([]);
    const notices = await db().selectFrom('customer_notices').select(['dedupe_key', 'name', 'phone', 'text', 'variables', 'status']).where('customer_id', '=', customer.id).execute();
    expect(notices.length).toBeGreaterThanOrEqual(2);
    for (const notice of notices) expect(notice).toMatchObject({ name: '삭제된 고객', phone: '', text: null, variables: {} });
    expect(notices.find((n) => n.dedupe_key === `erase:${booking.id}`)!.status).toBe('delivered');
    // Not yet sent: never sent now.
    expect(notices.find((n) => n.dedupe_key === `erase-reminder:${booking.id}`)!.status).toBe('cancelled');
    expect(notices.some((n) => n.status === 'pending')).toBe(false);
    // The payment record stays as paid, amounts and dates (전자상거래법: 5 years).
    const payment = await db().selectFrom('payments').select(['amount_pg', 'amount_gross', 'paid_at', 'booking_id']).where('booking_id', '=', booking.id).executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ amount_pg: 30000, amount_gross: 30000, booking_id: booking.id });
    expect(payment.paid_at).not.toBeNull();

    const erasure = await db().selectFrom('customer_erasures').selectAll().where('customer_id', '=', customer.id).executeTakeFirstOrThrow();
    expect(erasure).toMatchObject({ reason: '고객 본인 전화 요청', requested_by: admin.userId });
    expect(erasure.cleared).toMatchObject({ bookings: 1, scheduleMemos: 1 });
    const history = await consentsOf(customer.id);
    expect(history.slice(0, 2).map((e) => [e.kind, e.grantedLabel, e.sourceLabel])).toEqual([
      ['privacy', '철회', '개인정보 삭제'],
      ['marketing', '철회', '개인정보 삭제'],
    ]);

    // Gone from the booking lookup, kept out of searches by the old number, and the shop cannot edit it back.
    expectError(await t.call(null, 'GET', `/api/public/bookings/${booked.body.bookingNumber}?phone=${who.phone}`), 404, 'BOOKING_NOT_FOUND');
    const search = await t.call(admin, 'GET', `/api/customers?q=${who.phone}`);
    expect(search.body.items).toEqual([]);
    expectError(await t.call(admin, 'PATCH', `/api/customers/${customer.id}`, { name: '다시 이름' }), 409, 'CUSTOMER_ANONYMISED');
    expectError(await t.call(admin, 'POST', `/api/customers/${customer.id}/anonymise`, { reason: '다시' }), 409, 'CUSTOMER_ALREADY_ANONYMISED');

    // What is left can still be exported: the payment with its amounts, the erasure record.
    const exported = await t.call(admin, 'GET', `/api/customers/${customer.id}/export`);
    expect(exported.body.customer).toMatchObject({ name: '삭제된 고객', phone: '' });
    expect(exported.body.bookings[0].payments[0]).toMatchObject({ amountPg: 30000 });
    expect(exported.body.erasure).toMatchObject({ reason: '고객 본인 전화 요청' });
  });

  it('answers 403 to members without the permissions, 404 for another business, and keeps consent history to 고객 조회', async () => {
    const who = { name: '권한손님', phone: newPhone() };
    expect((await book(who, { consents: { privacy: true } })).status).toBe(201);
    const id = (await customerByPhone(who.phone)).id;

    const nobody = await addMember(t, admin, ['schedules.edit']);
    expectError(await t.call(nobody.session, 'GET', `/api/customers/${id}/consents`), 403, 'FORBIDDEN');
    expectError(await t.call(nobody.session, 'GET', `/api/customers/${id}/export`), 403, 'FORBIDDEN');
    expectError(await t.call(nobody.session, 'POST', `/api/customers/${id}/anonymise`, { reason: '요청' }), 403, 'FORBIDDEN');

    const viewer = await addMember(t, admin, ['customers.view', 'customers.edit']);
    expect((await consentsOf(id, viewer.session)).map((e) => e.kind)).toEqual(['privacy']);
    // The file holds full numbers: 전체 전화번호 보기 too.
    expectError(await t.call(viewer.session, 'GET', `/api/customers/${id}/export`), 403, 'FORBIDDEN');
    const phoneOnly = await addMember(t, admin, ['customers.phone_full']);
    expectError(await t.call(phoneOnly.session, 'GET', `/api/customers/${id}/export`), 403, 'FORBIDDEN');
    const exporter = await addMember(t, admin, ['customers.view', 'customers.phone_full']);
    expect((await t.call(exporter.session, 'GET', `/api/customers/${id}/export`)).status).toBe(200);
    // Erasure is the admin's, whatever flags a member holds.
    const manager = await addMember(t, admin, ['customers.view', 'customers.edit', 'customers.phone_full', 'settings.manage']);
    expectError(await t.call(manager.session, 'POST', `/api/customers/${id}/anonymise`, { reason: '요청' }), 403, 'FORBIDDEN');
    expect((await db().selectFrom('customers').select('anonymised_at').where('id', '=', id).executeTakeFirstOrThrow()).anonymised_at).toBeNull();

    const other = await t.signup({ businessName: '다른 업체' });
    expectError(await t.call(other, 'GET', `/api/customers/${id}/consents`), 404, 'CUSTOMER_NOT_FOUND');
    expectError(await t.call(other, 'GET', `/api/customers/${id}/export`), 404, 'CUSTOMER_NOT_FOUND');
    expectError(await t.call(other, 'POST', `/api/customers/${id}/anonymise`, { reason: '요청' }), 404, 'CUSTOMER_NOT_FOUND');
  });
});
