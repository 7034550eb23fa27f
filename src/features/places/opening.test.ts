import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { addMember, expectError, MISSING_ID } from '../../../test/helpers.ts';
import { insertDateTimeProduct, insertTimeSlotProduct, seoulDate, seoulInstant } from '../bookings/test-fixtures.ts';
import { KOREAN_HOLIDAYS } from './domain/holidays.ts';

/**
 * OPS-1 through the API: a clinic's place closes on public holidays by
 * default, an override re-opens one, a 임시휴무 closes its days and lists the
 * bookings already on them (cancelling none), and the place's hours limit
 * every product. Bookings are refused with BOOKING_DAY_CLOSED however they
 * come (hold, booking, checkout).
 *
 * The dates are found from today (the fixtures' products open today … 85
 * days ahead; no two Korean public holidays are further apart), so these
 * tests pass on any day of a year the holiday package covers. In a year it
 * does not cover there is no holiday to book, and the holiday tests are
 * skipped (that year has no holidays by design).
 */

const customer = { name: '김환자', phone: '010-2222-3333' };
const consents = { privacy: true };
const WINDOW_DAYS = 85;

/** Days from today (1 … WINDOW_DAYS) whose date is a public holiday. */
function holidayDays(): number[] {
  const days: number[] = [];
  for (let n = 1; n <= WINDOW_DAYS; n++) if (KOREAN_HOLIDAYS.has(seoulDate(n))) days.push(n);
  return days;
}

/** The first run of `length` days from `from` on with no public holiday among them. */
function plainDays(from: number, length: number): number {
  for (let n = from; n + length <= WINDOW_DAYS; n++) {
    if (Array.from({ length }, (_, i) => seoulDate(n + i)).every((d) => !KOREAN_HOLIDAYS.has(d))) return n;
  }
  throw new Error('no plain days in the window');
}

const holiday = holidayDays()[0];

