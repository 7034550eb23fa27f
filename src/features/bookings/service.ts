import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { BookingStatus, DB } from '../../platform/db/types.ts';
import { AppError, catalogAppError } from '../../platform/errors/registry.ts';
import { formatPhone, normalizePhone } from '../../shared/phone.ts';
import { dayRange, todayIn } from '../../platform/time.ts';
import { can, requirePermission, type Actor } from '../auth/index.ts';
import { authRepository as authRepo } from '../auth/index.ts';
import { checkLineBookable, scheduleAvailability, timeSlotAvailability } from '../products/index.ts';
import { dateOfEpochMinute, epochDayFromLocal, epochMinuteOf, formatLocalDate, localDayOf, parseLocalDate, startOfLocalDay, zonedInstant, zoneOf } from '../products/index.ts';
import type { BookingLine, ScheduledProduct } from '../products/index.ts';
import { bookingDemand, capacityCheck, poolKindOf, type PoolDemand } from '../inventory/index.ts';
import { findProductBusiness, loadProduct, type LoadedProduct } from '../products/index.ts';
import { findOrCreateCustomerByNameAndPhone } from '../customers/index.ts';
import { recordScheduleVisit } from '../loyalty/index.ts';
import { canSeeFullPhone, presentCustomerPhone } from '../customers/index.ts';
import { notifyUsers } from '../notifications/index.ts';
import { schedulesRepository as schedulesRepo } from '../schedules/index.ts';
import { cancellationTerms, describePolicy } from './cancellation.ts';
import { inventoryRepository as capacity } from '../inventory/index.ts';
import * as repo from './repository.ts';
import { MAX_HELD_PLACES_PER_CLIENT } from '../../platform/http/rate-limits.ts';
import { actionForScheduleStatus, allowedBookingActions, BOOKING_STATUS_LABELS, nextBookingStatus, releasesCapacity, scheduleStatusOf, type BookingAction } from './status.ts';

type Db = Kysely<DB>;

export const HOLD_MINUTES = 10;
export const AVAILABILITY_MAX_DAYS = 62;
export const BOOKING_PAGE_ACTOR = '예약페이지';
export const BOOKING_ALERT_KIND = 'booking_page.created';

// ------------------------------------------------------------------ lines

export type LineInput = { startsAt: string; quantity: number } | { bookingScheduleId: string; quantity: number };

interface Usage {
  startsAt: Date;
  endsAt: Date;
  label: string;
  /** The local date the capacity of day-bound pools belongs to; null for a period (상시형). */
  day: string | null;
}

interface PreparedBooking {
  businessId: string;
  loaded: LoadedProduct;
  lines: BookingLine[];
  demand: PoolDemand[];
  usage: Usage;
  totalQuantity: number;
}

/**
 * Turns what the customer picked into domain lines: one slot, or prices of
 * one schedule, each once (repeats add up), within the product's
 * per-booking maximum.
 */
function parseLines(loaded: LoadedProduct, input: readonly LineInput[]): BookingLine[] {
  const product = loaded.product;
  if (input.length === 0) throw new AppError('BOOKING_LINES_REQUIRED');
  let lines: BookingLine[];
  if (product.bookingType === 'time_slot') {
    const starts = new Set<number>();
    let quantity = 0;
    for (const line of input) {
      if (!('startsAt' in line)) throw catalogAppError({ code: 'BOOKING_LINE_INVALID', message: '시간예약형 상품은 시간(startsAt)을 골라 예약합니다.' });
      const ms = Date.parse(line.startsAt);
      if (!Number.isFinite(ms) || ms % 60_000 !== 0) throw new AppError('SLOT_NOT_FOUND');
      starts.add(ms / 60_000);
      quantity += line.quantity;
    }
    if (starts.size > 1) throw new AppError('BOOKING_LINES_MIXED');
    lines = [{ kind: 'slot', startMinute: [...starts][0]!, quantity }];
  } else {
    const byId = new Map<string, number>();
    for (const line of input) {
      if (!('bookingScheduleId' in line)) throw catalogAppError({ code: 'BOOKING_LINE_INVALID', message: '이 상품은 예약 스케줄(bookingScheduleId)을 골라 예약합니다.' });
      byId.set(line.bookingScheduleId, (byId.get(line.bookingScheduleId) ?? 0) + line.quantity);
    }
    const scheduleIds = new Set<string>();
    for (const id of byId.keys()) {
      const bs = product.bookingSchedules.find((b) => b.id === id);
      if (!bs) throw new AppError('BOOKING_SCHEDULE_NOT_FOUND', { details: { bookingScheduleId: id } });
      scheduleIds.add(bs.scheduleId);
    }
    if (scheduleIds.size > 1) throw new AppError('BOOKING_LINES_MIXED');
    lines = [...byId].map(([bookingScheduleId, quantity]) => ({ kind: 'booking_schedule', bookingScheduleId, quantity }));
  }
  const total = lines.reduce((sum, l) => sum + l.quantity, 0);
  if (total > loaded.row.max_quantity_per_booking) {
    throw new AppError('BOOKING_QUANTITY_OVER_LIMIT', {
      message: `한 번에 ${loaded.row.max_quantity_per_booking}개까지 예약할 수 있습니다.`,
      details: { max: loaded.row.max_quantity_per_booking, requested: total },
    });
  }
  return lines;
}

