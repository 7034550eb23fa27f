// The customers feature's public face: the only file other features (and the app) import.
export type { CustomerJson } from './present.ts';
export { canSeeFullPhone } from './present.ts';
export { customerJson } from './routes.ts';
export { default as customersRoutes } from './routes.ts';
export { findOrCreateCustomerByNameAndPhone } from './service.ts';
export { presentCustomer } from './present.ts';
export { presentCustomerPhone } from './present.ts';
