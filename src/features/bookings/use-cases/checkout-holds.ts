import { extendHoldClaims, insertClaims } from '../../inventory/index.ts';
import { canonicalLines } from '../domain/lines.ts';
import { claimsOf } from '../domain/usage.ts';
import * as repo from '../repository.ts';
import type { CheckedBooking } from './create-booking.ts';
import type { Db } from './prepare.ts';

/**
 * PAY-1: while its customer pays, a checkout keeps what it books: the hold
 * the customer took (extended), or a new one when theirs had lapsed. Called
 * under the locks checkBooking took, in the checkout's transaction.
 */
export async function holdForCheckout(trx: Db, checked: CheckedBooking, clientKey: string, until: Date): Promise<string> {
  const { businessId, loaded } = checked.prepared;
  if (checked.holdId) {
    await repo.extendHold(trx, businessId, checked.holdId, until);
    await extendHoldClaims(trx, businessId, checked.holdId, until);
    return checked.holdId;
  }
  const quantity = checked.prepared.lines.reduce((sum, line) => sum + line.quantity, 0);
  const hold = await repo.insertHold(trx, { businessId, productId: loaded.row.id, lines: canonicalLines(checked.prepared.lines), quantity, clientKey, expiresAt: until });
  await insertClaims(trx, { businessId, productId: loaded.row.id, owner: { holdId: hold.id, expiresAt: until }, claims: claimsOf(checked.prepared.demand, checked.prepared.usage) });
  checked.holdId = hold.id;
  return hold.id;
}

/** A checkout that will not be paid gives its hold back at once (deleting the hold deletes its claims). */
export async function releaseCheckoutHold(trx: Db, businessId: string, holdId: string): Promise<void> {
  await repo.deleteHold(trx, businessId, holdId);
}
