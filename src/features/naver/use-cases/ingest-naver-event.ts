import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, ScheduleStatus } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { formatFriendlyDateTime } from '../../../shared/format.ts';
import { NAVER_ACTOR_LABEL, NAVER_BOOKING_ALERT_TITLE } from '../../../shared/labels/naver.ts';
import { SCHEDULE_STATUS_LABELS } from '../../../shared/labels/schedules.ts';
import { authRepository as authRepo } from '../../auth/index.ts';
import { findOrCreateCustomerByNameAndPhone } from '../../customers/index.ts';
import { notifyUsers } from '../../notifications/index.ts';
import { schedulesRepository as schedulesRepo } from '../../schedules/index.ts';
import { decideNaverEvent, naverEventSchema, naverMemoText, type NaverEvent } from '../domain/events.ts';
import { verifySignature } from '../domain/signature.ts';
import * as bookings from '../repository/bookings.ts';
import * as connections from '../repository/connections.ts';

type IngestResult = 'created' | 'updated' | 'stale' | 'duplicate';
const NAVER_ALERT_KIND = 'naver.booking_created';

const UNKNOWN_BUSINESS_SECRET = crypto.randomBytes(32).toString('hex');

/**
 * NAVER-4..6, NAVER-8: one signed webhook delivery. The signature is checked
 * against the business's secret before the body is parsed; then, under a lock
 * on the booking, the event is applied at most once (by event id) and only if
 * it is newer than what was applied (by revision). Everything it writes —
 * customer, schedule, memo, history, alerts, the event record — commits
 * together.
 */
export async function ingestNaverEvent(
  db: Kysely<DB>,
  input: { businessId: string; rawBody: string; timestamp: string | undefined; signature: string | undefined; now?: Date },
): Promise<{ result: IngestResult; scheduleId: string | null }> {
  const found = await connections.findConnection(db, input.businessId);
  const connection = found?.enabled ? found : null;
  // SEC-4: an unknown or disconnected business is checked against a secret nobody has, so its answer
  // (401 and the same reason) cannot tell an outsider which business ids exist or are connected.
  const check = verifySignature({ secret: connection?.secret ?? UNKNOWN_BUSINESS_SECRET, timestamp: input.timestamp, signature: input.signature, rawBody: input.rawBody, now: input.now ?? new Date() });
  if (!check.ok || !connection) throw new AppError('NAVER_SIGNATURE_INVALID', { details: { reason: check.ok ? 'mismatch' : check.reason } });

  let json: unknown;
  try {
    json = JSON.parse(input.rawBody);
  } catch {
    throw new AppError('INVALID_JSON');
  }
  const parsed = naverEventSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', { details: { fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } });
  }
  const event = parsed.data;
  if (Date.parse(event.booking.endsAt) <= Date.parse(event.booking.startsAt)) throw new AppError('SCHEDULE_TIME_INVALID');

  return db.transaction().execute(async (trx) => {
    await bookings.lockBooking(trx, input.businessId, event.booking.bookingId);
    const facts = await bookings.findDeliveryFacts(
      trx,
      input.businessId,
      { eventId: event.eventId, bookingId: event.booking.bookingId, productId: event.booking.productId },
      authRepo.usersWithPermissionQuery(trx, input.businessId, 'naver.alert'),
    );
    // The business was deleted since its connection was read: answered as an unknown business.
    if (!facts) throw new AppError('NAVER_SIGNATURE_INVALID', { details: { reason: 'mismatch' } });
    if (facts.seen) return { result: 'duplicate' as const, scheduleId: null };
    const known = knownBooking(facts);
    const decision = decideNaverEvent(known ? { revision: known.revision, status: known.status } : null, event);
    if (decision.kind === 'create') {
      const scheduleId = await createFromBooking(trx, input.businessId, connection.memo_type_id, facts, event, decision.status);
      return { result: 'created' as const, scheduleId };
    }
    if (decision.kind === 'update' && known) await updateFromBooking(trx, input.businessId, known, facts, event, decision.status);
    const outcome = decision.kind === 'update' ? 'updated' : 'stale';
    await bookings.recordEventOnce(trx, {
      businessId: input.businessId,
      eventId: event.eventId,
      bookingId: event.booking.bookingId,
      type: event.type,
      revision: event.booking.revision,
      outcome,
    });
    return { result: outcome, scheduleId: known?.schedule_id ?? null };
  });
}

type DeliveryFacts = NonNullable<Awaited<ReturnType<typeof bookings.findDeliveryFacts>>>;
type KnownBooking = NonNullable<ReturnType<typeof knownBooking>>;

