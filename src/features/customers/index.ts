// The customers feature's public face: the only file other features (and the app) import.
export * as customersRepository from './repository.ts';
export type { CustomerJson } from './domain/present.ts';
export { canSeeFullPhone, presentCustomer, presentCustomerPhone } from './domain/present.ts';
export { customerJson } from './routes.ts';
export { default as customersRoutes } from './routes.ts';
export { findOrCreateCustomerByNameAndPhone } from './use-cases/find-or-create-customer.ts';
export type { CustomerGroupsOf } from './hooks.ts';
// Issue 14: loyalty recomputes a merged customer's audience facts (registered at assembly).
export { registerCustomerHistoryMoved, type CustomerHistoryMoved } from './hooks.ts';
export { registerCustomerGroupMembers, registerCustomerGroups, type CustomerGroupMembers } from './hooks.ts';
// LAW-1, LAW-2: the consent history, written by the features where a consent changes (bookings, the opt-out link, imports).
export { recordBookingConsents, recordConsentEvents, type BookingConsents, type NewConsentEvent } from './use-cases/record-consents.ts';
