import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError } from '../../platform/errors/registry.ts';

type Db = Kysely<DB>;

/**
 * BOOK-8: the locks and reads behind "capacity is never exceeded".
 *
 * Every booking transaction takes, in this order:
 * 1. the product lock in shared mode (`lockProductForBooking`): product edits
 *    take it exclusively (`lockProductForEdit`), so a booking always checks
 *    against one consistent version of the product's rules and quantities;
 * 2. one advisory lock per capacity pool, in ascending key order
 *    (`lockPools`): two bookings sharing a pool queue on it, bookings on
 *    different pools run in parallel, and the one global order means no two
 *    transactions ever wait on each other in a cycle;
 * then reads what each pool has taken (`takenByPools`) and writes its claims
 * before committing. Waits are bounded by a lock timeout, answered as
 * BOOKING_BUSY (retry), never by an unbounded queue.
 *
 * Advisory locks rather than row locks: a pool (a slot on a date, a price's
 * maximum) usually has no row until the first booking claims it, and locking
 * a row that may not exist needs an upsert per pool on every booking.
 * Transaction-scoped advisory locks need no rows, are released at commit or
 * rollback, and work the same on PGlite (one connection) and PostgreSQL.
 */

export const POOL_LOCK_TIMEOUT = '5s';

function lockKey(businessId: string, key: string) {
  return sql`hashtextextended(${`${businessId}:${key}`}, 0)`;
}

export async function lockProductForBooking(trx: Db, businessId: string, productId: string): Promise<void> {
  await withLockTimeout(trx, () => sql`select pg_advisory_xact_lock_shared(${lockKey(businessId, `product:${productId}`)})`.execute(trx));
}

export async function lockProductForEdit(trx: Db, businessId: string, productId: string): Promise<void> {
  await withLockTimeout(trx, () => sql`select pg_advisory_xact_lock(${lockKey(businessId, `product:${productId}`)})`.execute(trx));
}

/** Locks the pools in the order given; callers pass `bookingDemand`'s keys, which are sorted. */
export async function lockPools(trx: Db, businessId: string, sortedKeys: readonly string[]): Promise<void> {
  for (const key of sortedKeys) {
    await withLockTimeout(trx, () => sql`select pg_advisory_xact_lock(${lockKey(businessId, `pool:${key}`)})`.execute(trx));
  }
}

/**
 * SEC-1: serialises one client's holds on one business, so two holds sent at
 * once cannot both pass the per-client cap. Taken after the pool locks and
 * held by nothing that then waits for a pool, so it adds no lock cycle.
 */
export async function lockHoldClient(trx: Db, businessId: string, clientKey: string): Promise<void> {
  await withLockTimeout(trx, () => sql`select pg_advisory_xact_lock(${lockKey(businessId, `hold-client:${clientKey}`)})`.execute(trx));
}

async function withLockTimeout<T>(trx: Db, run: () => Promise<T>): Promise<T> {
  await sql.raw(`set local lock_timeout = '${POOL_LOCK_TIMEOUT}'`).execute(trx);
  try {
    return await run();
  } catch (error) {
    if (isLockTimeout(error)) throw new AppError('BOOKING_BUSY', { cause: error });
    throw error;
  }
}

function isLockTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === '55P03';
}

/** What each pool has given out: claims of live bookings plus unexpired holds. Call under the pools' locks. */
export async function takenByPools(db: Db, businessId: string, keys: readonly string[], now: Date, exceptHoldId: string | null = null): Promise<Map<string, number>> {
  const taken = new Map<string, number>();
  if (keys.length === 0) return taken;
  let query = db
    .selectFrom('capacity_claims')
    .select(['pool_key', sql<string>`sum(quantity)`.as('taken')])
    .where('business_id', '=', businessId)
    .where('pool_key', 'in', keys)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .groupBy('pool_key');
  if (exceptHoldId) query = query.where((eb) => eb.or([eb('hold_id', 'is', null), eb('hold_id', '!=', exceptHoldId)]));
  for (const row of await query.execute()) taken.set(row.pool_key, Number(row.taken));
  return taken;
}

/**
 * One read for a product's availability over local dates [fromDay, toDay]:
 * the claims of day-bound pools on those days and of pools spanning days
 * (period, price maximum). No per-slot queries.
 */
export async function takenForProduct(db: Db, businessId: string, productId: string, fromDay: string, toDay: string, now: Date): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('capacity_claims')
    .select(['pool_key', sql<string>`sum(quantity)`.as('taken')])
    .where('business_id', '=', businessId)
    .where('product_id', '=', productId)
    .where((eb) => eb.or([eb('usage_day', 'is', null), eb.between('usage_day', fromDay, toDay)]))
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .groupBy('pool_key')
    .execute();
  return new Map(rows.map((r) => [r.pool_key, Number(r.taken)]));
}

/** Every pool a product has given out (for edits that lower a quantity: not below what is taken). */
export async function takenForWholeProduct(db: Db, businessId: string, productId: string, now: Date): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('capacity_claims')
    .select(['pool_key', sql<string>`sum(quantity)`.as('taken')])
    .where('business_id', '=', businessId)
    .where('product_id', '=', productId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .groupBy('pool_key')
    .execute();
  return new Map(rows.map((r) => [r.pool_key, Number(r.taken)]));
}

export interface NewClaim {
  poolKey: string;
  usageDay: string | null;
  quantity: number;
}

export async function insertClaims(
  db: Db,
  values: { businessId: string; productId: string; owner: { bookingId: string } | { holdId: string; expiresAt: Date }; claims: readonly NewClaim[] },
): Promise<void> {
  if (values.claims.length === 0) return;
  await db
    .insertInto('capacity_claims')
    .values(
      values.claims.map((c) => ({
        business_id: values.businessId,
        product_id: values.productId,
        pool_key: c.poolKey,
        usage_day: c.usageDay,
        quantity: c.quantity,
        booking_id: 'bookingId' in values.owner ? values.owner.bookingId : null,
        hold_id: 'holdId' in values.owner ? values.owner.holdId : null,
        expires_at: 'holdId' in values.owner ? values.owner.expiresAt : null,
      })),
    )
    .execute();
}

/** A cancelled or rejected booking gives its quantity back. */
export async function releaseBookingClaims(db: Db, businessId: string, bookingId: string): Promise<void> {
  await db.deleteFrom('capacity_claims').where('business_id', '=', businessId).where('booking_id', '=', bookingId).execute();
}

/** PAY-1: a hold's claims count until `until` (the hold is extended while its customer pays). */
export async function extendHoldClaims(db: Db, businessId: string, holdId: string, until: Date): Promise<void> {
  await db.updateTable('capacity_claims').set({ expires_at: until }).where('business_id', '=', businessId).where('hold_id', '=', holdId).execute();
}