function knownBooking(facts: DeliveryFacts) {
  if (facts.known_schedule_id === null) return null;
  return {
    schedule_id: facts.known_schedule_id,
    revision: facts.known_revision!,
    product_id: facts.known_product_id!,
    status: facts.known_status!,
    version: facts.known_version!,
    department_id: facts.known_department_id,
    starts_at: facts.known_starts_at!,
    ends_at: facts.known_ends_at!,
  };
}

function linkedDepartment(facts: DeliveryFacts) {
  return facts.department_id === null ? null : { id: facts.department_id, name: facts.department_name! };
}

async function createFromBooking(trx: Kysely<DB>, businessId: string, mappedMemoTypeId: string | null, facts: DeliveryFacts, event: NaverEvent, status: ScheduleStatus) {
  const booking = event.booking;
  if (!facts.naver_staff_id) throw new Error(`business ${businessId} has no 네이버예약 staff`);
  const { customer } = await findOrCreateCustomerByNameAndPhone(trx, businessId, booking.customer);
  const department = linkedDepartment(facts);
  const memoText = naverMemoText(booking);
  // Unmapped (NAVER-3 not set up yet): the first visible memo type, so options are never lost.
  const memoTypeId = mappedMemoTypeId ?? facts.first_visible_memo_type_id;
  const scheduleId = await schedulesRepo.insertScheduleWithHistory(
    trx,
    businessId,
    {
      customerId: customer.id,
      staffId: facts.naver_staff_id,
      departmentId: department?.id ?? null,
      startsAt: new Date(booking.startsAt),
      endsAt: new Date(booking.endsAt),
      status,
      source: 'naver',
      title: NAVER_ACTOR_LABEL,
      createdBy: null,
    },
    { userId: null, actorLabel: NAVER_ACTOR_LABEL, action: 'created', changes: { bookingId: { from: null, to: booking.bookingId }, status: { from: null, to: status } } },
    memoText && memoTypeId ? { memoTypeId, body: memoText } : null,
  );
  await bookings.insertBookingWithEvent(trx, {
    businessId,
    bookingId: booking.bookingId,
    scheduleId,
    revision: booking.revision,
    productId: booking.productId,
    eventId: event.eventId,
    type: event.type,
  });

  const when = formatFriendlyDateTime(booking.startsAt, facts.time_zone);
  await notifyUsers(trx, businessId, facts.recipients, {
    kind: NAVER_ALERT_KIND,
    title: NAVER_BOOKING_ALERT_TITLE,
    body: `${customer.name} · ${when}${department ? ` · ${department.name}` : ''} · ${SCHEDULE_STATUS_LABELS[status]}`,
    scheduleId,
  });
  return scheduleId;
}

async function updateFromBooking(trx: Kysely<DB>, businessId: string, known: KnownBooking, facts: DeliveryFacts, event: NaverEvent, status: ScheduleStatus) {
  const booking = event.booking;
  const department = booking.productId !== known.product_id ? linkedDepartment(facts) : null;
  const startsAt = new Date(booking.startsAt);
  const endsAt = new Date(booking.endsAt);
  const changes: Record<string, { from: string | null; to: string | null }> = {};
  if (startsAt.getTime() !== known.starts_at.getTime()) changes.startsAt = { from: known.starts_at.toISOString(), to: startsAt.toISOString() };
  if (endsAt.getTime() !== known.ends_at.getTime()) changes.endsAt = { from: known.ends_at.toISOString(), to: endsAt.toISOString() };
  if (status !== known.status) changes.status = { from: known.status, to: status };
  if (department && department.id !== known.department_id) changes.department = { from: null, to: department.name };

  // The booking lock serialises the sync; the version guard still stops it from overwriting a concurrent calendar edit unseen.
  const updated = await schedulesRepo.updateScheduleAtVersion(trx, businessId, known.schedule_id, known.version, {
    starts_at: startsAt,
    ends_at: endsAt,
    status,
    ...(department ? { department_id: department.id } : {}),
  });
  if (!updated) throw new AppError('SCHEDULE_VERSION_CONFLICT');
  await bookings.updateBookingRevision(trx, { businessId, bookingId: booking.bookingId, revision: booking.revision, productId: booking.productId });

  const memoText = naverMemoText(booking);
  const memo = await bookings.findSyncMemo(trx, businessId, known.schedule_id);
  if (memo && memo.body !== memoText) {
    await bookings.updateMemoBody(trx, businessId, memo.id, memoText);
    changes.memo = { from: memo.body, to: memoText };
  }
  await schedulesRepo.insertHistory(trx, {
    businessId,
    scheduleId: known.schedule_id,
    userId: null,
    actorLabel: NAVER_ACTOR_LABEL,
    action: event.type === 'booking.cancelled' ? 'naver_cancelled' : 'naver_changed',
    changes,
  });
}
