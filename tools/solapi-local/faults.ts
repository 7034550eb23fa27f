/**
 * Simulated outages for tests and the bench (LocalProvider.failNext): the
 * next `count` API calls are answered 503, either before any work
 * ('before') or after it, losing the answer ('after') — what a crash or a
 * dropped connection looks like.
 */

export type FaultWhen = 'before' | 'after';

export interface FaultSwitch {
  failNext(count: number, when?: FaultWhen): void;
  /** For each API call, first: when this call fails, or null when it does not (one armed failure is used up). */
  take(): FaultWhen | null;
}

export const UNAVAILABLE = { errorCode: 'ServiceUnavailable', errorMessage: '일시적인 장애입니다 (시뮬레이션).' };

export function createFaultSwitch(): FaultSwitch {
  let failing = 0;
  let failWhen: FaultWhen = 'before';
  return {
    failNext(count, when = 'before') {
      failing = Math.max(0, Math.floor(count));
      failWhen = when;
    },
    take() {
      if (!(failing > 0)) return null;
      failing -= 1;
      return failWhen;
    },
  };
}
