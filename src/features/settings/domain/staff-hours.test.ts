import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateKeyOf, minutesOfDay, zonedToUtc } from '../../../shared/time.ts';
import {
  absenceProblem,
  fullWeek,
  isStaffWorking,
  offIntervals,
  staffHoursProblem,
  staffOffAllDay,
  staffOffDuring,
  staffOffMessage,
  type StaffAbsence,
  type StaffTimeRules,
  type StaffWeeklyHours,
} from './staff-hours.ts';

const SEOUL = 'Asia/Seoul';
const at = (local: string, zone = SEOUL) => zonedToUtc(local.slice(0, 10), Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16)), zone).getTime();
const nineToSix = { openMinute: 540, closeMinute: 1080 };
// 월–금 09:00–18:00, 토 10:00–14:00, 일 휴무
const weekdays: StaffWeeklyHours = fullWeek({ 1: [nineToSix], 2: [nineToSix], 3: [nineToSix], 4: [nineToSix], 5: [nineToSix], 6: [{ openMinute: 600, closeMinute: 840 }] });

describe('staff working hours and absences (OPS-2)', () => {
  it('a staff with no hours and no absences always works', () => {
    const rules: StaffTimeRules = { weeklyHours: null, absences: [] };
    expect(isStaffWorking(rules, { startsAt: at('2026-12-27T03:00'), endsAt: at('2026-12-27T23:00') }, SEOUL)).toBe(true);
    expect(offIntervals(rules, at('2026-12-21T00:00'), at('2026-12-28T00:00'), SEOUL)).toEqual([]);
  });

  it('judges the weekly hours on the local days of Seoul, with the server in UTC', () => {
    const rules: StaffTimeRules = { weeklyHours: weekdays, absences: [] };
    // 2026-12-24 is a Thursday: 09:00 Seoul is 00:00 UTC.
    expect(isStaffWorking(rules, { startsAt: at('2026-12-24T09:00'), endsAt: at('2026-12-24T10:00') }, SEOUL)).toBe(true);
    expect(isStaffWorking(rules, { startsAt: at('2026-12-24T08:30'), endsAt: at('2026-12-24T09:30') }, SEOUL)).toBe(false);
    expect(isStaffWorking(rules, { startsAt: at('2026-12-24T17:00'), endsAt: at('2026-12-24T18:00') }, SEOUL)).toBe(true);
    // Sunday off
    const sunday = staffOffDuring(rules, { startsAt: at('2026-12-27T11:00'), endsAt: at('2026-12-27T12:00') }, SEOUL)!;
    expect(sunday.kind).toBe('off_hours');
    expect(staffOffMessage('김원장', sunday, rules, SEOUL)).toBe('김원장님은 매주 일요일 휴무입니다.');
    const evening = staffOffDuring(rules, { startsAt: at('2026-12-24T18:00'), endsAt: at('2026-12-24T19:00') }, SEOUL)!;
    expect(staffOffMessage('김원장', evening, rules, SEOUL)).toBe('김원장님은 목요일 09:00–18:00에 근무합니다. 근무 시간이 아닙니다.');
  });

  it('a span across midnight is judged on both local days', () => {
    const lateAndEarly: StaffTimeRules = { weeklyHours: fullWeek({ 4: [{ openMinute: 1200, closeMinute: 1440 }], 5: [{ openMinute: 0, closeMinute: 120 }] }), absences: [] };
    expect(isStaffWorking(lateAndEarly, { startsAt: at('2026-12-24T23:00'), endsAt: at('2026-12-25T01:00') }, SEOUL)).toBe(true);
    expect(isStaffWorking(lateAndEarly, { startsAt: at('2026-12-24T23:00'), endsAt: at('2026-12-25T03:00') }, SEOUL)).toBe(false);
    // The time outside the hours, clipped to the range asked.
    const off = offIntervals(lateAndEarly, at('2026-12-24T00:00'), at('2026-12-26T00:00'), SEOUL);
    expect(off.map((o) => [o.startsAt, o.endsAt])).toEqual([
      [at('2026-12-24T00:00'), at('2026-12-24T20:00')],
      [at('2026-12-25T02:00'), at('2026-12-26T00:00')],
    ]);
  });

  it('a whole-day vacation covers the Seoul day, named with its memo, and hides the off-hours under it', () => {
    const vacation: StaffAbsence = { id: 'a1', kind: 'vacation', span: { kind: 'days', from: '2026-12-24', to: '2026-12-24' }, memo: '학회' };
    const rules: StaffTimeRules = { weeklyHours: weekdays, absences: [vacation] };
    const off = staffOffDuring(rules, { startsAt: at('2026-12-24T10:00'), endsAt: at('2026-12-24T11:00') }, SEOUL)!;
    expect(off).toMatchObject({ kind: 'vacation', absenceId: 'a1', label: '휴가 · 학회' });
    expect(staffOffMessage('김원장', off, rules, SEOUL)).toBe('김원장님은 12월 24일 (목) 휴가입니다 (학회).');
    const day = offIntervals(rules, at('2026-12-24T00:00'), at('2026-12-25T00:00'), SEOUL);
    expect(day).toEqual([{ startsAt: at('2026-12-24T00:00'), endsAt: at('2026-12-25T00:00'), kind: 'vacation', absenceId: 'a1', label: '휴가 · 학회' }]);
    expect(staffOffAllDay(rules, '2026-12-24', SEOUL)?.kind).toBe('vacation');
    expect(staffOffAllDay(rules, '2026-12-23', SEOUL)).toBeNull();
    expect(staffOffAllDay(rules, '2026-12-27', SEOUL)?.kind).toBe('off_hours');
  });

  it('a timed 외근 is off only for its span', () => {
    const rules: StaffTimeRules = { weeklyHours: null, absences: [{ id: 'f', kind: 'field_work', span: { kind: 'time', startsAt: at('2026-12-24T14:00'), endsAt: at('2026-12-24T16:00') }, memo: '' }] };
    expect(isStaffWorking(rules, { startsAt: at('2026-12-24T13:00'), endsAt: at('2026-12-24T14:00') }, SEOUL)).toBe(true);
    const off = staffOffDuring(rules, { startsAt: at('2026-12-24T15:30'), endsAt: at('2026-12-24T17:00') }, SEOUL)!;
    expect(staffOffMessage('이실장', off, rules, SEOUL)).toBe('이실장님은 12월 24일 (목) 14:00–16:00 외근입니다.');
  });

  it('checks input: hours in order and apart, absences in order and apart', () => {
    expect(staffHoursProblem(weekdays)).toBeNull();
    expect(staffHoursProblem(fullWeek({ 2: [{ openMinute: 600, closeMinute: 540 }] }))?.message).toMatch(/^화요일 근무 시간/);
    expect(staffHoursProblem(fullWeek({ 3: [nineToSix, { openMinute: 1000, closeMinute: 1200 }] }))?.code).toBe('STAFF_HOURS_INVALID');
    const existing: StaffAbsence[] = [{ id: 'v', kind: 'vacation', span: { kind: 'days', from: '2026-12-24', to: '2026-12-26' }, memo: '' }];
    expect(absenceProblem({ span: { kind: 'days', from: '2026-12-27', to: '2026-12-27' } }, existing, SEOUL)).toBeNull();
    expect(absenceProblem({ span: { kind: 'days', from: '2026-12-28', to: '2026-12-27' } }, existing, SEOUL)?.code).toBe('STAFF_ABSENCE_INVALID');
    expect(absenceProblem({ span: { kind: 'time', startsAt: at('2026-12-27T10:00'), endsAt: at('2026-12-27T10:00') } }, existing, SEOUL)?.code).toBe('STAFF_ABSENCE_INVALID');
    const overlap = absenceProblem({ span: { kind: 'time', startsAt: at('2026-12-26T23:00'), endsAt: at('2026-12-27T01:00') } }, existing, SEOUL);
    expect(overlap?.code).toBe('STAFF_ABSENCES_OVERLAP');
    expect(overlap?.message).toBe('이미 등록된 휴가(12월 24일 (목) ~ 12월 26일 (토))와 겹칩니다.');
    // Ending at midnight Seoul (15:00 UTC) does not touch the next day's absence.
    expect(absenceProblem({ span: { kind: 'time', startsAt: at('2026-12-23T22:00'), endsAt: at('2026-12-24T00:00') } }, existing, SEOUL)).toBeNull();
  });
});

