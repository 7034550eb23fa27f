import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLineBookable, scheduleAvailability, timeSlotAvailability, type BookingScheduleStatus, type SlotStatus } from '../../products/domain/availability.ts';
import type { ErrorCode as CatalogErrorCode } from '../../../platform/errors/registry.ts';
import {
  INVENTORY_MODES_BY_BOOKING_TYPE,
  dateTimeKey,
  modeAllowsPriceMax,
  type BookingLine,
  type Inventory,
  type InventoryMode,
  type Schedule,
  type ScheduledBookingType,
  type ScheduledProduct,
  type TimeSlotProduct,
} from '../../products/domain/model.ts';
import { bookingDemand } from '../../products/domain/product-pools.ts';
import { capacityCheck } from './pools.ts';
import { at, everyDay, period, price, SEOUL, timeSlotProduct } from '../../products/domain/test-helpers.ts';

/**
 * BOOK-5, BOOK-8: random products of every booking type and inventory mode,
 * and random sequences of bookings run the way the booking transaction will
 * run them (checkLineBookable, then bookingDemand + capacityCheck, then add
 * the demand to `taken`). An oracle written directly from the product's
 * rules (sums of accepted quantities per slot, booking schedule, date and
 * time, date, period and price) decides independently whether each booking
 * fits; the pools must agree with it every time, and what availability
 * shows must match it after every step.
 */

const NOW = at('2026-04-25', '00:00');
const ZONE = SEOUL;

/** What availability status each refusal of checkLineBookable corresponds to. */
const REFUSAL_BY_STATUS: Record<Exclude<SlotStatus | BookingScheduleStatus, 'bookable' | 'sold_out'>, CatalogErrorCode> = {
  hidden: 'SLOT_HIDDEN',
  not_open: 'BOOKING_NOT_OPEN_YET',
  past: 'BOOKING_PAST',
  closed: 'BOOKING_CLOSED',
};

