import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offIntervals, type StaffTimeRules } from '../../settings/index.ts';
import { checkLineBookable, timeSlotAvailability } from './availability.ts';
import type { TimeSlotProduct } from './model.ts';
import { at, everyDay, period, SEOUL, timeSlotProduct } from './test-helpers.ts';

/**
 * OPS-2: a product assigned to a staff member never offers a time the staff
 * does not work (an absence, or outside their weekly hours), and the booking
 * check refuses it with BOOKING_STAFF_ABSENT. Asia/Seoul, server in UTC.
 */

const NOW = at('2026-12-01', '09:00');
const query = { now: NOW, zone: SEOUL };
const slotLine = (startMinute: number) => ({ kind: 'slot' as const, startMinute, quantity: 1 });

/** Open all day and night, 30-minute slots, so only the staff's rules close anything. */
const allDay = (staffTime: StaffTimeRules | undefined): TimeSlotProduct =>
  timeSlotProduct({ slotMinutes: 30, horizonMonths: 3, operatingPeriods: [period({ from: '2026-12-01', to: '2027-01-31', weeklyHours: everyDay(['00:00', '24:00']) })], staffTime });

const ms = (epochMinute: number) => epochMinute * 60_000;

describe('a product assigned to a staff member (OPS-2)', () => {
  it('closes the staff’s vacation and the time outside their hours, and refuses a booking for it', () => {
    const rules: StaffTimeRules = {
      weeklyHours: { 1: [{ openMinute: 600, closeMinute: 1140 }], 2: [{ openMinute: 600, closeMinute: 1140 }], 3: [{ openMinute: 600, closeMinute: 1140 }], 4: [{ openMinute: 600, closeMinute: 1140 }], 5: [{ openMinute: 600, closeMinute: 1140 }], 6: [], 7: [] },
      absences: [{ id: 'v', kind: 'vacation', span: { kind: 'days', from: '2026-12-24', to: '2026-12-24' }, memo: '학회' }],
    };
    const product = allDay(rules);
    const day = timeSlotAvailability(product, { ...query, from: '2026-12-23', to: '2026-12-24' }, new Map()).days;
    const wednesday = day[0]!.slots;
    expect(wednesday.find((s) => s.localTime === '09:30')).toMatchObject({ status: 'closed', closedKind: 'hours', closedReason: '담당자 근무 시간 외' });
    expect(wednesday.find((s) => s.localTime === '10:00')).toMatchObject({ status: 'bookable' });
    expect(wednesday.find((s) => s.localTime === '18:30')).toMatchObject({ status: 'bookable' });
    expect(wednesday.find((s) => s.localTime === '19:00')).toMatchObject({ status: 'closed' });
    expect(day[1]!.slots.every((s) => s.status === 'closed' && s.closedKind === 'staff' && s.closedReason === '담당자 휴가')).toBe(true);

    expect(checkLineBookable(product, slotLine(at('2026-12-24', '11:00')), query)).toMatchObject({ code: 'BOOKING_STAFF_ABSENT', message: '예약할 수 없는 시간입니다 — 12월 24일(목) 11:00 담당자 휴가' });
    expect(checkLineBookable(product, slotLine(at('2026-12-23', '09:30')), query)?.code).toBe('BOOKING_STAFF_ABSENT');
    expect(checkLineBookable(product, slotLine(at('2026-12-23', '10:00')), query)).toBeNull();
  });

  it('a product with no staff rules offers every slot', () => {
    const day = timeSlotAvailability(allDay(undefined), { ...query, from: '2026-12-24', to: '2026-12-24' }, new Map()).days[0]!;
    expect(day.slots.every((s) => s.status === 'bookable')).toBe(true);
  });

  const hoursArb = fc.option(
    fc.array(
      fc.option(fc.tuple(fc.integer({ min: 0, max: 46 }), fc.integer({ min: 1, max: 48 })).map(([start, length]) => ({ openMinute: start * 30, closeMinute: Math.min(48, start + length) * 30 })), { nil: null }),
      { minLength: 7, maxLength: 7 },
    ),
    { nil: null },
  );
  const absenceArb = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 2 })).map(([first, length]) => ({ kind: 'days' as const, from: `2026-12-${String(10 + first).padStart(2, '0')}`, to: `2026-12-${String(10 + first + length).padStart(2, '0')}` })),
    fc.tuple(fc.integer({ min: 0, max: 10 * 96 }), fc.integer({ min: 1, max: 40 })).map(([first, length]) => {
      const startsAt = ms(at('2026-12-10', '00:00')) + first * 15 * 60_000;
      return { kind: 'time' as const, startsAt, endsAt: startsAt + length * 15 * 60_000 };
    }),
  );

  it('property: availability never offers a time inside an absence or outside the staff’s hours, and the booking check agrees', () => {
    fc.assert(
      fc.property(hoursArb, fc.array(absenceArb, { maxLength: 3 }), (hours, spans) => {
        const rules: StaffTimeRules = {
          weeklyHours: hours ? { 1: hours[0] ? [hours[0]] : [], 2: hours[1] ? [hours[1]] : [], 3: hours[2] ? [hours[2]] : [], 4: hours[3] ? [hours[3]] : [], 5: hours[4] ? [hours[4]] : [], 6: hours[5] ? [hours[5]] : [], 7: hours[6] ? [hours[6]] : [] } : null,
          absences: spans.map((span, i) => ({ id: `a${i}`, kind: 'field_work' as const, span, memo: '' })),
        };
        const product = allDay(rules);
        const result = timeSlotAvailability(product, { ...query, from: '2026-12-10', to: '2026-12-20' }, new Map());
        const off = offIntervals(rules, ms(at('2026-12-10', '00:00')), ms(at('2026-12-21', '00:00')), SEOUL);
        for (const day of result.days) {
          for (const slot of day.slots) {
            const meets = off.some((o) => o.startsAt < ms(slot.endMinute) && ms(slot.startMinute) < o.endsAt);
            expect(slot.bookable).toBe(!meets);
            const check = checkLineBookable(product, slotLine(slot.startMinute), query);
            expect(check === null).toBe(slot.bookable);
            if (check) expect(check.code).toBe('BOOKING_STAFF_ABSENT');
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
