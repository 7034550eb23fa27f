import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { hasChanges } from '../../platform/db/changes.ts';
import './constraints.ts';
import type { DB, ServiceType, StaffKind, UserRole } from '../../platform/db/types.ts';

type Db = Kysely<DB>;

/**
 * How a read locks the row it finds. `update` before deleting or changing a
 * row that others reference: an insert referencing it (its foreign key check
 * takes a key-share lock) then waits for us, or we wait for it and see its
 * row. `keyShare` before inserting a row that references this one, so a
 * concurrent delete cannot slip between our check and our insert.
 */
export type RowLock = 'update' | 'keyShare';

function locked<QB extends SelectQueryBuilder<DB, keyof DB, object>>(qb: QB, lock: RowLock | undefined): QB {
  if (lock === 'update') return qb.forUpdate() as QB;
  if (lock === 'keyShare') return qb.forKeyShare() as QB;
  return qb;
}

/** The sort order after the last one, so new departments, staff and memo types go to the end. */
export async function nextSortOrder(db: Db, table: 'departments' | 'staff' | 'memo_types', businessId: string): Promise<number> {
  const { rows } = await sql<{ next: number }>`select coalesce(max(sort_order), -1) + 1 as next from ${sql.table(table)} where business_id = ${businessId}`.execute(db);
  return Number(rows[0]?.next ?? 0);
}

// Business (CORE-1, CORE-3)

/** Deletes a business and, by the foreign keys' cascades, every row of it (a demo seed that failed half-way). */
export async function deleteBusiness(db: Db, businessId: string) {
  await db.deleteFrom('businesses').where('id', '=', businessId).execute();
}

export async function findBusiness(db: Db, businessId: string) {
  return db.selectFrom('businesses').selectAll().where('id', '=', businessId).executeTakeFirst();
}

/**
 * Locks the business row for the rest of the transaction: changes that must
 * see every other change of the same kind first (the last active admin) take
 * it. A no-key-update lock does not block inserts that reference the business.
 */
export async function lockBusiness(db: Db, businessId: string) {
  return db.selectFrom('businesses').select('id').where('id', '=', businessId).forNoKeyUpdate().executeTakeFirst();
}

export async function updateBusiness(
  db: Db,
  businessId: string,
  changes: { name?: string; phone?: string; serviceType?: ServiceType; timeZone?: string; departmentsEnabled?: boolean },
) {
  const set = {
    name: changes.name,
    phone: changes.phone,
    service_type: changes.serviceType,
    time_zone: changes.timeZone,
    departments_enabled: changes.departmentsEnabled,
  };
  if (!hasChanges(set)) return findBusiness(db, businessId);
  return db.updateTable('businesses').set(set).where('id', '=', businessId).returningAll().executeTakeFirst();
}

// Departments (CORE-3)

export async function insertDepartment(db: Db, values: { businessId: string; name: string; color?: string; sortOrder?: number }) {
  return db
    .insertInto('departments')
    .values({ business_id: values.businessId, name: values.name, color: values.color, sort_order: values.sortOrder })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listDepartments(db: Db, businessId: string) {
  return db.selectFrom('departments').selectAll().where('business_id', '=', businessId).orderBy('sort_order').orderBy('name').orderBy('id').execute();
}

export async function findDepartment(db: Db, businessId: string, id: string, lock?: RowLock) {
  return locked(db.selectFrom('departments').selectAll().where('business_id', '=', businessId).where('id', '=', id), lock).executeTakeFirst();
}

export async function updateDepartment(db: Db, businessId: string, id: string, changes: { name?: string; color?: string; sortOrder?: number }) {
  const set = { name: changes.name, color: changes.color, sort_order: changes.sortOrder };
  if (!hasChanges(set)) return findDepartment(db, businessId, id);
  return db.updateTable('departments').set(set).where('business_id', '=', businessId).where('id', '=', id).returningAll().executeTakeFirst();
}

/** What still points at a department; any of it keeps the department from being deleted. */
export async function departmentUsage(db: Db, businessId: string, id: string) {
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('schedules').select('id').where('business_id', '=', businessId).where('department_id', '=', id)).as('hasSchedules'),
      eb.exists(eb.selectFrom('staff').select('id').where('business_id', '=', businessId).where('department_id', '=', id)).as('hasStaff'),
    ])
    .executeTakeFirstOrThrow();
  return { hasSchedules: Boolean(row.hasSchedules), hasStaff: Boolean(row.hasStaff) };
}

