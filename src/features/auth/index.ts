// The auth feature's public face: the only file other features (and the app) import.
export * as authRepository from './repository.ts';
export type { Actor } from './context.ts';
export type { Permission } from './domain/permissions.ts';
export { PERMISSIONS } from './domain/permissions.ts';
export { canonicalPermissions } from './domain/permissions.ts';
export { SESSION_COOKIE } from './session-http.ts';
export { openSession } from './session-http.ts';
export { actorOf } from './context.ts';
export { can } from './context.ts';
export { default as authRoutes } from './routes.ts';
export { hashPassword } from './passwords.ts';
export { resolveSession } from './use-cases/resolve-session.ts';
export { authorize } from './context.ts';
export { businessReply, meReply, noContent, permission, userRole } from './schemas.ts';