const bookingsArb = fc.array(
  fc.array(fc.record({ pick: fc.nat(50), quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 3 }),
  { minLength: 1, maxLength: 25 },
);

// ---------------------------------------------------------------- 시간예약형

const timeSlotProductArb = fc
  .record({
    slotMinutes: fc.constantFrom(10, 30, 60),
    capacityPerSlot: fc.integer({ min: 1, max: 4 }),
    slotsPerDay: fc.integer({ min: 1, max: 3 }),
    opens: fc.constantFrom<'open' | 'later' | 'now'>('open', 'later', 'now'),
    hiddenMask: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
  })
  .map(({ slotMinutes, capacityPerSlot, slotsPerDay, opens, hiddenMask }) => {
    const open = 9 * 60;
    const close = open + slotsPerDay * slotMinutes;
    const base = timeSlotProduct({
      id: 'p1',
      slotMinutes,
      capacityPerSlot,
      operatingPeriods: [
        period({
          from: '2026-05-01',
          to: '2026-05-03',
          weeklyHours: everyDay([`${String(open / 60).padStart(2, '0')}:00`, `${String(Math.floor(close / 60)).padStart(2, '0')}:${String(close % 60).padStart(2, '0')}`]),
          bookingOpensAt: opens === 'open' ? null : opens === 'now' ? NOW : NOW + 1,
        }),
      ],
    });
    const starts = allSlotStarts(base);
    return { ...base, hiddenSlotStarts: starts.filter((_, i) => hiddenMask[i % hiddenMask.length]) };
  });

function allSlotStarts(product: TimeSlotProduct): number[] {
  return timeSlotAvailability(product, { from: '2026-05-01', to: '2026-05-03', now: NOW, zone: ZONE }, new Map()).days.flatMap((d) => d.slots.map((s) => s.startMinute));
}

describe('capacity under random bookings: 시간예약형 (BOOK-3, BOOK-8)', () => {
  it('property: no slot ever takes more than its capacity, refusals and acceptances match the oracle, and what is shown is capacity minus taken', () => {
    fc.assert(
      fc.property(timeSlotProductArb, bookingsArb, (product, bookings) => {
        const starts = allSlotStarts(product);
        const taken = new Map<string, number>();
        const booked = new Map<number, number>();
        const show = () => timeSlotAvailability(product, { from: '2026-05-01', to: '2026-05-03', now: NOW, zone: ZONE }, taken).days.flatMap((d) => d.slots);

        for (const booking of bookings) {
          const shown = new Map(show().map((s) => [s.startMinute, s]));
          // A pick past the list aims just off a slot start: not a slot.
          const lines: BookingLine[] = booking.map(({ pick, quantity }) => ({
            kind: 'slot',
            startMinute: pick < starts.length * 3 ? starts[pick % starts.length]! : starts[0]! + 5,
            quantity,
          }));

          const refusals = lines.map((line) => checkLineBookable(product, line, { now: NOW, zone: ZONE }));
          lines.forEach((line, i) => {
            const slot = shown.get((line as { startMinute: number }).startMinute);
            if (!slot) expect(refusals[i]?.code).toBe('SLOT_NOT_FOUND');
            else if (slot.status === 'bookable' || slot.status === 'sold_out') expect(refusals[i]).toBeNull();
            else expect(refusals[i]?.code).toBe(REFUSAL_BY_STATUS[slot.status]);
          });
          if (refusals.some((r) => r !== null)) continue;

          const demand = bookingDemand(product, lines);
          if (!demand.ok) throw new Error(demand.error.code);
          const verdict = capacityCheck(demand.value, taken);

          // Oracle: every slot of the booking still has room for all its lines.
          const asked = new Map<number, number>();
          for (const line of lines) if (line.kind === 'slot') asked.set(line.startMinute, (asked.get(line.startMinute) ?? 0) + line.quantity);
          const fits = [...asked].every(([start, q]) => (booked.get(start) ?? 0) + q <= product.capacityPerSlot);
          expect(verdict.ok).toBe(fits);
          if (lines.length === 1) expect(verdict.ok).toBe(lines[0]!.quantity <= shown.get((lines[0] as { startMinute: number }).startMinute)!.remaining);

          if (verdict.ok) {
            for (const pool of demand.value) taken.set(pool.key, (taken.get(pool.key) ?? 0) + pool.requested);
            for (const [start, q] of asked) booked.set(start, (booked.get(start) ?? 0) + q);
          }

          for (const slot of show()) {
            const bookedHere = booked.get(slot.startMinute) ?? 0;
            expect(bookedHere).toBeLessThanOrEqual(product.capacityPerSlot);
            expect(slot.taken).toBe(bookedHere);
            expect(slot.remaining).toBe(slot.capacity - slot.taken);
            expect(slot.remaining).toBeGreaterThanOrEqual(0);
            expect(slot.status === 'sold_out').toBe(slot.remaining === 0 && !slot.past && !slot.hidden && slot.open);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------- 날짜/시간형, 날짜형, 상시형

const TYPE_MODES = (Object.entries(INVENTORY_MODES_BY_BOOKING_TYPE) as [ScheduledBookingType, readonly InventoryMode[]][]).flatMap(([type, modes]) =>
  modes.map((mode) => ({ type, mode })),
);
const DATES = ['2026-05-01', '2026-05-02'];
const TIMES = [10 * 60, 14 * 60];

const scheduledProductArb = fc
  .record({
    typeMode: fc.constantFrom(...TYPE_MODES),
    schedules: fc.array(fc.record({ date: fc.nat(1), time: fc.nat(1), late: fc.boolean() }), { minLength: 1, maxLength: 4 }),
    withPriceMax: fc.boolean(),
    prices: fc.array(fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }), { minLength: 1, maxLength: 3 }),
    mask: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    bsQuantities: fc.array(fc.nat(6), { minLength: 12, maxLength: 12 }),
    dateTimeQuantities: fc.array(fc.option(fc.nat(10), { nil: null }), { minLength: 4, maxLength: 4 }),
    dateQuantities: fc.array(fc.option(fc.nat(10), { nil: null }), { minLength: 2, maxLength: 2 }),
    periodQuantity: fc.nat(20),
  })
  .map((raw): ScheduledProduct => {
    const { type, mode } = raw.typeMode;
    const rawSchedules = type === 'always' ? raw.schedules.slice(0, 1) : raw.schedules;
    const schedules: Schedule[] = rawSchedules.map((s, i) => ({
      id: `s${i}`,
      usage:
        type === 'date_time'
          ? { kind: 'date_time', date: DATES[s.date]!, startMinute: TIMES[s.time]! }
          : type === 'date'
            ? { kind: 'date', date: DATES[s.date]! }
            : { kind: 'period', from: '2026-05-01', to: '2026-05-31' },
      // Some schedules open for booking only after now: their lines are refused before any capacity check.
      bookingOpensAt: s.late ? NOW + 60 : at('2026-04-01', '00:00'),
      bookingClosesAt: at('2026-04-30', '00:00'),
    }));
    const prices = raw.prices.map((max, i) =>
      price(`r${i}`, { bookableFrom: '2026-04-01', bookableTo: '2026-04-30', maxQuantity: raw.withPriceMax && modeAllowsPriceMax(mode) ? max : null }),
    );
    const pairs = schedules.flatMap((s) => prices.map((p) => ({ s, p })));
    const chosen = pairs.filter((_, i) => raw.mask[i % raw.mask.length]);
    const bookingSchedules = (chosen.length > 0 ? chosen : pairs.slice(0, 1)).map(({ s, p }, i) => ({
      id: `b${i}`,
      scheduleId: s.id,
      priceId: p.id,
      quantity: mode === 'per_booking_schedule' || mode === 'per_price' ? raw.bsQuantities[i % raw.bsQuantities.length]! : null,
    }));
    const fromOptions = <T,>(keys: string[], values: (number | null)[]) =>
      Object.fromEntries(keys.flatMap((key, i) => (values[i] === null ? [] : [[key, values[i]!]]))) as T;
    const inventory: Inventory =
      mode === 'per_date_time'
        ? { mode, quantities: fromOptions(DATES.flatMap((d) => TIMES.map((t) => dateTimeKey(d, t))), raw.dateTimeQuantities) }
        : mode === 'per_date'
          ? { mode, quantities: fromOptions(DATES, raw.dateQuantities) }
          : mode === 'per_period'
            ? { mode, quantity: raw.periodQuantity }
            : { mode };
    return { id: 'p2', name: '상품', bookingType: type, inventory, schedules, prices, bookingSchedules };
  });

type Booked = { bookingScheduleId: string; quantity: number };

/** The limits a booking schedule is under, read straight off the product: [what it counts, its capacity]. */
function limitsOf(product: ScheduledProduct, bookingScheduleId: string): { counts: (b: Booked) => boolean; capacity: number; name: string }[] {
  const bs = product.bookingSchedules.find((b) => b.id === bookingScheduleId)!;
  const scheduleOf = (id: string) => product.schedules.find((s) => s.id === product.bookingSchedules.find((b) => b.id === id)!.scheduleId)!;
  const priceIdOf = (id: string) => product.bookingSchedules.find((b) => b.id === id)!.priceId;
  const usage = scheduleOf(bs.id).usage;
  const limits: { counts: (b: Booked) => boolean; capacity: number; name: string }[] = [];
  const inventory = product.inventory;
  if (inventory.mode === 'per_booking_schedule' || inventory.mode === 'per_price') {
    limits.push({ name: 'booking schedule', counts: (b) => b.bookingScheduleId === bs.id, capacity: bs.quantity! });
  } else if (inventory.mode === 'per_date_time' && usage.kind === 'date_time') {
    const same = (b: Booked) => {
      const u = scheduleOf(b.bookingScheduleId).usage;
      return u.kind === 'date_time' && u.date === usage.date && u.startMinute === usage.startMinute;
    };
    limits.push({ name: 'date and time', counts: same, capacity: inventory.quantities[dateTimeKey(usage.date, usage.startMinute)] ?? 0 });
  } else if (inventory.mode === 'per_date' && usage.kind !== 'period') {
    const same = (b: Booked) => {
      const u = scheduleOf(b.bookingScheduleId).usage;
      return u.kind !== 'period' && u.date === usage.date;
    };
    limits.push({ name: 'date', counts: same, capacity: inventory.quantities[usage.date] ?? 0 });
  } else if (inventory.mode === 'per_period') {
    limits.push({ name: 'period', counts: () => true, capacity: inventory.quantity });
  }
  const max = product.prices.find((p) => p.id === bs.priceId)!.maxQuantity;
  if (max !== null) limits.push({ name: 'price maximum', counts: (b) => priceIdOf(b.bookingScheduleId) === bs.priceId, capacity: max });
  return limits;
}

const sum = (lines: readonly Booked[], counts: (b: Booked) => boolean) => lines.filter(counts).reduce((total, b) => total + b.quantity, 0);

describe('capacity under random bookings: 날짜/시간형, 날짜형, 상시형 in every inventory mode (BOOK-4, BOOK-5, BOOK-8)', () => {
  it('property: no booking schedule, date and time, date, period or price maximum is ever exceeded; the pools decide as the oracle does; remaining shown = capacity − taken', () => {
    fc.assert(
      fc.property(scheduledProductArb, bookingsArb, (product, bookings) => {
        const taken = new Map<string, number>();
        const accepted: Booked[] = [];
        const ids = product.bookingSchedules.map((b) => b.id);
        const show = () => scheduleAvailability(product, { now: NOW, zone: ZONE }, taken);

        for (const booking of bookings) {
          const shown = new Map(show().map((r) => [r.bookingScheduleId, r]));
          const lines = booking.map(({ pick, quantity }) => ({ kind: 'booking_schedule' as const, bookingScheduleId: ids[pick % ids.length]!, quantity }));

          const refusals = lines.map((line) => checkLineBookable(product, line, { now: NOW, zone: ZONE }));
          lines.forEach((line, i) => {
            const row = shown.get(line.bookingScheduleId)!;
            if (row.status === 'bookable' || row.status === 'sold_out') expect(refusals[i]).toBeNull();
            else expect(refusals[i]?.code).toBe(REFUSAL_BY_STATUS[row.status]);
          });
          if (refusals.some((r) => r !== null)) continue;

          const demand = bookingDemand(product, lines);
          if (!demand.ok) throw new Error(demand.error.code);
          const verdict = capacityCheck(demand.value, taken);

          const after = [...accepted, ...lines.map((l) => ({ bookingScheduleId: l.bookingScheduleId, quantity: l.quantity }))];
          const fits = lines.every((line) => limitsOf(product, line.bookingScheduleId).every((limit) => sum(after, limit.counts) <= limit.capacity));
          expect(verdict.ok).toBe(fits);
          if (lines.length === 1) expect(verdict.ok).toBe(lines[0]!.quantity <= shown.get(lines[0]!.bookingScheduleId)!.remaining);

          if (verdict.ok) {
            for (const pool of demand.value) taken.set(pool.key, (taken.get(pool.key) ?? 0) + pool.requested);
            accepted.push(...lines.map((l) => ({ bookingScheduleId: l.bookingScheduleId, quantity: l.quantity })));
          }

          for (const row of show()) {
            const limits = limitsOf(product, row.bookingScheduleId);
            for (const limit of limits) expect(sum(accepted, limit.counts), limit.name).toBeLessThanOrEqual(limit.capacity);
            for (const pool of row.pools) {
              expect(pool.taken).toBe(taken.get(pool.key) ?? 0);
              expect(pool.remaining).toBe(pool.capacity - pool.taken);
              expect(pool.remaining).toBeGreaterThanOrEqual(0);
            }
            expect(row.remaining).toBe(Math.min(...limits.map((limit) => limit.capacity - sum(accepted, limit.counts))));
            expect(row.remaining).toBeGreaterThanOrEqual(0);
          }
          // The per-price maximum holds across schedules.
          for (const p of product.prices) {
            if (p.maxQuantity === null) continue;
            const ofPrice = accepted.filter((b) => product.bookingSchedules.find((bs) => bs.id === b.bookingScheduleId)!.priceId === p.id);
            expect(ofPrice.reduce((total, b) => total + b.quantity, 0)).toBeLessThanOrEqual(p.maxQuantity);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the generator reaches every booking type and inventory mode, with and without per-price maximums', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(scheduledProductArb, (product) => {
        seen.add(`${product.bookingType}/${product.inventory.mode}/${product.prices.some((p) => p.maxQuantity !== null)}`);
      }),
      { numRuns: 500 },
    );
    for (const { type, mode } of TYPE_MODES) {
      expect(seen).toContain(`${type}/${mode}/false`);
      if (modeAllowsPriceMax(mode)) expect(seen).toContain(`${type}/${mode}/true`);
    }
  });
});
