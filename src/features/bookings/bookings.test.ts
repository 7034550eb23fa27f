import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { expectError } from '../../../test/helpers.ts';
import { openDatabase, type Database } from '../../platform/db/database.ts';
import { apiSession, productStorage, startProduct, type ProductProcess } from '../../../test/product-process.ts';
import { DEMO_LOGIN } from '../../app/demo/demo.ts';
import { createHold } from './use-cases/create-hold.ts';
import { hideSlot, insertDateTimeProduct, insertPlace, insertTimeSlotProduct, seoulDate, seoulInstant } from './test-fixtures.ts';

const customer = { name: '홍길동', phone: '010-1234-5678' };
// LAW-1: the booking page sends the consents with every booking.
const consents = { privacy: true };

describe.each(engines)('booking page on %s (BOOK-3, BOOK-6..11)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let placeId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup();
    placeId = (await insertPlace(t.database.db, admin.businessId)).id;
  });
  afterAll(async () => t?.close());

  const db = () => t.database.db;
  const slotAt = (days: number, time: string) => seoulInstant(seoulDate(days), time).toISOString();
  const book = (productId: string, startsAt: string, quantity = 1, who = customer, extra: object = {}) =>
    t.call(null, 'POST', '/api/public/bookings', { productId, lines: [{ startsAt, quantity }], customer: who, consents, ...extra });
  const counts = async () => ({
    bookings: Number((await db().selectFrom('bookings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    schedules: Number((await db().selectFrom('schedules').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    claims: Number((await db().selectFrom('capacity_claims').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    customers: Number((await db().selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });

  it('books a slot: booking number, detail number, a confirmed schedule on 예약페이지, the customer, an alert, one less remaining', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId, { capacity: 3 });
    const startsAt = slotAt(3, '10:30');
    const before = await t.call(null, 'GET', `/api/public/products/${product.id}/availability?from=${seoulDate(3)}&to=${seoulDate(3)}`);
    expect(before.status).toBe(200);
    expect(before.body.kind).toBe('time_slot');
    const slot = before.body.days[0].slots.find((s: { startsAt: string }) => s.startsAt === startsAt);
    expect(slot).toMatchObject({ localTime: '10:30', capacity: 3, remaining: 3, status: 'bookable' });
    expect(before.body.days[0].slots).toHaveLength(18);

    const res = await book(product.id, startsAt, 2, customer, { request: '창가 자리 부탁드려요' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'confirmed',
      statusLabel: '예약확정',
      usageStartsAt: startsAt,
      customerName: '홍길동',
      customerPhone: '010-1234-5678',
      totalQuantity: 2,
      totalAmount: 60000,
      lines: [{ detailNumber: `${res.body.bookingNumber}-1`, quantity: 2, unitAmount: 30000 }],
      cancellation: { canCancel: true, refundPercent: 100 },
    });
    expect(res.body.bookingNumber).toMatch(/^\d{8}$/);
    expect(res.body.usageLabel).toMatch(/^\d+월 \d+일 \([월화수목금토일]\) 10:30$/);

    const after = await t.call(null, 'GET', `/api/public/products/${product.id}/availability?from=${seoulDate(3)}&to=${seoulDate(3)}`);
    expect(after.body.days[0].slots.find((s: { startsAt: string }) => s.startsAt === startsAt)).toMatchObject({ remaining: 1, status: 'bookable' });

    const booking = await db().selectFrom('bookings').selectAll().where('booking_number', '=', res.body.bookingNumber).executeTakeFirstOrThrow();
    const schedule = await db().selectFrom('schedules').innerJoin('staff', 'staff.id', 'schedules.staff_id').select(['schedules.status', 'schedules.source', 'schedules.starts_at', 'schedules.ends_at', 'staff.kind', 'schedules.memo_count']).where('schedules.id', '=', booking.schedule_id!).executeTakeFirstOrThrow();
    expect(schedule).toMatchObject({ status: 'confirmed', source: 'booking_page', kind: 'booking_page', memo_count: 1 });
    expect(schedule.ends_at.getTime() - schedule.starts_at.getTime()).toBe(30 * 60_000);
    const detail = await t.call(admin, 'GET', `/api/schedules/${booking.schedule_id}`);
    expect(detail.body).toMatchObject({ bookingNumber: res.body.bookingNumber, customer: { name: '홍길동' } });
    const notifications = await t.call(admin, 'GET', '/api/notifications');
    expect(notifications.body.items[0]).toMatchObject({ title: '예약페이지 예약이 들어왔습니다', scheduleId: booking.schedule_id });

    // The same (name, phone) books again: one customer.
    const again = await book(product.id, slotAt(3, '11:00'), 1);
    expect(again.status).toBe(201);
    expect((await db().selectFrom('bookings').select('customer_id').where('booking_number', '=', again.body.bookingNumber).executeTakeFirstOrThrow()).customer_id).toBe(booking.customer_id);
  });

  it('refuses beyond capacity with SOLD_OUT and what is left, writes nothing, and gives the quantity back on cancel', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId, { capacity: 2 });
    const startsAt = slotAt(4, '09:00');
    const first = await book(product.id, startsAt, 1);
    expect(first.status).toBe(201);
    const before = await counts();
    const over = await book(product.id, startsAt, 2, { name: '김철수', phone: '010-2222-3333' });
    expectError(over, 409, 'SOLD_OUT');
    expect(over.body.error.message).toBe('선택한 시간에 남은 자리가 1명뿐입니다.');
    expect(await counts()).toEqual(before);

    expect((await book(product.id, startsAt, 1, { name: '김철수', phone: '010-2222-3333' })).status).toBe(201);
    const full = await book(product.id, startsAt, 1, { name: '이영희', phone: '010-4444-5555' });
    expectError(full, 409, 'SOLD_OUT');
    expect(full.body.error.message).toBe('선택한 시간은 예약이 마감되었습니다.');
    const availability = await t.call(null, 'GET', `/api/public/products/${product.id}/availability?from=${seoulDate(4)}&to=${seoulDate(4)}`);
    expect(availability.body.days[0].slots[0]).toMatchObject({ startsAt, remaining: 0, status: 'sold_out' });

    const list = await t.call(admin, 'GET', `/api/bookings?productId=${product.id}`);
    const id = list.body.items.find((b: { bookingNumber: string }) => b.bookingNumber === first.body.bookingNumber).id;
    const cancelled = await t.call(admin, 'POST', `/api/bookings/${id}/cancel`, { reason: '고객 요청' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '고객 요청', allowedActions: [] });
    expect((await book(product.id, startsAt, 1, { name: '이영희', phone: '010-4444-5555' })).status).toBe(201);
  });

  it('keeps hidden slots off the page and refuses them through the API; the partner sees them as hidden', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId);
    const hidden = seoulInstant(seoulDate(5), '13:00');
    await hideSlot(db(), admin.businessId, product.id, hidden);
    const page = await t.call(null, 'GET', `/api/public/products/${product.id}/availability?from=${seoulDate(5)}&to=${seoulDate(5)}`);
    expect(page.body.days[0].slots.map((s: { localTime: string }) => s.localTime)).not.toContain('13:00');
    const partner = await t.call(admin, 'GET', `/api/products/${product.id}/availability?from=${seoulDate(5)}&to=${seoulDate(5)}`);
    expect(partner.body.days[0].slots.find((s: { localTime: string }) => s.localTime === '13:00')).toMatchObject({ hidden: true, status: 'hidden' });
    const before = await counts();
    expectError(await book(product.id, hidden.toISOString()), 409, 'SLOT_HIDDEN');
    expectError(await t.call(null, 'POST', '/api/public/holds', { productId: product.id, lines: [{ startsAt: hidden.toISOString(), quantity: 1 }] }), 409, 'SLOT_HIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('refuses before the 예약시작 일시 and shows the slots as not open', async () => {
    const opensAt = new Date(Date.now() + 2 * 86_400_000);
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId, { bookingOpensAt: opensAt });
    const page = await t.call(null, 'GET', `/api/public/products/${product.id}/availability?from=${seoulDate(6)}&to=${seoulDate(6)}`);
    expect(page.body.days[0].slots.every((s: { status: string }) => s.status === 'not_open')).toBe(true);
    const refused = await book(product.id, slotAt(6, '10:00'));
    expectError(refused, 409, 'BOOKING_NOT_OPEN_YET');
    expect(refused.body.error.message).toMatch(/부터 예약할 수 있습니다\.$/);
  });

  it('refuses what is not a slot, in the past, mixed lines, over the per-booking limit, a bad phone — with no rows written', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId, { maxPerBooking: 2, capacity: 5, fromDays: -3 });
    const before = await counts();
    expectError(await book(product.id, slotAt(3, '10:10')), 404, 'SLOT_NOT_FOUND');
    expectError(await book(product.id, slotAt(3, '20:00')), 404, 'SLOT_NOT_FOUND');
    expectError(await book(product.id, slotAt(-1, '10:00')), 409, 'BOOKING_PAST');
    expectError(await book(product.id, slotAt(3, '10:00'), 3), 400, 'BOOKING_QUANTITY_OVER_LIMIT');
    expectError(
      await t.call(null, 'POST', '/api/public/bookings', { productId: product.id, lines: [{ startsAt: slotAt(3, '10:00'), quantity: 1 }, { startsAt: slotAt(3, '10:30'), quantity: 1 }], customer, consents }),
      400,
      'BOOKING_LINES_MIXED',
    );
    expectError(await book(product.id, slotAt(3, '10:00'), 1, { name: '홍길동', phone: '010-123-456' }), 400, 'PHONE_INVALID');
    expectError(await book(product.id, slotAt(3, '10:00'), 0), 400, 'VALIDATION_FAILED');
    expectError(await t.call(null, 'POST', '/api/public/bookings', { productId: product.id, lines: [], customer, consents }), 400, 'VALIDATION_FAILED');
    expectError(await book('00000000-0000-4000-8000-000000000000', slotAt(3, '10:00')), 404, 'PRODUCT_NOT_FOUND');
    expect(await counts()).toEqual(before);
  });

  it('approval products wait in 확정대기; confirm and reject act on the whole booking number and follow in the calendar', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId, { confirmation: 'approval', capacity: 1 });
    const startsAt = slotAt(7, '15:00');
    const created = await book(product.id, startsAt, 1);
    expect(created.body).toMatchObject({ status: 'pending', statusLabel: '확정대기' });
    const list = await t.call(admin, 'GET', `/api/bookings?status=pending&productId=${product.id}`);
    expect(list.body.total).toBe(1);
    const item = list.body.items[0];
    expect(item.allowedActions).toEqual(['confirm', 'reject']);
    expect((await t.call(admin, 'GET', `/api/schedules/${item.scheduleId}`)).body.allowedStatuses).toEqual(['confirmed', 'cancelled']);

    const confirmed = await t.call(admin, 'POST', `/api/bookings/${item.id}/confirm`);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', allowedActions: ['cancel', 'complete'] });
    expect((await t.call(admin, 'GET', `/api/schedules/${item.scheduleId}`)).body.status).toBe('confirmed');
    expectError(await t.call(admin, 'POST', `/api/bookings/${item.id}/reject`), 409, 'BOOKING_STATUS_NOT_ALLOWED');

    const second = await book(product.id, slotAt(7, '15:30'), 1, { name: '박민수', phone: '010-7777-8888' });
    const secondId = (await t.call(admin, 'GET', `/api/bookings?q=${second.body.bookingNumber}`)).body.items[0].id;
    const rejected = await t.call(admin, 'POST', `/api/bookings/${secondId}/reject`, { reason: '해당 시간 진료 불가' });
    expect(rejected.body).toMatchObject({ status: 'rejected', statusLabel: '거절', cancelReason: '해당 시간 진료 불가' });
    // The calendar reads 거절, not 취소: the schedule says its cancellation was the rejection.
    expect((await t.call(admin, 'GET', `/api/schedules/${rejected.body.scheduleId}`)).body).toMatchObject({ status: 'cancelled', rejected: true });
    // Rejected gives the slot back; it can never come back itself.
    expectError(await t.call(admin, 'POST', `/api/bookings/${secondId}/confirm`), 409, 'BOOKING_CANCELLED_FINAL');
    expectError(await t.call(admin, 'POST', `/api/bookings/${secondId}/restore`), 409, 'BOOKING_CANCELLED_FINAL');
    expect((await book(product.id, slotAt(7, '15:30'), 1, { name: '박민수', phone: '010-7777-8888' })).status).toBe(201);

    const completed = await t.call(admin, 'POST', `/api/bookings/${item.id}/complete`);
    expect(completed.body).toMatchObject({ status: 'completed', statusLabel: '이용완료' });
    expect((await t.call(admin, 'GET', `/api/schedules/${item.scheduleId}`)).body.status).toBe('completed');
    // A used booking is a visit of its customer (MSG-1), once.
    const visits = await db().selectFrom('customer_visits').select(['customer_id', 'source']).where('schedule_id', '=', item.scheduleId).execute();
    expect(visits).toEqual([{ customer_id: item.customerId, source: 'schedule' }]);
  });

  it('the shop declining a booking that awaits approval is a rejection however it is asked; the customer\'s own cancellation stays one', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId, { confirmation: 'approval', capacity: 3 });
    const bookingOf = async (number: string) => (await t.call(admin, 'GET', `/api/bookings?q=${number}`)).body.items[0];

    // The partner API's cancel of a pending booking: 거절, and the calendar shows 거절.
    const viaApi = await bookingOf((await book(product.id, slotAt(10, '10:00'), 1)).body.bookingNumber);
    const cancelled = await t.call(admin, 'POST', `/api/bookings/${viaApi.id}/cancel`, { reason: '휴진' });
    expect(cancelled.body).toMatchObject({ status: 'rejected', statusLabel: '거절', cancelReason: '휴진' });
    expect((await t.call(admin, 'GET', `/api/schedules/${viaApi.scheduleId}`)).body).toMatchObject({ status: 'cancelled', rejected: true });

    // 취소 from the calendar on the pending schedule: the booking is rejected too.
    const viaCalendar = await bookingOf((await book(product.id, slotAt(10, '11:00'), 1, { name: '박민수', phone: '010-7777-8888' })).body.bookingNumber);
    const fromCalendar = await t.call(admin, 'POST', `/api/schedules/${viaCalendar.scheduleId}/status`, { status: 'cancelled' });
    expect(fromCalendar.body).toMatchObject({ status: 'cancelled', rejected: true });
    expect((await t.call(admin, 'GET', `/api/bookings/${viaCalendar.id}`)).body.status).toBe('rejected');
    const calendar = (await t.call(admin, 'GET', `/api/calendar?date=${slotAt(10, '11:00').slice(0, 10)}`)).body;
    expect(calendar.schedules.find((x: { id: string }) => x.id === viaCalendar.scheduleId)).toMatchObject({ status: 'cancelled', rejected: true });

    // A confirmed booking cancelled by the shop is a cancellation, not a rejection.
    const standing = await bookingOf((await book(product.id, slotAt(10, '12:00'), 1, { name: '이서연', phone: '010-5555-6666' })).body.bookingNumber);
    await t.call(admin, 'POST', `/api/bookings/${standing.id}/confirm`);
    expect((await t.call(admin, 'POST', `/api/bookings/${standing.id}/cancel`)).body.status).toBe('cancelled');
    expect((await t.call(admin, 'GET', `/api/schedules/${standing.scheduleId}`)).body).toMatchObject({ status: 'cancelled', rejected: false });
  });

  it('a booking used in the calendar is one visit, as in the partner center, and the booking follows', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId, { capacity: 1 });
    const created = await book(product.id, slotAt(9, '10:00'), 1);
    const booking = (await t.call(admin, 'GET', `/api/bookings?q=${created.body.bookingNumber}`)).body.items[0];
    const before = Date.now();
    expect((await t.call(admin, 'POST', `/api/schedules/${booking.scheduleId}/status`, { status: 'completed', confirmEarly: true })).status).toBe(200);
    expect((await t.call(admin, 'GET', `/api/bookings/${booking.id}`)).body.status).toBe('completed');
    const visits = await db().selectFrom('customer_visits').select(['customer_id', 'visited_at']).where('schedule_id', '=', booking.scheduleId).execute();
    expect(visits).toHaveLength(1);
    // At the booked start, or now if that is still ahead (a visit is never in the future).
    expect(visits[0]!.visited_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(visits[0]!.visited_at.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('keeps a booking-page schedule at the booked time in the calendar; another staff is fine', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId, { capacity: 1 });
    const created = await book(product.id, slotAt(8, '11:00'), 1);
    const booking = (await t.call(admin, 'GET', `/api/bookings?q=${created.body.bookingNumber}`)).body.items[0];
    const schedule = (await t.call(admin, 'GET', `/api/schedules/${booking.scheduleId}`)).body;
    const later = new Date(Date.parse(schedule.startsAt) + 3_600_000).toISOString();
    const laterEnd = new Date(Date.parse(schedule.endsAt) + 3_600_000).toISOString();
    expectError(await t.call(admin, 'PATCH', `/api/schedules/${booking.scheduleId}`, { startsAt: later, endsAt: laterEnd, version: schedule.version }), 409, 'BOOKING_PAGE_TIME_FIXED');
    const moved = await t.call(admin, 'PATCH', `/api/schedules/${booking.scheduleId}`, { staffId: admin.staffId, version: schedule.version });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ staffId: admin.staffId, startsAt: schedule.startsAt });
  });

  it('a status set in the calendar is the booking\'s: cancelling the schedule cancels the booking and frees the slot', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId, { capacity: 1 });
    const startsAt = slotAt(8, '09:30');
    const created = await book(product.id, startsAt, 1);
    const booking = (await t.call(admin, 'GET', `/api/bookings?q=${created.body.bookingNumber}`)).body.items[0];
    const changed = await t.call(admin, 'POST', `/api/schedules/${booking.scheduleId}/status`, { status: 'cancelled' });
    expect(changed.status).toBe(200);
    expect((await t.call(admin, 'GET', `/api/bookings/${booking.id}`)).body).toMatchObject({ status: 'cancelled', cancelledBy: 'business' });
    expect((await book(product.id, startsAt, 1, { name: '새 고객', phone: '010-3333-4444' })).status).toBe(201);
  });

  it('lets the customer look up and cancel within the policy, with the refund share; not after the deadline; never twice', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId, { policy: [{ hoursBefore: 24, refundPercent: 100 }, { hoursBefore: 24 * 20, refundPercent: 100 }] });
    const lenient = await insertTimeSlotProduct(db(), admin.businessId, placeId, { policy: [{ hoursBefore: 24, refundPercent: 70 }] });
    const created = await book(lenient.id, slotAt(5, '10:00'));
    const number = created.body.bookingNumber;
    expectError(await t.call(null, 'GET', `/api/public/bookings/${number}?phone=01099998888`), 404, 'BOOKING_NOT_FOUND');
    expectError(await t.call(null, 'GET', `/api/public/bookings/99999999?phone=01012345678`), 404, 'BOOKING_NOT_FOUND');
    const lookup = await t.call(null, 'GET', `/api/public/bookings/${number}?phone=010-1234-5678`);
    expect(lookup.body).toMatchObject({ bookingNumber: number, cancellation: { canCancel: true, refundPercent: 70, policyText: ['이용 1일 전까지 취소 시 70% 환불', expect.any(String)] } });
    const cancelled = await t.call(null, 'POST', `/api/public/bookings/${number}/cancel`, { phone: '01012345678' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: 'customer', refundPercent: 70, cancellation: { canCancel: false } });
    expectError(await t.call(null, 'POST', `/api/public/bookings/${number}/cancel`, { phone: '01012345678' }), 409, 'BOOKING_CANCELLED_FINAL');

    // Five days ahead is before the 24-hour tier but past the 20-day one: the customer still cancels, at that share.
    const strict = await insertTimeSlotProduct(db(), admin.businessId, placeId, { policy: [{ hoursBefore: 24 * 20, refundPercent: 100 }] });
    const late = await book(strict.id, slotAt(5, '10:00'));
    expectError(await t.call(null, 'POST', `/api/public/bookings/${late.body.bookingNumber}/cancel`, { phone: '01012345678' }), 409, 'BOOKING_CANCEL_DEADLINE_PASSED');
    expect((await t.call(null, 'GET', `/api/public/bookings/${late.body.bookingNumber}?phone=01012345678`)).body.status).toBe('confirmed');
    const tiered = await book(product.id, slotAt(5, '10:00'));
    expect((await t.call(null, 'POST', `/api/public/bookings/${tiered.body.bookingNumber}/cancel`, { phone: '01012345678' })).body).toMatchObject({ status: 'cancelled', refundPercent: 100 });
  });

  it('holds count against capacity until they expire, and a booking consumes its own hold', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId, { capacity: 2 });
    const startsAt = slotAt(9, '10:00');
    const lines = [{ startsAt, quantity: 2 }];
    const hold = await t.call(null, 'POST', '/api/public/holds', { productId: product.id, lines });
    expect(hold.status).toBe(201);
    expect(Date.parse(hold.body.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    expectError(await book(product.id, startsAt, 1, { name: '남의 손님', phone: '010-5555-6666' }), 409, 'SOLD_OUT');
    expectError(await t.call(null, 'POST', '/api/public/bookings', { productId: product.id, holdId: hold.body.holdId, lines: [{ startsAt, quantity: 1 }], customer, consents }), 409, 'HOLD_MISMATCH');
    const booked = await t.call(null, 'POST', '/api/public/bookings', { productId: product.id, holdId: hold.body.holdId, lines, customer, consents });
    expect(booked.status).toBe(201);
    expect(await db().selectFrom('booking_holds').select('id').where('id', '=', hold.body.holdId).executeTakeFirst()).toBeUndefined();
    const claims = await db().selectFrom('capacity_claims').select(['quantity', 'booking_id', 'hold_id']).where('product_id', '=', product.id).execute();
    expect(claims).toEqual([{ quantity: 2, booking_id: expect.any(String), hold_id: null }]);

    // An expired hold is nothing: capacity is checked afresh.
    const other = seoulInstant(seoulDate(9), '11:00').toISOString();
    const stale = await createHold(db(), { productId: product.id, lines: [{ startsAt: other, quantity: 2 }], clientKey: '127.0.0.1' }, new Date(Date.now() - 11 * 60_000));
    expect((await book(product.id, other, 2, { name: '늦은 손님', phone: '010-5555-7777' })).status).toBe(201);
    expect((await t.call(null, 'POST', '/api/public/bookings', { productId: product.id, holdId: stale.holdId, lines: [{ startsAt: other, quantity: 1 }], customer, consents })).body.error.code).toBe('SOLD_OUT');
    expect((await t.call(null, 'DELETE', `/api/public/holds/${stale.holdId}`)).status).toBe(204);
  });

  it('날짜/시간형 in 날짜/시간별 관리: prices of one session share its quantity and the 성인 maximum holds across sessions', async () => {
    const product = await insertDateTimeProduct(db(), admin.businessId, placeId, { days: [10, 17], quantity: 5, adultMax: 4 });
    const [adult10, child10, adult17] = [product.bookingSchedules[0]!, product.bookingSchedules[1]!, product.bookingSchedules[2]!];
    const availability = await t.call(null, 'GET', `/api/public/products/${product.id}/availability?from=${seoulDate(10)}&to=${seoulDate(17)}`);
    expect(availability.body.kind).toBe('scheduled');
    expect(availability.body.bookingSchedules).toHaveLength(4);
    expect(availability.body.bookingSchedules[0]).toMatchObject({ id: adult10.id, priceName: '성인', amount: 50000, remaining: 4, status: 'bookable', usage: { kind: 'date_time', date: seoulDate(10), startTime: '14:00' } });

    const family = await t.call(null, 'POST', '/api/public/bookings', {
      productId: product.id,
      lines: [
        { bookingScheduleId: adult10.id, quantity: 2 },
        { bookingScheduleId: child10.id, quantity: 2 },
      ],
      customer,
      consents,
    });
    expect(family.status).toBe(201);
    expect(family.body).toMatchObject({ totalAmount: 160000, totalQuantity: 4, lines: [{ detailNumber: `${family.body.bookingNumber}-1`, priceName: '성인' }, { detailNumber: `${family.body.bookingNumber}-2`, priceName: '어린이' }] });
    const booking = await db().selectFrom('bookings').select(['usage_starts_at', 'usage_ends_at']).where('booking_number', '=', family.body.bookingNumber).executeTakeFirstOrThrow();
    expect(booking.usage_starts_at.toISOString()).toBe(seoulInstant(seoulDate(10), '14:00').toISOString());
    expect(booking.usage_ends_at.getTime() - booking.usage_starts_at.getTime()).toBe(90 * 60_000);

    expectError(await t.call(null, 'POST', '/api/public/bookings', { productId: product.id, lines: [{ bookingScheduleId: child10.id, quantity: 2 }], customer, consents }), 409, 'SOLD_OUT');
    expectError(
      await t.call(null, 'POST', '/api/public/bookings', { productId: product.id, lines: [{ bookingScheduleId: adult10.id, quantity: 1 }, { bookingScheduleId: adult17.id, quantity: 1 }], customer, consents }),
      400,
      'BOOKING_LINES_MIXED',
    );
    // The 성인 price has 2 of its 4 left, whichever session.
    const maxed = await t.call(null, 'POST', '/api/public/bookings', { productId: product.id, lines: [{ bookingScheduleId: adult17.id, quantity: 3 }], customer, consents });
    expectError(maxed, 409, 'SOLD_OUT');
    expect(maxed.body.error.message).toBe('이 가격으로 더 예약할 수 있는 수량은 2개입니다.');
    expect((await t.call(null, 'POST', '/api/public/bookings', { productId: product.id, lines: [{ bookingScheduleId: adult17.id, quantity: 2 }], customer, consents })).status).toBe(201);
  });

  it('takes inquiries from the page, counts the unanswered on the partner home, and records replies', async () => {
    const before = (await t.call(admin, 'GET', '/api/partner/summary')).body.unansweredInquiries;
    const posted = await t.call(null, 'POST', '/api/public/inquiries', { placeId, name: '문의자', phone: '010-8888-9999', body: '주차 가능한가요?' });
    expect(posted.status).toBe(201);
    expectError(await t.call(null, 'POST', '/api/public/inquiries', { placeId, name: '문의자', phone: '12', body: '질문' }), 400, 'PHONE_INVALID');
    expectError(await t.call(null, 'POST', '/api/public/inquiries', { placeId, name: '문의자', phone: '010-8888-9999', body: '  ' }), 400, 'VALIDATION_FAILED');
    expect((await t.call(admin, 'GET', '/api/partner/summary')).body.unansweredInquiries).toBe(before + 1);
    const list = await t.call(admin, 'GET', '/api/inquiries?status=unanswered');
    expect(list.body.items[0]).toMatchObject({ id: posted.body.id, authorName: '문의자', authorPhone: '010-8888-9999', body: '주차 가능한가요?', reply: null });
    const replied = await t.call(admin, 'POST', `/api/inquiries/${posted.body.id}/reply`, { body: '건물 지하 주차장을 이용하실 수 있습니다.' });
    expect(replied.body).toMatchObject({ reply: '건물 지하 주차장을 이용하실 수 있습니다.', repliedByName: '관리자' });
    expect((await t.call(admin, 'GET', '/api/partner/summary')).body.unansweredInquiries).toBe(before);
  });

  it('keeps the partner center to its business and its permissions', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId);
    const created = await book(product.id, slotAt(11, '10:00'));
    const id = (await t.call(admin, 'GET', `/api/bookings?q=${created.body.bookingNumber}`)).body.items[0].id;
    const other = await t.signup();
    expectError(await t.call(other, 'GET', `/api/bookings/${id}`), 404, 'BOOKING_NOT_FOUND');
    expectError(await t.call(other, 'POST', `/api/bookings/${id}/cancel`), 404, 'BOOKING_NOT_FOUND');
    expect((await t.call(other, 'GET', '/api/bookings')).body.items).toEqual([]);
    expectError(await t.call(other, 'GET', `/api/products/${product.id}/availability`), 404, 'PRODUCT_NOT_FOUND');
    expectError(await t.call(null, 'GET', '/api/bookings'), 401, 'UNAUTHENTICATED');

    const group = await t.call(admin, 'POST', '/api/permission-groups', { name: '예약 조회 없음', permissions: ['customers.view'] });
    const member = await t.call(admin, 'POST', '/api/users', { email: `m${Date.now()}@test.yeyak.kr`, name: '직원', password: 'password123', role: 'member', permissionGroupId: group.body.id });
    const memberSession = await t.login(member.body.email, 'password123');
    expectError(await t.call(memberSession, 'GET', '/api/bookings'), 403, 'FORBIDDEN');
    expectError(await t.call(memberSession, 'POST', `/api/bookings/${id}/confirm`), 403, 'FORBIDDEN');
  });

  it('finds bookings by number, detail number, phone digits and name', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId, { capacity: 5 });
    const created = await book(product.id, slotAt(12, '10:00'), 1, { name: '검색대상', phone: '010-6543-2109' });
    const number = created.body.bookingNumber;
    for (const q of [number, `${number}-1`, '2109', '010-6543-2109', '검색']) {
      const res = await t.call(admin, 'GET', `/api/bookings?q=${encodeURIComponent(q)}`);
      expect(res.body.items.map((b: { bookingNumber: string }) => b.bookingNumber), q).toContain(number);
    }
    const byDay = await t.call(admin, 'GET', `/api/bookings?from=${seoulDate(12)}&to=${seoulDate(12)}&productId=${product.id}`);
    expect(byDay.body.items.map((b: { bookingNumber: string }) => b.bookingNumber)).toEqual([number]);
    expect((await t.call(admin, 'GET', `/api/bookings?from=${seoulDate(13)}&productId=${product.id}`)).body.total).toBe(0);
  });
});

