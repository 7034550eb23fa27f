import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { addMember, expectError, MISSING_ID } from '../../../test/helpers.ts';
import { poolKeys } from '../inventory/domain/pools.ts';

const SEOUL = 'Asia/Seoul';
/** A local wall-clock instant in Seoul, as the API takes it. */
const seoul = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: SEOUL }).toUTC().toISO()!;
const today = DateTime.now().setZone(SEOUL).startOf('day');
const day = (n: number) => today.plus({ days: n }).toISODate()!;
const allWeek = (open: number, close: number) => Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), [{ openMinute: open, closeMinute: close }]]));

let counter = 0;

/**
 * A booking written straight to the tables the booking code owns: the
 * booking, its line and its capacity claims, as a real booking leaves them.
 */
async function insertBooking(
  t: TestApp,
  values: { businessId: string; placeId: string; productId: string; bookingScheduleId?: string; slotStartsAt?: string; claims: { pool: string; quantity: number; usageDay?: string }[] },
) {
  counter += 1;
  const { db } = t.database;
  const customer = await db
    .insertInto('customers')
    .values({ business_id: values.businessId, name: `예약자${counter}`, phone: `0109876${String(1000 + counter).slice(-4)}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const starts = new Date(values.slotStartsAt ?? Date.now() + 86_400_000);
  const booking = await db
    .insertInto('bookings')
    .values({
      business_id: values.businessId,
      booking_number: `T${Date.now()}${counter}`,
      place_id: values.placeId,
      product_id: values.productId,
      customer_id: customer.id,
      customer_name: `예약자${counter}`,
      customer_phone: '01098760000',
      status: 'confirmed',
      usage_starts_at: starts,
      usage_ends_at: new Date(starts.getTime() + 30 * 60_000),
      usage_label: '테스트',
      total_amount: 0,
      total_quantity: values.claims[0]?.quantity ?? 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('booking_lines')
    .values({
      business_id: values.businessId,
      booking_id: booking.id,
      detail_number: `T${Date.now()}${counter}-1`,
      line_no: 1,
      slot_starts_at: values.bookingScheduleId ? null : starts,
      booking_schedule_id: values.bookingScheduleId ?? null,
      price_name: '기본',
      unit_amount: 0,
      quantity: values.claims[0]?.quantity ?? 1,
    })
    .execute();
  for (const claim of values.claims) {
    await db
      .insertInto('capacity_claims')
      .values({ business_id: values.businessId, product_id: values.productId, pool_key: claim.pool, usage_day: claim.usageDay ?? null, quantity: claim.quantity, booking_id: booking.id })
      .execute();
  }
  return booking.id;
}

describe.each(engines)('products on %s (BOOK-2..6)', (engine) => {
  let t: TestApp;
  let clinic: Session;
  let shop: Session;
  let clinicPlace: { id: string };
  let shopPlace: { id: string };
  beforeAll(async () => {
    t = await createTestApp(engine);
    clinic = await t.signup({ serviceType: 'clinic', businessName: '바른의원' });
    shop = await t.signup({ serviceType: 'retail', businessName: '꽃집' });
    clinicPlace = (await t.call(clinic, 'POST', '/api/places', { name: '본점', phone: '02-555-1234', bookingNotes: '10분 전 도착' })).body;
    shopPlace = (await t.call(shop, 'POST', '/api/places', { name: '꽃집 본점' })).body;
  });
  afterAll(async () => t?.close());

  const post = (s: Session, url: string, body: unknown) => t.call(s, 'POST', url, body);

  async function timeSlotProduct(overrides: Record<string, unknown> = {}) {
    const res = await post(clinic, '/api/products', { placeId: clinicPlace.id, name: '초진 상담', bookingType: 'time_slot', confirmationMode: 'instant', slotMinutes: 30, capacityPerSlot: 2, horizonMonths: 3, ...overrides });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function scheduledProduct(session: Session, placeId: string, overrides: Record<string, unknown> = {}) {
    const res = await post(session, '/api/products', { placeId, name: '원데이 클래스', bookingType: 'date_time', confirmationMode: 'approval', ...overrides });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('offers the booking types of the business category and refuses the others', async () => {
    const options = await t.call(clinic, 'GET', '/api/catalog/options');
    expect(options.status).toBe(200);
    expect(options.body.serviceType).toBe('clinic');
    expect(options.body.bookingTypes).toEqual([
      { value: 'time_slot', label: '시간예약형', allowed: true },
      { value: 'date_time', label: '날짜/시간형', allowed: true },
      { value: 'date', label: '날짜형', allowed: false },
      { value: 'always', label: '상시형', allowed: false },
    ]);
    expect(options.body.inventoryModesByBookingType.always.map((m: { value: string }) => m.value)).toEqual(['per_price', 'per_period']);
    expect(options.body.priceMaxModes).toEqual(['per_date_time', 'per_date', 'per_period']);
    expect(options.body.limits).toEqual({ slotMinutesMin: 10, slotMinutesMax: 240, slotMinutesStep: 5, slotCapacityMax: 50, horizonMonthsMax: 6 });

    const refused = await post(clinic, '/api/products', { placeId: clinicPlace.id, name: '이용권', bookingType: 'always', confirmationMode: 'instant' });
    expectError(refused, 409, 'BOOKING_TYPE_NOT_ALLOWED');
    expect(refused.body.error.message).toContain('병의원형');
    expectError(await post(clinic, '/api/products', { placeId: clinicPlace.id, name: '하루', bookingType: 'date', confirmationMode: 'instant' }), 409, 'BOOKING_TYPE_NOT_ALLOWED');
    for (const bookingType of ['time_slot', 'date_time', 'date', 'always']) {
      expect((await post(shop, '/api/products', { placeId: shopPlace.id, name: bookingType, bookingType, confirmationMode: 'instant' })).status).toBe(201);
    }
  });

  it('creates each type with its defaults and keeps the booking type fixed', async () => {
    const slot = await timeSlotProduct({ priceAmount: 30000, cancellationPolicy: [{ hoursBefore: 2, refundPercent: 50 }, { hoursBefore: 24, refundPercent: 100 }] });
    expect(slot).toMatchObject({
      bookingType: 'time_slot',
      bookingTypeLabel: '시간예약형',
      slotMinutes: 30,
      capacityPerSlot: 2,
      horizonMonths: 3,
      inventoryMode: null,
      paymentMode: 'on_site',
      priceAmount: 30000,
      maxQuantityPerBooking: 10,
      version: 1,
      publicUrl: `/book/products/${slot.id}`,
      cancellationPolicy: [{ hoursBefore: 24, refundPercent: 100 }, { hoursBefore: 2, refundPercent: 50 }],
    });
    const session = await scheduledProduct(clinic, clinicPlace.id);
    expect(session).toMatchObject({ bookingType: 'date_time', inventoryMode: 'per_booking_schedule', durationMinutes: 60, slotMinutes: null, schedules: [], prices: [] });
    const pass = (await post(shop, '/api/products', { placeId: shopPlace.id, name: '정기권', bookingType: 'always', confirmationMode: 'instant' })).body;
    expect(pass).toMatchObject({ inventoryMode: 'per_price', durationMinutes: null });

    expectError(await t.call(clinic, 'PATCH', `/api/products/${slot.id}`, { bookingType: 'date_time' }), 409, 'PRODUCT_BOOKING_TYPE_FIXED');
    const same = await t.call(clinic, 'PATCH', `/api/products/${slot.id}`, { bookingType: 'time_slot', name: '초진 피부 상담', confirmationMode: 'approval' });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ name: '초진 피부 상담', confirmationMode: 'approval', version: 2 });
    expectError(await t.call(clinic, 'PATCH', `/api/products/${slot.id}`, { name: '옛 화면', version: 1 }), 409, 'PRODUCT_VERSION_CONFLICT');
  });

  it('refuses settings outside the rules with clear codes', async () => {
    const base = { placeId: clinicPlace.id, name: 'x', confirmationMode: 'instant' };
    expectError(await post(clinic, '/api/products', { ...base, bookingType: 'time_slot', capacityPerSlot: 51 }), 400, 'SLOT_CAPACITY_INVALID');
    expectError(await post(clinic, '/api/products', { ...base, bookingType: 'time_slot', slotMinutes: 7 }), 400, 'SLOT_LENGTH_INVALID');
    expectError(await post(clinic, '/api/products', { ...base, bookingType: 'time_slot', horizonMonths: 7 }), 400, 'SLOT_HORIZON_INVALID');
    expectError(await post(clinic, '/api/products', { ...base, bookingType: 'time_slot', inventoryMode: 'per_date' }), 400, 'PRODUCT_SETTING_NOT_FOR_TYPE');
    expectError(await post(clinic, '/api/products', { ...base, bookingType: 'date_time', slotMinutes: 30 }), 400, 'PRODUCT_SETTING_NOT_FOR_TYPE');
    expectError(await post(clinic, '/api/products', { ...base, bookingType: 'date_time', inventoryMode: 'per_price' }), 409, 'INVENTORY_MODE_NOT_ALLOWED');
    expectError(await post(clinic, '/api/products', { ...base, bookingType: 'date_time', inventoryMode: 'per_period' }), 400, 'INVENTORY_QUANTITY_MISSING');
    expectError(await post(clinic, '/api/products', { ...base, bookingType: 'time_slot', cancellationPolicy: [{ hoursBefore: 24, refundPercent: 100 }, { hoursBefore: 24, refundPercent: 50 }] }), 400, 'CANCELLATION_POLICY_INVALID');
    expectError(await post(clinic, '/api/products', { ...base, bookingType: 'time_slot', cancellationPolicy: [{ hoursBefore: -1, refundPercent: 100 }] }), 400, 'CANCELLATION_POLICY_INVALID');
    expectError(await post(clinic, '/api/products', { ...base, bookingType: 'time_slot', cancellationPolicy: [{ hoursBefore: 3, refundPercent: 101 }] }), 400, 'CANCELLATION_POLICY_INVALID');
    expectError(await post(clinic, '/api/products', { ...base, bookingType: 'time_slot', staffId: MISSING_ID }), 404, 'STAFF_NOT_FOUND');
    expectError(await post(clinic, '/api/products', { ...base, bookingType: 'time_slot', placeId: MISSING_ID }), 404, 'PLACE_NOT_FOUND');
    expectError(await post(clinic, '/api/products', { ...base, bookingType: 'time_slot', maxQuantityPerBooking: 0 }), 400, 'VALIDATION_FAILED');
    // The staff who receives the calendar schedules belongs to the business.
    const withStaff = await post(clinic, '/api/products', { ...base, bookingType: 'time_slot', staffId: clinic.staffId });
    expect(withStaff.body.staffId).toBe(clinic.staffId);
  });

  it('시간예약형: operating periods without overlap, weekly hours cut into slots, single slots hidden', async () => {
    const product = await timeSlotProduct();
    const first = await post(clinic, `/api/products/${product.id}/operating-periods`, {
      startsOn: day(0),
      endsOn: day(30),
      weeklyHours: { 1: [{ openMinute: 600, closeMinute: 1080 }], 6: [{ openMinute: 600, closeMinute: 840 }] },
      bookingOpensAt: null,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ startsOn: day(0), endsOn: day(30), bookingOpensAt: null });
    expect(first.body.weeklyHours['1']).toEqual([{ openMinute: 600, closeMinute: 1080 }]);
    expect(first.body.weeklyHours['2']).toEqual([]);

    const overlap = await post(clinic, `/api/products/${product.id}/operating-periods`, { startsOn: day(30), endsOn: day(40), weeklyHours: allWeek(600, 720) });
    expectError(overlap, 409, 'OPERATING_PERIODS_OVERLAP');
    expectError(await post(clinic, `/api/products/${product.id}/operating-periods`, { startsOn: day(40), endsOn: day(35), weeklyHours: allWeek(600, 720) }), 400, 'OPERATING_PERIOD_INVALID');
    expectError(await post(clinic, `/api/products/${product.id}/operating-periods`, { startsOn: day(31), endsOn: day(35), weeklyHours: allWeek(600, 610) }), 400, 'SLOT_LENGTH_DOES_NOT_DIVIDE_HOURS');
    // Changing the slot length must still divide the hours.
    expectError(await t.call(clinic, 'PATCH', `/api/products/${product.id}`, { slotMinutes: 45 }), 400, 'SLOT_LENGTH_DOES_NOT_DIVIDE_HOURS');

    const monday = today.plus({ days: 7 - today.weekday + 1 }).toISODate()!;
    const hide = await t.call(clinic, 'PUT', `/api/products/${product.id}/hidden-slots`, { startsAt: seoul(monday, '10:30'), hidden: true });
    expect(hide.status).toBe(200);
    expect(hide.body).toEqual({ startsAt: new Date(seoul(monday, '10:30')).toISOString(), hidden: true });
    expect((await t.call(clinic, 'GET', `/api/products/${product.id}`)).body.hiddenSlots).toEqual([new Date(seoul(monday, '10:30')).toISOString()]);
    expectError(await t.call(clinic, 'PUT', `/api/products/${product.id}/hidden-slots`, { startsAt: seoul(monday, '10:15'), hidden: true }), 400, 'HIDDEN_SLOT_NOT_A_SLOT');
    expectError(await t.call(clinic, 'PUT', `/api/products/${product.id}/hidden-slots`, { startsAt: seoul(monday, '19:00'), hidden: true }), 400, 'HIDDEN_SLOT_NOT_A_SLOT');
    await t.call(clinic, 'PUT', `/api/products/${product.id}/hidden-slots`, { startsAt: seoul(monday, '10:30'), hidden: false });
    expect((await t.call(clinic, 'GET', `/api/products/${product.id}`)).body.hiddenSlots).toEqual([]);

    // Schedules belong to the other types.
    expectError(await post(clinic, `/api/products/${product.id}/schedules`, { usage: { kind: 'date_time', date: day(3), startTime: '14:00' }, bookingOpensAt: seoul(day(0), '00:00'), bookingClosesAt: seoul(day(3), '12:00') }), 400, 'PRODUCT_SETTING_NOT_FOR_TYPE');
  });

  it('refuses a booking schedule whose schedule and price share less than a day, all or nothing', async () => {
    const product = await scheduledProduct(clinic, clinicPlace.id);
    const url = `/api/products/${product.id}`;
    const priceStart = day(10);
    const price = (await post(clinic, `${url}/prices`, { name: '1인', amount: 50000, bookableFrom: priceStart, bookableTo: day(20) })).body;
    // Open until 00:01 of the price's first day: one bookable minute on that day = 1 day.
    const oneDay = (await post(clinic, `${url}/schedules`, { usage: { kind: 'date_time', date: day(12), startTime: '14:00' }, bookingOpensAt: seoul(day(1), '00:00'), bookingClosesAt: seoul(priceStart, '00:01') })).body;
    // Closes exactly at 00:00 of that day: touches it at an instant only.
    const touching = (await post(clinic, `${url}/schedules`, { usage: { kind: 'date_time', date: day(12), startTime: '16:00' }, bookingOpensAt: seoul(day(1), '00:00'), bookingClosesAt: seoul(priceStart, '00:00') })).body;

    const refused = await post(clinic, `${url}/booking-schedules`, { scheduleIds: [oneDay.id, touching.id], priceIds: [price.id], quantity: 5 });
    expectError(refused, 409, 'BOOKING_SCHEDULE_NO_OVERLAP');
    expect(refused.body.error.message).toContain('최소 1일');
    expect(refused.body.error.message).toContain("'1인'");
    expect(refused.body.error.details).toMatchObject({ scheduleId: touching.id, priceId: price.id, pairs: [{ scheduleId: touching.id, priceId: price.id }] });
    expect((await t.call(clinic, 'GET', url)).body.bookingSchedules).toEqual([]);

    const created = await post(clinic, `${url}/booking-schedules`, { scheduleIds: [oneDay.id], priceIds: [price.id], quantity: 5 });
    expect(created.status).toBe(201);
    expect(created.body.items).toEqual([{ id: expect.any(String), scheduleId: oneDay.id, priceId: price.id, quantity: 5, taken: 0 }]);
    expectError(await post(clinic, `${url}/booking-schedules`, { scheduleIds: [oneDay.id], priceIds: [price.id], quantity: 5 }), 409, 'BOOKING_SCHEDULE_DUPLICATE');
    expectError(await post(clinic, `${url}/booking-schedules`, { scheduleIds: [MISSING_ID], priceIds: [price.id], quantity: 5 }), 400, 'BOOKING_SCHEDULE_REFERENCE_INVALID');
    // 예약 스케줄별 관리 needs a quantity.
    const other = (await post(clinic, `${url}/schedules`, { usage: { kind: 'date_time', date: day(13), startTime: '14:00' }, bookingOpensAt: seoul(day(1), '00:00'), bookingClosesAt: seoul(day(13), '12:00') })).body;
    expectError(await post(clinic, `${url}/booking-schedules`, { scheduleIds: [other.id], priceIds: [price.id] }), 400, 'INVENTORY_QUANTITY_MISSING');

    // Moving the price's period away afterwards breaks the pair: refused too.
    expectError(await t.call(clinic, 'PATCH', `${url}/prices/${price.id}`, { bookableFrom: day(15) }), 409, 'BOOKING_SCHEDULE_NO_OVERLAP');
    expectError(await post(clinic, `${url}/schedules`, { usage: { kind: 'date', date: day(13) }, bookingOpensAt: seoul(day(1), '00:00'), bookingClosesAt: seoul(day(13), '12:00') }), 400, 'PRODUCT_SCHEDULE_USAGE_INVALID');
    expectError(await post(clinic, `${url}/schedules`, { usage: { kind: 'date_time', date: day(13), startTime: '14:00' }, bookingOpensAt: seoul(day(5), '00:00'), bookingClosesAt: seoul(day(4), '12:00') }), 400, 'PRODUCT_SCHEDULE_WINDOW_INVALID');
  });

  it('상시형 keeps exactly one schedule; a booked one cannot be deleted', async () => {
    const pass = (await post(shop, '/api/products', { placeId: shopPlace.id, name: '3개월 이용권', bookingType: 'always', confirmationMode: 'instant' })).body;
    const url = `/api/products/${pass.id}`;
    const period = { usage: { kind: 'period', from: day(1), to: day(90) }, bookingOpensAt: seoul(day(0), '00:00'), bookingClosesAt: seoul(day(60), '00:00') };
    const first = await post(shop, `${url}/schedules`, period);
    expect(first.status).toBe(201);
    expect(first.body.usage).toEqual({ kind: 'period', from: day(1), to: day(90) });
    const second = await post(shop, `${url}/schedules`, period);
    expectError(second, 409, 'ALWAYS_REQUIRES_ONE_SCHEDULE');
    expect(second.body.error.message).toContain('하나만');

    const price = (await post(shop, `${url}/prices`, { name: '성인', amount: 100000, bookableFrom: day(0), bookableTo: day(60) })).body;
    const bs = (await post(shop, `${url}/booking-schedules`, { scheduleIds: [first.body.id], priceIds: [price.id], quantity: 30 })).body.items[0];
    await insertBooking(t, { businessId: shop.businessId, placeId: shopPlace.id, productId: pass.id, bookingScheduleId: bs.id, claims: [{ pool: poolKeys.bookingSchedule(pass.id, bs.id), quantity: 2 }] });

    expectError(await t.call(shop, 'DELETE', `${url}/schedules/${first.body.id}`), 409, 'PRODUCT_EDIT_IN_USE');
    expectError(await t.call(shop, 'DELETE', `${url}/prices/${price.id}`), 409, 'PRODUCT_EDIT_IN_USE');
    expectError(await t.call(shop, 'DELETE', `${url}/booking-schedules/${bs.id}`), 409, 'PRODUCT_EDIT_IN_USE');
    expectError(await t.call(shop, 'PATCH', `${url}/schedules/${first.body.id}`, { usage: { kind: 'period', from: day(2), to: day(90) } }), 409, 'PRODUCT_EDIT_IN_USE');
    expectError(await t.call(shop, 'DELETE', url), 409, 'PRODUCT_HAS_BOOKINGS');
    // 가격별 관리 has no 최대 예약 수량.
    expectError(await t.call(shop, 'PATCH', `${url}/prices/${price.id}`, { maxQuantity: 10 }), 409, 'PRICE_MAX_QUANTITY_NOT_ALLOWED');

    // Without bookings the one schedule can go (and be made again).
    const empty = (await post(shop, '/api/products', { placeId: shopPlace.id, name: '빈 이용권', bookingType: 'always', confirmationMode: 'instant' })).body;
    const only = (await post(shop, `/api/products/${empty.id}/schedules`, period)).body;
    expect((await t.call(shop, 'DELETE', `/api/products/${empty.id}/schedules/${only.id}`)).status).toBe(204);
  });

  it('allows a price maximum only in 날짜/시간별, 날짜별 and 기간 내 수량 관리', async () => {
    const perSchedule = await scheduledProduct(clinic, clinicPlace.id);
    const body = { name: '2인', amount: 90000, bookableFrom: day(0), bookableTo: day(30), maxQuantity: 8 };
    const refused = await post(clinic, `/api/products/${perSchedule.id}/prices`, body);
    expectError(refused, 409, 'PRICE_MAX_QUANTITY_NOT_ALLOWED');
    expect((await t.call(clinic, 'GET', `/api/products/${perSchedule.id}`)).body.prices).toEqual([]);

    for (const inventoryMode of ['per_date_time', 'per_date']) {
      const product = await scheduledProduct(clinic, clinicPlace.id, { inventoryMode });
      const price = await post(clinic, `/api/products/${product.id}/prices`, body);
      expect(price.status).toBe(201);
      expect(price.body).toMatchObject({ maxQuantity: 8, taken: 0 });
    }
    const period = await scheduledProduct(clinic, clinicPlace.id, { inventoryMode: 'per_period', periodQuantity: 40 });
    expect(period.periodQuantity).toBe(40);
    expect((await post(clinic, `/api/products/${period.id}/prices`, body)).status).toBe(201);
    expectError(await post(clinic, `/api/products/${period.id}/prices`, { ...body, maxQuantity: 0 }), 400, 'PRICE_MAX_QUANTITY_INVALID');
    // Switching to a mode without maximums while one is set is refused; the product stays as it was.
    expectError(await t.call(clinic, 'PATCH', `/api/products/${period.id}`, { inventoryMode: 'per_booking_schedule' }), 409, 'PRICE_MAX_QUANTITY_NOT_ALLOWED');
    expect((await t.call(clinic, 'GET', `/api/products/${period.id}`)).body).toMatchObject({ inventoryMode: 'per_period', periodQuantity: 40 });
  });

  it('never lowers a quantity below what is booked (INVENTORY_BELOW_TAKEN)', async () => {
    // 시간예약형: capacity per slot.
    const slot = await timeSlotProduct({ capacityPerSlot: 4 });
    await post(clinic, `/api/products/${slot.id}/operating-periods`, { startsOn: day(0), endsOn: day(30), weeklyHours: allWeek(600, 720) });
    const slotStart = seoul(day(3), '10:30');
    const slotMinute = new Date(slotStart).getTime() / 60_000;
    await insertBooking(t, { businessId: clinic.businessId, placeId: clinicPlace.id, productId: slot.id, slotStartsAt: slotStart, claims: [{ pool: poolKeys.slot(slot.id, slotMinute), quantity: 3, usageDay: day(3) }] });
    const lowered = await t.call(clinic, 'PATCH', `/api/products/${slot.id}`, { capacityPerSlot: 2 });
    expectError(lowered, 409, 'INVENTORY_BELOW_TAKEN');
    expect(lowered.body.error.message).toContain('3명');
    expect((await t.call(clinic, 'PATCH', `/api/products/${slot.id}`, { capacityPerSlot: 3 })).body.capacityPerSlot).toBe(3);
    // The booked slot must stay a slot: no deleting or shrinking its period.
    const periodId = (await t.call(clinic, 'GET', `/api/products/${slot.id}`)).body.operatingPeriods[0].id;
    expectError(await t.call(clinic, 'DELETE', `/api/products/${slot.id}/operating-periods/${periodId}`), 409, 'PRODUCT_EDIT_IN_USE');
    expectError(await t.call(clinic, 'PATCH', `/api/products/${slot.id}/operating-periods/${periodId}`, { weeklyHours: allWeek(840, 960) }), 409, 'PRODUCT_EDIT_IN_USE');
    expect((await t.call(clinic, 'PATCH', `/api/products/${slot.id}/operating-periods/${periodId}`, { endsOn: day(20) })).status).toBe(200);

    // 예약 스케줄별: the booking schedule's quantity.
    const session = await scheduledProduct(clinic, clinicPlace.id);
    const url = `/api/products/${session.id}`;
    const price = (await post(clinic, `${url}/prices`, { name: '1인', amount: 50000, bookableFrom: day(0), bookableTo: day(30) })).body;
    const schedule = (await post(clinic, `${url}/schedules`, { usage: { kind: 'date_time', date: day(6), startTime: '14:00' }, bookingOpensAt: seoul(day(0), '00:00'), bookingClosesAt: seoul(day(6), '12:00') })).body;
    const bs = (await post(clinic, `${url}/booking-schedules`, { scheduleIds: [schedule.id], priceIds: [price.id], quantity: 6 })).body.items[0];
    await insertBooking(t, { businessId: clinic.businessId, placeId: clinicPlace.id, productId: session.id, bookingScheduleId: bs.id, claims: [{ pool: poolKeys.bookingSchedule(session.id, bs.id), quantity: 4 }] });
    expectError(await t.call(clinic, 'PATCH', `${url}/booking-schedules/${bs.id}`, { quantity: 3 }), 409, 'INVENTORY_BELOW_TAKEN');
    const ok = await t.call(clinic, 'PATCH', `${url}/booking-schedules/${bs.id}`, { quantity: 4 });
    expect(ok.body).toMatchObject({ quantity: 4, taken: 4 });
    // A mode change would orphan what is booked.
    expectError(await t.call(clinic, 'PATCH', url, { inventoryMode: 'per_date' }), 409, 'PRODUCT_EDIT_IN_USE');

    // 날짜/시간별 stock and a price maximum.
    const dated = await scheduledProduct(clinic, clinicPlace.id, { inventoryMode: 'per_date_time' });
    const durl = `/api/products/${dated.id}`;
    const dprice = (await post(clinic, `${durl}/prices`, { name: '2인', amount: 90000, bookableFrom: day(0), bookableTo: day(30), maxQuantity: 8 })).body;
    const dschedule = (await post(clinic, `${durl}/schedules`, { usage: { kind: 'date_time', date: day(6), startTime: '14:00' }, bookingOpensAt: seoul(day(0), '00:00'), bookingClosesAt: seoul(day(6), '12:00') })).body;
    const dbs = (await post(clinic, `${durl}/booking-schedules`, { scheduleIds: [dschedule.id], priceIds: [dprice.id], quantity: 6 })).body.items[0];
    expect(dbs.quantity).toBeNull();
    const key = `${day(6)}T14:00`;
    expect((await t.call(clinic, 'GET', durl)).body.stock).toEqual([{ key, quantity: 6, taken: 0 }]);
    await insertBooking(t, {
      businessId: clinic.businessId,
      placeId: clinicPlace.id,
      productId: dated.id,
      bookingScheduleId: dbs.id,
      claims: [
        { pool: poolKeys.dateTime(dated.id, key), quantity: 5, usageDay: day(6) },
        { pool: poolKeys.priceMax(dated.id, dprice.id), quantity: 5 },
      ],
    });
    expectError(await t.call(clinic, 'PUT', `${durl}/stock`, { entries: [{ key, quantity: 4 }] }), 409, 'INVENTORY_BELOW_TAKEN');
    const stock = await t.call(clinic, 'PUT', `${durl}/stock`, { entries: [{ key, quantity: 7 }, { key: `${day(7)}T14:00`, quantity: 2 }] });
    expect(stock.status).toBe(200);
    expect(stock.body.entries).toEqual([{ key, quantity: 7, taken: 5 }, { key: `${day(7)}T14:00`, quantity: 2, taken: 0 }]);
    expectError(await t.call(clinic, 'PUT', `${durl}/stock`, { entries: [{ key: day(7), quantity: 2 }] }), 400, 'PRODUCT_STOCK_KEY_INVALID');
    expectError(await t.call(clinic, 'PUT', `/api/products/${session.id}/stock`, { entries: [{ key, quantity: 2 }] }), 409, 'PRODUCT_STOCK_NOT_IN_MODE');
    expectError(await t.call(clinic, 'PATCH', `${durl}/prices/${dprice.id}`, { maxQuantity: 4 }), 409, 'INVENTORY_BELOW_TAKEN');
    expectError(await t.call(clinic, 'PATCH', `${durl}/booking-schedules/${dbs.id}`, { quantity: 4 }), 400, 'INVENTORY_QUANTITY_NOT_IN_MODE');

    // 기간 내 수량.
    const period = await scheduledProduct(clinic, clinicPlace.id, { inventoryMode: 'per_period', periodQuantity: 10 });
    await insertBooking(t, { businessId: clinic.businessId, placeId: clinicPlace.id, productId: period.id, claims: [{ pool: poolKeys.period(period.id), quantity: 9 }] });
    expectError(await t.call(clinic, 'PATCH', `/api/products/${period.id}`, { periodQuantity: 8 }), 409, 'INVENTORY_BELOW_TAKEN');
    expect((await t.call(clinic, 'PATCH', `/api/products/${period.id}`, { periodQuantity: 9 })).body.periodQuantity).toBe(9);
  });

  it('shows an exposed product publicly with its booking terms and when booking opens', async () => {
    const slot = await timeSlotProduct({ priceAmount: 30000, paymentMode: 'on_site', cancellationPolicy: [{ hoursBefore: 24, refundPercent: 100 }] });
    const opensAt = seoul(day(5), '09:00');
    await post(clinic, `/api/products/${slot.id}/operating-periods`, { startsOn: day(7), endsOn: day(30), weeklyHours: allWeek(600, 720), bookingOpensAt: opensAt });
    const res = await t.call(null, 'GET', `/api/public/products/${slot.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '초진 상담',
      bookingType: 'time_slot',
      bookingTypeLabel: '시간예약형',
      priceAmount: 30000,
      prices: [],
      confirmationMode: 'instant',
      paymentMode: 'on_site',
      cancellationPolicy: [{ hoursBefore: 24, refundPercent: 100 }],
      maxQuantityPerBooking: 10,
      bookingOpensAt: new Date(opensAt).toISOString(),
      place: { id: clinicPlace.id, name: '본점', phone: '02-555-1234', bookingNotes: '10분 전 도착' },
      business: { name: '바른의원', timeZone: 'Asia/Seoul' },
    });
    // Once a period is open, nothing to wait for.
    await post(clinic, `/api/products/${slot.id}/operating-periods`, { startsOn: day(0), endsOn: day(6), weeklyHours: allWeek(600, 720), bookingOpensAt: null });
    expect((await t.call(null, 'GET', `/api/public/products/${slot.id}`)).body.bookingOpensAt).toBeNull();

    const session = await scheduledProduct(clinic, clinicPlace.id);
    await post(clinic, `/api/products/${session.id}/prices`, { name: '1인', amount: 50000, bookableFrom: day(0), bookableTo: day(30) });
    expect((await t.call(null, 'GET', `/api/public/products/${session.id}`)).body.prices).toEqual([{ id: expect.any(String), name: '1인', amount: 50000 }]);

    await t.call(clinic, 'PATCH', `/api/products/${slot.id}`, { exposed: false });
    expectError(await t.call(null, 'GET', `/api/public/products/${slot.id}`), 404, 'PRODUCT_NOT_FOUND');
    const hiddenPlace = (await t.call(clinic, 'POST', '/api/places', { name: '숨은 지점', exposed: false })).body;
    const inHidden = (await post(clinic, '/api/products', { placeId: hiddenPlace.id, name: '숨은 상품', bookingType: 'time_slot', confirmationMode: 'instant' })).body;
    expectError(await t.call(null, 'GET', `/api/public/products/${inHidden.id}`), 404, 'PRODUCT_NOT_FOUND');
    expectError(await t.call(null, 'GET', `/api/public/products/${MISSING_ID}`), 404, 'PRODUCT_NOT_FOUND');
  });

  it('lets booking managers read and only settings managers write', async () => {
    const product = await timeSlotProduct();
    const reader = await addMember(t, clinic, ['bookings.manage']);
    const nobody = await addMember(t, clinic, ['schedules.edit']);
    expect((await t.call(reader.session, 'GET', '/api/products')).status).toBe(200);
    expect((await t.call(reader.session, 'GET', `/api/products/${product.id}`)).status).toBe(200);
    expect((await t.call(reader.session, 'GET', '/api/catalog/options')).status).toBe(200);
    expectError(await t.call(reader.session, 'PATCH', `/api/products/${product.id}`, { name: '몰래' }), 403, 'FORBIDDEN');
    expectError(await post(reader.session, '/api/products', { placeId: clinicPlace.id, name: '몰래', bookingType: 'time_slot', confirmationMode: 'instant' }), 403, 'FORBIDDEN');
    expectError(await t.call(reader.session, 'DELETE', `/api/products/${product.id}`), 403, 'FORBIDDEN');
    expectError(await post(reader.session, `/api/products/${product.id}/operating-periods`, { startsOn: day(0), endsOn: day(1), weeklyHours: allWeek(600, 720) }), 403, 'FORBIDDEN');
    expectError(await t.call(nobody.session, 'GET', '/api/products'), 403, 'FORBIDDEN');
    expectError(await t.call(nobody.session, 'GET', '/api/catalog/options'), 403, 'FORBIDDEN');
  });

  it('keeps products of another business out of reach (404)', async () => {
    const product = await scheduledProduct(clinic, clinicPlace.id, { inventoryMode: 'per_date' });
    const url = `/api/products/${product.id}`;
    const price = (await post(clinic, `${url}/prices`, { name: '1인', amount: 1000, bookableFrom: day(0), bookableTo: day(9) })).body;
    const schedule = (await post(clinic, `${url}/schedules`, { usage: { kind: 'date_time', date: day(6), startTime: '14:00' }, bookingOpensAt: seoul(day(0), '00:00'), bookingClosesAt: seoul(day(6), '12:00') })).body;
    const other = await t.signup({ serviceType: 'clinic' });
    const otherPlace = (await t.call(other, 'POST', '/api/places', { name: '남의 지점' })).body;
    expect((await t.call(other, 'GET', '/api/products')).body.items).toEqual([]);
    expectError(await t.call(other, 'GET', url), 404, 'PRODUCT_NOT_FOUND');
    expectError(await t.call(other, 'PATCH', url, { name: '남의 것' }), 404, 'PRODUCT_NOT_FOUND');
    expectError(await t.call(other, 'DELETE', url), 404, 'PRODUCT_NOT_FOUND');
    expectError(await post(other, `${url}/prices`, { name: 'x', amount: 1, bookableFrom: day(0), bookableTo: day(1) }), 404, 'PRODUCT_NOT_FOUND');
    expectError(await t.call(other, 'PATCH', `${url}/prices/${price.id}`, { amount: 1 }), 404, 'PRODUCT_NOT_FOUND');
    expectError(await t.call(other, 'DELETE', `${url}/schedules/${schedule.id}`), 404, 'PRODUCT_NOT_FOUND');
    expectError(await t.call(other, 'PUT', `${url}/stock`, { entries: [{ key: day(6), quantity: 1 }] }), 404, 'PRODUCT_NOT_FOUND');
    // Their own product cannot point at our staff or use our schedule ids.
    expectError(await post(other, '/api/products', { placeId: otherPlace.id, name: 'x', bookingType: 'time_slot', confirmationMode: 'instant', staffId: clinic.staffId }), 404, 'STAFF_NOT_FOUND');
    const theirs = await scheduledProduct(other, otherPlace.id);
    const theirPrice = (await post(other, `/api/products/${theirs.id}/prices`, { name: '1인', amount: 1000, bookableFrom: day(0), bookableTo: day(9) })).body;
    expectError(await post(other, `/api/products/${theirs.id}/booking-schedules`, { scheduleIds: [schedule.id], priceIds: [theirPrice.id], quantity: 1 }), 400, 'BOOKING_SCHEDULE_REFERENCE_INVALID');
    expect((await t.call(clinic, 'GET', url)).body).toMatchObject({ name: '원데이 클래스', prices: [{ amount: 1000 }] });
  });
});
