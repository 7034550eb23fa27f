import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import type { Actor } from '../auth/index.ts';
import { PERMISSIONS } from '../auth/index.ts';
import { actOnBooking } from './use-cases/act-on-booking.ts';
import { createBooking } from './use-cases/create-booking.ts';
import { createHold } from './use-cases/create-hold.ts';
import { getAvailability } from './use-cases/get-availability.ts';
import { insertDateTimeProduct, insertPlace, insertTimeSlotProduct, seoulDate, seoulInstant } from './test-fixtures.ts';

/**
 * BOOK-8 through the database: random sequences of bookings, holds and
 * cancellations on a few slots and sessions. After every step, what the
 * database holds for each slot, session and price never exceeds its
 * capacity, and what availability shows is capacity minus what live
 * bookings and unexpired holds hold.
 */
describe.each(engines)('capacity through the database under random operations on %s (BOOK-5, BOOK-8)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let actor: Actor;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup();
    actor = { businessId: admin.businessId, userId: admin.userId, userName: '관리자', role: 'admin', permissions: new Set(PERMISSIONS), timeZone: 'Asia/Seoul' };
  });
  afterAll(async () => t?.close());

  const op = fc.oneof(
    fc.record({ kind: fc.constant('book' as const), target: fc.nat(5), quantity: fc.integer({ min: 1, max: 3 }), child: fc.nat(2) }),
    fc.record({ kind: fc.constant('hold' as const), target: fc.nat(5), quantity: fc.integer({ min: 1, max: 3 }), child: fc.nat(2) }),
    fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(30) }),
  );

  it('property: no slot, session or price maximum is ever exceeded, and availability agrees with the stored bookings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), fc.integer({ min: 1, max: 3 }), async (ops, capacity) => {
        const db = t.database.db;
        const place = await insertPlace(db, admin.businessId);
        const slots = await insertTimeSlotProduct(db, admin.businessId, place.id, { capacity, maxPerBooking: 10 });
        const sessions = await insertDateTimeProduct(db, admin.businessId, place.id, { days: [3, 4], quantity: capacity + 1, adultMax: capacity });
        const slotStarts = ['10:00', '10:30', '11:00'].map((time) => seoulInstant(seoulDate(2), time).toISOString());
        const booked: string[] = [];
        let phone = 0;
        for (const step of ops) {
          if (step.kind === 'cancel') {
            const number = booked[step.pick % Math.max(booked.length, 1)];
            if (!number) continue;
            const id = (await db.selectFrom('bookings').select('id').where('booking_number', '=', number).executeTakeFirstOrThrow()).id;
            await actOnBooking(db, actor, id, 'cancel').catch((e) => expect(e.code).toBe('BOOKING_CANCELLED_FINAL'));
            continue;
          }
          const onSlots = step.target < 3;
          // Booking schedules come as [session 1 성인, session 1 어린이, session 2 성인, session 2 어린이].
          const adultIndex = ((step.target - 3) % 2) * 2;
          const lines = onSlots
            ? [{ startsAt: slotStarts[step.target]!, quantity: step.quantity }]
            : [
                { bookingScheduleId: sessions.bookingSchedules[adultIndex]!.id, quantity: step.quantity },
                ...(step.child > 0 ? [{ bookingScheduleId: sessions.bookingSchedules[adultIndex + 1]!.id, quantity: step.child }] : []),
              ];
          const productId = onSlots ? slots.id : sessions.id;
          try {
            // A client of its own per hold, across runs too (one business): the per-client hold cap is another rule.
            if (step.kind === 'hold') await createHold(db, { productId, lines, clientKey: `client-${ops.length}-${phone++}-${crypto.randomUUID()}` });
            else booked.push((await createBooking(db, { productId, lines, customer: { name: '고객', phone: `0105555${String(phone++).padStart(4, '0')}` }, consents: { privacy: true } })).bookingNumber);
          } catch (error) {
            expect((error as { code?: string }).code).toBe('SOLD_OUT');
          }
          await expectWithinCapacity(slots.id, sessions.id, capacity);
        }
      }),
      { numRuns: engine === 'pglite' ? 15 : 10 },
    );
  }, 120_000);

  async function expectWithinCapacity(slotProductId: string, sessionProductId: string, capacity: number) {
    const db = t.database.db;
    const live = await db
      .selectFrom('booking_lines as l')
      .innerJoin('bookings as b', 'b.id', 'l.booking_id')
      .select(['b.product_id', 'l.slot_starts_at', 'l.booking_schedule_id', 'l.quantity'])
      .where('b.product_id', 'in', [slotProductId, sessionProductId])
      .where('b.status', 'in', ['pending', 'confirmed', 'completed'])
      .execute();
    const bySlot = new Map<string, number>();
    for (const l of live.filter((l) => l.slot_starts_at)) bySlot.set(l.slot_starts_at!.toISOString(), (bySlot.get(l.slot_starts_at!.toISOString()) ?? 0) + l.quantity);
    for (const sum of bySlot.values()) expect(sum).toBeLessThanOrEqual(capacity);

    const now = new Date();
    const holds = await db.selectFrom('capacity_claims').select(['pool_key', 'quantity']).where('hold_id', 'is not', null).where('expires_at', '>', now).execute();
    const heldBy = new Map<string, number>();
    for (const h of holds) heldBy.set(h.pool_key, (heldBy.get(h.pool_key) ?? 0) + h.quantity);
    const day = seoulDate(2);
    const shown = await getAvailability(db, slotProductId, { from: day, to: day }, { now });
    if (shown.kind !== 'time_slot') throw new Error('expected slots');
    for (const slot of shown.days[0]!.slots.slice(2, 5)) {
      const held = heldBy.get(`slot:${slotProductId}:${Date.parse(slot.startsAt) / 60_000}`) ?? 0;
      expect(slot.remaining).toBe(Math.max(0, capacity - (bySlot.get(slot.startsAt) ?? 0) - held));
    }

    const sessionLines = live.filter((l) => l.booking_schedule_id);
    const bookingSchedules = await db.selectFrom('product_booking_schedules').select(['id', 'schedule_id', 'price_id']).where('product_id', '=', sessionProductId).execute();
    const prices = await db.selectFrom('product_prices').select(['id', 'name']).where('product_id', '=', sessionProductId).execute();
    const adult = prices.find((p) => p.name === '성인')!.id;
    const bySession = new Map<string, number>();
    let adults = 0;
    for (const l of sessionLines) {
      const bs = bookingSchedules.find((b) => b.id === l.booking_schedule_id)!;
      bySession.set(bs.schedule_id, (bySession.get(bs.schedule_id) ?? 0) + l.quantity);
      if (bs.price_id === adult) adults += l.quantity;
    }
    for (const sum of bySession.values()) expect(sum).toBeLessThanOrEqual(capacity + 1);
    expect(adults).toBeLessThanOrEqual(capacity);
  }
});
