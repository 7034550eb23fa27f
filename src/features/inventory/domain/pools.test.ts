import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Inventory, ScheduledProduct } from '../../products/domain/model.ts';
import { bookingDemand, poolsFor } from '../../products/domain/product-pools.ts';
import { capacityCheck, comparePoolKeys, isDayBoundPool, poolKindOf, validateCapacityChange, type PoolDemand } from './pools.ts';
import { at, bookingSchedule, CountingMap, price, schedule, scheduledProduct, timeSlotProduct } from '../../products/domain/test-helpers.ts';

const open = at('2026-03-01', '00:00');
const close = at('2026-04-05', '00:00');
const sessions = (inventory: Inventory, quantity: number | null = null): ScheduledProduct =>
  scheduledProduct({
    id: 'p2',
    bookingType: 'date_time',
    inventory,
    schedules: [schedule('s1', { kind: 'date_time', date: '2026-04-05', startMinute: 14 * 60 }, open, close)],
    prices: [price('adult', { maxQuantity: inventory.mode === 'per_booking_schedule' ? null : 6 }), price('child')],
    bookingSchedules: [bookingSchedule('b1', 's1', 'adult', quantity), bookingSchedule('b2', 's1', 'child', quantity)],
  });
const line = (bookingScheduleId: string, quantity = 1) => ({ kind: 'booking_schedule' as const, bookingScheduleId, quantity });

