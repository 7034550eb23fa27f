import { sql, type Kysely, type Updateable } from 'kysely';
import type { DB, ScheduleSource, ScheduleStatus, SchedulesTable } from '../../platform/db/types.ts';
import './constraints.ts';

type Db = Kysely<DB>;

/**
 * Schedules at most this long are "short": the calendar finds them through
 * schedules_day_idx starting from `from - SHORT_SPAN`. Longer ones come from
 * schedules_long_idx, whose predicate (0004_schedules.sql) must stay identical
 * to LONG_SPAN_SQL below.
 */
const SHORT_SPAN_MS = 12 * 3600_000;
const SHORT_SPAN_SQL = sql<unknown>`interval '12 hours'`;
const SPAN = sql<unknown>`ends_at - starts_at`;

const scheduleColumns = [
  'id',
  'business_id',
  'customer_id',
  'staff_id',
  'department_id',
  'starts_at',
  'ends_at',
  'status',
  'rejected',
  'source',
  'title',
  'version',
  'created_at',
  'updated_at',
] as const;

export async function findBusiness(db: Db, businessId: string) {
  return db.selectFrom('businesses').select(['id', 'time_zone', 'departments_enabled']).where('id', '=', businessId).executeTakeFirst();
}

export async function findStaff(db: Db, businessId: string, staffId: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'name', 'kind', 'user_id', 'department_id', 'active'])
    .where('business_id', '=', businessId)
    .where('id', '=', staffId)
    .executeTakeFirst();
}

export async function findDepartment(db: Db, businessId: string, departmentId: string) {
  return db.selectFrom('departments').select(['id', 'name']).where('business_id', '=', businessId).where('id', '=', departmentId).executeTakeFirst();
}

export async function findCustomer(db: Db, businessId: string, customerId: string) {
  return db.selectFrom('customers').select(['id', 'name', 'phone']).where('business_id', '=', businessId).where('id', '=', customerId).executeTakeFirst();
}

export async function findMemoType(db: Db, businessId: string, memoTypeId: string) {
  return db.selectFrom('memo_types').select(['id', 'name', 'visible']).where('business_id', '=', businessId).where('id', '=', memoTypeId).executeTakeFirst();
}



/** The row of a new schedule, as both inserts write it. */
function scheduleRow(businessId: string, values: Omit<Parameters<typeof insertSchedule>[1], 'businessId'>) {
  return {
    business_id: businessId,
    customer_id: values.customerId,
    staff_id: values.staffId,
    department_id: values.departmentId,
    starts_at: values.startsAt,
    ends_at: values.endsAt,
    status: values.status,
    source: values.source,
    title: values.title,
    created_by: values.createdBy,
  };
}export async function insertSchedule(
  db: Db,
  values: {
    businessId: string;
    customerId: string;
    staffId: string;
    departmentId: string | null;
    startsAt: Date;
    endsAt: Date;
    status: ScheduleStatus;
    source: ScheduleSource;
    title: string;
    createdBy: string | null;
  },
) {
  return db
    .insertInto('schedules')
    .values(scheduleRow(values.businessId, values))
    .returning(scheduleColumns)
    .executeTakeFirstOrThrow();
}

/**
 * A schedule with its first history row and, if given, a memo, in one
 * statement (a channel's booking arriving, many a second): answers the new id.
 */
export async function insertScheduleWithHistory(
  db: Db,
  businessId: string,
  values: Omit<Parameters<typeof insertSchedule>[1], 'businessId'>,
  history: { userId: string | null; actorLabel: string | null; action: string; changes: object },
  memo: { memoTypeId: string; body: string } | null,
): Promise<string> {
  const withHistory = db
    .with('s', (w) =>
      w
        .insertInto('schedules')
        .values(scheduleRow(businessId, values))
        .returning('id'),
    )
    .with('h', (w) =>
      w.insertInto('schedule_history').values((eb) => ({
        business_id: businessId,
        schedule_id: eb.selectFrom('s').select('s.id'),
        user_id: history.userId,
        actor_label: history.actorLabel,
        action: history.action,
        changes: JSON.stringify(history.changes),
      })),
    );
  if (!memo) return (await withHistory.selectFrom('s').select('s.id').executeTakeFirstOrThrow()).id;
  // The memo counter's trigger runs after the statement, when the schedule row exists.
  const withMemo = withHistory.with('m', (w) =>
    w.insertInto('schedule_memos').values((eb) => ({
      business_id: businessId,
      schedule_id: eb.selectFrom('s').select('s.id'),
      memo_type_id: memo.memoTypeId,
      body: memo.body,
      created_by: values.createdBy,
    })),
  );
  return (await withMemo.selectFrom('s').select('s.id').executeTakeFirstOrThrow()).id;
}