const WEEKDAYS = ['', '월', '화', '수', '목', '금', '토', '일'];

function dateLabel(date: DateTime): string {
  return `${date.month}월 ${date.day}일 (${WEEKDAYS[date.weekday]})`;
}

function usageOf(loaded: LoadedProduct, lines: readonly BookingLine[]): Usage {
  const product = loaded.product;
  const zoneName = loaded.timeZone;
  const zone = zoneOf(zoneName);
  const first = lines[0]!;
  if (product.bookingType === 'time_slot' && first.kind === 'slot') {
    const startsAt = dateOfEpochMinute(first.startMinute);
    const local = DateTime.fromJSDate(startsAt, { zone: zoneName });
    return {
      startsAt,
      endsAt: dateOfEpochMinute(first.startMinute + product.slotMinutes),
      label: `${dateLabel(local)} ${local.toFormat('HH:mm')}`,
      day: formatLocalDate(localDayOf(first.startMinute, zone)),
    };
  }
  const scheduled = product as ScheduledProduct;
  const bs = scheduled.bookingSchedules.find((b) => first.kind === 'booking_schedule' && b.id === first.bookingScheduleId)!;
  const schedule = scheduled.schedules.find((s) => s.id === bs.scheduleId)!;
  const usage = schedule.usage;
  switch (usage.kind) {
    case 'date_time': {
      const day = epochDayFromLocal(usage.date);
      const start = zonedInstant(day, usage.startMinute, zone) ?? startOfLocalDay(day, zone) + usage.startMinute;
      const local = DateTime.fromJSDate(dateOfEpochMinute(start), { zone: zoneName });
      return {
        startsAt: dateOfEpochMinute(start),
        endsAt: dateOfEpochMinute(start + (loaded.row.duration_minutes ?? 60)),
        label: `${dateLabel(local)} ${local.toFormat('HH:mm')}`,
        day: usage.date,
      };
    }
    case 'date': {
      const day = epochDayFromLocal(usage.date);
      const start = startOfLocalDay(day, zone);
      return {
        startsAt: dateOfEpochMinute(start),
        endsAt: dateOfEpochMinute(startOfLocalDay(day + 1, zone)),
        label: dateLabel(DateTime.fromJSDate(dateOfEpochMinute(start), { zone: zoneName })),
        day: usage.date,
      };
    }
    case 'period': {
      const from = startOfLocalDay(epochDayFromLocal(usage.from), zone);
      const to = startOfLocalDay(epochDayFromLocal(usage.to) + 1, zone);
      const fromLocal = DateTime.fromJSDate(dateOfEpochMinute(from), { zone: zoneName });
      const toLocal = DateTime.fromJSDate(dateOfEpochMinute(epochDayFromLocal(usage.to) * 1440), { zone: 'UTC' });
      return {
        startsAt: dateOfEpochMinute(from),
        endsAt: dateOfEpochMinute(to),
        label: `${dateLabel(fromLocal)} ~ ${dateLabel(toLocal)}`,
        day: null,
      };
    }
  }
}

/** Day-bound pools (a slot, a session, a date) carry the usage date, so availability reads only the days it shows. */
function claimsOf(demand: readonly PoolDemand[], usage: Usage): capacity.NewClaim[] {
  return demand.map((pool) => {
    const kind = poolKindOf(pool.key);
    const dayBound = kind === 'slot' || kind === 'dt' || kind === 'date' || kind === 'bs';
    return { poolKey: pool.key, usageDay: dayBound ? usage.day : null, quantity: pool.requested };
  });
}

async function requireBookableProduct(db: Db, productId: string, knownBusinessId?: string): Promise<{ businessId: string; loaded: LoadedProduct }> {
  const businessId = knownBusinessId ?? (await findProductBusiness(db, productId));
  if (!businessId) throw new AppError('PRODUCT_NOT_FOUND');
  const loaded = await loadProduct(db, businessId, productId);
  if (!loaded || !loaded.row.exposed || !loaded.place.exposed) throw new AppError('PRODUCT_NOT_FOUND');
  if (loaded.place.operating_status !== 'open') throw new AppError('PLACE_NOT_BOOKABLE');
  return { businessId, loaded };
}

/**
 * Inside the booking transaction: the product lock (shared), the product's
 * rules as of now, every line bookable now, then the pool locks in order.
 */
