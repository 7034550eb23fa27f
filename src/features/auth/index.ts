// The auth feature's public face: the only file other features (and the app) import.
export * as authRepository from './repository.ts';
export type { Actor } from './context.ts';
export type { Permission } from './permissions.ts';
export { PERMISSIONS } from './permissions.ts';
export { PERMISSION_LABELS } from './permissions.ts';
export { SESSION_COOKIE } from './routes.ts';
export { actorOf } from './context.ts';
export { can } from './context.ts';
export { default as authRoutes } from './routes.ts';
export { effectivePermissions } from './permissions.ts';
export { hashPassword } from './passwords.ts';
export { hashToken } from './service.ts';
export { registerBusiness } from './service.ts';
export { requirePermission } from './context.ts';
export { authorize } from './context.ts';
