// The settings feature's public face: the only file other features (and the app) import.
export * as settingsRepository from './repository.ts';
export type { BusinessChangeCheck } from './business-change-checks.ts';
export { default as settingsRoutes } from './routes.ts';
export { registerBusinessChangeCheck } from './business-change-checks.ts';
export { registerBusiness } from './use-cases/register-business.ts';
export { hasStaffRules, isStaffOffAt, offIntervals, staffOffAllDay, staffOffDuring, staffOffMessage, type OffInterval, type StaffTimeRules } from './domain/staff-hours.ts';
export { loadStaffOffIntervals, loadStaffTimeRules } from './use-cases/staff-time-rules.ts';
