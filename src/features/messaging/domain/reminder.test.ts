import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isAllowedReminderTime, noticeSendAt, reminderSendAt, type ReminderRule } from './reminder.ts';

const ZONE = 'Asia/Seoul';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const hourOf = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).hour;
const LONG_AGO = new Date('2000-01-01T00:00:00Z');

describe('NOTI-2 reminder time', () => {
  it('defaults to the day before at 10:00 in the business zone, whatever the server zone', () => {
    const at = reminderSendAt(local('2026-12-10T15:00'), { mode: 'days_before', days: 1, time: '10:00' }, ZONE, LONG_AGO);
    expect(at?.toISOString()).toBe(local('2026-12-09T10:00').toISOString());
  });

  it('moves a night reminder earlier: after midnight to 08:00 when the visit is later, else to 20:00 the evening before', () => {
    const rule: ReminderRule = { mode: 'hours_before', hours: 3 };
    expect(reminderSendAt(local('2026-12-10T09:00'), rule, ZONE, LONG_AGO)?.toISOString()).toBe(local('2026-12-10T08:00').toISOString());
    expect(reminderSendAt(local('2026-12-10T07:30'), rule, ZONE, LONG_AGO)?.toISOString()).toBe(local('2026-12-09T20:00').toISOString());
    expect(reminderSendAt(local('2026-12-10T23:30'), { mode: 'hours_before', hours: 1 }, ZONE, LONG_AGO)?.toISOString()).toBe(local('2026-12-10T20:00').toISOString());
  });

  it('is not sent when its time has passed', () => {
    expect(reminderSendAt(local('2026-12-10T15:00'), { mode: 'days_before', days: 1, time: '10:00' }, ZONE, local('2026-12-09T18:00'))).toBeNull();
  });

  it('never falls between 21:00 and 08:00 and is always before the visit (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }),
        fc.oneof(
          fc.record({ mode: fc.constant('hours_before' as const), hours: fc.integer({ min: 1, max: 72 }) }),
          fc.record({ mode: fc.constant('days_before' as const), days: fc.integer({ min: 0, max: 7 }), time: fc.constantFrom('08:00', '10:00', '13:30', '20:59') }),
        ),
        (ms, rule) => {
          const startsAt = new Date(Math.floor(ms / 60_000) * 60_000);
          const at = reminderSendAt(startsAt, rule, ZONE, LONG_AGO);
          if (at === null) return;
          expect(at.getTime()).toBeLessThan(startsAt.getTime());
          const h = hourOf(at);
          expect(h >= 8 && h < 21).toBe(true);
        },
      ),
    );
  });

  it('accepts reminder times outside the night only', () => {
    expect(isAllowedReminderTime('10:00')).toBe(true);
    expect(isAllowedReminderTime('21:00')).toBe(false);
    expect(isAllowedReminderTime('07:59')).toBe(false);
    expect(isAllowedReminderTime('25:00')).toBe(false);
  });

  it('holds a notice written in the night until 08:00', () => {
    expect(noticeSendAt(local('2026-12-10T23:10'), ZONE).toISOString()).toBe(local('2026-12-11T08:00').toISOString());
    expect(noticeSendAt(local('2026-12-10T12:00'), ZONE).toISOString()).toBe(local('2026-12-10T12:00').toISOString());
  });
});
