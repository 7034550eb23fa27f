/**
 * Simulated trouble for the tests, the bench and people (LocalToss.faults,
 * and the same object through `POST /local/faults`, `GET /local/faults`):
 *
 * - `delayMs`: every API reply (under /v1/) waits this long first.
 * - `fail5xx`: the next N API calls answer 500 FAILED_INTERNAL_SYSTEM_PROCESSING
 *   without doing anything (before the key is checked).
 * - `dropAfterApprove`: the next N confirms that approve record the approval
 *   (and the idempotent answer) and then destroy the socket without a reply,
 *   what a lost connection after the charge looks like.
 * - `expireSessions`: confirm answers 404 NOT_FOUND_PAYMENT_SESSION as if the
 *   10 minutes after authentication had passed (the payment turns EXPIRED).
 */

export interface FaultSwitches {
  delayMs: number;
  fail5xx: number;
  dropAfterApprove: number;
  expireSessions: boolean;
}

export function createFaults(): FaultSwitches {
  return { delayMs: 0, fail5xx: 0, dropAfterApprove: 0, expireSessions: false };
}

/** Uses up one armed failure of a counter: true when this call is to fail. */
export function takeFault(faults: FaultSwitches, name: 'fail5xx' | 'dropAfterApprove'): boolean {
  if (!(faults[name] > 0)) return false;
  faults[name] -= 1;
  return true;
}

const COUNTERS = ['delayMs', 'fail5xx', 'dropAfterApprove'] as const;

/** Applies a JSON patch from `POST /local/faults`; an error message (Korean) for a bad one, which changes nothing. */
export function patchFaults(faults: FaultSwitches, patch: unknown): string | null {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return '본문은 JSON 객체여야 합니다. 예: {"fail5xx": 1}';
  const input = patch as Record<string, unknown>;
  const unknownKeys = Object.keys(input).filter((k) => !(COUNTERS as readonly string[]).includes(k) && k !== 'expireSessions');
  if (unknownKeys.length) return `알 수 없는 항목입니다: ${unknownKeys.join(', ')} (delayMs, fail5xx, dropAfterApprove, expireSessions)`;
  for (const key of COUNTERS) {
    const value = input[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value >= 0)) return `${key} 는 0 이상의 정수여야 합니다.`;
  }
  if (input.expireSessions !== undefined && typeof input.expireSessions !== 'boolean') return 'expireSessions 는 true 또는 false 여야 합니다.';
  for (const key of COUNTERS) if (input[key] !== undefined) faults[key] = input[key] as number;
  if (input.expireSessions !== undefined) faults.expireSessions = input.expireSessions as boolean;
  return null;
}
