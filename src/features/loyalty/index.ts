// The loyalty feature's public face: the only file other features (and the app) import.
export * as loyaltyRepository from './repository.ts';
export type { CustomerGroup } from './groups.ts';
export type { PosCaller } from './service.ts';
export { CUSTOMER_GROUPS } from './groups.ts';
export { createPosKeyForBusiness } from './service.ts';
export { default as loyaltyRoutes } from './routes.ts';
export { groupMemberQuery } from './groups.ts';
export { groupsOfCustomers } from './groups.ts';
export { prepareCustomerImportQueue } from './import-job.ts';
export { recordPosVisit } from './service.ts';
export { recordScheduleVisit } from './service.ts';
export { startCustomerImportWorker } from './import-job.ts';
export { loyaltyScheduleHooks } from './schedule-hooks.ts';
