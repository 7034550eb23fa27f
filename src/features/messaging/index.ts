// The messaging feature's public face: the only file other features (and the app, and tools) import.
export { default as messagingRoutes } from './routes.ts';
export { prepareMessagingQueues } from './queues.ts';
export { startMessagingWorkers } from './workers.ts';
export { upsertProviderSettings } from './use-cases/provider-settings.ts';
export { messagingPosCouponRedeemer, peekCheckoutCoupon, redeemCheckoutCoupon, releaseCheckoutCoupon } from './use-cases/coupons.ts';
export { LOCAL_PROVIDER_URL, setLocalProviderStarter, type LocalProviderAccount, type LocalProviderStarter } from './provider/local.ts';
// The Solapi wire rules, for the local Solapi-compatible server (tools/solapi-local).
export { verifySolapiAuthorization, withReportToken } from './provider/solapi-auth.ts';
export { solapiStatusMessage } from './provider/status-codes.ts';
