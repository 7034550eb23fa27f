// The settings feature's public face: the only file other features (and the app) import.
export * as settingsRepository from './repository.ts';
export type { BusinessChangeCheck } from './business.ts';
export { default as settingsRoutes } from './routes.ts';
export { registerBusinessChangeCheck } from './business.ts';