async function prepareUnderLocks(trx: Db, productId: string, input: readonly LineInput[], now: Date): Promise<PreparedBooking> {
  const businessId = await findProductBusiness(trx, productId);
  if (!businessId) throw new AppError('PRODUCT_NOT_FOUND');
  await capacity.lockProductForBooking(trx, businessId, productId);
  const { loaded } = await requireBookableProduct(trx, productId, businessId);
  const lines = parseLines(loaded, input);
  const query = { now: epochMinuteOf(now), zone: loaded.timeZone };
  for (const line of lines) {
    const problem = checkLineBookable(loaded.product, line, query);
    if (problem) throw catalogAppError(problem);
  }
  const demand = bookingDemand(loaded.product, lines);
  if (!demand.ok) throw catalogAppError(demand.error);
  await capacity.lockPools(trx, businessId, demand.value.map((d) => d.key));
  return { businessId, loaded, lines, demand: demand.value, usage: usageOf(loaded, lines), totalQuantity: lines.reduce((s, l) => s + l.quantity, 0) };
}

function requireCapacity(demand: readonly PoolDemand[], taken: Map<string, number>) {
  const verdict = capacityCheck(demand, taken);
  if (!verdict.ok) throw new AppError('SOLD_OUT', { message: verdict.message, details: { pool: verdict.pool, remaining: verdict.remaining } });
}

/** The lines as stored in a hold, in one canonical order, so a booking can be compared with its hold. */
function canonicalLines(lines: readonly BookingLine[]): string {
  const keyed = lines.map((l) => (l.kind === 'slot' ? { k: `slot:${l.startMinute}`, q: l.quantity } : { k: `bs:${l.bookingScheduleId}`, q: l.quantity }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return JSON.stringify(keyed);
}

/** A hold's lines read back from jsonb, in the canonical form (jsonb may reorder keys and spacing). */
function storedLines(value: unknown): string {
  const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as { k: string; q: number }[];
  return JSON.stringify(parsed.map((l) => ({ k: l.k, q: l.q })));
}

// ------------------------------------------------------------------ holds

/** BOOK-8: keeps the picked quantity for HOLD_MINUTES while the customer types their name; it counts against capacity. */
/**
 * BOOK-8, SEC-1: holds what the customer chose for HOLD_MINUTES. A client
 * (`clientKey`, its address) that already holds places of a business may
 * hold more only up to MAX_HELD_PLACES_PER_CLIENT in all, so a script cannot
 * take every place of a day by holding them (one booking's worth, however
 * large, is always holdable); the answer says when its first hold ends.
 */
export async function createHold(db: Db, input: { productId: string; lines: LineInput[]; clientKey: string }, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const prepared = await prepareUnderLocks(trx, input.productId, input.lines, now);
    const quantity = prepared.lines.reduce((sum, line) => sum + line.quantity, 0);
    await capacity.lockHoldClient(trx, prepared.businessId, input.clientKey);
    const held = await repo.heldByClient(trx, prepared.businessId, input.clientKey, now);
    // One booking's worth is always holdable (a group class may take more at once); more holds on top are capped.
    if (held.quantity > 0 && held.quantity + quantity > MAX_HELD_PLACES_PER_CLIENT) {
      const retryAfterSeconds = held.firstExpiry ? Math.ceil((held.firstExpiry.getTime() - now.getTime()) / 1000) : HOLD_MINUTES * 60;
      throw new AppError('HOLD_LIMIT_REACHED', { details: { maxPlaces: MAX_HELD_PLACES_PER_CLIENT, heldPlaces: held.quantity, retryAfterSeconds } });
    }
    const taken = await capacity.takenByPools(trx, prepared.businessId, prepared.demand.map((d) => d.key), now);
    requireCapacity(prepared.demand, taken);
    await repo.deleteExpiredHolds(trx, prepared.businessId, now);
    const expiresAt = new Date(now.getTime() + HOLD_MINUTES * 60_000);
    const hold = await repo.insertHold(trx, { businessId: prepared.businessId, productId: input.productId, lines: canonicalLines(prepared.lines), quantity, clientKey: input.clientKey, expiresAt });
    await capacity.insertClaims(trx, {
      businessId: prepared.businessId,
      productId: input.productId,
      owner: { holdId: hold.id, expiresAt },
      claims: claimsOf(prepared.demand, prepared.usage),
    });
    return { holdId: hold.id, expiresAt: hold.expires_at.toISOString() };
  });
}

export async function releaseHold(db: Db, holdId: string): Promise<void> {
  const hold = await db.selectFrom('booking_holds').select(['business_id']).where('id', '=', holdId).executeTakeFirst();
  if (hold) await repo.deleteHold(db, hold.business_id, holdId);
}


// --------------------------------------------------------------- bookings

export interface NewBookingInput {
  productId: string;
  holdId?: string | undefined;
  lines: LineInput[];
  customer: { name: string; phone: string };
  request?: string | undefined;
}

/**
 * BOOK-7, BOOK-8, BOOK-9: one booking, all or nothing. Under the product's
 * shared lock and its pools' locks (capacity.ts), the lines are checked
 * against the rules of now, the hold (if any) is re-checked and consumed,
 * what every pool has taken is read, and only if each has room are the
 * booking, its lines, its claims, its customer and its calendar schedule
 * written, with the alert to the shop.
 */
