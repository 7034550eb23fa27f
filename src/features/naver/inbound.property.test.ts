import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import type { NaverEvent } from './domain/events.ts';
import { bookingEvent, connectNaver, postEvent } from './test-helpers.ts';

/**
 * NAVER-4..6 end to end: whatever the order and however often events are
 * delivered, each booking ends as one schedule in the state of its newest
 * event, with one alert.
 */
describe.each(engines)('Naver event delivery property on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  const lifeArb = fc.record({
    mode: fc.constantFrom<'instant' | 'approval'>('instant', 'approval'),
    changes: fc.integer({ min: 0, max: 3 }),
    cancelled: fc.boolean(),
  });

  it('leaves one schedule per booking with its newest state and one alert, for any delivery order with duplicates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lifeArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.infiniteStream(fc.nat()),
        async (lives, duplicates, shuffleKeys) => {
          const admin = await t.signup();
          const { secret } = await connectNaver(t, admin);
          const events: NaverEvent[] = lives.flatMap((life, i) => {
            const id = `NB-P${i}`;
            const list = [bookingEvent(id, 1, 'booking.created', { confirmationMode: life.mode })];
            for (let r = 2; r <= 1 + life.changes; r++) list.push(bookingEvent(id, r, 'booking.changed', { confirmationMode: life.mode }));
            if (life.cancelled) list.push(bookingEvent(id, list.length + 1, 'booking.cancelled', { confirmationMode: life.mode }));
            return list;
          });
          const delivered = [...events, ...duplicates.map((d) => events[d % events.length]!)];
          const keys = shuffleKeys.take(delivered.length);
          const order = delivered.map((e, i) => ({ e, k: keys.next().value as number, i })).sort((a, b) => a.k - b.k || a.i - b.i);
          for (const { e } of order) {
            const res = await postEvent(t, admin.businessId, secret, e);
            expect(res.status).toBe(200);
          }

          const rows = await t.database.db
            .selectFrom('naver_bookings as b')
            .innerJoin('schedules as s', 's.id', 'b.schedule_id')
            .select(['b.booking_id', 'b.revision', 's.status', 's.starts_at'])
            .where('b.business_id', '=', admin.businessId)
            .execute();
          const schedules = await t.database.db.selectFrom('schedules').select('id').where('business_id', '=', admin.businessId).where('source', '=', 'naver').execute();
          expect(schedules).toHaveLength(lives.length);
          expect(rows).toHaveLength(lives.length);
          lives.forEach((life, i) => {
            const newest = events.filter((e) => e.booking.bookingId === `NB-P${i}`).at(-1)!;
            const row = rows.find((r) => r.booking_id === `NB-P${i}`)!;
            expect(row.revision).toBe(newest.booking.revision);
            expect(row.starts_at.toISOString()).toBe(newest.booking.startsAt);
            expect(row.status).toBe(life.cancelled ? 'cancelled' : life.mode === 'approval' ? 'pending' : 'confirmed');
          });
          const alerts = await t.database.db
            .selectFrom('notifications')
            .select('schedule_id')
            .where('business_id', '=', admin.businessId)
            .where('user_id', '=', admin.userId)
            .where('kind', '=', 'naver.booking_created')
            .execute();
          expect(alerts).toHaveLength(lives.length);
          expect(new Set(alerts.map((a) => a.schedule_id)).size).toBe(lives.length);
        },
      ),
      { numRuns: 12 },
    );
  });
});
