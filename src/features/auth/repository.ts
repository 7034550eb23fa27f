import { sql, type Kysely } from 'kysely';
import type { DB, ServiceType, UserRole } from '../../platform/db/types.ts';
import './constraints.ts';
import type { Permission } from './domain/permissions.ts';

type Db = Kysely<DB>;

/** @installation a business being created has no id yet (sign-up, the demo). */
export async function insertBusiness(db: Db, values: { name: string; serviceType: ServiceType; phone?: string; departmentsEnabled?: boolean }) {
  return db
    .insertInto('businesses')
    .values({ name: values.name, service_type: values.serviceType, phone: values.phone ?? '', departments_enabled: values.departmentsEnabled ?? false })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertUser(
  db: Db,
  values: { businessId: string; email: string; passwordHash: string; name: string; role: UserRole; permissionGroupId: string | null },
) {
  return db
    .insertInto('users')
    .values({
      business_id: values.businessId,
      email: values.email,
      password_hash: values.passwordHash,
      name: values.name,
      role: values.role,
      permission_group_id: values.permissionGroupId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** @installation the login knows only the email, unique across businesses. */
export async function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function insertSession(db: Db, values: { tokenHash: string; userId: string; businessId: string; expiresAt: Date }) {
  await db
    .insertInto('sessions')
    .values({ token_hash: values.tokenHash, user_id: values.userId, business_id: values.businessId, expires_at: values.expiresAt })
    .execute();
}

/** @installation a session is known by its token's hash alone (logout). */
export async function deleteSession(db: Db, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/**
 * The session's user with everything a request needs to authorize, in one query.
 * @installation a request is known by its session token's hash before anyone knows its business.
 */
export async function findSessionActor(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('businesses', 'businesses.id', 'users.business_id')
    .leftJoin('permission_groups', (j) =>
      j.onRef('permission_groups.id', '=', 'users.permission_group_id').onRef('permission_groups.business_id', '=', 'users.business_id'),
    )
    .select([
      'users.id as userId',
      'users.name as userName',
      'users.role',
      'users.business_id as businessId',
      'businesses.time_zone as timeZone',
      'permission_groups.permissions',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', true)
    .executeTakeFirst();
}

export async function findMe(db: Db, businessId: string, userId: string) {
  return db
    .selectFrom('users')
    .innerJoin('businesses', 'businesses.id', 'users.business_id')
    .leftJoin('staff', (j) => j.onRef('staff.user_id', '=', 'users.id').onRef('staff.business_id', '=', 'users.business_id'))
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'staff.id as staffId',
      'businesses.id as businessId',
      'businesses.name as businessName',
      'businesses.service_type as serviceType',
      'businesses.time_zone as timeZone',
      'businesses.phone as businessPhone',
      'businesses.departments_enabled as departmentsEnabled',
    ])
    .where('users.business_id', '=', businessId)
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

/** The active users who hold a permission: every admin, and members whose group has it (who hears of a channel's new booking). */
export async function findUsersWithPermission(db: Db, businessId: string, permission: Permission): Promise<string[]> {
  const rows = await usersWithPermissionQuery(db, businessId, permission).execute();
  return rows.map((r) => r.id);
}

/**
 * The ids of the active users holding a permission (admins hold all), as a
 * query not yet run: another feature's statement can embed it (e.g. as
 * `array(…)`) instead of sending a statement of its own.
 */
export function usersWithPermissionQuery(db: Db, businessId: string, permission: Permission) {
  return db
    .selectFrom('users')
    .leftJoin('permission_groups as g', (j) => j.onRef('g.id', '=', 'users.permission_group_id').onRef('g.business_id', '=', 'users.business_id'))
    .select('users.id')
    .where('users.business_id', '=', businessId)
    .where('users.active', '=', true)
    .where((eb) => eb.or([eb('users.role', '=', 'admin'), sql<boolean>`${permission} = any(${eb.ref('g.permissions')})`]));
}