export async function createBooking(db: Db, input: NewBookingInput, now = new Date()) {
  const name = input.customer.name.normalize('NFC').trim();
  if (name === '') throw new AppError('VALIDATION_FAILED', { message: '예약자 이름을 입력해 주세요.', details: { fields: [{ path: 'customer.name', message: '예약자 이름을 입력해 주세요.' }] } });
  const phone = normalizePhone(input.customer.phone);
  if (!phone) throw new AppError('PHONE_INVALID', { details: { fields: [{ path: 'customer.phone', message: '올바른 휴대폰 번호가 아닙니다.' }] } });

  const bookingId = await db.transaction().execute(async (trx) => {
    const prepared = await prepareUnderLocks(trx, input.productId, input.lines, now);
    const { businessId, loaded } = prepared;
    let exceptHold: string | null = null;
    if (input.holdId) {
      const hold = await repo.lockHold(trx, input.holdId);
      // A hold that expired or was cleaned up is simply gone: capacity is checked afresh below.
      if (hold && hold.expires_at > now) {
        if (hold.business_id !== businessId || hold.product_id !== input.productId || storedLines(hold.lines) !== canonicalLines(prepared.lines)) throw new AppError('HOLD_MISMATCH');
        exceptHold = hold.id;
      }
    }
    const taken = await capacity.takenByPools(trx, businessId, prepared.demand.map((d) => d.key), now, exceptHold);
    requireCapacity(prepared.demand, taken);
    if (exceptHold) await repo.deleteHold(trx, businessId, exceptHold);

    const { customer } = await findOrCreateCustomerByNameAndPhone(trx, businessId, { name, phone });
    const status: BookingStatus = loaded.row.confirmation_mode === 'approval' ? 'pending' : 'confirmed';
    const staff = (loaded.row.staff_id ? await repo.findActiveStaff(trx, businessId, loaded.row.staff_id) : undefined) ?? (await repo.findBookingPageStaff(trx, businessId));
    const priced = pricedLines(loaded, prepared.lines);
    const totalAmount = priced.reduce((s, l) => s + l.unitAmount * l.quantity, 0);
    const schedule = await schedulesRepo.insertSchedule(trx, {
      businessId,
      customerId: customer.id,
      staffId: staff.id,
      departmentId: loaded.row.department_id,
      startsAt: prepared.usage.startsAt,
      endsAt: prepared.usage.endsAt,
      status: scheduleStatusOf(status),
      source: 'booking_page',
      title: `${loaded.row.name} ${prepared.totalQuantity}${loaded.product.bookingType === 'time_slot' ? '명' : '건'}`,
      createdBy: null,
    });
    const bookingNumber = await repo.nextBookingNumber(trx);
    const booking = await repo.insertBooking(trx, {
      business_id: businessId,
      booking_number: bookingNumber,
      place_id: loaded.row.place_id,
      product_id: loaded.row.id,
      customer_id: customer.id,
      schedule_id: schedule.id,
      customer_name: name,
      customer_phone: phone,
      request: (input.request ?? '').trim(),
      status,
      usage_starts_at: prepared.usage.startsAt,
      usage_ends_at: prepared.usage.endsAt,
      usage_label: prepared.usage.label,
      total_amount: totalAmount,
      total_quantity: prepared.totalQuantity,
      confirmed_at: status === 'confirmed' ? now : null,
    });
    await repo.insertBookingLines(
      trx,
      priced.map((l, i) => ({
        business_id: businessId,
        booking_id: booking.id,
        detail_number: `${bookingNumber}-${i + 1}`,
        line_no: i + 1,
        slot_starts_at: l.line.kind === 'slot' ? dateOfEpochMinute(l.line.startMinute) : null,
        booking_schedule_id: l.line.kind === 'booking_schedule' ? l.line.bookingScheduleId : null,
        price_name: l.priceName,
        unit_amount: l.unitAmount,
        quantity: l.quantity,
      })),
    );
    await capacity.insertClaims(trx, { businessId, productId: loaded.row.id, owner: { bookingId: booking.id }, claims: claimsOf(prepared.demand, prepared.usage) });

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
      body: `${name} · ${prepared.usage.label} · ${loaded.row.name} ${prepared.totalQuantity}${loaded.product.bookingType === 'time_slot' ? '명' : '건'} · ${BOOKING_STATUS_LABELS[status]}`,
      scheduleId: schedule.id,
    });
    return booking.id;
  });
  return publicBookingById(db, bookingId, now);
}

function pricedLines(loaded: LoadedProduct, lines: readonly BookingLine[]) {
  const product = loaded.product;
  return lines.map((line) => {
    if (line.kind === 'slot' || product.bookingType === 'time_slot') {
      return { line, priceName: product.name, unitAmount: loaded.row.price_amount ?? 0, quantity: line.quantity };
    }
    const bs = product.bookingSchedules.find((b) => b.id === line.bookingScheduleId)!;
    const price = product.prices.find((p) => p.id === bs.priceId)!;
    return { line, priceName: price.name, unitAmount: price.amount, quantity: line.quantity };
  });
}

