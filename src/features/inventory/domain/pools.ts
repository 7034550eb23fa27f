import { ruleError, type RuleError } from '../../../platform/errors/registry.ts';

/**
 * Capacity pools (BOOK-5, BOOK-8). Every unit of stock a booking can use up
 * is a pool with a string key and a capacity; a booked line draws its
 * quantity from every pool its product names for it (the products feature
 * knows which: its `poolsFor`), and is accepted only if each of them still
 * has room. Keys:
 *
 * | key                                | capacity                        | when                                   |
 * |------------------------------------|---------------------------------|----------------------------------------|
 * | `slot:<productId>:<startMinute>`   | capacityPerSlot                 | 시간예약형 (startMinute: epoch minutes) |
 * | `bs:<productId>:<bookingScheduleId>` | the booking schedule's quantity | 예약 스케줄별 / 가격별 관리            |
 * | `dt:<productId>:<YYYY-MM-DDTHH:mm>`| quantities[dateTimeKey]         | 날짜/시간별 관리                         |
 * | `date:<productId>:<YYYY-MM-DD>`    | quantities[date]                | 날짜별 관리                              |
 * | `period:<productId>`               | inventory.quantity              | 기간 내 수량 관리                        |
 * | `price-max:<productId>:<priceId>`  | price.maxQuantity               | a price with 최대 예약 수량              |
 *
 * Usage dates and times in keys are local wall-clock values (the session at
 * 14:00 on 3/10 is that, whatever the offset); slot starts are instants,
 * because a DST repeat makes a local slot time ambiguous.
 *
 * For the booking transaction: lock every pool of a booking (one advisory
 * lock per key, on hash(businessId, key)) in the order `sumDemand` returns,
 * which is ascending by key in code-unit order, then read what each pool has
 * taken (bookings, pending bookings and unexpired holds), then
 * `capacityCheck`. The same order in every transaction means two bookings
 * never wait on each other in a cycle.
 *
 * Pure, and knows no product: instants are epoch minutes and dates
 * `'YYYY-MM-DD'` strings, as the products feature passes them.
 */

export interface Pool {
  key: string;
  capacity: number;
}

export interface PoolDemand extends Pool {
  requested: number;
}

/** What each pool has taken already; a missing key has taken nothing. A `Map<string, number>` fits. */
export interface TakenLookup {
  get(key: string): number | undefined;
}

export const POOL_KINDS = ['slot', 'bs', 'dt', 'date', 'period', 'price-max'] as const;
export type PoolKind = (typeof POOL_KINDS)[number];

export const poolKeys = {
  slot: (productId: string, startMinute: number) => `slot:${productId}:${startMinute}`,
  bookingSchedule: (productId: string, bookingScheduleId: string) => `bs:${productId}:${bookingScheduleId}`,
  dateTime: (productId: string, key: string) => `dt:${productId}:${key}`,
  date: (productId: string, date: string) => `date:${productId}:${date}`,
  period: (productId: string) => `period:${productId}`,
  priceMax: (productId: string, priceId: string) => `price-max:${productId}:${priceId}`,
};

export function poolKindOf(key: string): PoolKind {
  const kind = key.slice(0, key.indexOf(':'));
  if (!(POOL_KINDS as readonly string[]).includes(kind)) throw new RangeError(`not a pool key: ${key}`);
  return kind as PoolKind;
}

/** Pools of one day (a slot, a session, a date): their claims carry the usage date, so availability reads only the days it shows. */
export function isDayBoundPool(key: string): boolean {
  const kind = poolKindOf(key);
  return kind === 'slot' || kind === 'dt' || kind === 'date' || kind === 'bs';
}

/** Ascending by key in UTF-16 code-unit order (not locale order): the lock order. */
export function comparePoolKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What is left in a pool; never below 0, even if its capacity was lowered under what it has taken. */
export function remainingIn(capacity: number, taken: number): number {
  return Math.max(0, capacity - taken);
}

/** The pools one line draws from, and how many of them it asks for. */
export interface PoolDraw {
  quantity: number;
  pools: readonly Pool[];
}

/**
 * Everything one booking (one 예약번호, any number of lines) asks of each
 * pool: lines drawing from the same pool add up (an adult and a child ticket
 * of one session both use its 날짜/시간 quantity). Sorted by key: the lock order.
 */
export function sumDemand(draws: readonly PoolDraw[]): PoolDemand[] {
  const demand = new Map<string, PoolDemand>();
  for (const draw of draws) {
    for (const pool of draw.pools) {
      const existing = demand.get(pool.key);
      if (existing) existing.requested += draw.quantity;
      else demand.set(pool.key, { key: pool.key, capacity: pool.capacity, requested: draw.quantity });
    }
  }
  return [...demand.values()].sort((a, b) => comparePoolKeys(a.key, b.key));
}

export type CapacityVerdict =
  | { ok: true }
  | (RuleError<'SOLD_OUT'> & { ok: false; pool: string; capacity: number; taken: number; requested: number; remaining: number });

const SOLD_OUT_MESSAGES: Record<PoolKind, (remaining: number) => string> = {
  slot: (n) => (n === 0 ? '선택한 시간은 예약이 마감되었습니다.' : `선택한 시간에 남은 자리가 ${n}명뿐입니다.`),
  bs: (n) => (n === 0 ? '선택한 예약 스케줄은 마감되었습니다.' : `선택한 예약 스케줄의 남은 수량은 ${n}개입니다.`),
  dt: (n) => (n === 0 ? '선택한 일시는 예약이 마감되었습니다.' : `선택한 일시의 남은 수량은 ${n}개입니다.`),
  date: (n) => (n === 0 ? '선택한 날짜는 예약이 마감되었습니다.' : `선택한 날짜의 남은 수량은 ${n}개입니다.`),
  period: (n) => (n === 0 ? '이 상품은 예약 수량이 모두 찼습니다.' : `이 상품의 남은 수량은 ${n}개입니다.`),
  'price-max': (n) => (n === 0 ? '이 가격은 최대 예약 수량에 도달했습니다.' : `이 가격으로 더 예약할 수 있는 수량은 ${n}개입니다.`),
};

/**
 * BOOK-8: accept a demand only if every pool it draws from has room:
 * taken + requested ≤ capacity. Reads each pool once, in demand order; the
 * first pool without room is named. Call it while holding the pools' locks,
 * with `taken` read under those locks.
 */
export function capacityCheck(demand: readonly PoolDemand[], taken: TakenLookup): CapacityVerdict {
  for (const pool of demand) {
    const already = taken.get(pool.key) ?? 0;
    if (already + pool.requested > pool.capacity) {
      const remaining = remainingIn(pool.capacity, already);
      return {
        ok: false,
        code: 'SOLD_OUT',
        message: SOLD_OUT_MESSAGES[poolKindOf(pool.key)](remaining),
        pool: pool.key,
        capacity: pool.capacity,
        taken: already,
        requested: pool.requested,
        remaining,
        details: { pool: pool.key, remaining },
      };
    }
  }
  return { ok: true };
}

/** A quantity may be lowered in the partner center, but not below what the pool has already taken. */
export function validateCapacityChange(pool: string, newCapacity: number, taken: number): RuleError<'INVENTORY_BELOW_TAKEN'> | null {
  if (newCapacity >= taken) return null;
  return ruleError('INVENTORY_BELOW_TAKEN', {
    message: `이미 ${taken}개가 예약되어 있어 ${newCapacity}개로 줄일 수 없습니다.`,
    details: { pool, newCapacity, taken },
  });
}
