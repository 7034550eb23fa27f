import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Customer, DB } from '../../platform/db/types.ts';
import { AppError, notFound, uniqueViolation } from '../../platform/errors/registry.ts';
import { normalizePhone } from '../../shared/phone.ts';
import { requirePermission, type Actor } from '../auth/index.ts';
import { canSeeFullPhone, presentCustomer, type CustomerJson } from '../customers/index.ts';
import { findOrCreateCustomerByNameAndPhone } from '../customers/index.ts';
import { countGroups, groupsOfCustomers, type CustomerGroup } from './groups.ts';
import * as repo from './repository.ts';
import { normalizeCouponCode } from '../messaging/index.ts';
import type { CustomerVisit } from './repository.ts';

type Db = Kysely<DB>;

/**
 * MSG-1 loyalty: visits and points from a POS and from completed schedules,
 * grades, tags, POS keys and group counts. Every change of a customer's
 * points and counts happens under that customer's row lock, in the same
 * transaction as the visit row that explains it.
 */

/** Who calls the POS API: a POS with its key, or a signed-in user with 고객 수정. */
export interface PosCaller {
  businessId: string;
  timeZone: string;
  /** A POS typed the phone itself; a user sees phones by their permission. */
  canSeeFullPhone: boolean;
  via: 'key' | 'session';
}

/** A POS's clock may run a little ahead of the server's. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export function posCallerOfActor(actor: Actor): PosCaller {
  requirePermission(actor, 'customers.edit');
  return { businessId: actor.businessId, timeZone: actor.timeZone, canSeeFullPhone: canSeeFullPhone(actor), via: 'session' };
}

export function hashPosKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The caller a bearer key stands for; POS_KEY_INVALID for an unknown or deleted key. */
export async function posCallerOfKey(db: Db, key: string): Promise<PosCaller> {
  const row = await repo.findPosKeyByHash(db, hashPosKey(key.trim()));
  if (!row) throw new AppError('POS_KEY_INVALID');
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) await repo.touchPosKey(db, row.id);
  return { businessId: row.business_id, timeZone: row.time_zone, canSeeFullPhone: true, via: 'key' };
}

// ------------------------------------------------------------ presenting