describe('capacity pools (BOOK-5, BOOK-8)', () => {
  it('a slot line draws from its slot, keyed by its start in epoch minutes', () => {
    const start = at('2026-03-10', '10:30');
    expect(poolsFor(timeSlotProduct({ id: 'p1', capacityPerSlot: 3 }), { kind: 'slot', startMinute: start, quantity: 1 })).toEqual({
      ok: true,
      value: [{ key: `slot:p1:${start}`, capacity: 3 }],
    });
  });

  it('a booking schedule draws from the pool of its mode, plus its price\'s 최대 예약 수량 when set, in key order', () => {
    const keys = (inventory: Inventory, quantity: number | null = null) => {
      const pools = poolsFor(sessions(inventory, quantity), line('b1'));
      if (!pools.ok) throw new Error(pools.error.code);
      return pools.value;
    };
    expect(keys({ mode: 'per_booking_schedule' }, 10)).toEqual([{ key: 'bs:p2:b1', capacity: 10 }]);
    expect(keys({ mode: 'per_date_time', quantities: { '2026-04-05T14:00': 20 } })).toEqual([
      { key: 'dt:p2:2026-04-05T14:00', capacity: 20 },
      { key: 'price-max:p2:adult', capacity: 6 },
    ]);
    expect(keys({ mode: 'per_date', quantities: { '2026-04-05': 30 } })).toEqual([
      { key: 'date:p2:2026-04-05', capacity: 30 },
      { key: 'price-max:p2:adult', capacity: 6 },
    ]);
    expect(keys({ mode: 'per_period', quantity: 40 })).toEqual([
      { key: 'period:p2', capacity: 40 },
      { key: 'price-max:p2:adult', capacity: 6 },
    ]);
  });

  it('a date or date-time never given a quantity has nothing to sell', () => {
    const pools = poolsFor(sessions({ mode: 'per_date', quantities: {} }), line('b2'));
    expect(pools).toEqual({ ok: true, value: [{ key: 'date:p2:2026-04-05', capacity: 0 }] });
  });

  it('refuses lines that do not fit the product', () => {
    expect(poolsFor(sessions({ mode: 'per_period', quantity: 1 }), line('nope'))).toMatchObject({ ok: false, error: { code: 'BOOKING_SCHEDULE_NOT_FOUND' } });
    expect(poolsFor(sessions({ mode: 'per_period', quantity: 1 }), { kind: 'slot', startMinute: 0, quantity: 1 })).toMatchObject({ ok: false, error: { code: 'BOOKING_LINE_INVALID' } });
    expect(poolsFor(timeSlotProduct(), line('b1'))).toMatchObject({ ok: false, error: { code: 'BOOKING_LINE_INVALID' } });
  });

  it('adds up the lines of one booking per pool: an adult and a child ticket share the session\'s quantity', () => {
    const product = sessions({ mode: 'per_date_time', quantities: { '2026-04-05T14:00': 20 } });
    expect(bookingDemand(product, [line('b1', 2), line('b2', 3), line('b1', 1)])).toEqual({
      ok: true,
      value: [
        { key: 'dt:p2:2026-04-05T14:00', capacity: 20, requested: 6 },
        { key: 'price-max:p2:adult', capacity: 6, requested: 3 },
      ],
    });
    expect(bookingDemand(product, [line('b1', 0)])).toMatchObject({ ok: false, error: { code: 'BOOKING_QUANTITY_INVALID' } });
    expect(bookingDemand(product, [line('b1', 1.5)])).toMatchObject({ ok: false, error: { code: 'BOOKING_QUANTITY_INVALID' } });
  });

  it('accepts up to the capacity exactly and refuses one more, naming the pool and what is left', () => {
    const demand: PoolDemand[] = [
      { key: 'dt:p2:2026-04-05T14:00', capacity: 10, requested: 2 },
      { key: 'price-max:p2:adult', capacity: 6, requested: 2 },
    ];
    expect(capacityCheck(demand, new Map([['dt:p2:2026-04-05T14:00', 8]]))).toEqual({ ok: true });
    expect(capacityCheck(demand, new Map([['dt:p2:2026-04-05T14:00', 9]]))).toMatchObject({
      ok: false,
      code: 'SOLD_OUT',
      pool: 'dt:p2:2026-04-05T14:00',
      remaining: 1,
      message: '선택한 일시의 남은 수량은 1개입니다.',
    });
    expect(capacityCheck(demand, new Map([['price-max:p2:adult', 6]]))).toMatchObject({
      ok: false,
      pool: 'price-max:p2:adult',
      remaining: 0,
      message: '이 가격은 최대 예약 수량에 도달했습니다.',
    });
  });

  it('shows 0 left, not a negative number, when a quantity was lowered below what was booked', () => {
    expect(capacityCheck([{ key: 'slot:p1:100', capacity: 2, requested: 1 }], new Map([['slot:p1:100', 3]]))).toMatchObject({
      ok: false,
      remaining: 0,
      message: '선택한 시간은 예약이 마감되었습니다.',
    });
  });

  it('refuses to lower a quantity below what its pool has taken', () => {
    expect(validateCapacityChange('bs:p2:b1', 5, 5)).toBeNull();
    expect(validateCapacityChange('bs:p2:b1', 4, 5)).toMatchObject({ code: 'INVENTORY_BELOW_TAKEN', message: '이미 5개가 예약되어 있어 4개로 줄일 수 없습니다.' });
  });

  it('knows the kind of every key', () => {
    expect(['slot:p:1', 'bs:p:b', 'dt:p:2026-01-01T10:00', 'date:p:2026-01-01', 'period:p', 'price-max:p:x'].map(poolKindOf)).toEqual([
      'slot',
      'bs',
      'dt',
      'date',
      'period',
      'price-max',
    ]);
    expect(() => poolKindOf('nope')).toThrow(RangeError);
    expect(['slot:p:1', 'bs:p:b', 'dt:p:2026-01-01T10:00', 'date:p:2026-01-01', 'period:p', 'price-max:p:x'].map(isDayBoundPool)).toEqual([true, true, true, true, false, false]);
  });

  const demandArb = fc
    .uniqueArray(fc.constantFrom('bs:p:a', 'bs:p:b', 'date:p:2026-01-01', 'dt:p:2026-01-01T10:00', 'period:p', 'price-max:p:x', 'slot:p:7'), { minLength: 1 })
    .chain((keys) =>
      fc.tuple(
        fc.tuple(...keys.sort(comparePoolKeys).map((key) => fc.record({ key: fc.constant(key), capacity: fc.nat(10), requested: fc.integer({ min: 1, max: 5 }) }))),
        fc.tuple(...keys.map((key) => fc.tuple(fc.constant(key), fc.nat(12)))),
      ),
    );

  it('property: a demand passes exactly when every pool has taken + requested ≤ capacity; a refusal names the first pool in lock order that has not', () => {
    fc.assert(
      fc.property(demandArb, ([demand, takenEntries]) => {
        const taken = new CountingMap(takenEntries);
        const verdict = capacityCheck(demand, taken);
        const full = demand.filter((p) => (taken.get(p.key) ?? 0) + p.requested > p.capacity);
        expect(verdict.ok).toBe(full.length === 0);
        if (!verdict.ok) {
          expect(verdict.pool).toBe(full[0]!.key);
          expect(verdict.remaining).toBe(Math.max(0, full[0]!.capacity - (taken.get(full[0]!.key) ?? 0)));
        }
      }),
    );
  });

  it('property: a booking\'s demand is sorted by key without repeats, and each pool is asked for the sum of the lines drawing from it', () => {
    const product = sessions({ mode: 'per_date_time', quantities: { '2026-04-05T14:00': 20 } });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('b1', 'b2'), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 6 }), (lines) => {
        const demand = bookingDemand(product, lines.map(([id, q]) => line(id, q)));
        if (!demand.ok) throw new Error(demand.error.code);
        const keys = demand.value.map((d) => d.key);
        expect(keys).toEqual([...new Set(keys)].sort(comparePoolKeys));
        for (const pool of demand.value) {
          const expected = lines
            .filter(([id]) => {
              const pools = poolsFor(product, line(id));
              return pools.ok && pools.value.some((p) => p.key === pool.key);
            })
            .reduce((sum, [, q]) => sum + q, 0);
          expect(pool.requested).toBe(expected);
        }
      }),
    );
  });
});
