import type { NaverEvent } from '../../src/features/naver/index.ts';
import { signedHeaders } from '../../src/features/naver/index.ts';
import {
  newBookingId,
  newEventId,
  randomCustomer,
  randomOptions,
  randomRequest,
  randomSlot,
  seededRandom,
  shuffled,
  type ConfirmationMode,
  type NaverProduct,
} from './catalog.ts';

/**
 * The booking side of the simulated Naver (NAVER-10): Naver's own record of
 * each booking it took, and the signed `booking.*` events it sends to the
 * product's webhook (docs/naver-contract.md). Every event carries the whole
 * booking at its revision, which grows by one with every change at Naver.
 *
 * The record is per process: the command receiver (receiver.ts) reads it to
 * write the customer notifications, and updates the Naver-side status when
 * the shop confirms, cancels or completes.
 */

export type NaverSideStatus = 'pending' | 'confirmed' | 'cancelled' | 'completed';

export const NAVER_SIDE_STATUS_LABELS: Record<NaverSideStatus, string> = {
  pending: '확정대기',
  confirmed: '예약확정',
  cancelled: '취소',
  completed: '방문완료',
};

export interface BookingOption {
  name: string;
  value: string;
}

export interface SimulatedBooking {
  bookingId: string;
  revision: number;
  productId: string;
  productName: string;
  confirmationMode: ConfirmationMode;
  customer: { name: string; phone: string };
  startsAt: string;
  endsAt: string;
  options: BookingOption[];
  request: string;
  status: NaverSideStatus;
  /** Set when cancelled: by the customer (a `booking.cancelled` event) or by the shop (a `cancel` command). */
  cancelledBy: 'customer' | 'business' | null;
  cancelReason: string | null;
}

interface Endpoint {
  target: string;
  businessId: string;
  secret: string;
}

interface Entry {
  booking: SimulatedBooking;
  endpoint: Endpoint;
}

const bookings = new Map<string, Entry>();
const products = new Map<string, NaverProduct>();

/** Tells the simulator its products' names and confirmation modes (used for change_product notifications). */
export function registerNaverProducts(list: readonly NaverProduct[]): void {
  for (const p of list) products.set(p.productId, { ...p });
}

export function findNaverProduct(productId: string): NaverProduct | undefined {
  const p = products.get(productId);
  return p ? { ...p } : undefined;
}

function copy(booking: SimulatedBooking): SimulatedBooking {
  return { ...booking, customer: { ...booking.customer }, options: booking.options.map((o) => ({ ...o })) };
}

/** Naver's current record of a booking this process created, or undefined. */
export function getSimulatedBooking(bookingId: string): SimulatedBooking | undefined {
  const entry = bookings.get(bookingId);
  return entry ? copy(entry.booking) : undefined;
}

export function listSimulatedBookings(): SimulatedBooking[] {
  return [...bookings.values()].map((e) => copy(e.booking));
}

/** Applies a change made on the Naver side by a command from the shop (receiver.ts). */
export function updateSimulatedBooking(bookingId: string, change: (booking: SimulatedBooking) => void): SimulatedBooking | undefined {
  const entry = bookings.get(bookingId);
  if (!entry) return undefined;
  change(entry.booking);
  return copy(entry.booking);
}

/** One delivery of an event to the product's webhook. `status` 0 means no HTTP answer (connection refused, timeout). */
export interface Delivery {
  eventId: string;
  type: NaverEvent['type'];
  bookingId: string;
  revision: number;
  status: number;
  /** The product's `result` (created | updated | stale | duplicate) on 200, else null. */
  result: string | null;
  /** The product's error code or the network error on failure. */
  error: string | null;
}

export interface SendOptions {
  /** Build the event but do not send it (send it later with sendNaverEvents, e.g. in a shuffled burst). */
  hold?: boolean;
  /** Send the same event (same eventId) a second time right after the first. */
  duplicate?: boolean;
}

export interface SendOutcome {
  booking: SimulatedBooking;
  event: NaverEvent;
  /** Empty when held. */
  deliveries: Delivery[];
}

const DELIVERY_TIMEOUT_MS = 10_000;