export function presentVisit(row: CustomerVisit) {
  return {
    id: row.id,
    customerId: row.customer_id,
    visitedAt: row.visited_at.toISOString(),
    source: row.source,
    posVisitId: row.pos_visit_id,
    scheduleId: row.schedule_id,
    amount: row.amount,
    pointsEarned: row.points_earned,
    pointsUsed: row.points_used,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentCoupon(row: repo.CouponRow) {
  return {
    code: row.coupon_code,
    messageId: row.message_id,
    messageTitle: row.title,
    customerId: row.customer_id,
    name: row.name,
    benefit: row.coupon as Record<string, unknown>,
    expiresAt: row.coupon_expires_at.toISOString(),
    redeemedAt: row.coupon_redeemed_at ? row.coupon_redeemed_at.toISOString() : null,
  };
}

/** The customer JSON of the customers feature, with its groups as of `now`. */
export async function presentCustomersWithGroups(
  db: Db,
  businessId: string,
  rows: readonly Customer[],
  options: { canSeeFull: boolean; timeZone: string; now?: Date },
): Promise<CustomerJson[]> {
  const groups = await groupsOfCustomers(db, businessId, rows, options.now ?? new Date(), options.timeZone);
  return rows.map((row) => presentCustomer(row, options.canSeeFull, groups.get(row.id) ?? []));
}

async function presentOne(db: Db, caller: PosCaller, row: Customer, now: Date): Promise<CustomerJson> {
  const [json] = await presentCustomersWithGroups(db, caller.businessId, [row], { canSeeFull: caller.canSeeFullPhone, timeZone: caller.timeZone, now });
  return json!;
}

// ------------------------------------------------------------ coupons

/** Redeems the coupon in the caller's transaction, or says why it cannot be. */
async function redeemIn(trx: Db, businessId: string, rawCode: string, now: Date) {
  // Typed at a counter: case, spaces and hyphens do not matter (the alphabet has no look-alikes).
  const code = normalizeCouponCode(rawCode);
  const redeemed = await repo.redeemCoupon(trx, businessId, code, now);
  if (redeemed) return redeemed;
  const coupon = await repo.findCoupon(trx, businessId, code);
  if (!coupon) throw new AppError('COUPON_NOT_FOUND');
  if (coupon.coupon_redeemed_at) throw new AppError('COUPON_ALREADY_REDEEMED', { details: { redeemedAt: coupon.coupon_redeemed_at.toISOString() } });
  throw new AppError('COUPON_EXPIRED', { details: { expiresAt: coupon.coupon_expires_at.toISOString() } });
}

/** POST /api/pos/coupons/:code/redeem: once, ever. */
export async function redeemCoupon(db: Db, caller: PosCaller, code: string, now = new Date()) {
  const row = await db.transaction().execute((trx) => redeemIn(trx, caller.businessId, code, now));
  return presentCoupon(row);
}

// ------------------------------------------------------------ visits

export interface PosVisitInput {
  posVisitId: string;
  phone: string;
  name?: string | null;
  visitedAt?: string | null;
  amount?: number;
  pointsEarned?: number;
  pointsUsed?: number;
  couponCode?: string | null;
}

export interface PosVisitResult {
  /** false when this posVisitId was recorded before: the answer is the first visit, nothing changed. */
  created: boolean;
  visit: ReturnType<typeof presentVisit>;
  customer: CustomerJson;
  coupon: ReturnType<typeof presentCoupon> | null;
}

async function replay(db: Db, caller: PosCaller, visit: CustomerVisit, couponCode: string | null | undefined, now: Date): Promise<PosVisitResult> {
  const customer = (await db.selectFrom('customers').selectAll().where('business_id', '=', caller.businessId).where('id', '=', visit.customer_id).executeTakeFirst()) ?? notFound('CUSTOMER_NOT_FOUND');
  const coupon = couponCode ? await repo.findCoupon(db, caller.businessId, normalizeCouponCode(couponCode)) : undefined;
  return { created: false, visit: presentVisit(visit), customer: await presentOne(db, caller, customer, now), coupon: coupon ? presentCoupon(coupon) : null };
}

/** The customer a POS means: the (name, phone) pair when a name is given (created if new), else the phone's most recent visitor. */
async function customerForVisit(trx: Db, businessId: string, phone: string, name: string | null): Promise<Customer> {
  if (name) return (await findOrCreateCustomerByNameAndPhone(trx, businessId, { name, phone })).customer;
  const [known] = await repo.findCustomersByPhone(trx, businessId, phone);
  if (!known) throw new AppError('CUSTOMER_NAME_REQUIRED');
  return known;
}

/**
 * POST /api/pos/visits (MSG-1). One transaction under the customer's row
 * lock: the visit, the customer's points and counts, the coupon. A
 * `posVisitId` seen before answers the first visit and changes nothing, also
 * when the retries run at the same time (the row lock orders them; the
 * unique index is the last word).
 */
export async function recordPosVisit(db: Db, caller: PosCaller, input: PosVisitInput, now = new Date()): Promise<PosVisitResult> {
  const posVisitId = input.posVisitId.trim();
  const phone = normalizePhone(input.phone);
  if (!phone) throw new AppError('PHONE_INVALID');
  const requested = input.visitedAt ? new Date(input.visitedAt) : now;
  if (requested.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw new AppError('VISIT_TIME_IN_FUTURE');
  // A POS clock slightly ahead is read as now: no visit is stored in the future (the groups count accruals up to now).
  const visitedAt = requested.getTime() > now.getTime() ? now : requested;
  const pointsEarned = input.pointsEarned ?? 0;
  const pointsUsed = input.pointsUsed ?? 0;
  const name = input.name?.normalize('NFC').trim() || null;

  const seen = await repo.findVisitByPosId(db, caller.businessId, posVisitId);
  if (seen) return replay(db, caller, seen, input.couponCode, now);

  let outcome: { kind: 'created'; visit: CustomerVisit; customer: Customer; coupon: repo.CouponRow | null } | { kind: 'seen'; visit: CustomerVisit };
  try {
    outcome = await db.transaction().execute(async (trx) => {
      const found = await customerForVisit(trx, caller.businessId, phone, name);
      const customer = (await repo.lockCustomer(trx, caller.businessId, found.id)) ?? notFound('CUSTOMER_NOT_FOUND');
      const again = await repo.findVisitByPosId(trx, caller.businessId, posVisitId);
      if (again) return { kind: 'seen' as const, visit: again };
      if (pointsUsed > customer.points_held) {
        throw new AppError('POINTS_INSUFFICIENT', { details: { pointsHeld: customer.points_held, pointsUsed } });
      }
      const coupon = input.couponCode ? await redeemIn(trx, caller.businessId, input.couponCode, now) : null;
      const visit = await repo.insertVisit(trx, {
        businessId: caller.businessId,
        customerId: customer.id,
        visitedAt,
        source: 'pos',
        posVisitId,
        amount: input.amount ?? 0,
        pointsEarned,
        pointsUsed,
      });
      const updated = await repo.applyVisitToCustomer(trx, caller.businessId, customer.id, { visitedAt, pointsEarned, pointsUsed });
      return { kind: 'created' as const, visit, customer: updated, coupon };
    });
  } catch (error) {
    // The same posVisitId for another phone (another customer's lock) can still race to the index.
    if (uniqueViolation(error) === 'customer_visits_pos_idx') {
      const first = await repo.findVisitByPosId(db, caller.businessId, posVisitId);
      if (first) return replay(db, caller, first, input.couponCode, now);
    }
    throw error;
  }
  if (outcome.kind === 'seen') return replay(db, caller, outcome.visit, input.couponCode, now);
  return {
    created: true,
    visit: presentVisit(outcome.visit),
    customer: await presentOne(db, caller, outcome.customer, now),
    coupon: outcome.coupon ? presentCoupon(outcome.coupon) : null,
  };
}

/**
 * A completed schedule is one visit (source `schedule`, no points), recorded
 * in the caller's transaction. Once per schedule: a second call returns the
 * first visit.
 */
export async function recordScheduleVisit(trx: Db, businessId: string, scheduleId: string, customerId: string, at: Date): Promise<CustomerVisit> {
  const customer = await repo.lockCustomer(trx, businessId, customerId);
  if (!customer) throw new AppError('CUSTOMER_NOT_FOUND');
  const existing = await repo.findVisitBySchedule(trx, businessId, scheduleId);
  if (existing) return existing;
  const visit = await repo.insertVisit(trx, { businessId, customerId, visitedAt: at, source: 'schedule', scheduleId });
  await repo.applyVisitToCustomer(trx, businessId, customerId, { visitedAt: at, pointsEarned: 0, pointsUsed: 0 });
  return visit;
}

export async function listCustomerVisits(db: Db, actor: Actor, customerId: string, page: { limit: number; offset: number }) {
  requirePermission(actor, 'customers.view');
  const customer = await db.selectFrom('customers').select('id').where('business_id', '=', actor.businessId).where('id', '=', customerId).executeTakeFirst();
  if (!customer) throw new AppError('CUSTOMER_NOT_FOUND');
  const { rows, total } = await repo.listVisitsOfCustomer(db, actor.businessId, customerId, page);
  return { items: rows.map(presentVisit), total };
}

// ------------------------------------------------------------ groups

export async function customerGroupCounts(db: Db, actor: Actor, now = new Date()): Promise<Record<CustomerGroup, number>> {
  requirePermission(actor, 'customers.view');
  return countGroups(db, actor.businessId, now, actor.timeZone);
}

// ------------------------------------------------------------ grades and tags

function cleanName(name: string): string {
  return name.normalize('NFC').trim();
}

async function mapNameTaken<T>(work: () => Promise<T>, constraint: string, code: 'CUSTOMER_GRADE_NAME_TAKEN' | 'CUSTOMER_TAG_NAME_TAKEN'): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (uniqueViolation(error) === constraint) throw new AppError(code);
    throw error;
  }
}

type GradeRow = Awaited<ReturnType<typeof repo.listGrades>>[number];
type TagRow = Awaited<ReturnType<typeof repo.listTags>>[number];

function presentGrade(row: Omit<GradeRow, 'customer_count'> & { customer_count?: string | number | null }) {
  return { id: row.id, name: row.name, sortOrder: row.sort_order, customerCount: Number(row.customer_count ?? 0) };
}

function presentTag(row: Omit<TagRow, 'customer_count'> & { customer_count?: string | number | null }) {
  return { id: row.id, name: row.name, customerCount: Number(row.customer_count ?? 0) };
}

export async function listGrades(db: Db, actor: Actor) {
  requirePermission(actor, 'customers.view');
  return { items: (await repo.listGrades(db, actor.businessId)).map(presentGrade) };
}

export async function createGrade(db: Db, actor: Actor, input: { name: string; sortOrder?: number }) {
  requirePermission(actor, 'settings.manage');
  const row = await mapNameTaken(() => repo.insertGrade(db, { businessId: actor.businessId, name: cleanName(input.name), sortOrder: input.sortOrder }), 'customer_grades_name_key', 'CUSTOMER_GRADE_NAME_TAKEN');
  return presentGrade(row);
}

/** Renaming a grade renames it on its customers in the same transaction. */
export async function updateGrade(db: Db, actor: Actor, id: string, input: { name?: string; sortOrder?: number }) {
  requirePermission(actor, 'settings.manage');
  const row = await mapNameTaken(
    () =>
      db.transaction().execute(async (trx) => {
        const current = (await repo.findGrade(trx, actor.businessId, id, true)) ?? notFound('CUSTOMER_GRADE_NOT_FOUND');
        const name = input.name === undefined ? undefined : cleanName(input.name);
        const updated = (await repo.updateGrade(trx, actor.businessId, id, { name, sortOrder: input.sortOrder })) ?? notFound('CUSTOMER_GRADE_NOT_FOUND');
        if (name !== undefined && name !== current.name) await repo.renameGradeOnCustomers(trx, actor.businessId, current.name, name);
        return updated;
      }),
    'customer_grades_name_key',
    'CUSTOMER_GRADE_NAME_TAKEN',
  );
  const [counted] = await repo.listGrades(db, actor.businessId, row.id);
  return presentGrade(counted ?? row);
}

export async function deleteGrade(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'settings.manage');
  await db.transaction().execute(async (trx) => {
    const grade = (await repo.findGrade(trx, actor.businessId, id, true)) ?? notFound('CUSTOMER_GRADE_NOT_FOUND');
    if (await repo.gradeInUse(trx, actor.businessId, grade.name)) throw new AppError('CUSTOMER_GRADE_IN_USE');
    await repo.deleteGrade(trx, actor.businessId, id);
  });
}

