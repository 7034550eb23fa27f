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
// NOTI-1 … NOTI-4, LAW-3: customer notices, written by the hooks of the change they tell about.
export { messagingBookingHooks, messagingRefundHook, messagingScheduleHooks } from './notice-hooks.ts';
export { sendNotice, sweepNotices } from './use-cases/notices.ts';
export { pollLateReports } from './use-cases/poll-reports.ts';
export { writeConsentNotices } from './use-cases/consent-notices.ts';
