import type { Kysely } from 'kysely';
import type { BookingStatus, DB } from '../../platform/db/types.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';

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
  /** Who changed it: the customer (their own cancel) or the business (partner center, calendar). */
  side: 'customer' | 'business';
  userId: string | null;
  /** The refund share of the customer's own cancel (the policy tier); null when the business cancelled. */
  refundPercent: number | null;
  /** Paid at booking (PAY-1). */
  prepaid: boolean;
  /** Made in the calendar (the schedule hooks ran for it). */
  fromSchedule: boolean;
  /** The jobs of this process, when the caller has them (a reaction with a job also leaves a row a sweep picks up). */
  jobs: Jobs | null;
  /** What the customer is told about (NOTI-1): their booking as booked. */
  booking: BookingFacts;
}

/** The facts of a booking a reaction may tell its customer (NOTI-1). */
export interface BookingFacts {
  number: string;
  customerName: string;
  customerPhone: string;
  startsAt: Date;
  scheduleId: string | null;
  /** The cancel or reject reason given, if any. */
  reason: string | null;
}

/** A booking just written by the booking page (or a paid checkout), in its transaction. */
export interface BookingCreated extends BookingFacts {
  businessId: string;
  bookingId: string;
  customerId: string;
  status: BookingStatus;
  /** '레이저 토닝 1회 2명': the product and the quantity. */
  what: string;
  prepaid: boolean;
  now: Date;
  /** The process's jobs, so the confirmation goes out now; without them the minute's sweep sends it. */
  jobs: Jobs | null;
}

/** The shop's answer to a customer's inquiry (BOOK-11), in its transaction. */
export interface InquiryReplied {
  businessId: string;
  inquiryId: string;
  authorName: string;
  authorPhone: string;
  question: string;
  reply: string;
  now: Date;
}

export interface BookingHooks {
  /** After a booking's status change was written, made on the booking (not in the calendar). */
  afterStatusChange?(trx: Kysely<DB>, change: BookingStatusChange): Promise<void>;
  /** After any status change of a booking, wherever it was made (the partner center, the customer, the calendar). */
  afterAnyStatusChange?(trx: Kysely<DB>, change: BookingStatusChange): Promise<void>;
  /** After a booking was written (the booking page, a paid checkout). */
  afterCreate?(trx: Kysely<DB>, created: BookingCreated): Promise<void>;
  /** After the shop answered an inquiry. */
  afterInquiryReply?(trx: Kysely<DB>, replied: InquiryReplied): Promise<void>;
}

const registered = new Map<string, BookingHooks>();

/** Registers (or replaces, by name) a feature's reactions to booking status changes. */
export function registerBookingHooks(name: string, hooks: BookingHooks): void {
  registered.set(name, hooks);
}

export async function runBookingStatusHooks(trx: Kysely<DB>, change: BookingStatusChange): Promise<void> {
  for (const hooks of registered.values()) {
    await hooks.afterAnyStatusChange?.(trx, change);
    if (!change.fromSchedule) await hooks.afterStatusChange?.(trx, change);
  }
}

export async function runBookingCreatedHooks(trx: Kysely<DB>, created: BookingCreated): Promise<void> {
  for (const hooks of registered.values()) await hooks.afterCreate?.(trx, created);
}

export async function runInquiryReplyHooks(trx: Kysely<DB>, replied: InquiryReplied): Promise<void> {
  for (const hooks of registered.values()) await hooks.afterInquiryReply?.(trx, replied);
}

/**
 * PAY-1: what another feature adds to a booking's view (its payment), for
 * the customer's page and the partner center, registered at assembly.
 * `refundPercent` is what the customer's own cancel would refund now (null
 * when they cannot cancel).
 */
export interface BookingPaymentView {
  status: string;
  statusLabel: string;
  amountGross: number;
  couponBusiness: number;
  couponPlatform: number;
  points: number;
  amountPg: number;
  balancePg: number;
  methodLabel: string | null;
  paidAt: string | null;
  receiptUrl: string | null;
  /** What the customer's own cancel would refund now (PG 원 + points), or null. */
  cancelRefund: { percent: number; amountPg: number; points: number } | null;
  /** 결제만 취소 is possible (a completed booking with money left to refund). */
  canCancelPaymentOnly: boolean;
  refunds: {
    id: string;
    kind: string;
    kindLabel: string;
    amountPg: number;
    points: number;
    status: string;
    statusLabel: string;
    reason: string;
    errorMessage: string | null;
    createdAt: string;
    doneAt: string | null;
  }[];
}

export type BookingPaymentDescriber = (db: Kysely<DB>, businessId: string, bookings: readonly { id: string; status: BookingStatus; refundPercent: number | null }[]) => Promise<Map<string, BookingPaymentView>>;

let paymentDescriber: BookingPaymentDescriber | null = null;

export function registerBookingPaymentDescriber(describe: BookingPaymentDescriber | null): void {
  paymentDescriber = describe;
}

export async function describeBookingPayments(db: Kysely<DB>, businessId: string, bookings: readonly { id: string; status: BookingStatus; prepaid: boolean; refundPercent: number | null }[]): Promise<Map<string, BookingPaymentView>> {
  const paid = bookings.filter((b) => b.prepaid);
  if (!paymentDescriber || paid.length === 0) return new Map();
  return paymentDescriber(db, businessId, paid);
}