export async function listTags(db: Db, actor: Actor) {
  requirePermission(actor, 'customers.view');
  return { items: (await repo.listTags(db, actor.businessId)).map(presentTag) };
}

export async function createTag(db: Db, actor: Actor, input: { name: string }) {
  requirePermission(actor, 'settings.manage');
  const row = await mapNameTaken(() => repo.insertTag(db, { businessId: actor.businessId, name: cleanName(input.name) }), 'customer_tags_name_key', 'CUSTOMER_TAG_NAME_TAKEN');
  return presentTag(row);
}

/** Renaming a tag renames it in every customer's tags, in the same transaction. */
export async function updateTag(db: Db, actor: Actor, id: string, input: { name?: string }) {
  requirePermission(actor, 'settings.manage');
  const row = await mapNameTaken(
    () =>
      db.transaction().execute(async (trx) => {
        const current = (await repo.findTag(trx, actor.businessId, id, true)) ?? notFound('CUSTOMER_TAG_NOT_FOUND');
        if (input.name === undefined) return current;
        const name = cleanName(input.name);
        const updated = (await repo.renameTag(trx, actor.businessId, id, name)) ?? notFound('CUSTOMER_TAG_NOT_FOUND');
        if (name !== current.name) await repo.renameTagOnCustomers(trx, actor.businessId, current.name, name);
        return updated;
      }),
    'customer_tags_name_key',
    'CUSTOMER_TAG_NAME_TAKEN',
  );
  const [counted] = await repo.listTags(db, actor.businessId, row.id);
  return presentTag(counted ?? row);
}

