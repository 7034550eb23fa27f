import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/registry.ts';
import type { Permission } from './permissions.ts';

/** Who is acting: every service call of tenant data takes one, so every query can name the business. */
export interface Actor {
  businessId: string;
  userId: string;
  userName: string;
  role: 'admin' | 'member';
  permissions: ReadonlySet<Permission>;
  timeZone: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /**
     * Who may call the route (authorization in one layer: the route says it,
     * one hook checks it, use cases assume it): a permission flag, or
     * 'admin'. Routes without it need only a session (or none, if public).
     */
    permission?: Permission | 'admin';
  }
}

/** The check behind `config.permission`, run by the app for every route after validation. */
export function authorize(actor: Actor | null, required: Permission | 'admin' | undefined): void {
  if (required === undefined) return;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (required === 'admin' ? actor.role !== 'admin' : !can(actor, required)) throw new AppError('FORBIDDEN');
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN');
}
