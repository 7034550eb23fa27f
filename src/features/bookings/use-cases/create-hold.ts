import { AppError } from '../../../platform/errors/registry.ts';
import { MAX_HELD_PLACES_PER_CLIENT } from '../../../platform/http/rate-limits.ts';
import { insertClaims, lockHoldClient, takenByPools } from '../../inventory/index.ts';
import { canonicalLines, type LineInput } from '../domain/lines.ts';
import { claimsOf } from '../domain/usage.ts';
import * as repo from '../repository.ts';
import { HOLD_MINUTES, prepareUnderLocks, requireCapacity, type Db } from './prepare.ts';

/**
 * BOOK-8, SEC-1: holds what the customer chose for HOLD_MINUTES; it counts
 * against capacity. A client (`clientKey`, its address) that already holds
 * places of a business may hold more only up to MAX_HELD_PLACES_PER_CLIENT
 * in all, so a script cannot take every place of a day by holding them (one
 * booking's worth, however large, is always holdable); the answer says when
 * its first hold ends.
 */
export async function createHold(db: Db, input: { productId: string; lines: LineInput[]; clientKey: string }, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const prepared = await prepareUnderLocks(trx, input.productId, input.lines, now);
    const quantity = prepared.lines.reduce((sum, line) => sum + line.quantity, 0);
    await lockHoldClient(trx, prepared.businessId, input.clientKey);
    const held = await repo.heldByClient(trx, prepared.businessId, input.clientKey, now);
    // One booking's worth is always holdable (a group class may take more at once); more holds on top are capped.
    if (held.quantity > 0 && held.quantity + quantity > MAX_HELD_PLACES_PER_CLIENT) {
      const retryAfterSeconds = held.firstExpiry ? Math.ceil((held.firstExpiry.getTime() - now.getTime()) / 1000) : HOLD_MINUTES * 60;
      throw new AppError('HOLD_LIMIT_REACHED', { details: { maxPlaces: MAX_HELD_PLACES_PER_CLIENT, heldPlaces: held.quantity, retryAfterSeconds } });
    }
    const taken = await takenByPools(trx, prepared.businessId, prepared.demand.map((d) => d.key), now);
    requireCapacity(prepared.demand, taken);
    await repo.deleteExpiredHolds(trx, prepared.businessId, now);
    const expiresAt = new Date(now.getTime() + HOLD_MINUTES * 60_000);
    const hold = await repo.insertHold(trx, { businessId: prepared.businessId, productId: input.productId, lines: canonicalLines(prepared.lines), quantity, clientKey: input.clientKey, expiresAt });
    await insertClaims(trx, {
      businessId: prepared.businessId,
      productId: input.productId,
      owner: { holdId: hold.id, expiresAt },
      claims: claimsOf(prepared.demand, prepared.usage),
    });
    return { holdId: hold.id, expiresAt: hold.expires_at.toISOString() };
  });
}
