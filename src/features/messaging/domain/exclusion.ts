import type { ExclusionReason } from '../../../shared/labels/messaging.ts';

/**
 * MSG-5, MSG-6, MSG-10: whether a customer of the audience gets the
 * message, and if not, the one reason shown for it. Advertising goes only
 * to customers with marketing consent; an opted-out customer has lost it
 * too but is shown as 수신거부, the more telling reason. The send settings
 * apply only when set (null: the setting is off).
 */
export interface RecipientFacts {
  /** The stored phone is a number a message can go to. */
  phoneValid: boolean;
  /** The phone has refused advertising (marketing_opt_outs or the customer's own opt-out). */
  optedOut: boolean;
  marketingConsent: boolean;
  /** 발송 대상 제한: visited within its period; null when the setting is off. */
  visitedInPeriod: boolean | null;
  /** 중복 발송 방지: received a message within its period; null when the setting is off. */
  receivedInPeriod: boolean | null;
}

export function exclusionReason(facts: RecipientFacts): ExclusionReason | null {
  if (!facts.phoneValid) return 'invalid_phone';
  if (facts.optedOut) return 'opted_out';
  if (!facts.marketingConsent) return 'no_consent';
  if (facts.visitedInPeriod === false) return 'visitor_restriction';
  if (facts.receivedInPeriod === true) return 'duplicate_prevention';
  return null;
}