// ------------------------------------------------------------ properties

const STEP = 30;
const ZONES = [SEOUL, 'UTC', 'America/New_York'];
// Away from DST changes (New York's are in March and November), so a local minute names one instant.
const FIRST_DATE = '2026-11-20';

const rangeArb = fc
  .tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 48 }))
  .map(([start, length]) => ({ openMinute: start * STEP, closeMinute: Math.min(48, start + length) * STEP }));
const dayArb = fc.array(rangeArb, { maxLength: 3 }).map((ranges) => {
  // Sorted and apart, as staffHoursProblem requires.
  const kept: { openMinute: number; closeMinute: number }[] = [];
  for (const r of [...ranges].sort((a, b) => a.openMinute - b.openMinute)) if (!kept.length || r.openMinute >= kept[kept.length - 1]!.closeMinute) kept.push(r);
  return kept;
});
const weekArb = fc.option(fc.tuple(dayArb, dayArb, dayArb, dayArb, dayArb, dayArb, dayArb).map((days) => fullWeek(Object.fromEntries(days.map((d, i) => [String(i + 1), d])))), { nil: null });

function absenceArb(zone: string) {
  const daySpan = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3 })).map(([first, length]) => ({ kind: 'days' as const, from: addDays(FIRST_DATE, first), to: addDays(FIRST_DATE, first + length) }));
  const timeSpan = fc.tuple(fc.integer({ min: 0, max: 20 * 48 }), fc.integer({ min: 1, max: 96 })).map(([first, length]) => {
    const startsAt = zonedToUtc(FIRST_DATE, 0, zone).getTime() + first * STEP * 60_000;
    return { kind: 'time' as const, startsAt, endsAt: startsAt + length * STEP * 60_000 };
  });
  return fc.record({ kind: fc.constantFrom('day_off' as const, 'vacation' as const, 'field_work' as const), span: fc.oneof(daySpan, timeSpan), memo: fc.constant('') });
}