// ------------------------------------------------------------ presenting

type BookingViewRow = NonNullable<Awaited<ReturnType<typeof repo.findBookingView>>>;
type LineRow = Awaited<ReturnType<typeof repo.listBookingLines>>[number];

function presentBooking(row: BookingViewRow, lines: readonly LineRow[], now: Date, phone: { phone: string; phoneMasked: boolean }) {
  const policy = Array.isArray(row.cancellation_policy) ? (row.cancellation_policy as { hoursBefore: number; refundPercent: number }[]) : [];
  const live = row.status === 'pending' || row.status === 'confirmed';
  const terms = live ? cancellationTerms(policy, row.usage_starts_at, now) : { canCancel: false, deadline: null, refundPercent: null };
  return {
    bookingNumber: row.booking_number,
    status: row.status,
    statusLabel: BOOKING_STATUS_LABELS[row.status],
    place: { id: row.place_id, name: row.place_name },
    product: { id: row.product_id, name: row.product_name, bookingType: row.booking_type },
    usageStartsAt: row.usage_starts_at.toISOString(),
    usageEndsAt: row.usage_ends_at.toISOString(),
    usageLabel: row.usage_label,
    customerName: row.customer_name,
    customerPhone: phone.phone,
    customerPhoneMasked: phone.phoneMasked,
    request: row.request,
    totalAmount: row.total_amount,
    totalQuantity: row.total_quantity,
    paymentMode: row.payment_mode,
    lines: lines.map((l) => ({ detailNumber: l.detail_number, priceName: l.price_name, unitAmount: l.unit_amount, quantity: l.quantity })),
    cancellation: {
      canCancel: terms.canCancel,
      deadline: terms.deadline ? terms.deadline.toISOString() : null,
      refundPercent: terms.refundPercent,
      policy,
      policyText: describePolicy(policy),
    },
    cancelledBy: row.cancelled_by,
    cancelReason: row.cancel_reason,
    refundPercent: row.refund_percent,
    createdAt: row.created_at.toISOString(),
    confirmedAt: row.confirmed_at?.toISOString() ?? null,
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
  };
}

export type PublicBooking = ReturnType<typeof presentBooking>;

async function publicBookingById(db: Db, bookingId: string, now: Date) {
  const row = await db.selectFrom('bookings').select(['business_id']).where('id', '=', bookingId).executeTakeFirstOrThrow();
  const view = (await repo.findBookingView(db, row.business_id, bookingId))!;
  const lines = await repo.listBookingLines(db, row.business_id, [bookingId]);
  return presentBooking(view, lines, now, { phone: formatPhone(view.customer_phone), phoneMasked: false });
}

function presentPartnerBooking(actor: Actor, row: BookingViewRow, lines: readonly LineRow[], now: Date) {
  return {
    id: row.id,
    scheduleId: row.schedule_id,
    customerId: row.customer_id,
    allowedActions: allowedBookingActions(row.status),
    ...presentBooking(row, lines, now, presentCustomerPhone(row.customer_phone, canSeeFullPhone(actor))),
  };
}

/** The customer's own booking, found by its number and the phone it was made with (no login). */
async function findOwnBooking(db: Db, bookingNumber: string, phoneInput: string) {
  const phone = normalizePhone(phoneInput);
  const row = phone ? await repo.findBookingViewByNumber(db, bookingNumber.trim()) : undefined;
  // The same answer for "no such number" and "wrong phone": a number alone reveals nothing.
  if (!row || row.customer_phone !== phone) throw new AppError('BOOKING_NOT_FOUND');
  return row;
}

export async function lookupBooking(db: Db, bookingNumber: string, phone: string, now = new Date()) {
  const row = await findOwnBooking(db, bookingNumber, phone);
  const lines = await repo.listBookingLines(db, row.business_id, [row.id]);
  return presentBooking(row, lines, now, { phone: formatPhone(row.customer_phone), phoneMasked: false });
}

// ----------------------------------------------------- status changes

interface StatusChangeActor {
  userId: string | null;
  label: string | null;
}

/**
 * One status change of a whole booking number and its calendar schedule,
 * in the caller's transaction. A booking that gives its quantity back
 * (cancelled, rejected) deletes its claims under the booking's row lock.
 */
