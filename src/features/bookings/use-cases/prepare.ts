import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, catalogAppError } from '../../../platform/errors/registry.ts';
import { capacityCheck, lockPools, lockProductForBooking, type PoolDemand } from '../../inventory/index.ts';
import { bookingDemand, checkLineBookable, epochMinuteOf, findProductBusiness, loadProduct, type BookingLine, type LoadedProduct } from '../../products/index.ts';
import { parseLines, type LineInput } from '../domain/lines.ts';
import { usageOf, type Usage } from '../domain/usage.ts';

/** What holds and bookings share (BOOK-7, BOOK-8): the bookable product, and the locks and checks before capacity is taken. */

export type Db = Kysely<DB>;

/** BOOK-8: a hold keeps what the customer picked for this long. */
export const HOLD_MINUTES = 10;
/** Who the calendar names for what the booking page did. */
export const BOOKING_PAGE_ACTOR = '예약페이지';

/** An exposed product of an exposed, open place: what the booking page may show and book. */
export async function requireBookableProduct(db: Db, productId: string, knownBusinessId?: string): Promise<{ businessId: string; loaded: LoadedProduct }> {
  const businessId = knownBusinessId ?? (await findProductBusiness(db, productId));
  if (!businessId) throw new AppError('PRODUCT_NOT_FOUND');
  const loaded = await loadProduct(db, businessId, productId);
  if (!loaded || !loaded.row.exposed || !loaded.place.exposed) throw new AppError('PRODUCT_NOT_FOUND');
  if (loaded.place.operating_status !== 'open') throw new AppError('PLACE_NOT_BOOKABLE');
  return { businessId, loaded };
}

export interface PreparedBooking {
  businessId: string;
  loaded: LoadedProduct;
  lines: BookingLine[];
  demand: PoolDemand[];
  usage: Usage;
  totalQuantity: number;
}

/**
 * Inside the booking transaction: the product lock (shared), the product's
 * rules as of now, every line bookable now, then the pool locks in order.
 */
export async function prepareUnderLocks(trx: Db, productId: string, input: readonly LineInput[], now: Date): Promise<PreparedBooking> {
  const businessId = await findProductBusiness(trx, productId);
  if (!businessId) throw new AppError('PRODUCT_NOT_FOUND');
  await lockProductForBooking(trx, businessId, productId);
  const { loaded } = await requireBookableProduct(trx, productId, businessId);
  const lines = parseLines(loaded, input);
  const query = { now: epochMinuteOf(now), zone: loaded.timeZone };
  for (const line of lines) {
    const problem = checkLineBookable(loaded.product, line, query);
    if (problem) throw catalogAppError(problem);
  }
  const demand = bookingDemand(loaded.product, lines);
  if (!demand.ok) throw catalogAppError(demand.error);
  await lockPools(trx, businessId, demand.value.map((d) => d.key));
  return { businessId, loaded, lines, demand: demand.value, usage: usageOf(loaded, lines), totalQuantity: lines.reduce((s, l) => s + l.quantity, 0) };
}

/** SOLD_OUT naming what is left, unless every pool has room; call it under the pools' locks. */
export function requireCapacity(demand: readonly PoolDemand[], taken: Map<string, number>): void {
  const verdict = capacityCheck(demand, taken);
  if (!verdict.ok) throw new AppError('SOLD_OUT', { message: verdict.message, details: { pool: verdict.pool, remaining: verdict.remaining } });
}
