import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exclusionReason } from './exclusion.ts';
import { EXCLUSION_REASONS, EXCLUSION_REASON_LABELS } from '../../../shared/labels/messaging.ts';

const reachable = { phoneValid: true, optedOut: false, marketingConsent: true, visitedInPeriod: null, receivedInPeriod: null };

describe('exclusion from the audience (MSG-5, MSG-6)', () => {
  it('sends to a valid number with consent when no setting is on', () => {
    expect(exclusionReason(reachable)).toBeNull();
    expect(exclusionReason({ ...reachable, visitedInPeriod: true, receivedInPeriod: false })).toBeNull();
  });

  it('names one reason per customer, the most telling first', () => {
    expect(exclusionReason({ ...reachable, marketingConsent: false })).toBe('no_consent');
    expect(exclusionReason({ ...reachable, optedOut: true, marketingConsent: false })).toBe('opted_out');
    expect(exclusionReason({ ...reachable, phoneValid: false, optedOut: true })).toBe('invalid_phone');
    expect(exclusionReason({ ...reachable, visitedInPeriod: false })).toBe('visitor_restriction');
    expect(exclusionReason({ ...reachable, receivedInPeriod: true })).toBe('duplicate_prevention');
    expect(exclusionReason({ ...reachable, visitedInPeriod: false, receivedInPeriod: true })).toBe('visitor_restriction');
    expect(exclusionReason({ ...reachable, marketingConsent: false, receivedInPeriod: true })).toBe('no_consent');
  });

  it('labels every reason in Korean', () => {
    expect(EXCLUSION_REASONS.map((r) => EXCLUSION_REASON_LABELS[r])).toEqual(['유효하지 않은 번호', '수신거부', '마케팅 수신 미동의', '발송 대상 제한', '중복 발송 방지']);
  });

  it('never sends advertising without consent or after an opt-out (property)', () => {
    const setting = fc.constantFrom(null, true, false);
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), setting, setting, (phoneValid, optedOut, marketingConsent, visitedInPeriod, receivedInPeriod) => {
        const reason = exclusionReason({ phoneValid, optedOut, marketingConsent, visitedInPeriod, receivedInPeriod });
        if (reason === null) {
          expect([phoneValid, !optedOut, marketingConsent, visitedInPeriod !== false, receivedInPeriod !== true]).toEqual([true, true, true, true, true]);
        } else {
          expect(EXCLUSION_REASONS).toContain(reason);
        }
      }),
    );
  });
});
