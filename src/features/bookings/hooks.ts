import type { Kysely } from 'kysely';
import type { BookingStatus, DB } from '../../platform/db/types.ts';

/**
 * What a booking's status change means elsewhere (a visit for loyalty when
 * it is used) is registered by the feature that cares, at app assembly
 * (src/app/hooks.ts), and run inside the change's transaction. Only for
 * changes made on the booking (partner center, the customer's own cancel):
 * a change made in the calendar runs the schedule hooks instead, so a
 * reaction never runs twice for one change.
 */
export interface BookingStatusChange {
  businessId: string;
  bookingId: string;
  /** The calendar schedule behind the booking, if it has one. */
  schedule: { id: string; startsAt: Date } | null;
  customerId: string;
  from: BookingStatus;
  to: BookingStatus;
  now: Date;
}

export interface BookingHooks {
  /** After a booking's status change was written. */
  afterStatusChange?(trx: Kysely<DB>, change: BookingStatusChange): Promise<void>;
}

const registered = new Map<string, BookingHooks>();

/** Registers (or replaces, by name) a feature's reactions to booking status changes. */
export function registerBookingHooks(name: string, hooks: BookingHooks): void {
  registered.set(name, hooks);
}

export async function runBookingStatusHooks(trx: Kysely<DB>, change: BookingStatusChange): Promise<void> {
  for (const hooks of registered.values()) await hooks.afterStatusChange?.(trx, change);
}
