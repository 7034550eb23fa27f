import type { Jobs } from '../../../platform/jobs/jobs.ts';
import type { BookingStatus } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { normalizePhone } from '../../../shared/phone.ts';
import { authRepository as authRepo } from '../../auth/index.ts';
import { findOrCreateCustomerByNameAndPhone, recordBookingConsents, type BookingConsents } from '../../customers/index.ts';
import { insertClaims, takenByPools } from '../../inventory/index.ts';
import { notifyUsers } from '../../notifications/index.ts';
import { dateOfEpochMinute } from '../../products/index.ts';
import { schedulesRepository as schedulesRepo } from '../../schedules/index.ts';
import { canonicalLines, pricedLines, storedLines, type LineInput } from '../domain/lines.ts';
import { BOOKING_STATUS_LABELS, scheduleStatusOf } from '../domain/status.ts';
import { claimsOf } from '../domain/usage.ts';
import * as repo from '../repository.ts';
import { runBookingCreatedHooks } from '../hooks.ts';
import { BOOKING_PAGE_ACTOR, prepareUnderLocks, requireCapacity, type Db, type PreparedBooking } from './prepare.ts';
import { paymentsOf, presentOwnBooking } from './present.ts';

export interface NewBookingInput {
  productId: string;
  holdId?: string | undefined;
  lines: LineInput[];
  customer: { name: string; phone: string };
  request?: string | undefined;
  /** LAW-1: 개인정보 수집·이용 (required) and 광고성 정보 수신 (optional), as ticked on the booking page. */
  consents: BookingConsents;
}

const BOOKING_ALERT_KIND = 'booking_page.created';

/** The customer's name and phone as stored, or the field error. */
export function bookingCustomer(input: NewBookingInput['customer']): { name: string; phone: string } {
  const name = input.name.normalize('NFC').trim();
  if (name === '') throw new AppError('VALIDATION_FAILED', { message: '예약자 이름을 입력해 주세요.', details: { fields: [{ path: 'customer.name', message: '예약자 이름을 입력해 주세요.' }] } });
  const phone = normalizePhone(input.phone);
  if (!phone) throw new AppError('PHONE_INVALID', { details: { fields: [{ path: 'customer.phone', message: '올바른 휴대폰 번호가 아닙니다.' }] } });
  return { name, phone };
}

/**
 * LAW-1: the booking page asks for 개인정보 수집·이용 before anything is
 * held or written; without it the booking is refused (the page cannot send
 * it either). Returns what is recorded with the booking.
 */
export function requirePrivacyConsent(consents: BookingConsents): { privacy: true; marketing: boolean } {
  if (consents.privacy !== true) throw new AppError('PRIVACY_CONSENT_REQUIRED', { details: { fields: [{ path: 'consents.privacy', message: '개인정보 수집·이용에 동의해 주세요.' }] } });
  return { privacy: true, marketing: consents.marketing === true };
}

/** A booking that may be written now: checked under the product's and pools' locks, with its hold (if still live). */
export interface CheckedBooking {
  prepared: PreparedBooking;
  /** The live hold it consumes, or null (capacity was checked afresh). */
  holdId: string | null;
  priced: ReturnType<typeof pricedLines>;
}

/**
 * BOOK-7, BOOK-8: inside the caller's transaction, under the product's
 * shared lock and its pools' locks: the lines against the rules of now, the
 * hold (if any) re-checked, and every pool's room. Writes nothing.
 */
export async function checkBooking(trx: Db, input: Pick<NewBookingInput, 'productId' | 'holdId' | 'lines'>, now: Date): Promise<CheckedBooking> {
  const prepared = await prepareUnderLocks(trx, input.productId, input.lines, now);
  const { businessId } = prepared;
  let holdId: string | null = null;
  // The product names the business, so a hold of another business is not found. A hold that is not
  // found, or expired, is simply gone: capacity is checked afresh below.
  const hold = input.holdId ? await repo.lockHold(trx, businessId, input.holdId) : undefined;
  if (hold && hold.expires_at > now) {
    if (hold.product_id !== input.productId || storedLines(hold.lines) !== canonicalLines(prepared.lines)) throw new AppError('HOLD_MISMATCH');
    holdId = hold.id;
  }
  const taken = await takenByPools(trx, businessId, prepared.demand.map((d) => d.key), now, holdId);
  requireCapacity(prepared.demand, taken);
  return { prepared, holdId, priced: pricedLines(prepared.loaded, prepared.lines) };
}

/**
 * BOOK-9: writes the checked booking: the hold consumed, the customer, the
 * calendar schedule, the booking and its lines (예약상세번호), its claims,
 * the request memo, the consents given with it (LAW-1; null only for a
 * checkout stored before the page asked for them), the history and the
 * alert to the shop. `prepaid` when it was paid at booking (PAY-1).
 */
