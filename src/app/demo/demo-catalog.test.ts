import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { createTestDatabase, engines } from '../../../test/db.ts';
import { DEMO_LOGIN, seedDemo } from './demo.ts';

process.env.YEYAK_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'yeyak-demo-catalog-'));

describe.each(engines)('demo catalog on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    expect(await seedDemo(t.database.db, new Date())).toBe(true);
  });
  afterAll(async () => t?.close());

  it('gives the demo clinic an exposed place with images and four valid products, one paid at booking', async () => {
    const admin = await t.login(DEMO_LOGIN.email, DEMO_LOGIN.password);
    const places = (await t.call(admin, 'GET', '/api/places')).body.items;
    expect(places).toHaveLength(1);
    const place = places[0];
    expect(place).toMatchObject({ name: '연세바른피부과 강남점', exposed: true, phone: '02-2555-1234' });
    expect(place.images).toHaveLength(2);
    expect(place.products.map((p: { name: string }) => p.name)).toEqual(['초진 피부 상담', '레이저 토닝 상담', '주말 피부관리 클래스', '레이저 토닝 1회 (예약 시 결제)']);

    const publicPlace = await t.call(null, 'GET', `/api/public/places/${place.id}`);
    expect(publicPlace.status).toBe(200);
    expect(publicPlace.body.products[2]).toMatchObject({ bookingType: 'date_time', minAmount: 50000, maxAmount: 90000 });
    const image = await t.app.inject({ method: 'GET', url: place.images[0].urls.w640 });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');

    const consultation = (await t.call(admin, 'GET', `/api/products/${place.products[0].id}`)).body;
    expect(consultation).toMatchObject({ slotMinutes: 30, capacityPerSlot: 2, horizonMonths: 3, confirmationMode: 'instant', priceAmount: 30000, staffId: null, cancellationPolicy: [{ hoursBefore: 24, refundPercent: 100 }] });
    expect(consultation.operatingPeriods[0].weeklyHours['6']).toEqual([{ openMinute: 600, closeMinute: 840 }]);
    expect((await t.call(admin, 'GET', `/api/products/${place.products[1].id}`)).body.confirmationMode).toBe('approval');

    const weekend = (await t.call(admin, 'GET', `/api/products/${place.products[2].id}`)).body;
    expect(weekend.inventoryMode).toBe('per_date_time');
    const toner = (await t.call(admin, 'GET', `/api/products/${place.products[3].id}`)).body;
    expect(toner).toMatchObject({ paymentMode: 'prepaid', priceAmount: 55000, cancellationPolicy: [{ hoursBefore: 48, refundPercent: 100 }, { hoursBefore: 24, refundPercent: 50 }] });
    expect(weekend.schedules).toHaveLength(4);
    expect(weekend.schedules.every((s: { usage: { startTime: string } }) => s.usage.startTime === '14:00')).toBe(true);
    expect(weekend.prices.map((p: { name: string; amount: number; maxQuantity: number | null }) => [p.name, p.amount, p.maxQuantity])).toEqual([
      ['1인', 50000, null],
      ['2인', 90000, 8],
    ]);
    expect(weekend.bookingSchedules).toHaveLength(8);
    expect(weekend.stock.map((s: { quantity: number }) => s.quantity)).toEqual([6, 6, 6, 6]);
  });

  it('has bookings made through the booking page: confirmed, awaiting approval, a class, a customer\'s cancellation, and an inquiry', async () => {
    const admin = await t.login(DEMO_LOGIN.email, DEMO_LOGIN.password);
    const list = (await t.call(admin, 'GET', '/api/bookings?limit=50')).body;
    const byStatus = (status: string) => list.items.filter((b: { status: string }) => b.status === status);
    expect(list.total).toBe(7);
    expect(byStatus('confirmed')).toHaveLength(4);
    expect(byStatus('pending').map((b: { product: { name: string } }) => b.product.name)).toEqual(['레이저 토닝 상담', '레이저 토닝 상담']);
    expect(byStatus('cancelled')).toMatchObject([{ cancelledBy: 'customer', refundPercent: 100 }]);
    expect(list.items.every((b: { scheduleId: string | null }) => b.scheduleId)).toBe(true);
    expect((await t.call(admin, 'GET', '/api/partner/summary')).body).toMatchObject({ unansweredInquiries: 1, pendingBookings: 2 });
  });
});

// The demo is seeded on first start, whatever the day and hour: its bookings must be valid at any of them
// (a customer's cancellation made after 16:00 KST once fell inside the 24-hour policy and stopped `npm start`).
describe('demo seed at any hour of the week', () => {
  const instants = ['2026-12-07T00:05', '2026-12-09T15:59', '2026-12-09T16:01', '2026-12-11T20:30', '2026-12-12T23:55', '2026-12-13T12:00'];
  it.each(instants)('seeds every booking at %s (Asia/Seoul)', async (local) => {
    const now = DateTime.fromISO(local, { zone: 'Asia/Seoul' }).toJSDate();
    const database = await createTestDatabase('pglite');
    try {
      expect(await seedDemo(database.db, now)).toBe(true);
      const bookings = await database.db.selectFrom('bookings').select(['status', 'cancelled_by']).execute();
      expect(bookings).toHaveLength(7);
      expect(bookings.filter((b) => b.status === 'cancelled')).toEqual([{ status: 'cancelled', cancelled_by: 'customer' }]);
    } finally {
      await database.dispose();
    }
  });
});

describe('a demo seed that fails half-way', () => {
  it('leaves no half-made demo behind, so the next start seeds it whole', async () => {
    const database = await createTestDatabase('pglite');
    try {
      const { db } = database;
      // One of the last steps (the provider settings, after the bookings) refuses its row.
      await sql`create function refuse_demo() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$`.execute(db);
      await sql`create trigger refuse_demo before insert on message_provider_settings for each row execute function refuse_demo()`.execute(db);
      await expect(seedDemo(db, new Date())).rejects.toThrow('disk full');
      expect(await db.selectFrom('businesses').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('bookings').select('id').execute()).toEqual([]);

      await sql`drop trigger refuse_demo on message_provider_settings`.execute(db);
      expect(await seedDemo(db, new Date())).toBe(true);
      expect(await db.selectFrom('bookings').select('id').execute()).toHaveLength(7);
    } finally {
      await database.dispose();
    }
  });
});
