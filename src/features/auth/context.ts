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