async function applyBookingAction(
  trx: Db,
  businessId: string,
  bookingId: string,
  action: BookingAction,
  by: StatusChangeActor & { side: 'customer' | 'business'; reason?: string | null; refundPercent?: number | null; now: Date; fromSchedule?: boolean },
) {
  const booking = await repo.lockBooking(trx, businessId, bookingId);
  if (!booking) throw new AppError('BOOKING_NOT_FOUND');
  const next = nextBookingStatus(booking.status, action);
  const now = by.now;
  await repo.updateBooking(trx, businessId, bookingId, {
    status: next,
    ...(next === 'confirmed' ? { confirmed_at: now } : {}),
    ...(next === 'completed' ? { completed_at: now } : {}),
    ...(releasesCapacity(next)
      ? { cancelled_at: now, cancelled_by: by.side, cancel_reason: by.reason?.trim() || null, refund_percent: by.refundPercent ?? null }
      : {}),
  });
  if (releasesCapacity(next)) await capacity.releaseBookingClaims(trx, businessId, bookingId);

  // A booking used (이용완료) is a visit of its customer (MSG-1), as a completed schedule is.
  if (next === 'completed' && booking.schedule_id) await recordScheduleVisit(trx, businessId, booking.schedule_id, booking.customer_id, now);

  if (booking.schedule_id && !by.fromSchedule) {
    const schedule = await schedulesRepo.lockSchedule(trx, businessId, booking.schedule_id);
    const target = scheduleStatusOf(next);
    if (schedule && schedule.status !== target) {
      const updated = await schedulesRepo.updateScheduleAtVersion(trx, businessId, schedule.id, schedule.version, { status: target });
      if (!updated) throw new AppError('SCHEDULE_VERSION_CONFLICT');
      await schedulesRepo.insertHistory(trx, {
        businessId,
        scheduleId: schedule.id,
        userId: by.userId,
        actorLabel: by.label,
        action: 'status',
        changes: { status: { from: schedule.status, to: target }, ...(next === 'rejected' ? { bookingStatus: { from: booking.status, to: next } } : {}) },
      });
    }
  }
  return { before: booking, status: next };
}

/** BOOK-10: confirm, reject, cancel or complete a whole booking number from the partner center. */
export async function actOnBooking(db: Db, actor: Actor, bookingId: string, action: BookingAction, reason: string | null = null, now = new Date()) {
  requirePermission(actor, 'bookings.manage');
  await db.transaction().execute((trx) =>
    applyBookingAction(trx, actor.businessId, bookingId, action, { userId: actor.userId, label: null, side: 'business', reason, now }),
  );
  return getBooking(db, actor, bookingId, now);
}

/** BOOK-10: a cancelled (or rejected) booking is never restored. */
export async function restoreBooking(db: Db, actor: Actor, bookingId: string): Promise<never> {
  requirePermission(actor, 'bookings.manage');
  const row = await repo.findBookingView(db, actor.businessId, bookingId);
  if (!row) throw new AppError('BOOKING_NOT_FOUND');
  if (row.status === 'cancelled' || row.status === 'rejected') throw new AppError('BOOKING_CANCELLED_FINAL');
  throw new AppError('BOOKING_STATUS_NOT_ALLOWED', { message: '취소된 예약만 복원을 요청할 수 있고, 취소된 예약은 되돌릴 수 없습니다.' });
}

/** BOOK-10: the customer cancels their own booking within the product's policy. */
export async function cancelOwnBooking(db: Db, bookingNumber: string, phone: string, now = new Date()) {
  const row = await findOwnBooking(db, bookingNumber, phone);
  await db.transaction().execute(async (trx) => {
    const policy = Array.isArray(row.cancellation_policy) ? (row.cancellation_policy as { hoursBefore: number; refundPercent: number }[]) : [];
    const current = await repo.lockBooking(trx, row.business_id, row.id);
    if (!current) throw new AppError('BOOKING_NOT_FOUND');
    if (current.status === 'cancelled' || current.status === 'rejected') throw new AppError('BOOKING_CANCELLED_FINAL', { message: '이미 취소된 예약입니다.' });
    if (current.status === 'completed') throw new AppError('BOOKING_STATUS_NOT_ALLOWED', { message: '이용이 끝난 예약은 취소할 수 없습니다.' });
    const terms = cancellationTerms(policy, current.usage_starts_at, now);
    if (!terms.canCancel) throw new AppError('BOOKING_CANCEL_DEADLINE_PASSED');
    await applyBookingAction(trx, row.business_id, row.id, 'cancel', {
      userId: null,
      label: `고객 (${BOOKING_PAGE_ACTOR})`,
      side: 'customer',
      reason: '고객 직접 취소',
      refundPercent: terms.refundPercent,
      now,
    });
    await notifyUsers(trx, row.business_id, await authRepo.findUsersWithPermission(trx, row.business_id, 'bookings.manage'), {
      kind: 'booking_page.cancelled',
      title: '고객이 예약을 취소했습니다',
      body: `${row.customer_name} · ${row.usage_label} · ${row.product_name} · 예약번호 ${row.booking_number}`,
      scheduleId: row.schedule_id,
    });
  });
  return lookupBooking(db, bookingNumber, phone, now);
}

/**
 * The calendar changed the status of a booking-page schedule (CORE-7): the
 * booking follows in the same transaction, so the two never disagree.
 */
export async function applyScheduleStatusToBooking(trx: Db, actor: Actor, scheduleId: string, status: Parameters<typeof actionForScheduleStatus>[0], now = new Date()) {
  const booking = await repo.findBookingIdBySchedule(trx, actor.businessId, scheduleId);
  const action = actionForScheduleStatus(status);
  if (!booking || !action) return;
  await applyBookingAction(trx, actor.businessId, booking.id, action, { userId: actor.userId, label: null, side: 'business', now, fromSchedule: true });
}