/**
 * BOOK-8 under real concurrency: two server processes on one PostgreSQL,
 * 200 booking requests at once for one slot of 7. PostgreSQL only: the
 * embedded database is one process by design.
 */
for (const engine of engines.filter((e) => e === 'postgres')) {
  describe(`capacity race on ${engine} with two server processes (BOOK-8)`, () => {
    let storage: Awaited<ReturnType<typeof productStorage>>;
    const processes: ProductProcess[] = [];
    let database: Database;

    beforeAll(async () => {
      storage = await productStorage(engine, 'race');
      // 200 customers, each from an address of their own, reach the two processes through a proxy (SEC-2).
      processes.push(await startProduct({ ...storage.env, YEYAK_WORKERS: 'false', YEYAK_TRUST_PROXY: 'loopback' }));
      processes.push(await startProduct({ ...storage.env, YEYAK_WORKERS: 'false', YEYAK_TRUST_PROXY: 'loopback' }));
      database = await openDatabase({ kind: 'postgres', url: storage.url!, max: 2 });
    }, 120_000);

    afterAll(async () => {
      await database?.close();
      for (const p of processes) await p.stop();
      await storage?.dispose();
    });

    it('200 concurrent requests for a slot of 7 leave exactly 7 bookings; the rest are told it is sold out', async () => {
      const admin = await apiSession(processes[0]!.url, DEMO_LOGIN.email, DEMO_LOGIN.password);
      const businessId = admin.me.business.id as string;
      const place = await insertPlace(database.db, businessId);
      const product = await insertTimeSlotProduct(database.db, businessId, place.id, { capacity: 7, maxPerBooking: 2 });
      const startsAt = seoulInstant(seoulDate(3), '10:00').toISOString();

      const results = await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const base = processes[i % 2]!.url;
          const phone = `010-5${String(i).padStart(3, '0')}-${String(1000 + i).padStart(4, '0')}`;
          // Some ask for 2: the sum, not the count of requests, is what must fit.
          const quantity = i % 5 === 0 ? 2 : 1;
          const res = await fetch(`${base}/api/public/bookings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.18.${i >> 8}.${i & 255}` },
            body: JSON.stringify({ productId: product.id, lines: [{ startsAt, quantity }], customer: { name: `경쟁${i}`, phone }, consents: { privacy: true } }),
          });
          return { status: res.status, quantity, body: (await res.json()) as { bookingNumber?: string; error?: { code: string; message: string } } };
        }),
      );

      const accepted = results.filter((r) => r.status === 201);
      const refused = results.filter((r) => r.status !== 201);
      expect(accepted.reduce((sum, r) => sum + r.quantity, 0)).toBe(7);
      expect(new Set(refused.map((r) => `${r.status} ${r.body.error?.code}`))).toEqual(new Set(['409 SOLD_OUT']));
      expect(refused.every((r) => /마감|남은 자리/.test(r.body.error!.message))).toBe(true);

      const rows = await database.db.selectFrom('bookings').select(['booking_number', 'total_quantity', 'schedule_id']).where('product_id', '=', product.id).execute();
      expect(rows.reduce((sum, r) => sum + r.total_quantity, 0)).toBe(7);
      expect(new Set(rows.map((r) => r.booking_number))).toEqual(new Set(accepted.map((r) => r.body.bookingNumber)));
      expect(rows.every((r) => r.schedule_id)).toBe(true);
      const claims = await database.db.selectFrom('capacity_claims').select((eb) => eb.fn.sum<string>('quantity').as('n')).where('product_id', '=', product.id).executeTakeFirstOrThrow();
      expect(Number(claims.n)).toBe(7);

      const availability = await fetch(`${processes[1]!.url}/api/public/products/${product.id}/availability?from=${seoulDate(3)}&to=${seoulDate(3)}`).then((r) => r.json());
      expect(availability.days[0].slots.find((s: { startsAt: string }) => s.startsAt === startsAt)).toMatchObject({ remaining: 0, status: 'sold_out' });
    }, 120_000);
  });
}
