import type { Kysely } from 'kysely';
import type { DB, StaffKind } from '../../db/types.ts';

type Db = Kysely<DB>;

export async function insertPermissionGroup(db: Db, values: { businessId: string; name: string; permissions: string[] }) {
  return db
    .insertInto('permission_groups')
    .values({ business_id: values.businessId, name: values.name, permissions: values.permissions })
    .returningAll()
    .executeTakeFirstOrThrow();
}

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

export async function insertMemoType(db: Db, values: { businessId: string; name: string; sortOrder?: number; visible?: boolean }) {
  return db
    .insertInto('memo_types')
    .values({ business_id: values.businessId, name: values.name, sort_order: values.sortOrder, visible: values.visible })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertDepartment(db: Db, values: { businessId: string; name: string; color?: string; sortOrder?: number }) {
  return db
    .insertInto('departments')
    .values({ business_id: values.businessId, name: values.name, color: values.color, sort_order: values.sortOrder })
    .returningAll()
    .executeTakeFirstOrThrow();
}