export async function writeBooking(
  trx: Db,
  checked: CheckedBooking,
  who: { name: string; phone: string; request?: string | undefined; consents: BookingConsents | null },
  now: Date,
  options: { prepaid: boolean; jobs?: Jobs | null } = { prepaid: false },
): Promise<{ businessId: string; bookingId: string; bookingNumber: string; lines: { lineNo: number; detailNumber: string }[] }> {
  const { prepared, priced } = checked;
  const { businessId, loaded } = prepared;
  const { name, phone } = who;
  if (checked.holdId) await repo.deleteHold(trx, businessId, checked.holdId);

  const { customer } = await findOrCreateCustomerByNameAndPhone(trx, businessId, { name, phone });
  const status: BookingStatus = loaded.row.confirmation_mode === 'approval' ? 'pending' : 'confirmed';
  const staff = (loaded.row.staff_id ? await repo.findActiveStaff(trx, businessId, loaded.row.staff_id) : undefined) ?? (await repo.findBookingPageStaff(trx, businessId));
  const totalAmount = priced.reduce((s, l) => s + l.unitAmount * l.quantity, 0);
  const what = `${loaded.row.name} ${prepared.totalQuantity}${loaded.product.bookingType === 'time_slot' ? '명' : '건'}`;
  const schedule = await schedulesRepo.insertSchedule(trx, {
    businessId,
    customerId: customer.id,
    staffId: staff.id,
    departmentId: loaded.row.department_id,
    startsAt: prepared.usage.startsAt,
    endsAt: prepared.usage.endsAt,
    status: scheduleStatusOf(status),
    source: 'booking_page',
    title: what,
    createdBy: null,
  });
  const bookingNumber = await repo.nextBookingNumber(trx);
  const booking = await repo.insertBooking(trx, businessId, {
    booking_number: bookingNumber,
    place_id: loaded.row.place_id,
    product_id: loaded.row.id,
    customer_id: customer.id,
    schedule_id: schedule.id,
    customer_name: name,
    customer_phone: phone,
    request: (who.request ?? '').trim(),
    status,
    usage_starts_at: prepared.usage.startsAt,
    usage_ends_at: prepared.usage.endsAt,
    usage_label: prepared.usage.label,
    total_amount: totalAmount,
    total_quantity: prepared.totalQuantity,
    confirmed_at: status === 'confirmed' ? now : null,
    prepaid: options.prepaid,
  });
  const lines = priced.map((l, i) => ({
    booking_id: booking.id,
    detail_number: `${bookingNumber}-${i + 1}`,
    line_no: i + 1,
    slot_starts_at: l.line.kind === 'slot' ? dateOfEpochMinute(l.line.startMinute) : null,
    booking_schedule_id: l.line.kind === 'booking_schedule' ? l.line.bookingScheduleId : null,
    price_name: l.priceName,
    unit_amount: l.unitAmount,
    quantity: l.quantity,
  }));
  await repo.insertBookingLines(trx, businessId, lines);
  await insertClaims(trx, { businessId, productId: loaded.row.id, owner: { bookingId: booking.id }, claims: claimsOf(prepared.demand, prepared.usage) });
  if (who.consents) await recordBookingConsents(trx, businessId, customer, who.consents, { number: bookingNumber, at: now });

  const memoType = booking.request ? await repo.findFirstVisibleMemoType(trx, businessId) : undefined;
  if (memoType) await schedulesRepo.insertMemo(trx, { businessId, scheduleId: schedule.id, memoTypeId: memoType.id, body: `[요청사항] ${booking.request}`, createdBy: null });
  await schedulesRepo.insertHistory(trx, {
    businessId,
    scheduleId: schedule.id,
    userId: null,
    actorLabel: BOOKING_PAGE_ACTOR,
    action: 'created',
    changes: { bookingNumber: { from: null, to: bookingNumber }, status: { from: null, to: scheduleStatusOf(status) } },
  });
  await notifyUsers(trx, businessId, await authRepo.findUsersWithPermission(trx, businessId, 'bookings.manage'), {
    kind: BOOKING_ALERT_KIND,
    title: status === 'pending' ? '예약페이지에 확정대기 예약이 들어왔습니다' : '예약페이지 예약이 들어왔습니다',
    body: `${name} · ${prepared.usage.label} · ${what}${options.prepaid ? ` · 결제완료 ${totalAmount.toLocaleString('ko-KR')}원` : ''} · ${BOOKING_STATUS_LABELS[status]}`,
    scheduleId: schedule.id,
  });
  await runBookingCreatedHooks(trx, {
    businessId,
    bookingId: booking.id,
    customerId: customer.id,
    status,
    what,
    prepaid: options.prepaid,
    now,
    number: bookingNumber,
    customerName: name,
    customerPhone: phone,
    startsAt: prepared.usage.startsAt,
    scheduleId: schedule.id,
    reason: null,
    jobs: options.jobs ?? null,
  });
  return { businessId, bookingId: booking.id, bookingNumber, lines: lines.map((l) => ({ lineNo: l.line_no, detailNumber: l.detail_number })) };
}

/** The booking as its customer sees it, after it was written. */
export async function presentNewBooking(db: Db, businessId: string, bookingId: string, now: Date) {
  const view = (await repo.findBookingView(db, businessId, bookingId))!;
  const payments = await paymentsOf(db, businessId, [view], now);
  return presentOwnBooking(view, await repo.listBookingLines(db, businessId, [bookingId]), now, payments.get(bookingId) ?? null);
}

/**
 * BOOK-7, BOOK-8, BOOK-9: one booking, all or nothing: checked (checkBooking)
 * and written (writeBooking) in one transaction. A product paid at booking
 * is booked through a checkout instead (PAY-1: the payments feature).
 */
export async function createBooking(db: Db, input: NewBookingInput, now = new Date(), jobs: Jobs | null = null) {
  const who = bookingCustomer(input.customer);
  const consents = requirePrivacyConsent(input.consents);
  const { businessId, bookingId } = await db.transaction().execute(async (trx) => {
    const checked = await checkBooking(trx, input, now);
    if (checked.prepared.loaded.row.payment_mode === 'prepaid') throw new AppError('PAYMENT_REQUIRED');
    return writeBooking(trx, checked, { ...who, request: input.request, consents }, now, { prepaid: false, jobs });
  });
  return presentNewBooking(db, businessId, bookingId, now);
}
