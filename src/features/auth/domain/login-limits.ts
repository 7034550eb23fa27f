import type { RateLimitName } from '../../../platform/http/rate-limits.ts';

export type LoginCount = [name: RateLimitName, key: string];

/**
 * SEC-3: the counts one login attempt spends, all of them before the
 * password is checked (so a burst of parallel guesses is counted too):
 * - the account from this client: this address, or, on a browser that logged
 *   into this account before (a trusted device), that device;
 * - for clients that are not such a device, also the client over all
 *   accounts and the account over all such clients.
 * An attacker is slowed per address and, distributed, per account, while the
 * owner's own browser keeps its own count; nothing locks an account globally.
 * A success resets `own` and gives back `others`.
 */
export function loginCounts(input: { account: string; deviceId: string | null; clientKey: string }): { own: LoginCount; others: LoginCount[] } {
  if (input.deviceId) return { own: ['loginFailuresPerAccountAndClient', `${input.account}:device:${input.deviceId}`], others: [] };
  return {
    own: ['loginFailuresPerAccountAndClient', `${input.account}:client:${input.clientKey}`],
    others: [
      ['loginFailuresPerClient', input.clientKey],
      ['loginFailuresPerAccount', input.account],
    ],
  };
}
