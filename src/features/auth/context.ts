import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/registry.ts';
import type { Permission } from './domain/permissions.ts';

/** Who is acting: every service call of tenant data takes one, so every query can name the business. */
export interface Actor {
  businessId: string;
  userId: string;
  userName: string;
  role: 'admin' | 'member';
  permissions: ReadonlySet<Permission>;
  timeZone: string;
}

/** What `config.permission` may say: one flag, any one of several flags, or the admin role. */
export type RoutePermission = Permission | readonly Permission[] | 'admin';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /**
     * Who may call the route (authorization in one layer: the route says it,
     * one hook checks it, use cases assume it): a permission flag, a list
     * of flags of which the caller needs any one (the partner center's
     * catalog is read by who manages bookings or settings), or 'admin'.
     * Routes without it need only a session (or none, if public).
     */
    permission?: RoutePermission;
  }
}

/**
 * The check behind `config.permission`, run by the app for every route
 * before its input is validated: a caller without the permission learns
 * nothing about the input rules (a 403, never a 400).
 */
export function authorize(actor: Actor | null, required: RoutePermission | undefined): void {
  if (required === undefined) return;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!mayCall(actor, required)) throw new AppError('FORBIDDEN');
}

function mayCall(actor: Actor, required: RoutePermission): boolean {
  if (required === 'admin') return actor.role === 'admin';
  if (typeof required === 'string') return can(actor, required);
  return required.some((p) => can(actor, p));
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}
