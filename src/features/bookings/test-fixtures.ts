import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../../platform/db/types.ts';

/**
 * Catalog rows for booking tests, written straight to the tables so the
 * booking rules are tested apart from the partner center's product API.
 * Times are Asia/Seoul (the test businesses' zone).
 */

const ZONE = 'Asia/Seoul';
const ALL_WEEK_9_TO_18 = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), [{ openMinute: 540, closeMinute: 1080 }]]));

export function seoulDate(daysFromToday: number, now = new Date()): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).plus({ days: daysFromToday }).toISODate()!;
}

/** The instant of a local Seoul time: seoulInstant('2026-12-01', '10:30'). */
export function seoulInstant(date: string, time: string): Date {
  return DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toJSDate();
}

/**
 * A place of the test business. Test businesses are clinics, which close on
 * public holidays by default (OPS-1); these places open on holidays unless
 * asked (`holidaysClosed`), so tests that book a few days ahead pass on any
 * day of the year.
 */
export async function insertPlace(
  db: Kysely<DB>,
  businessId: string,
  values: { exposed?: boolean; operatingStatus?: 'open' | 'paused' | 'closed'; holidaysClosed?: boolean | null } = {},
) {
  return db
    .insertInto('places')
    .values({
      business_id: businessId,
      name: '강남점',
      exposed: values.exposed ?? true,
      operating_status: values.operatingStatus ?? 'open',
      holidays_closed: values.holidaysClosed === undefined ? false : values.holidaysClosed,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

export async function insertTimeSlotProduct(
  db: Kysely<DB>,
  businessId: string,
  placeId: string,
  values: {
    capacity?: number;
    slotMinutes?: number;
    confirmation?: 'instant' | 'approval';
    bookingOpensAt?: Date | null;
    maxPerBooking?: number;
    policy?: { hoursBefore: number; refundPercent: number }[];
    priceAmount?: number;
    fromDays?: number;
    toDays?: number;
  } = {},
) {
  const product = await db
    .insertInto('products')
    .values({
      business_id: businessId,
      place_id: placeId,
      name: '초진 상담',
      booking_type: 'time_slot',
      confirmation_mode: values.confirmation ?? 'instant',
      price_amount: values.priceAmount ?? 30000,
      slot_minutes: values.slotMinutes ?? 30,
      capacity_per_slot: values.capacity ?? 2,
      horizon_months: 3,
      max_quantity_per_booking: values.maxPerBooking ?? 10,
      cancellation_policy: JSON.stringify(values.policy ?? [{ hoursBefore: 24, refundPercent: 100 }]),
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('product_operating_periods')
    .values({
      business_id: businessId,
      product_id: product.id,
      starts_on: seoulDate(values.fromDays ?? 0),
      ends_on: seoulDate(values.toDays ?? 60),
      weekly_hours: JSON.stringify(ALL_WEEK_9_TO_18),
      booking_opens_at: values.bookingOpensAt ?? null,
    })
    .execute();
  return product;
}

export async function hideSlot(db: Kysely<DB>, businessId: string, productId: string, startsAt: Date) {
  await db.insertInto('product_hidden_slots').values({ business_id: businessId, product_id: productId, starts_at: startsAt }).execute();
}

/**
 * A 날짜/시간형 product in 날짜/시간별 관리: sessions at 14:00 on the given
 * days, two prices (성인, 어린이; 성인 with a 최대 예약 수량 if given) and
 * the booking schedules joining them.
 */
export async function insertDateTimeProduct(
  db: Kysely<DB>,
  businessId: string,
  placeId: string,
  values: { days: number[]; quantity: number; adultMax?: number | null; confirmation?: 'instant' | 'approval' },
) {
  const product = await db
    .insertInto('products')
    .values({
      business_id: businessId,
      place_id: placeId,
      name: '주말 클래스',
      booking_type: 'date_time',
      confirmation_mode: values.confirmation ?? 'instant',
      inventory_mode: 'per_date_time',
      duration_minutes: 90,
      max_quantity_per_booking: 20,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  const now = new Date();
  const schedules = [];
  for (const d of values.days) {
    const date = seoulDate(d);
    schedules.push(
      await db
        .insertInto('product_schedules')
        .values({
          business_id: businessId,
          product_id: product.id,
          usage_date: date,
          usage_start_minute: 14 * 60,
          booking_opens_at: new Date(now.getTime() - 86_400_000),
          booking_closes_at: seoulInstant(date, '12:00'),
        })
        .returning(['id'])
        .executeTakeFirstOrThrow(),
    );
    await db.insertInto('product_stock').values({ business_id: businessId, product_id: product.id, stock_key: `${date}T14:00`, quantity: values.quantity }).execute();
  }
  const prices = [];
  for (const [i, [name, amount, max]] of ([
    ['성인', 50000, values.adultMax ?? null],
    ['어린이', 30000, null],
  ] as const).entries()) {
    prices.push(
      await db
        .insertInto('product_prices')
        .values({ business_id: businessId, product_id: product.id, name, amount, bookable_from: seoulDate(-1), bookable_to: seoulDate(90), max_quantity: max, sort_order: i })
        .returning(['id'])
        .executeTakeFirstOrThrow(),
    );
  }
  const bookingSchedules: { id: string; scheduleId: string; priceId: string }[] = [];
  for (const schedule of schedules) {
    for (const price of prices) {
      const row = await db
        .insertInto('product_booking_schedules')
        .values({ business_id: businessId, product_id: product.id, schedule_id: schedule.id, price_id: price.id, quantity: null })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      bookingSchedules.push({ id: row.id, scheduleId: schedule.id, priceId: price.id });
    }
  }
  return { id: product.id, schedules, prices, bookingSchedules };
}
