import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newDeviceCookie, trustedDevice } from './device-cookie.ts';

describe('device cookie (SEC-3)', () => {
  const secret = crypto.randomBytes(32);

  it('trusts the cookie issued for this email only, in the spelling issued', () => {
    const cookie = newDeviceCookie(secret, 'owner@test.yeyak.kr');
    const deviceId = cookie.split('.')[0];
    expect(trustedDevice(secret, cookie, 'owner@test.yeyak.kr')).toBe(deviceId);
    expect(trustedDevice(secret, cookie, 'other@test.yeyak.kr')).toBeNull();
    expect(trustedDevice(crypto.randomBytes(32), cookie, 'owner@test.yeyak.kr')).toBeNull();
    expect(trustedDevice(secret, `${cookie}.x`, 'owner@test.yeyak.kr')).toBeNull();
    expect(trustedDevice(secret, undefined, 'owner@test.yeyak.kr')).toBeNull();
    // Every other last character, including those that decode to the same bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const ch of alphabet) {
      if (ch === cookie.at(-1)) continue;
      expect(trustedDevice(secret, cookie.slice(0, -1) + ch, 'owner@test.yeyak.kr')).toBeNull();
    }
  });
});
