import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError } from '../../platform/errors/registry.ts';

/**
 * A coupon handed over with a POS visit (MSG-1, MSG-11) is a message
 * recipient's coupon, which the messaging feature owns. It registers how a
 * code is redeemed at app assembly (src/app/hooks.ts); the visit runs it
 * inside its own transaction, so a refused coupon records no visit.
 */

/** A coupon as the POS sees it (the reply of a visit, and of redeeming a code). */
export interface PosCoupon {
  code: string;
  messageId: string;
  messageTitle: string;
  customerId: string | null;
  /** The recipient's name as the message was sent. */
  name: string;
  benefit: Record<string, unknown>;
  expiresAt: string;
  redeemedAt: string | null;
}

/** `code` is as typed at the counter: the redeemer decides what case, spaces and hyphens mean. */
export interface PosCouponRedeemer {
  /** Redeems the code in the caller's transaction, or throws COUPON_NOT_FOUND, COUPON_ALREADY_REDEEMED or COUPON_EXPIRED. */
  redeem(trx: Kysely<DB>, businessId: string, code: string, now: Date): Promise<PosCoupon>;
  /** The coupon as it stands (a retried visit answers it); null when the business has no such code. */
  find(db: Kysely<DB>, businessId: string, code: string): Promise<PosCoupon | null>;
}

/** Without messaging assembled there are no coupons. */
const noCoupons: PosCouponRedeemer = {
  async redeem() {
    throw new AppError('COUPON_NOT_FOUND');
  },
  async find() {
    return null;
  },
};

let registered: PosCouponRedeemer = noCoupons;

/** Registers (or replaces) how a visit's coupon code is redeemed. */
export function registerPosCouponRedeemer(redeemer: PosCouponRedeemer): void {
  registered = redeemer;
}

export function posCouponRedeemer(): PosCouponRedeemer {
  return registered;
}