export async function bookingNumberOfSchedule(db: Db, businessId: string, scheduleId: string): Promise<string | null> {
  return (await repo.findBookingIdBySchedule(db, businessId, scheduleId))?.booking_number ?? null;
}

// ------------------------------------------------------ partner reads

function requirePartnerRead(actor: Actor) {
  if (!can(actor, 'bookings.manage') && !can(actor, 'settings.manage')) throw new AppError('FORBIDDEN');
}

export async function getBooking(db: Db, actor: Actor, bookingId: string, now = new Date()) {
  requirePartnerRead(actor);
  const row = await repo.findBookingView(db, actor.businessId, bookingId);
  if (!row) throw new AppError('BOOKING_NOT_FOUND');
  const lines = await repo.listBookingLines(db, actor.businessId, [bookingId]);
  return presentPartnerBooking(actor, row, lines, now);
}

export interface ListQuery {
  from?: string | undefined;
  to?: string | undefined;
  productId?: string | undefined;
  status?: BookingStatus | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export async function listBookings(db: Db, actor: Actor, query: ListQuery, now = new Date()) {
  requirePartnerRead(actor);
  const filters: repo.BookingFilters = { limit: query.limit, offset: query.offset };
  if (query.from) filters.from = localDayRange(query.from, actor.timeZone).from;
  if (query.to) filters.to = localDayRange(query.to, actor.timeZone).to;
  if (query.productId) filters.productId = query.productId;
  if (query.status) filters.status = query.status;
  const q = query.q?.trim();
  if (q) {
    // Booking numbers start at 10000001 and detail numbers add "-n"; phone numbers start with 0.
    const detail = /^([1-9]\d{7,})(-\d+)?$/.exec(q);
    const digits = q.replace(/[\s-]/g, '');
    if (detail) filters.q = { kind: 'number', value: detail[1]! };
    else if (/^\d+$/.test(digits)) filters.q = { kind: 'phone', value: digits };
    else filters.q = { kind: 'name', value: q };
  }
  const { items, total } = await repo.listBookings(db, actor.businessId, filters);
  const lines = await repo.listBookingLines(db, actor.businessId, items.map((i) => i.id));
  const byBooking = new Map<string, LineRow[]>();
  for (const line of lines) byBooking.set(line.booking_id, [...(byBooking.get(line.booking_id) ?? []), line]);
  return { items: items.map((row) => presentPartnerBooking(actor, row, byBooking.get(row.id) ?? [], now)), total };
}

function localDayRange(date: string, timeZone: string): { from: Date; to: Date } {
  if (parseLocalDate(date) === null) throw new AppError('VALIDATION_FAILED', { message: '날짜는 YYYY-MM-DD 형식의 실제 날짜여야 합니다.' });
  return dayRange(date, 1, timeZone);
}

export async function partnerSummary(db: Db, actor: Actor) {
  requirePartnerRead(actor);
  const today = dayRange(todayIn(actor.timeZone), 1, actor.timeZone);
  const [unanswered, counts] = await Promise.all([repo.countUnansweredInquiries(db, actor.businessId), repo.bookingCounts(db, actor.businessId, today.from, today.to)]);
  return { unansweredInquiries: unanswered, pendingBookings: counts.pending, todayBookings: counts.today };
}

// -------------------------------------------------------- availability

export interface AvailabilityRange {
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * What can be booked on the local dates [from, to]: one read of the
 * product's rules, one read of what its pools have taken on those days,
 * then the pure availability module. Public callers never see hidden slots.
 */
export async function getAvailability(db: Db, productId: string, range: AvailabilityRange, options: { actor?: Actor; now?: Date } = {}) {
  const now = options.now ?? new Date();
  let businessId: string;
  let loaded: LoadedProduct;
  if (options.actor) {
    requirePartnerRead(options.actor);
    businessId = options.actor.businessId;
    loaded = (await loadProduct(db, businessId, productId)) ?? notFoundProduct();
  } else {
    ({ businessId, loaded } = await requireBookableProduct(db, productId));
  }
  const from = range.from ?? todayIn(loaded.timeZone);
  const fromDay = parseLocalDate(from);
  const toDay = parseLocalDate(range.to ?? formatLocalDate((fromDay ?? 0) + 30));
  if (fromDay === null || toDay === null || toDay < fromDay) throw new AppError('VALIDATION_FAILED', { message: '조회 기간이 올바르지 않습니다. from 은 to 와 같거나 빨라야 합니다.' });
  if (toDay - fromDay + 1 > AVAILABILITY_MAX_DAYS) throw new AppError('VALIDATION_FAILED', { message: `한 번에 ${AVAILABILITY_MAX_DAYS}일까지 조회할 수 있습니다.` });
  const to = formatLocalDate(toDay);
  const taken = await capacity.takenForProduct(db, businessId, productId, from, to, now);
  const query = { now: epochMinuteOf(now), zone: loaded.timeZone };
  const product = loaded.product;
  if (product.bookingType === 'time_slot') {
    const result = timeSlotAvailability(product, { ...query, from, to }, taken);
    return {
      kind: 'time_slot' as const,
      lastDate: result.lastDate,
      days: result.days
        .map((day) => ({
          date: day.date,
          weekday: day.weekday,
          slots: day.slots
            .filter((s) => options.actor || !s.hidden)
            .map((s) => ({
              startsAt: dateOfEpochMinute(s.startMinute).toISOString(),
              endsAt: dateOfEpochMinute(s.endMinute).toISOString(),
              localTime: s.localTime,
              capacity: s.capacity,
              remaining: s.remaining,
              status: s.status,
              // How many others booked, and hidden slots, are the shop's business only.
              ...(options.actor ? { taken: s.taken, hidden: s.hidden } : {}),
            })),
        }))
        .filter((day) => day.slots.length > 0),
    };
  }
  const rows = scheduleAvailability(product, { ...query, from, to }, taken);
  return {
    kind: 'scheduled' as const,
    bookingSchedules: rows.map((r) => ({
      id: r.bookingScheduleId,
      scheduleId: r.scheduleId,
      priceId: r.priceId,
      usage:
        r.usage.kind === 'date_time'
          ? { kind: r.usage.kind, date: r.usage.date, startTime: `${String(Math.floor(r.usage.startMinute / 60)).padStart(2, '0')}:${String(r.usage.startMinute % 60).padStart(2, '0')}` }
          : r.usage,
      priceName: r.priceName,
      amount: r.amount,
      remaining: r.remaining,
      opensAt: dateOfEpochMinute(r.opensAt).toISOString(),
      closesAt: dateOfEpochMinute(r.closesAt).toISOString(),
      status: r.status,
    })),
  };
}

function notFoundProduct(): never {
  throw new AppError('PRODUCT_NOT_FOUND');
}

// ------------------------------------------------------------ inquiries

export async function createInquiry(db: Db, input: { placeId: string; productId?: string | undefined; name: string; phone: string; body: string }) {
  const place = await repo.findPublicPlace(db, input.placeId);
  if (!place || !place.exposed) throw new AppError('PLACE_NOT_FOUND');
  const phone = normalizePhone(input.phone);
  if (!phone) throw new AppError('PHONE_INVALID', { details: { fields: [{ path: 'phone', message: '올바른 전화번호가 아닙니다.' }] } });
  let productId: string | null = null;
  if (input.productId) {
    const product = await db.selectFrom('products').select(['id']).where('business_id', '=', place.business_id).where('id', '=', input.productId).where('place_id', '=', place.id).executeTakeFirst();
    if (!product) throw new AppError('PRODUCT_NOT_FOUND');
    productId = product.id;
  }
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertInquiry(trx, { businessId: place.business_id, placeId: place.id, productId, authorName: input.name.trim(), authorPhone: phone, body: input.body.trim() });
    await notifyUsers(trx, place.business_id, await authRepo.findUsersWithPermission(trx, place.business_id, 'bookings.manage'), {
      kind: 'booking_page.inquiry',
      title: '새 고객문의가 있습니다',
      body: `${row.author_name} · ${row.body.slice(0, 60)}`,
      scheduleId: null,
    });
    return { id: row.id, createdAt: row.created_at.toISOString() };
  });
}

