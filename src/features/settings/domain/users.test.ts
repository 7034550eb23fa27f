import { describe, expect, it } from 'vitest';
import { losesActiveAdmin, permissionGroupFor } from './users.ts';

describe('user rules (CORE-2)', () => {
  it('gives admins no group and refuses a member without one', () => {
    expect(permissionGroupFor('admin', 'g1')).toBeNull();
    expect(permissionGroupFor('member', 'g1')).toBe('g1');
    for (const missing of [null, undefined, '']) {
      expect(() => permissionGroupFor('member', missing)).toThrow(expect.objectContaining({ code: 'MEMBER_NEEDS_GROUP' }));
    }
  });

  it('sees an active admin lose that status by demotion or deactivation, and nothing else', () => {
    const activeAdmin = { role: 'admin', active: true } as const;
    expect(losesActiveAdmin(activeAdmin, { role: 'member', active: true })).toBe(true);
    expect(losesActiveAdmin(activeAdmin, { role: 'admin', active: false })).toBe(true);
    expect(losesActiveAdmin(activeAdmin, activeAdmin)).toBe(false);
    expect(losesActiveAdmin({ role: 'admin', active: false }, { role: 'member', active: false })).toBe(false);
    expect(losesActiveAdmin({ role: 'member', active: true }, { role: 'member', active: false })).toBe(false);
  });
});
