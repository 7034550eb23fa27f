import { describe, expect, it } from 'vitest';
import { PERMISSION_LABELS } from '../../../shared/labels/auth.ts';
import { canonicalPermissions, effectivePermissions, PERMISSIONS } from './permissions.ts';

describe('permissions (CORE-2)', () => {
  it('gives admins every flag and members their group’s known flags', () => {
    expect(effectivePermissions('admin', null)).toEqual([...PERMISSIONS]);
    expect(effectivePermissions('member', ['schedules.edit', 'root', 'customers.view'])).toEqual(['schedules.edit', 'customers.view']);
    expect(effectivePermissions('member', null)).toEqual([]);
  });

  it('stores a group’s flags known, once each, in the order settings show them', () => {
    expect(canonicalPermissions(['naver.alert', 'customers.view', 'naver.alert', 'everything'])).toEqual(['customers.view', 'naver.alert']);
  });

  it('has a Korean label for every flag and no label without a flag', () => {
    expect(Object.keys(PERMISSION_LABELS)).toEqual([...PERMISSIONS]);
    for (const label of Object.values(PERMISSION_LABELS)) expect(label).toMatch(/[가-힣]/);
  });
});