export async function deleteDepartment(db: Db, businessId: string, id: string) {
  await db.deleteFrom('departments').where('business_id', '=', businessId).where('id', '=', id).execute();
}

// Staff (CORE-4)

export async function insertStaff(
  db: Db,
  values: { businessId: string; name: string; kind: StaffKind; userId?: string | null; departmentId?: string | null; color?: string; sortOrder?: number },
) {
  return db
    .insertInto('staff')
    .values({
      business_id: values.businessId,
      name: values.name,
      kind: values.kind,
      user_id: values.userId ?? null,
      department_id: values.departmentId ?? null,
      color: values.color,
      sort_order: values.sortOrder,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The virtual "네이버예약" staff first, then the business's own order. */
export async function listStaff(db: Db, businessId: string) {
  return db
    .selectFrom('staff')
    .selectAll()
    .where('business_id', '=', businessId)
    .orderBy(sql`kind = 'naver'`, 'desc')
    .orderBy(sql`kind = 'booking_page'`, 'desc')
    .orderBy('sort_order')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function findStaff(db: Db, businessId: string, id: string, lock?: RowLock) {
  return locked(db.selectFrom('staff').selectAll().where('business_id', '=', businessId).where('id', '=', id), lock).executeTakeFirst();
}

export async function updateStaff(
  db: Db,
  businessId: string,
  id: string,
  changes: { name?: string; departmentId?: string | null; color?: string; sortOrder?: number; active?: boolean },
) {
  const set = { name: changes.name, department_id: changes.departmentId, color: changes.color, sort_order: changes.sortOrder, active: changes.active };
  if (!hasChanges(set)) return findStaff(db, businessId, id);
  return db.updateTable('staff').set(set).where('business_id', '=', businessId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function staffHasSchedules(db: Db, businessId: string, id: string): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => eb.exists(eb.selectFrom('schedules').select('id').where('business_id', '=', businessId).where('staff_id', '=', id)).as('used'))
    .executeTakeFirstOrThrow();
  return Boolean(row.used);
}

export async function deleteStaff(db: Db, businessId: string, id: string) {
  await db.deleteFrom('staff').where('business_id', '=', businessId).where('id', '=', id).execute();
}

/** Renames a user's staff entry only where it still carries the user's old name (a custom staff name stays). */
export async function renameUserStaff(db: Db, businessId: string, userId: string, from: string, to: string) {
  await db.updateTable('staff').set({ name: to }).where('business_id', '=', businessId).where('user_id', '=', userId).where('name', '=', from).execute();
}

export async function setUserStaffActive(db: Db, businessId: string, userId: string, active: boolean) {
  await db.updateTable('staff').set({ active }).where('business_id', '=', businessId).where('user_id', '=', userId).execute();
}

// Users (CORE-2)

function selectUsers(db: Db, businessId: string) {
  return db
    .selectFrom('users')
    .leftJoin('staff', (j) => j.onRef('staff.business_id', '=', 'users.business_id').onRef('staff.user_id', '=', 'users.id'))
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.permission_group_id',
      'users.active',
      'users.created_at',
      'staff.id as staff_id',
    ])
    .where('users.business_id', '=', businessId);
}

export async function listUsers(db: Db, businessId: string) {
  return selectUsers(db, businessId).orderBy('users.created_at').orderBy('users.id').execute();
}

export async function findUser(db: Db, businessId: string, id: string) {
  return selectUsers(db, businessId).where('users.id', '=', id).executeTakeFirst();
}

export async function updateUser(
  db: Db,
  businessId: string,
  id: string,
  changes: { name?: string; role?: UserRole; permissionGroupId?: string | null; active?: boolean },
) {
  const set = { name: changes.name, role: changes.role, permission_group_id: changes.permissionGroupId, active: changes.active };
  if (!hasChanges(set)) return;
  await db.updateTable('users').set(set).where('business_id', '=', businessId).where('id', '=', id).execute();
}

export async function countActiveAdminsExcept(db: Db, businessId: string, exceptUserId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('business_id', '=', businessId)
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .where('id', '<>', exceptUserId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteUserSessions(db: Db, businessId: string, userId: string) {
  await db.deleteFrom('sessions').where('business_id', '=', businessId).where('user_id', '=', userId).execute();
}

// Permission groups (CORE-2)

export async function insertPermissionGroup(db: Db, values: { businessId: string; name: string; permissions: string[] }) {
  return db
    .insertInto('permission_groups')
    .values({ business_id: values.businessId, name: values.name, permissions: values.permissions })
    .returningAll()
    .executeTakeFirstOrThrow();
}

function selectPermissionGroups(db: Db, businessId: string) {
  return db
    .selectFrom('permission_groups as g')
    .select(['g.id', 'g.name', 'g.permissions', 'g.created_at'])
    .select((eb) =>
      eb
        .selectFrom('users')
        .select(eb.fn.countAll<number>().as('n'))
        .where('users.business_id', '=', businessId)
        .whereRef('users.permission_group_id', '=', 'g.id')
        .as('member_count'),
    )
    .where('g.business_id', '=', businessId);
}

export async function listPermissionGroups(db: Db, businessId: string) {
  return selectPermissionGroups(db, businessId).orderBy('g.created_at').orderBy('g.name').execute();
}

export async function findPermissionGroupWithCount(db: Db, businessId: string, id: string) {
  return selectPermissionGroups(db, businessId).where('g.id', '=', id).executeTakeFirst();
}

export async function findPermissionGroup(db: Db, businessId: string, id: string, lock?: RowLock) {
  return locked(db.selectFrom('permission_groups').selectAll().where('business_id', '=', businessId).where('id', '=', id), lock).executeTakeFirst();
}

export async function updatePermissionGroup(db: Db, businessId: string, id: string, changes: { name?: string; permissions?: string[] }) {
  const set = { name: changes.name, permissions: changes.permissions };
  if (!hasChanges(set)) return;
  await db.updateTable('permission_groups').set(set).where('business_id', '=', businessId).where('id', '=', id).execute();
}

export async function permissionGroupHasUsers(db: Db, businessId: string, id: string): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) =>
      eb.exists(eb.selectFrom('users').select('id').where('business_id', '=', businessId).where('permission_group_id', '=', id)).as('used'),
    )
    .executeTakeFirstOrThrow();
  return Boolean(row.used);
}

export async function deletePermissionGroup(db: Db, businessId: string, id: string) {
  await db.deleteFrom('permission_groups').where('business_id', '=', businessId).where('id', '=', id).execute();
}

// Memo types (CORE-6)

export async function insertMemoType(db: Db, values: { businessId: string; name: string; sortOrder?: number; visible?: boolean }) {
  return db
    .insertInto('memo_types')
    .values({ business_id: values.businessId, name: values.name, sort_order: values.sortOrder, visible: values.visible })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listMemoTypes(db: Db, businessId: string) {
  return db.selectFrom('memo_types').selectAll().where('business_id', '=', businessId).orderBy('sort_order').orderBy('name').orderBy('id').execute();
}

export async function findMemoType(db: Db, businessId: string, id: string, lock?: RowLock) {
  return locked(db.selectFrom('memo_types').selectAll().where('business_id', '=', businessId).where('id', '=', id), lock).executeTakeFirst();
}

export async function updateMemoType(db: Db, businessId: string, id: string, changes: { name?: string; sortOrder?: number; visible?: boolean }) {
  const set = { name: changes.name, sort_order: changes.sortOrder, visible: changes.visible };
  if (!hasChanges(set)) return findMemoType(db, businessId, id);
  return db.updateTable('memo_types').set(set).where('business_id', '=', businessId).where('id', '=', id).returningAll().executeTakeFirst();
}

/** What uses a memo type; the service decides from it whether the type may be deleted. */
export async function memoTypeUsage(db: Db, businessId: string, id: string) {
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('schedule_memos').select('id').where('business_id', '=', businessId).where('memo_type_id', '=', id)).as('hasMemos'),
      eb.exists(eb.selectFrom('naver_connections').select('business_id').where('business_id', '=', businessId).where('memo_type_id', '=', id)).as('linkedToNaver'),
    ])
    .executeTakeFirstOrThrow();
  return { hasMemos: Boolean(row.hasMemos), linkedToNaver: Boolean(row.linkedToNaver) };
}

export async function deleteMemoType(db: Db, businessId: string, id: string) {
  await db.deleteFrom('memo_types').where('business_id', '=', businessId).where('id', '=', id).execute();
}