type InquiryRow = NonNullable<Awaited<ReturnType<typeof repo.findInquiry>>>;

function presentInquiry(actor: Actor, row: InquiryRow) {
  return {
    id: row.id,
    place: { id: row.place_id, name: row.place_name },
    product: row.product_id ? { id: row.product_id, name: row.product_name } : null,
    authorName: row.author_name,
    ...(({ phone, phoneMasked }) => ({ authorPhone: phone, authorPhoneMasked: phoneMasked }))(presentCustomerPhone(row.author_phone, canSeeFullPhone(actor))),
    body: row.body,
    reply: row.reply,
    repliedAt: row.replied_at?.toISOString() ?? null,
    repliedByName: row.replied_by_name,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listInquiries(db: Db, actor: Actor, query: { status: 'unanswered' | 'all'; limit: number; offset: number }) {
  requirePartnerRead(actor);
  const [rows, unansweredCount] = await Promise.all([
    repo.listInquiries(db, actor.businessId, query.status === 'unanswered', query.limit, query.offset),
    repo.countUnansweredInquiries(db, actor.businessId),
  ]);
  return { items: rows.map((r) => presentInquiry(actor, r)), unansweredCount };
}

export async function replyToInquiry(db: Db, actor: Actor, id: string, body: string) {
  requirePermission(actor, 'bookings.manage');
  if (!(await repo.replyInquiry(db, actor.businessId, id, body.trim(), actor.userId))) throw new AppError('INQUIRY_NOT_FOUND');
  return presentInquiry(actor, (await repo.findInquiry(db, actor.businessId, id))!);
}
