import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';

/**
 * NOTI-1: what a refund that went through means elsewhere (the customer is
 * told), registered at app assembly (src/app/hooks.ts) by the feature that
 * reacts, and run inside the transaction that records the refund.
 */
export interface RefundSucceeded {
  businessId: string;
  refundId: string;
  bookingId: string | null;
  customerName: string;
  customerPhone: string;
  /** Back to the card or wallet (원). */
  amountPg: number;
  /** Platform points given back. */
  points: number;
  now: Date;
}

export type RefundHook = (trx: Kysely<DB>, refund: RefundSucceeded) => Promise<void>;

const registered = new Map<string, RefundHook>();

/** Registers (or replaces, by name) a reaction to a refund that succeeded. */
export function registerRefundHook(name: string, hook: RefundHook): void {
  registered.set(name, hook);
}

export async function runRefundHooks(trx: Kysely<DB>, refund: RefundSucceeded): Promise<void> {
  for (const hook of registered.values()) await hook(trx, refund);
}
