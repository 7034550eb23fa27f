import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../context.ts';
import { effectivePermissions } from '../domain/permissions.ts';
import * as repo from '../repository.ts';
import { hashToken } from '../session-token.ts';

/** Who a session token speaks for, or null for an unknown, expired or deactivated one: one query per request. */
export async function resolveSession(db: Kysely<DB>, token: string, now = new Date()): Promise<Actor | null> {
  const row = await repo.findSessionActor(db, hashToken(token), now);
  if (!row) return null;
  return {
    businessId: row.businessId,
    userId: row.userId,
    userName: row.userName,
    role: row.role,
    permissions: new Set(effectivePermissions(row.role, row.permissions)),
    timeZone: row.timeZone,
  };
}
