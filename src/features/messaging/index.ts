// The messaging feature's public face: the only file other features (and the app) import.
export * as messagingRepository from './repository.ts';
export type { CustomerGroup } from './domain/groups.ts';
export { LOCAL_PROVIDER_URL } from './providers.ts';
export { PROSPECTIVE_MIN_ACCRUALS } from './domain/groups.ts';
export { REGULAR_MIN_ACCRUALS } from './domain/groups.ts';
export { default as messagingRoutes } from './routes.ts';
export { normalizeCouponCode } from './domain/coupon.ts';
export { prepareMessagingQueues } from './dispatch.ts';
export { regularWindowStart } from './domain/groups.ts';
export { startMessagingWorkers } from './dispatch.ts';
