import { z } from 'zod';
import type { ScheduleStatus } from '../../../platform/db/types.ts';

/**
 * The inbound half of the Naver connector contract (docs/naver-contract.md).
 * Every event carries the whole booking as Naver has it at `revision`, which
 * grows by one with every change at Naver. Carrying the whole state is what
 * lets us apply events in any order: the newest revision wins, older ones are
 * acknowledged and dropped.
 */
export const naverBookingSchema = z.object({
  bookingId: z.string().min(1).max(64),
  revision: z.number().int().min(1),
  productId: z.string().min(1).max(64),
  confirmationMode: z.enum(['instant', 'approval']),
  customer: z.object({ name: z.string().trim().min(1).max(100), phone: z.string().min(8).max(20) }),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  options: z.array(z.object({ name: z.string().max(100), value: z.string().max(500) })).max(50).default([]),
  request: z.string().max(2000).default(''),
});

export const naverEventSchema = z.object({
  eventId: z.string().min(1).max(100),
  type: z.enum(['booking.created', 'booking.changed', 'booking.cancelled']),
  occurredAt: z.iso.datetime({ offset: true }),
  booking: naverBookingSchema,
});

export type NaverBooking = z.infer<typeof naverBookingSchema>;
export type NaverEvent = z.infer<typeof naverEventSchema>;

/** What we already hold for a booking: the revision applied last and the schedule's status. */
export interface KnownBooking {
  revision: number;
  status: ScheduleStatus;
}

export type NaverEventDecision =
  | { kind: 'create'; status: ScheduleStatus; alert: true }
  | { kind: 'update'; status: ScheduleStatus; fieldsChanged: true }
  | { kind: 'stale' };

export function initialStatus(booking: NaverBooking): ScheduleStatus {
  return booking.confirmationMode === 'approval' ? 'pending' : 'confirmed';
}

/**
 * NAVER-4..6, NAVER-8: what one event does to the schedule of its booking.
 * - First sight of a booking (whatever the event type, since events can
 *   arrive out of order) creates the schedule, with 확정대기 or 예약확정 by the
 *   product's confirmation mode, or 취소 if that event is the cancellation;
 *   only a creation alerts.
 * - An event not newer than what we applied is stale: acknowledged, ignored.
 * - A newer change updates time, product and options; the status is the
 *   shop's decision and stays, except that a customer's cancellation sets 취소
 *   (a visit already 완료 stays 완료).
 */
export function decideNaverEvent(known: KnownBooking | null, event: NaverEvent): NaverEventDecision {
  if (!known) {
    return { kind: 'create', status: event.type === 'booking.cancelled' ? 'cancelled' : initialStatus(event.booking), alert: true };
  }
  if (event.booking.revision <= known.revision) return { kind: 'stale' };
  const status = event.type === 'booking.cancelled' && known.status !== 'completed' ? 'cancelled' : known.status;
  return { kind: 'update', status, fieldsChanged: true };
}

/** The memo text for a booking's options and requests (NAVER-3, NAVER-5). */
export function naverMemoText(booking: NaverBooking): string {
  const lines = booking.options.map((o) => `[옵션] ${o.name}: ${o.value}`);
  if (booking.request.trim()) lines.push(`[요청사항] ${booking.request.trim()}`);
  return lines.join('\n');
}
