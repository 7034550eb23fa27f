import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScheduleStatus } from '../../../platform/db/types.ts';
import { decideNaverEvent, naverMemoText, type KnownBooking, type NaverEvent } from './events.ts';

function event(bookingId: string, revision: number, type: NaverEvent['type'], mode: 'instant' | 'approval' = 'approval'): NaverEvent {
  return {
    eventId: `${bookingId}-${revision}`,
    type,
    occurredAt: new Date(Date.UTC(2026, 10, 23, 0, revision)).toISOString(),
    booking: {
      bookingId,
      revision,
      productId: 'P1',
      confirmationMode: mode,
      customer: { name: '홍길동', phone: '010-1234-5678' },
      startsAt: new Date(Date.UTC(2026, 10, 24, revision)).toISOString(),
      endsAt: new Date(Date.UTC(2026, 10, 24, revision + 1)).toISOString(),
      options: [{ name: '시술', value: `옵션 ${revision}` }],
      request: '',
    },
  };
}

describe('decideNaverEvent (NAVER-4..8)', () => {
  it('creates on first sight with the status of the confirmation mode, and alerts', () => {
    expect(decideNaverEvent(null, event('B', 1, 'booking.created', 'approval'))).toEqual({ kind: 'create', status: 'pending', alert: true });
    expect(decideNaverEvent(null, event('B', 1, 'booking.created', 'instant'))).toEqual({ kind: 'create', status: 'confirmed', alert: true });
    expect(decideNaverEvent(null, event('B', 3, 'booking.cancelled'))).toEqual({ kind: 'create', status: 'cancelled', alert: true });
  });

  it('drops events not newer than the applied revision', () => {
    expect(decideNaverEvent({ revision: 2, status: 'pending' }, event('B', 2, 'booking.changed'))).toEqual({ kind: 'stale' });
    expect(decideNaverEvent({ revision: 2, status: 'pending' }, event('B', 1, 'booking.created'))).toEqual({ kind: 'stale' });
  });

  it("keeps the shop's status on a change, and cancels on the customer's cancellation unless completed", () => {
    expect(decideNaverEvent({ revision: 1, status: 'confirmed' }, event('B', 2, 'booking.changed'))).toEqual({ kind: 'update', status: 'confirmed', fieldsChanged: true });
    expect(decideNaverEvent({ revision: 1, status: 'confirmed' }, event('B', 2, 'booking.cancelled'))).toEqual({ kind: 'update', status: 'cancelled', fieldsChanged: true });
    expect(decideNaverEvent({ revision: 1, status: 'completed' }, event('B', 2, 'booking.cancelled'))).toMatchObject({ status: 'completed' });
  });

  it('writes options and the request into the memo text', () => {
    const e = event('B', 1, 'booking.created');
    e.booking.request = ' 주차 가능한가요? ';
    expect(naverMemoText(e.booking)).toBe('[옵션] 시술: 옵션 1\n[요청사항] 주차 가능한가요?');
  });

  // A booking's life at Naver: created (rev 1), some changes, maybe a
  // cancellation last. Delivery duplicates and shuffles the events.
  const lifeArb = fc.record({
    mode: fc.constantFrom<'instant' | 'approval'>('instant', 'approval'),
    changes: fc.integer({ min: 0, max: 4 }),
    cancelled: fc.boolean(),
  });

  it('property: any delivery order with duplicates leaves one schedule per booking with its newest state and one alert', () => {
    fc.assert(
      fc.property(
        fc.array(lifeArb, { minLength: 1, maxLength: 5 }).chain((lives) => {
          const events = lives.flatMap((life, i) => {
            const id = `B${i}`;
            const list = [event(id, 1, 'booking.created', life.mode)];
            for (let r = 2; r <= 1 + life.changes; r++) list.push(event(id, r, 'booking.changed', life.mode));
            if (life.cancelled) list.push(event(id, list.length + 1, 'booking.cancelled', life.mode));
            return list;
          });
          const delivered = fc.array(fc.integer({ min: 0, max: events.length - 1 }), { maxLength: 10 }).map((dups) => [...events, ...dups.map((d) => events[d]!)]);
          return fc.tuple(fc.constant(lives), fc.constant(events), delivered.chain((d) => fc.shuffledSubarray(d, { minLength: d.length, maxLength: d.length })));
        }),
        ([lives, events, delivered]) => {
          const seenEventIds = new Set<string>();
          const store = new Map<string, KnownBooking & { startsAt: string }>();
          let alerts = 0;
          for (const e of delivered) {
            if (seenEventIds.has(e.eventId)) continue; // idempotency by event id
            seenEventIds.add(e.eventId);
            const known = store.get(e.booking.bookingId) ?? null;
            const decision = decideNaverEvent(known, e);
            if (decision.kind === 'create') {
              alerts += 1;
              store.set(e.booking.bookingId, { revision: e.booking.revision, status: decision.status, startsAt: e.booking.startsAt });
            } else if (decision.kind === 'update') {
              store.set(e.booking.bookingId, { revision: e.booking.revision, status: decision.status, startsAt: e.booking.startsAt });
            }
          }
          expect(store.size).toBe(lives.length);
          expect(alerts).toBe(lives.length);
          lives.forEach((life, i) => {
            const newest = events.filter((e) => e.booking.bookingId === `B${i}`).at(-1)!;
            const held = store.get(`B${i}`)!;
            expect(held.revision).toBe(newest.booking.revision);
            expect(held.startsAt).toBe(newest.booking.startsAt);
            const expected: ScheduleStatus = life.cancelled ? 'cancelled' : life.mode === 'approval' ? 'pending' : 'confirmed';
            expect(held.status).toBe(expected);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
