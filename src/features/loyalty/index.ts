// The loyalty feature's public face: the only file other features (and the app) import.
export { isCustomerGroup } from './domain/groups.ts';
export { groupMemberCondition, groupMemberQuery } from './repository/groups.ts';
// Issue 14: the audience facts on the customer row, recomputed by every writer of visits and received messages.
export { refreshCustomerFacts } from './repository/facts.ts';
export { repairAudienceFactsCommand } from './repair-cli.ts';
export { reverseScheduleVisit } from './use-cases/reverse-schedule-visit.ts';
export { groupsOfCustomers } from './use-cases/groups-of-customers.ts';
export { loyaltyBookingHooks, loyaltyScheduleHooks } from './schedule-hooks.ts';
export { default as loyaltyRoutes } from './routes.ts';
// The POS API's authentication and coupon shape, for every POS route (messaging serves POST /api/pos/coupons/:code/redeem).
export type { PosCaller } from './pos-auth.ts';
export { POS_SECURITY, posCallerOf, posRoute } from './pos-auth.ts';
export { posCouponJson } from './routes.ts';
export type { PosCoupon, PosCouponRedeemer } from './hooks.ts';
export { registerPosCouponRedeemer } from './hooks.ts';
export { recordPosVisit } from './use-cases/record-pos-visit.ts';
export { recordCompletedScheduleVisits } from './use-cases/record-completed-schedule-visits.ts';
export { createPosKey } from './use-cases/create-pos-key.ts';
export { createGrade } from './use-cases/create-grade.ts';
export { createTag } from './use-cases/create-tag.ts';
export { prepareCustomerImportQueue, startCustomerImportWorker } from './import-job.ts';
export { importCustomersCommand } from './import-cli.ts';
