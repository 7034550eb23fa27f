/**
 * The local Toss Payments–compatible server (PAY-1): what the demo pays
 * through, what the tests and the bench pay to, and
 * `npm run provider:toss-local`. Talks HTTP only; nothing here opens a
 * database.
 */
export {
  LOCAL_TOSS_DEFAULT_CLIENT_KEY,
  LOCAL_TOSS_DEFAULT_PORT,
  LOCAL_TOSS_DEFAULT_SECRET_KEY,
  startLocalToss,
  type LocalToss,
  type LocalTossOptions,
} from './server.ts';
export type { FaultSwitches } from './faults.ts';
export type { LocalMethod } from './records.ts';
export { DEFAULT_FEE_RATES, feeOf, feeVatOf, type FeeRates, type TossSettlementJson } from './settlements.ts';
export type { WebhookDelivery } from './webhooks.ts';
export type { TossPaymentJson } from './wire.ts';
