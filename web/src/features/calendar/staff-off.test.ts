import { describe, expect, it } from 'vitest';
import { offBandsOf, type StaffOff } from './staff-off';

const KST = (local: string) => new Date(`${local}:00+09:00`).toISOString();
const range = { start: 8 * 60, end: 22 * 60 };

describe('staff absence bands in the calendar (OPS-2)', () => {
  const off: StaffOff[] = [
    { staffId: 's1', startsAt: KST('2026-12-23T18:00'), endsAt: KST('2026-12-24T09:00'), kind: 'off_hours', label: '근무 시간 외' },
    { staffId: 's1', startsAt: KST('2026-12-24T14:00'), endsAt: KST('2026-12-24T16:00'), kind: 'vacation', label: '휴가 · 학회' },
    { staffId: 's2', startsAt: KST('2026-12-24T00:00'), endsAt: KST('2026-12-25T00:00'), kind: 'day_off', label: '휴무' },
  ];

  it('clips each interval to the column’s Seoul day and the grid’s range', () => {
    expect(offBandsOf(off, 's1', '2026-12-24', range, 'Asia/Seoul').map((b) => [b.startMinutes, b.endMinutes, b.label])).toEqual([
      [8 * 60, 9 * 60, '근무 시간 외'],
      [14 * 60, 16 * 60, '휴가 · 학회'],
    ]);
    expect(offBandsOf(off, 's1', '2026-12-23', range, 'Asia/Seoul').map((b) => [b.startMinutes, b.endMinutes])).toEqual([[18 * 60, 22 * 60]]);
    expect(offBandsOf(off, 's2', '2026-12-24', range, 'Asia/Seoul').map((b) => [b.startMinutes, b.endMinutes, b.kind])).toEqual([[range.start, range.end, 'day_off']]);
  });

  it('shows nothing for another staff or another day', () => {
    expect(offBandsOf(off, 's3', '2026-12-24', range, 'Asia/Seoul')).toEqual([]);
    expect(offBandsOf(off, 's2', '2026-12-26', range, 'Asia/Seoul')).toEqual([]);
  });
});
