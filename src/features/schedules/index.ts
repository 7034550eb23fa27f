// The schedules feature's public face: the only file other features (and the app) import.
export * as schedulesRepository from './repository.ts';
export type { ScheduleSeed } from './repository.ts';
export { default as schedulesRoutes } from './routes.ts';
export { registerScheduleHooks, type ScheduleHooks, type ScheduleHookContext, type ScheduleRef } from './hooks.ts';