describe.each(engines)('business hours, holidays and 임시휴무 on %s (OPS-1)', (engine) => {
  let t: TestApp;
  let clinic: Session;
  let placeId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    clinic = await t.signup({ businessName: '바른의원' });
    placeId = (await t.call(clinic, 'POST', '/api/places', { name: '바른의원 본점' })).body.id;
  });
  afterAll(async () => t?.close());

  const db = () => t.database.db;
  const slotAt = (days: number, time: string) => seoulInstant(seoulDate(days), time).toISOString();
  const book = (productId: string, startsAt: string, who = customer) => t.call(null, 'POST', '/api/public/bookings', { productId, lines: [{ startsAt, quantity: 1 }], customer: who, consents });
  const availability = (productId: string, days: number) => t.call(null, 'GET', `/api/public/products/${productId}/availability?from=${seoulDate(days)}&to=${seoulDate(days)}`);
  const newProduct = async (place = placeId) => (await insertTimeSlotProduct(db(), clinic.businessId, place, { capacity: 3, toDays: WINDOW_DAYS })).id;
  const newPlace = async (name: string) => (await t.call(clinic, 'POST', '/api/places', { name })).body.id as string;
  const statusOf = async (bookingNumber: string) => (await db().selectFrom('bookings').select('status').where('booking_number', '=', bookingNumber).executeTakeFirstOrThrow()).status;

  it('gives a clinic\'s place 공휴일 휴무 by default, with why, and lists the coming holidays as closed', async () => {
    const opening = await t.call(clinic, 'GET', `/api/places/${placeId}/opening`);
    expect(opening.status).toBe(200);
    expect(opening.body).toMatchObject({ weeklyHours: null, holidaysClosed: true, holidaysClosedSetting: null, holidaysClosedDefault: true, serviceType: 'clinic', serviceTypeLabel: '병의원형' });
    expect(opening.body.holidayDefaultReason).toContain('병의원');
    expect(opening.body.holidayYears.first).toBeLessThanOrEqual(2018);

    const holidays = await t.call(clinic, 'GET', `/api/places/${placeId}/holidays?from=2026-12-01&to=2027-01-31`);
    expect(holidays.status).toBe(200);
    expect(holidays.body.items.map((h: { date: string; names: string[]; closed: boolean }) => [h.date, h.names, h.closed])).toEqual([
      ['2026-12-25', ['기독탄신일'], true],
      ['2027-01-01', ['1월 1일'], true],
    ]);
    const byDefault = await t.call(clinic, 'GET', `/api/places/${placeId}/holidays`);
    expect(byDefault.body.from).toBe(seoulDate(0));
    expectError(await t.call(clinic, 'GET', `/api/places/${placeId}/holidays?from=2027-01-31&to=2026-12-01`), 400, 'VALIDATION_FAILED');
    expectError(await t.call(clinic, 'GET', `/api/places/${placeId}/holidays?from=12/25`), 400, 'VALIDATION_FAILED');
  });

  it.runIf(holiday !== undefined)('refuses a booking on a holiday through the API with BOOKING_DAY_CLOSED; an override ("성탄절 진료") re-opens it; closing it again lists the booking and cancels nothing', async () => {
    const day = holiday!;
    const date = seoulDate(day);
    const names = KOREAN_HOLIDAYS.get(date)!;
    const productId = await newProduct();
    const shown = await availability(productId, day);
    expect(shown.status).toBe(200);
    expect(shown.body.days[0].slots.every((s: { status: string; closedReason: string }) => s.status === 'closed' && s.closedReason === `공휴일 휴무: ${names.join(', ')}`)).toBe(true);
    expect(shown.body.closedDays).toEqual([{ date, kind: 'holiday', reason: `공휴일 휴무: ${names.join(', ')}` }]);

    const startsAt = slotAt(day, '10:00');
    const refused = await book(productId, startsAt);
    expectError(refused, 409, 'BOOKING_DAY_CLOSED');
    expect(refused.body.error.message).toContain(`공휴일 휴무: ${names[0]}`);
    expect(refused.body.error.details).toMatchObject({ date, kind: 'holiday' });
    expectError(await t.call(null, 'POST', '/api/public/holds', { productId, lines: [{ startsAt, quantity: 1 }] }), 409, 'BOOKING_DAY_CLOSED');
    // The checkout (예약 시 결제) checks the same rule before anything is paid.
    await db().updateTable('products').set({ payment_mode: 'prepaid' }).where('id', '=', productId).execute();
    expectError(await t.call(null, 'POST', '/api/public/checkouts', { productId, lines: [{ startsAt, quantity: 1 }], customer, consents }), 409, 'BOOKING_DAY_CLOSED');
    await db().updateTable('products').set({ payment_mode: 'on_site' }).where('id', '=', productId).execute();

    const opened = await t.call(clinic, 'PUT', `/api/places/${placeId}/holidays/${date}`, { closed: false });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ date, names, closed: false, overridden: true, affectedBookings: [] });
    expect((await availability(productId, day)).body.days[0].slots[0]).toMatchObject({ status: 'bookable' });
    const booked = await book(productId, startsAt);
    expect(booked.status).toBe(201);

    const closedAgain = await t.call(clinic, 'PUT', `/api/places/${placeId}/holidays/${date}`, { closed: true });
    expect(closedAgain.body).toMatchObject({ closed: true, overridden: true });
    expect(closedAgain.body.affectedBookings).toMatchObject([
      { bookingNumber: booked.body.bookingNumber, customerName: '김환자', customerPhone: '010-2222-3333', usageStartsAt: startsAt, date, closedKind: 'holiday', status: 'confirmed' },
    ]);
    expect(await statusOf(booked.body.bookingNumber)).toBe('confirmed');
    const listed = await t.call(clinic, 'GET', `/api/places/${placeId}/closed-day-bookings`);
    expect(listed.body.items.map((b: { bookingNumber: string }) => b.bookingNumber)).toContain(booked.body.bookingNumber);

    // Back to the default (a clinic: closed), still listed; then open for good.
    const reset = await t.call(clinic, 'DELETE', `/api/places/${placeId}/holidays/${date}`);
    expect(reset.body).toMatchObject({ closed: true, overridden: false });
    expect(reset.body.affectedBookings).toHaveLength(1);
    await t.call(clinic, 'PUT', `/api/places/${placeId}/holidays/${date}`, { closed: false });
    expect((await t.call(clinic, 'GET', `/api/places/${placeId}/closed-day-bookings`)).body.items).toEqual([]);

    expectError(await t.call(clinic, 'PUT', `/api/places/${placeId}/holidays/${seoulDate(plainDays(1, 1))}`, { closed: true }), 404, 'HOLIDAY_NOT_FOUND');
    expectError(await t.call(clinic, 'PUT', `/api/places/${placeId}/holidays/2026-13-01`, { closed: true }), 400, 'VALIDATION_FAILED');
  });

  it.runIf(holiday !== undefined)('turning 공휴일 휴무 off opens every holiday; sessions of a 날짜/시간형 product follow the same rule', async () => {
    const day = holiday!;
    const place = await newPlace('세션 지점');
    const sessions = await insertDateTimeProduct(db(), clinic.businessId, place, { days: [day, plainDays(2, 1)], quantity: 5 });
    const rows = (await t.call(null, 'GET', `/api/public/products/${sessions.id}/availability?from=${seoulDate(0)}&to=${seoulDate(60)}`)).body.bookingSchedules;
    const onHoliday = rows.filter((r: { usage: { date: string } }) => r.usage.date === seoulDate(day));
    expect(onHoliday.every((r: { status: string; closedReason: string }) => r.status === 'closed' && r.closedReason.startsWith('공휴일 휴무'))).toBe(true);
    const line = { bookingScheduleId: onHoliday[0].id, quantity: 1 };
    expectError(await t.call(null, 'POST', '/api/public/bookings', { productId: sessions.id, lines: [line], customer, consents }), 409, 'BOOKING_DAY_CLOSED');

    const off = await t.call(clinic, 'PUT', `/api/places/${place}/opening`, { holidaysClosed: false });
    expect(off.body).toMatchObject({ holidaysClosed: false, holidaysClosedSetting: false, affectedBookings: [] });
    expect((await t.call(null, 'POST', '/api/public/bookings', { productId: sessions.id, lines: [line], customer, consents })).status).toBe(201);
    const on = await t.call(clinic, 'PUT', `/api/places/${place}/opening`, { holidaysClosed: null });
    expect(on.body).toMatchObject({ holidaysClosed: true, holidaysClosedSetting: null });
    expect(on.body.affectedBookings.map((b: { customerName: string; closedKind: string }) => [b.customerName, b.closedKind])).toEqual([['김환자', 'holiday']]);
  });

  it('a 임시휴무 closes its days with its reason, lists the bookings already on them and cancels none; deleting it re-opens them', async () => {
    const day = plainDays(3, 3);
    const place = await newPlace('학회 지점');
    const productId = await newProduct(place);
    const first = await book(productId, slotAt(day, '10:00'));
    const second = await book(productId, slotAt(day + 1, '15:30'), { name: '이환자', phone: '010-4444-5555' });
    const outside = await book(productId, slotAt(day + 2, '11:00'));
    expect([first.status, second.status, outside.status]).toEqual([201, 201, 201]);

    const added = await t.call(clinic, 'POST', `/api/places/${place}/closures`, { startsOn: seoulDate(day), endsOn: seoulDate(day + 1), reason: '원장님 학회' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ startsOn: seoulDate(day), endsOn: seoulDate(day + 1), reason: '원장님 학회' });
    expect(added.body.affectedBookings.map((b: { bookingNumber: string; customerName: string; reason: string; usageStartsAt: string }) => [b.bookingNumber, b.customerName, b.reason, b.usageStartsAt])).toEqual([
      [first.body.bookingNumber, '김환자', '임시휴무: 원장님 학회', slotAt(day, '10:00')],
      [second.body.bookingNumber, '이환자', '임시휴무: 원장님 학회', slotAt(day + 1, '15:30')],
    ]);
    // Nothing cancelled: the bookings and their calendar schedules stay as they were.
    for (const booking of [first, second, outside]) expect(await statusOf(booking.body.bookingNumber)).toBe('confirmed');
    const schedules = await db().selectFrom('schedules').select('status').where('id', 'in', added.body.affectedBookings.map((b: { scheduleId: string }) => b.scheduleId)).execute();
    expect(schedules.map((s) => s.status)).toEqual(['confirmed', 'confirmed']);

    const shown = await availability(productId, day);
    expect(shown.body.days[0].slots.every((s: { status: string; closedReason: string }) => s.status === 'closed' && s.closedReason === '임시휴무: 원장님 학회')).toBe(true);
    expect(shown.body.closedDays).toEqual([{ date: seoulDate(day), kind: 'closure', reason: '임시휴무: 원장님 학회' }]);
    const refused = await book(productId, slotAt(day, '14:00'));
    expectError(refused, 409, 'BOOKING_DAY_CLOSED');
    expect(refused.body.error.message).toContain('임시휴무: 원장님 학회');
    expect((await book(productId, slotAt(day + 2, '14:00'))).status).toBe(201);

    const list = await t.call(clinic, 'GET', `/api/places/${place}/closures`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].affectedBookings).toHaveLength(2);
    const pending = await t.call(clinic, 'GET', `/api/places/${place}/closed-day-bookings`);
    expect(pending.body.items.map((b: { bookingNumber: string }) => b.bookingNumber)).toEqual([first.body.bookingNumber, second.body.bookingNumber]);
    // Once the shop cancels one, it is no longer listed.
    const cancel = await t.call(clinic, 'POST', `/api/bookings/${(await db().selectFrom('bookings').select('id').where('booking_number', '=', first.body.bookingNumber).executeTakeFirstOrThrow()).id}/cancel`, { reason: '임시휴무' });
    expect(cancel.status).toBe(200);
    expect((await t.call(clinic, 'GET', `/api/places/${place}/closed-day-bookings`)).body.items.map((b: { bookingNumber: string }) => b.bookingNumber)).toEqual([second.body.bookingNumber]);

    expectError(await t.call(clinic, 'POST', `/api/places/${place}/closures`, { startsOn: seoulDate(day + 1), endsOn: seoulDate(day + 3), reason: '연장' }), 409, 'PLACE_CLOSURES_OVERLAP');
    expectError(await t.call(clinic, 'POST', `/api/places/${place}/closures`, { startsOn: seoulDate(day + 9), endsOn: seoulDate(day + 8), reason: '거꾸로' }), 400, 'PLACE_CLOSURE_DATES_INVALID');
    const badFormat = await t.call(clinic, 'POST', `/api/places/${place}/closures`, { startsOn: '2026/12/24', endsOn: seoulDate(day + 8), reason: '형식' });
    expectError(badFormat, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(badFormat.body)).toContain('YYYY-MM-DD');
    expectError(await t.call(clinic, 'POST', `/api/places/${place}/closures`, { startsOn: seoulDate(day + 9), endsOn: seoulDate(day + 9), reason: '  ' }), 400, 'VALIDATION_FAILED');

    expect((await t.call(clinic, 'DELETE', `/api/places/${place}/closures/${added.body.id}`)).status).toBe(204);
    expectError(await t.call(clinic, 'DELETE', `/api/places/${place}/closures/${added.body.id}`), 404, 'PLACE_CLOSURE_NOT_FOUND');
    expect((await book(productId, slotAt(day, '14:00'))).status).toBe(201);
  });

  it('a booking racing a 임시휴무 of its day is either refused or listed among the closure\'s bookings, never neither', async () => {
    // On PostgreSQL the two requests run on their own connections at once; the closure takes the
    // products' edit locks before it lists, a booking holds its product's lock while it checks.
    const place = await newPlace('경쟁 지점');
    const productId = await newProduct(place);
    let refused = 0;
    let listed = 0;
    for (let round = 0; round < 6; round++) {
      const day = plainDays(20 + round * 2, 1);
      const [booked, closed] = await Promise.all([
        book(productId, slotAt(day, '10:00'), { name: `경쟁${round}`, phone: `010-3100-${String(1000 + round)}` }),
        t.call(clinic, 'POST', `/api/places/${place}/closures`, { startsOn: seoulDate(day), endsOn: seoulDate(day), reason: `경쟁 ${round}` }),
      ]);
      expect(closed.status).toBe(201);
      const numbers = closed.body.affectedBookings.map((x: { bookingNumber: string }) => x.bookingNumber);
      if (booked.status === 201) {
        expect(numbers).toEqual([booked.body.bookingNumber]);
        listed++;
      } else {
        expectError(booked, 409, 'BOOKING_DAY_CLOSED');
        expect(numbers).toEqual([]);
        refused++;
      }
      // Either way the day now answers closed, and the closures list says the same as the add did.
      expectError(await book(productId, slotAt(day, '11:00')), 409, 'BOOKING_DAY_CLOSED');
      const stored = (await t.call(clinic, 'GET', `/api/places/${place}/closures`)).body.items.find((c: { id: string }) => c.id === closed.body.id);
      expect(stored.affectedBookings.map((x: { bookingNumber: string }) => x.bookingNumber)).toEqual(numbers);
    }
    expect(refused + listed).toBe(6);
  });

  it('the place\'s hours limit every product: a slot outside them is closed (영업시간 외) and refused; existing bookings outside are listed', async () => {
    const day = plainDays(4, 1);
    const place = await newPlace('단축 영업 지점');
    const productId = await newProduct(place);
    const late = await book(productId, slotAt(day, '15:00'));
    expect(late.status).toBe(201);
    const morning = [{ openMinute: 600, closeMinute: 720 }];
    const weeklyHours = { 1: morning, 2: morning, 3: morning, 4: morning, 5: morning, 6: morning, 7: morning };
    const set = await t.call(clinic, 'PUT', `/api/places/${place}/opening`, { weeklyHours });
    expect(set.status).toBe(200);
    expect(set.body.weeklyHours).toEqual(weeklyHours);
    expect(set.body.affectedBookings.map((b: { bookingNumber: string; reason: string }) => [b.bookingNumber, b.reason])).toEqual([[late.body.bookingNumber, '영업시간 외']]);
    expect(await statusOf(late.body.bookingNumber)).toBe('confirmed');

    // The booking page is offered only the slots inside the hours; the partner center sees the others closed.
    const publicSlots = (await availability(productId, day)).body.days[0].slots;
    expect(publicSlots.map((s: { localTime: string; status: string }) => `${s.localTime} ${s.status}`)).toEqual(['10:00 bookable', '10:30 bookable', '11:00 bookable', '11:30 bookable']);
    const partner = await t.call(clinic, 'GET', `/api/products/${productId}/availability?from=${seoulDate(day)}&to=${seoulDate(day)}`);
    const state = (time: string) => partner.body.days[0].slots.find((s: { localTime: string }) => s.localTime === time);
    expect(state('09:30')).toMatchObject({ status: 'closed', closedReason: '영업시간 외' });
    expect(state('10:00')).toMatchObject({ status: 'bookable' });
    expect(state('12:00').status).toBe('closed');
    expect(state('15:00')).toMatchObject({ status: 'closed', taken: 1 });
    const refused = await book(productId, slotAt(day, '09:00'));
    expectError(refused, 409, 'BOOKING_DAY_CLOSED');
    expect(refused.body.error.message).toContain('09:00 영업시간 외');
    expect((await book(productId, slotAt(day, '10:30'))).status).toBe(201);

    expectError(await t.call(clinic, 'PUT', `/api/places/${place}/opening`, { weeklyHours: { ...weeklyHours, 1: [{ openMinute: 720, closeMinute: 600 }] } }), 400, 'OPENING_HOURS_INVALID');
    const cleared = await t.call(clinic, 'PUT', `/api/places/${place}/opening`, { weeklyHours: null });
    expect(cleared.body).toMatchObject({ weeklyHours: null, affectedBookings: [] });
    expect((await book(productId, slotAt(day, '09:00'))).status).toBe(201);
  });

  it.runIf(holiday !== undefined)('a café opens on holidays by default and closes one with an override ("설날 휴무")', async () => {
    const cafe = await t.signup({ businessName: '동네카페', serviceType: 'restaurant' });
    const place = (await t.call(cafe, 'POST', '/api/places', { name: '동네카페 1호점' })).body.id;
    const opening = await t.call(cafe, 'GET', `/api/places/${place}/opening`);
    expect(opening.body).toMatchObject({ holidaysClosed: false, holidaysClosedDefault: false, serviceType: 'restaurant' });
    const productId = (await insertTimeSlotProduct(db(), cafe.businessId, place, { toDays: WINDOW_DAYS })).id;
    expect((await availability(productId, holiday!)).body.days[0].slots[0].status).toBe('bookable');
    const closed = await t.call(cafe, 'PUT', `/api/places/${place}/holidays/${seoulDate(holiday!)}`, { closed: true });
    expect(closed.body).toMatchObject({ closed: true, overridden: true });
    expect((await availability(productId, holiday!)).body.days[0].slots[0].status).toBe('closed');
  });

  it('lets readers read and only settings.manage change; another business\'s place is not found', async () => {
    const reader = await addMember(t, clinic, ['bookings.manage']);
    expect((await t.call(reader.session, 'GET', `/api/places/${placeId}/opening`)).status).toBe(200);
    expect((await t.call(reader.session, 'GET', `/api/places/${placeId}/closures`)).status).toBe(200);
    expectError(await t.call(reader.session, 'PUT', `/api/places/${placeId}/opening`, { holidaysClosed: false }), 403, 'FORBIDDEN');
    expectError(await t.call(reader.session, 'POST', `/api/places/${placeId}/closures`, { startsOn: seoulDate(5), endsOn: seoulDate(5), reason: '몰래' }), 403, 'FORBIDDEN');
    expectError(await t.call(null, 'GET', `/api/places/${placeId}/opening`), 401, 'UNAUTHENTICATED');
    const other = await t.signup({ businessName: '남의의원' });
    expectError(await t.call(other, 'GET', `/api/places/${placeId}/opening`), 404, 'PLACE_NOT_FOUND');
    expectError(await t.call(other, 'POST', `/api/places/${placeId}/closures`, { startsOn: seoulDate(5), endsOn: seoulDate(5), reason: '남의 것' }), 404, 'PLACE_NOT_FOUND');
    expectError(await t.call(clinic, 'GET', `/api/places/${MISSING_ID}/closed-day-bookings`), 404, 'PLACE_NOT_FOUND');
  });
});