/** The rules, one step at a time: off when an absence holds the instant or the local time is outside that day's hours. */
function offAtStep(rules: StaffTimeRules, instant: number, zone: string): boolean {
  const date = dateKeyOf(new Date(instant), zone);
  for (const a of rules.absences) {
    if (a.span.kind === 'days' ? a.span.from <= date && date <= a.span.to : a.span.startsAt <= instant && instant < a.span.endsAt) return true;
  }
  if (!rules.weeklyHours) return false;
  const minute = minutesOfDay(new Date(instant), zone);
  const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return !rules.weeklyHours[weekday as 1].some((h) => h.openMinute <= minute && minute + STEP <= h.closeMinute);
}

describe('staff time properties (OPS-2)', () => {
  it.each(ZONES)('in %s, a span is worked exactly when every step of it is, and the bands are the off steps', (zone) => {
    fc.assert(
      fc.property(weekArb, fc.array(absenceArb(zone), { maxLength: 4 }), fc.integer({ min: 0, max: 20 * 48 }), fc.integer({ min: 1, max: 96 }), (weeklyHours, raw, first, length) => {
        const absences: StaffAbsence[] = raw.map((a, i) => ({ ...a, id: `a${i}` }));
        const rules: StaffTimeRules = { weeklyHours, absences };
        const startsAt = zonedToUtc(FIRST_DATE, 0, zone).getTime() + first * STEP * 60_000;
        const endsAt = startsAt + length * STEP * 60_000;
        const steps: number[] = [];
        for (let t = startsAt; t < endsAt; t += STEP * 60_000) steps.push(t);
        const expectedWorking = steps.every((t) => !offAtStep(rules, t, zone));
        expect(isStaffWorking(rules, { startsAt, endsAt }, zone)).toBe(expectedWorking);

        const bands = offIntervals(rules, startsAt, endsAt, zone);
        for (const b of bands) {
          expect(b.startsAt).toBeGreaterThanOrEqual(startsAt);
          expect(b.endsAt).toBeLessThanOrEqual(endsAt);
          expect(b.endsAt).toBeGreaterThan(b.startsAt);
        }
        for (const t of steps) expect(bands.some((b) => b.startsAt <= t && t < b.endsAt)).toBe(offAtStep(rules, t, zone));
      }),
      { numRuns: 200 },
    );
  });

  it('bands are disjoint and in order, even for absences that meet (so availability may search them)', () => {
    fc.assert(
      fc.property(weekArb, fc.array(absenceArb(SEOUL), { maxLength: 4 }), (weeklyHours, raw) => {
        const rules: StaffTimeRules = { weeklyHours, absences: raw.map((a, i) => ({ ...a, id: `a${i}` })) };
        const bands = offIntervals(rules, at('2026-11-20T00:00'), at('2026-12-15T00:00'), SEOUL);
        for (let i = 1; i < bands.length; i++) expect(bands[i]!.startsAt).toBeGreaterThanOrEqual(bands[i - 1]!.endsAt);
      }),
      { numRuns: 100 },
    );
  });
});