/** A schedule of a bulk insert (the demo seed, imports): the columns `insertSchedule` takes, without the author. */
export interface ScheduleSeed {
  customerId: string;
  staffId: string;
  departmentId: string | null;
  startsAt: Date;
  endsAt: Date;
  status: ScheduleStatus;
  source: ScheduleSource;
  title: string;
}

/**
 * Many schedules of one business in one statement, each with its "created"
 * history row under `actorLabel`; answers their ids in the order given.
 */
export async function insertSchedules(db: Db, businessId: string, rows: ScheduleSeed[], actorLabel: string): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('schedules')
    .values(
      rows.map((r) => ({
        business_id: businessId,
        customer_id: r.customerId,
        staff_id: r.staffId,
        department_id: r.departmentId,
        starts_at: r.startsAt,
        ends_at: r.endsAt,
        status: r.status,
        source: r.source,
        title: r.title,
      })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('schedule_history')
    .values(inserted.map((s) => ({ business_id: businessId, schedule_id: s.id, user_id: null, actor_label: actorLabel, action: 'created', changes: '{}' })))
    .execute();
  return inserted.map((s) => s.id);
}

/** Many memos of one business's schedules in one statement (no author). */
export async function insertMemos(db: Db, businessId: string, memos: { scheduleId: string; memoTypeId: string; body: string }[]) {
  if (memos.length === 0) return;
  await db
    .insertInto('schedule_memos')
    .values(memos.map((m) => ({ business_id: businessId, schedule_id: m.scheduleId, memo_type_id: m.memoTypeId, body: m.body })))
    .execute();
}

/**
 * The schedule row, locked until the transaction ends, so the change decided
 * on it is made on it. A no-key lock: writers of the same schedule wait, while
 * rows that only reference it (memos, history) can still be inserted.
 */
export async function lockSchedule(db: Db, businessId: string, scheduleId: string) {
  return db
    .selectFrom('schedules')
    .select(scheduleColumns)
    .where('business_id', '=', businessId)
    .where('id', '=', scheduleId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/**
 * Writes a change only if the schedule still has the version it was read at,
 * and bumps the version: of two concurrent writers on one version, one gets
 * the row back and the other gets nothing.
 */
export async function updateScheduleAtVersion(
  db: Db,
  businessId: string,
  scheduleId: string,
  version: number,
  changes: Omit<Updateable<SchedulesTable>, 'id' | 'business_id' | 'version' | 'updated_at' | 'created_at'>,
) {
  return db
    .updateTable('schedules')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('id', '=', scheduleId)
    .where('version', '=', version)
    .returning(scheduleColumns)
    .executeTakeFirst();
}

/** A schedule as views show it: its columns with its customer's, staff's and department's names (joined as c, st, d). */
const scheduleViewColumns = [
  's.id',
  's.customer_id',
  's.staff_id',
  's.department_id',
  's.starts_at',
  's.ends_at',
  's.status',
  's.rejected',
  's.source',
  's.title',
  's.version',
  's.created_at',
  's.updated_at',
  'c.name as customer_name',
  'c.phone as customer_phone',
  'st.name as staff_name',
  'd.name as department_name',
] as const;

/**
 * The cancellation of this schedule was the shop rejecting its booking (the
 * booking feature's reject, run while the calendar cancels it): the calendar
 * shows 거절. Only a cancelled schedule can say so (a check holds it).
 */
export async function markScheduleRejected(db: Db, businessId: string, scheduleId: string): Promise<void> {
  await db.updateTable('schedules').set({ rejected: true }).where('business_id', '=', businessId).where('id', '=', scheduleId).execute();
}

/** One schedule with its customer, staff and department, for the detail view. */
export async function findScheduleDetail(db: Db, businessId: string, scheduleId: string) {
  return db
    .selectFrom('schedules as s')
    .innerJoin('customers as c', (j) => j.onRef('c.business_id', '=', 's.business_id').onRef('c.id', '=', 's.customer_id'))
    .innerJoin('staff as st', (j) => j.onRef('st.business_id', '=', 's.business_id').onRef('st.id', '=', 's.staff_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.business_id', '=', 's.business_id').onRef('d.id', '=', 's.department_id'))
    .select(scheduleViewColumns)
    .where('s.business_id', '=', businessId)
    .where('s.id', '=', scheduleId)
    .executeTakeFirst();
}

export async function listMemos(db: Db, businessId: string, scheduleId: string) {
  return db
    .selectFrom('schedule_memos as m')
    .innerJoin('memo_types as mt', (j) => j.onRef('mt.business_id', '=', 'm.business_id').onRef('mt.id', '=', 'm.memo_type_id'))
    .leftJoin('users as u', (j) => j.onRef('u.business_id', '=', 'm.business_id').onRef('u.id', '=', 'm.created_by'))
    .select(['m.id', 'm.memo_type_id', 'mt.name as memo_type_name', 'm.body', 'm.created_at', 'u.name as created_by_name'])
    .where('m.business_id', '=', businessId)
    .where('m.schedule_id', '=', scheduleId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

export async function insertMemo(db: Db, values: { businessId: string; scheduleId: string; memoTypeId: string; body: string; createdBy: string | null }) {
  return db
    .insertInto('schedule_memos')
    .values({
      business_id: values.businessId,
      schedule_id: values.scheduleId,
      memo_type_id: values.memoTypeId,
      body: values.body,
      created_by: values.createdBy,
    })
    .returning(['id', 'memo_type_id', 'body', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** Deletes a memo of this schedule; returns it (with its type's name, for the history) or nothing. */
export async function deleteMemo(db: Db, businessId: string, scheduleId: string, memoId: string) {
  return db
    .with('deleted', (w) =>
      w
        .deleteFrom('schedule_memos')
        .where('business_id', '=', businessId)
        .where('schedule_id', '=', scheduleId)
        .where('id', '=', memoId)
        .returning(['id', 'memo_type_id', 'body']),
    )
    .selectFrom('deleted')
    .innerJoin('memo_types as mt', (j) => j.onRef('mt.id', '=', 'deleted.memo_type_id').on('mt.business_id', '=', businessId))
    .select(['deleted.id', 'deleted.memo_type_id', 'deleted.body', 'mt.name as memo_type_name'])
    .executeTakeFirst();
}

export async function insertHistory(
  db: Db,
  values: { businessId: string; scheduleId: string; userId: string | null; actorLabel: string | null; action: string; changes: object },
) {
  await db
    .insertInto('schedule_history')
    .values({
      business_id: values.businessId,
      schedule_id: values.scheduleId,
      user_id: values.userId,
      actor_label: values.actorLabel,
      action: values.action,
      changes: JSON.stringify(values.changes),
    })
    .execute();
}

export async function listHistory(db: Db, businessId: string, scheduleId: string) {
  return db
    .selectFrom('schedule_history as h')
    .leftJoin('users as u', (j) => j.onRef('u.business_id', '=', 'h.business_id').onRef('u.id', '=', 'h.user_id'))
    .select(['h.id', 'h.at', 'h.action', 'h.changes', 'h.actor_label', 'u.name as user_name'])
    .where('h.business_id', '=', businessId)
    .where('h.schedule_id', '=', scheduleId)
    .orderBy('h.id')
    .execute();
}

export async function scheduleExists(db: Db, businessId: string, scheduleId: string) {
  const row = await db.selectFrom('schedules').select('id').where('business_id', '=', businessId).where('id', '=', scheduleId).executeTakeFirst();
  return row !== undefined;
}

/**
 * The calendar's hot query (CORE-9): every schedule overlapping [from, to),
 * with its customer, staff and department names and its memo count, in one
 * statement. See 0004_schedules.sql for why it is a union of two index scans.
 */
export function calendarSchedulesQuery(db: Db, businessId: string, from: Date, to: Date) {
  const overlapping = db
    .selectFrom('schedules')
    .select([...scheduleColumns, 'memo_count'])
    .where('business_id', '=', businessId)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from);
  const short = overlapping.where('starts_at', '>', new Date(from.getTime() - SHORT_SPAN_MS)).where(SPAN, '<=', SHORT_SPAN_SQL);
  const long = overlapping.where(SPAN, '>', SHORT_SPAN_SQL);
  // The joins name the business as a constant rather than s.business_id: the
  // planner then estimates each join from the id alone instead of multiplying
  // two selectivities into "one row" and picking nested loops for thousands.
  return db
    .selectFrom(short.unionAll(long).as('s'))
    .innerJoin('customers as c', (j) => j.onRef('c.id', '=', 's.customer_id').on('c.business_id', '=', businessId))
    .innerJoin('staff as st', (j) => j.onRef('st.id', '=', 's.staff_id').on('st.business_id', '=', businessId))
    .leftJoin('departments as d', (j) => j.onRef('d.id', '=', 's.department_id').on('d.business_id', '=', businessId))
    .select([...scheduleViewColumns, 's.memo_count'])
    .orderBy('s.starts_at')
    .orderBy('s.id');
}

export async function listCalendarSchedules(db: Db, businessId: string, from: Date, to: Date) {
  return calendarSchedulesQuery(db, businessId, from, to).execute();
}

export async function listActiveStaff(db: Db, businessId: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'name', 'kind', 'user_id', 'department_id', 'color', 'sort_order', 'active'])
    .where('business_id', '=', businessId)
    .where('active', '=', true)
    .orderBy(sql`kind = 'naver'`, 'desc')
    .orderBy(sql`kind = 'booking_page'`, 'desc')
    .orderBy('sort_order')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function listDepartments(db: Db, businessId: string) {
  return db
    .selectFrom('departments')
    .select(['id', 'name', 'color', 'sort_order'])
    .where('business_id', '=', businessId)
    .orderBy('sort_order')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/**
 * OPS-3: a write that puts a schedule on a staff's time holds the staff row
 * until it commits, so two clients placing schedules on one person at once
 * decide one after the other (the second sees the first's schedule).
 */
export async function lockStaffTime(db: Db, businessId: string, staffId: string) {
  await db.selectFrom('staff').select('id').where('business_id', '=', businessId).where('id', '=', staffId).forUpdate().executeTakeFirst();
}

/** The staff's schedules holding time that meet [startsAt, endsAt), with the customer's name (what the overlap warning names). */
export async function listStaffSchedulesMeeting(db: Db, businessId: string, staffId: string, startsAt: Date, endsAt: Date) {
  return db
    .selectFrom('schedules as s')
    .innerJoin('customers as c', (join) => join.onRef('c.id', '=', 's.customer_id').onRef('c.business_id', '=', 's.business_id'))
    .select(['s.id', 's.status', 's.starts_at as startsAt', 's.ends_at as endsAt', 's.title', 'c.name as customerName'])
    .where('s.business_id', '=', businessId)
    .where('s.staff_id', '=', staffId)
    .where('s.status', '<>', 'cancelled')
    .where('s.starts_at', '<', endsAt)
    .where('s.ends_at', '>', startsAt)
    .orderBy('s.starts_at')
    .limit(20)
    .execute();
}

/**
 * OPS-4: the schedule's last history row that changed its status (a change
 * in the calendar, an undo, a channel's change), with who made it.
 */
export async function findLastStatusChange(db: Db, businessId: string, scheduleId: string) {
  return db
    .selectFrom('schedule_history')
    .select(['id', 'action', 'changes', 'at', 'user_id'])
    .where('business_id', '=', businessId)
    .where('schedule_id', '=', scheduleId)
    .where(sql<boolean>`changes -> 'status' is not null`)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** OPS-4: a 노쇼 taken back is no longer counted (never below 0). */
export async function removeCustomerNoShow(db: Db, businessId: string, customerId: string) {
  await db
    .updateTable('customers')
    .set({ no_show_count: sql<number>`greatest(no_show_count - 1, 0)` })
    .where('business_id', '=', businessId)
    .where('id', '=', customerId)
    .execute();
}

/** OPS-4: the customer's 노쇼 count, kept in the transaction that marks the schedule. */
export async function addCustomerNoShow(db: Db, businessId: string, customerId: string) {
  await db
    .updateTable('customers')
    .set({ no_show_count: sql<number>`no_show_count + 1` })
    .where('business_id', '=', businessId)
    .where('id', '=', customerId)
    .execute();
}