export function webhookUrl(target: string, businessId: string): string {
  return `${target.replace(/\/+$/, '')}/api/channels/naver/${encodeURIComponent(businessId)}/events`;
}

async function deliver(event: NaverEvent): Promise<Delivery> {
  const entry = bookings.get(event.booking.bookingId);
  if (!entry) throw new Error(`시뮬레이터가 모르는 예약입니다: ${event.booking.bookingId}`);
  const { target, businessId, secret } = entry.endpoint;
  const body = JSON.stringify(event);
  const base = { eventId: event.eventId, type: event.type, bookingId: event.booking.bookingId, revision: event.booking.revision };
  let response: Response;
  try {
    response = await fetch(webhookUrl(target, businessId), {
      method: 'POST',
      headers: signedHeaders(secret, body),
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ...base, status: 0, result: null, error: cause ?? (error as Error).message };
  }
  const text = await response.text();
  let json: { result?: unknown; error?: { code?: unknown } } = {};
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: keep the status, report the text.
  }
  if (response.ok) return { ...base, status: response.status, result: typeof json.result === 'string' ? json.result : null, error: null };
  const code = typeof json.error?.code === 'string' ? json.error.code : text.slice(0, 200);
  return { ...base, status: response.status, result: null, error: code };
}

async function deliverWith(event: NaverEvent, options: SendOptions): Promise<Delivery[]> {
  if (options.hold) return [];
  const first = await deliver(event);
  if (!options.duplicate) return [first];
  return [first, await deliver(event)];
}

function snapshotEvent(booking: SimulatedBooking, type: NaverEvent['type']): NaverEvent {
  return {
    eventId: newEventId(),
    type,
    occurredAt: new Date().toISOString(),
    booking: {
      bookingId: booking.bookingId,
      revision: booking.revision,
      productId: booking.productId,
      confirmationMode: booking.confirmationMode,
      customer: { ...booking.customer },
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      options: booking.options.map((o) => ({ ...o })),
      request: booking.request,
    },
  };
}

export interface CreateBookingInput extends SendOptions {
  /** The product's base URL, e.g. http://127.0.0.1:3000; events go to its webhook for businessId. */
  target: string;
  businessId: string;
  secret: string;
  mode: ConfirmationMode;
  productId: string;
  /** Naver's product name (defaults to a registered product's name, else the id). */
  productName?: string;
  customer?: { name: string; phone: string };
  options?: BookingOption[];
  request?: string;
  startsAt?: Date | string;
  durationMinutes?: number;
  bookingId?: string;
}

/** A customer books at Naver: revision 1, a `booking.created` event. */
export async function createNaverBooking(input: CreateBookingInput): Promise<SendOutcome> {
  const known = products.get(input.productId);
  const productName = input.productName ?? known?.name ?? input.productId;
  products.set(input.productId, { productId: input.productId, name: productName, mode: input.mode });

  const bookingId = input.bookingId ?? uniqueBookingId();
  if (bookings.has(bookingId)) throw new Error(`이미 있는 예약 번호입니다: ${bookingId}`);
  const startsAt = input.startsAt === undefined ? randomSlot() : new Date(input.startsAt);
  if (Number.isNaN(startsAt.getTime())) throw new Error(`예약 시각이 올바르지 않습니다: ${String(input.startsAt)}`);
  const duration = input.durationMinutes ?? 30;
  const booking: SimulatedBooking = {
    bookingId,
    revision: 1,
    productId: input.productId,
    productName,
    confirmationMode: input.mode,
    customer: input.customer ? { ...input.customer } : randomCustomer(),
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + duration * 60_000).toISOString(),
    options: input.options ? input.options.map((o) => ({ ...o })) : randomOptions(productName),
    request: input.request ?? randomRequest(),
    status: input.mode === 'approval' ? 'pending' : 'confirmed',
    cancelledBy: null,
    cancelReason: null,
  };
  bookings.set(bookingId, { booking, endpoint: { target: input.target, businessId: input.businessId, secret: input.secret } });
  const event = snapshotEvent(booking, 'booking.created');
  return { booking: copy(booking), event, deliveries: await deliverWith(event, input) };
}

