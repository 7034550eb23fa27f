import { describe, expect, it } from 'vitest';
import type { Availability } from '../../api/models';
import { closedRunText, closedRunsOf } from './closedDays';

describe('the closed days the booking page names (OPS-1)', () => {
  const data: Availability = {
    kind: 'time_slot',
    lastDate: '2027-02-28',
    days: [],
    closedDays: [
      { date: '2026-12-29', kind: 'closure', reason: '임시휴무: 원장님 학회' },
      { date: '2026-12-25', kind: 'holiday', reason: '공휴일 휴무: 기독탄신일' },
      { date: '2026-12-27', kind: 'weekly', reason: '정기 휴무일' },
      { date: '2026-12-28', kind: 'closure', reason: '임시휴무: 원장님 학회' },
      { date: '2026-12-30', kind: 'closure', reason: '임시휴무: 원장님 학회' },
      { date: '2026-12-02', kind: 'holiday', reason: '공휴일 휴무: 지난 날' },
    ],
  };

  it('joins consecutive days of one reason, leaves out weekly days off and past days', () => {
    expect(closedRunsOf(data, '2026-12-03')).toEqual([
      { from: '2026-12-25', to: '2026-12-25', reason: '공휴일 휴무: 기독탄신일' },
      { from: '2026-12-28', to: '2026-12-30', reason: '임시휴무: 원장님 학회' },
    ]);
    expect(closedRunsOf(undefined, '2026-12-03')).toEqual([]);
    expect(closedRunsOf({ kind: 'scheduled', bookingSchedules: [] }, '2026-12-03')).toEqual([]);
  });

  it('says when and why', () => {
    const [christmas, conference] = closedRunsOf(data, '2026-12-03');
    expect(closedRunText(christmas!)).toBe('12월 25일 (금) 공휴일 휴무: 기독탄신일');
    expect(closedRunText(conference!)).toBe('12월 28일 (월) ~ 12월 30일 (수) 임시휴무: 원장님 학회');
  });
});