/** Deleting a tag takes it off the customers that carry it. */
export async function deleteTag(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'settings.manage');
  await db.transaction().execute(async (trx) => {
    const tag = (await repo.findTag(trx, actor.businessId, id, true)) ?? notFound('CUSTOMER_TAG_NOT_FOUND');
    await repo.removeTagFromCustomers(trx, actor.businessId, tag.name);
    await repo.deleteTag(trx, actor.businessId, id);
  });
}

// ------------------------------------------------------------ POS keys

type PosKeyRow = Awaited<ReturnType<typeof repo.listPosKeys>>[number];

function presentPosKey(row: PosKeyRow) {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at ? row.last_used_at.toISOString() : null,
  };
}

export async function listPosKeys(db: Db, actor: Actor) {
  requirePermission(actor, 'settings.manage');
  return { items: (await repo.listPosKeys(db, actor.businessId)).map(presentPosKey) };
}

/** A new key: `yk_pos_` and 32 random bytes. Only its sha256 is stored; the reply is the one time the key is shown. */
export async function createPosKey(db: Db, actor: Actor, input: { name: string }) {
  requirePermission(actor, 'settings.manage');
  return createPosKeyForBusiness(db, actor.businessId, input.name);
}

export async function createPosKeyForBusiness(db: Db, businessId: string, name: string) {
  const key = `yk_pos_${crypto.randomBytes(32).toString('base64url')}`;
  const row = await repo.insertPosKey(db, { businessId, name: cleanName(name), keyHash: hashPosKey(key), keyPrefix: key.slice(0, 12) });
  return { ...presentPosKey(row), key };
}

export async function deletePosKey(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'settings.manage');
  if (!(await repo.revokePosKey(db, actor.businessId, id))) throw new AppError('POS_KEY_NOT_FOUND');
}