function uniqueBookingId(): string {
  for (;;) {
    const id = newBookingId();
    if (!bookings.has(id)) return id;
  }
}

function requireEntry(bookingId: string): Entry {
  const entry = bookings.get(bookingId);
  if (!entry) throw new Error(`시뮬레이터가 모르는 예약입니다: ${bookingId}`);
  return entry;
}

export interface ChangeBookingInput extends SendOptions {
  startsAt?: Date | string;
  /** Keeps the current length when only startsAt is given. */
  durationMinutes?: number;
  options?: BookingOption[];
  request?: string;
  productId?: string;
}

/**
 * The customer changes the booking at Naver: revision + 1, a `booking.changed`
 * event. With no change given, the visit moves one hour later.
 */
export async function changeNaverBooking(bookingId: string, change: ChangeBookingInput = {}): Promise<SendOutcome> {
  const entry = requireEntry(bookingId);
  const b = entry.booking;
  if (b.status === 'cancelled' || b.status === 'completed') throw new Error(`${NAVER_SIDE_STATUS_LABELS[b.status]} 상태의 예약은 변경할 수 없습니다: ${bookingId}`);
  const nothingGiven = change.startsAt === undefined && change.options === undefined && change.request === undefined && change.productId === undefined && change.durationMinutes === undefined;
  const currentStart = new Date(b.startsAt);
  const duration = change.durationMinutes ?? (new Date(b.endsAt).getTime() - currentStart.getTime()) / 60_000;
  const startsAt = change.startsAt !== undefined ? new Date(change.startsAt) : nothingGiven ? new Date(currentStart.getTime() + 60 * 60_000) : currentStart;
  if (Number.isNaN(startsAt.getTime())) throw new Error(`예약 시각이 올바르지 않습니다: ${String(change.startsAt)}`);

  b.revision += 1;
  b.startsAt = startsAt.toISOString();
  b.endsAt = new Date(startsAt.getTime() + duration * 60_000).toISOString();
  if (change.options) b.options = change.options.map((o) => ({ ...o }));
  if (change.request !== undefined) b.request = change.request;
  if (change.productId !== undefined && change.productId !== b.productId) {
    b.productId = change.productId;
    b.productName = products.get(change.productId)?.name ?? change.productId;
  }
  const event = snapshotEvent(b, 'booking.changed');
  return { booking: copy(b), event, deliveries: await deliverWith(event, change) };
}

/** The customer cancels at Naver: revision + 1, a `booking.cancelled` event. */
export async function cancelNaverBooking(bookingId: string, options: SendOptions = {}): Promise<SendOutcome> {
  const entry = requireEntry(bookingId);
  const b = entry.booking;
  if (b.status === 'cancelled' || b.status === 'completed') throw new Error(`${NAVER_SIDE_STATUS_LABELS[b.status]} 상태의 예약은 취소할 수 없습니다: ${bookingId}`);
  b.revision += 1;
  b.status = 'cancelled';
  b.cancelledBy = 'customer';
  b.cancelReason = '[취소사유] 고객 요청';
  const event = snapshotEvent(b, 'booking.cancelled');
  return { booking: copy(b), event, deliveries: await deliverWith(event, options) };
}

export interface BurstOptions {
  /** Send in a random order (default true). */
  shuffle?: boolean;
  /** Seed for a replayable order. */
  seed?: number;
  /** Send every event twice (the copy right after the original, in sequential mode). */
  duplicate?: boolean;
  /** Send all at once instead of one after another. */
  concurrent?: boolean;
}

/** Sends held events as a burst, by default in shuffled order. Returns the deliveries in the order they were made. */
export async function sendNaverEvents(events: readonly NaverEvent[], options: BurstOptions = {}): Promise<Delivery[]> {
  const random = options.seed !== undefined ? seededRandom(options.seed) : Math.random;
  const ordered = options.shuffle === false ? [...events] : shuffled(events, random);
  const sends = options.duplicate ? ordered.flatMap((e) => [e, e]) : ordered;
  if (options.concurrent) return Promise.all(sends.map((e) => deliver(e)));
  const out: Delivery[] = [];
  for (const e of sends) out.push(await deliver(e));
  return out;
}
