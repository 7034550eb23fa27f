import { describe, expect, it } from 'vitest';
import { changesVirtualProtectedFields, isVirtualStaff } from './staff.ts';

describe('virtual staff (CORE-4)', () => {
  it('names the channel columns virtual', () => {
    expect(['naver', 'booking_page'].map((k) => isVirtualStaff(k as 'naver'))).toEqual([true, true]);
    expect(['user', 'resource'].map((k) => isVirtualStaff(k as 'user'))).toEqual([false, false]);
  });

  it('lets a virtual staff change place and colour only', () => {
    const current = { name: '네이버예약', active: true, department_id: null };
    expect(changesVirtualProtectedFields(current, { sortOrder: 3, color: '#000000' })).toBe(false);
    expect(changesVirtualProtectedFields(current, { name: '네이버예약', active: true, departmentId: null })).toBe(false);
    expect(changesVirtualProtectedFields(current, { name: '다른 이름' })).toBe(true);
    expect(changesVirtualProtectedFields(current, { active: false })).toBe(true);
    expect(changesVirtualProtectedFields(current, { departmentId: '00000000-0000-4000-8000-000000000000' })).toBe(true);
  });
});
