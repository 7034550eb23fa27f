import type { Kysely } from 'kysely';
import { hasChanges } from '../../../platform/db/changes.ts';
import type { Business, DB } from '../../../platform/db/types.ts';
import { AppError, catalogAppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { lockProductForEdit, takenForWholeProduct } from '../../inventory/index.ts';
import { settingsRepository as settingsRepo } from '../../settings/index.ts';
import { epochMinuteOf } from '../domain/calendar.ts';
import { assertBookedSlotsRemain, productErrors, usageStartMinute, type UsageInput } from '../domain/edit-rules.ts';
import type { ServiceType } from '../domain/model.ts';
import * as repo from '../repository/products.ts';
import { loadProduct, type LoadedProduct } from '../repository/product-store.ts';
import { presentDetail, type ProductDetail } from './present.ts';

/**
 * What the product edits share (BOOK-2..6). Every edit runs in one
 * transaction that first takes the product's edit lock (so no booking checks
 * capacity against half an edit), makes the change, refuses to lower a
 * quantity under what is booked, and then checks the whole product again
 * with the pure rules: a product in the database is always one those rules
 * accept.
 */

export type Db = Kysely<DB>;

export async function loadBusiness(db: Db, businessId: string): Promise<Business> {
  return (await settingsRepo.findBusiness(db, businessId)) ?? notFound('BUSINESS_NOT_FOUND');
}

export function businessRules(business: Business): { serviceType: ServiceType; zone: string } {
  return { serviceType: business.service_type as ServiceType, zone: business.time_zone };
}

/** The product as the partner center shows it, with what each of its quantities has given out. */
export async function productDetail(db: Db, businessId: string, productId: string): Promise<ProductDetail> {
  const loaded = (await loadProduct(db, businessId, productId)) ?? notFound('PRODUCT_NOT_FOUND');
  return presentDetail(loaded, await takenForWholeProduct(db, businessId, productId, new Date()));
}

export interface EditContext {
  trx: Db;
  actor: Actor;
  business: Business;
  loaded: LoadedProduct;
  /** What every pool of the product has given out, read under the edit lock. */
  taken: Map<string, number>;
  now: Date;
}

/**
 * QUAL-3: a PATCH with nothing to change (no field but a version) answers
 * the record as it is: no lock, no version bump, no write.
 */
export function nothingAsked(input: object): boolean {
  const { version: _version, ...asked } = input as Record<string, unknown>;
  return !hasChanges(asked);
}

/**
 * One product edit: lock, load, change, bump the version, check the whole
 * product, and answer with what the change returns. A thrown error rolls
 * everything back.
 */
export async function editProduct<T>(db: Db, actor: Actor, productId: string, change: (ctx: EditContext) => Promise<T>): Promise<T> {
  const business = await loadBusiness(db, actor.businessId);
  return db.transaction().execute(async (trx) => {
    await lockProductForEdit(trx, actor.businessId, productId);
    const loaded = (await loadProduct(trx, actor.businessId, productId)) ?? notFound('PRODUCT_NOT_FOUND');
    const now = new Date();
    const taken = await takenForWholeProduct(trx, actor.businessId, productId, now);
    const result = await change({ trx, actor, business, loaded, taken, now });
    await repo.updateProduct(trx, actor.businessId, productId, {});
    const after = (await loadProduct(trx, actor.businessId, productId))!;
    const errors = productErrors(after.product, businessRules(business));
    if (errors.length > 0) throw catalogAppError(errors[0]!);
    if (after.product.bookingType === 'time_slot') assertBookedSlotsRemain(after.product, taken, business.time_zone, epochMinuteOf(now));
    return result;
  });
}

/** Department and staff a product is assigned to: of this business, usable, and never the virtual 네이버예약. */
export async function assertAssignees(trx: Db, business: Business, input: { departmentId?: string | null | undefined; staffId?: string | null | undefined }) {
  if (input.departmentId) {
    if (!business.departments_enabled) throw new AppError('DEPARTMENTS_DISABLED');
    (await settingsRepo.findDepartment(trx, business.id, input.departmentId, 'keyShare')) ?? notFound('DEPARTMENT_NOT_FOUND');
  }
  if (input.staffId) {
    const staff = (await settingsRepo.findStaff(trx, business.id, input.staffId, 'keyShare')) ?? notFound('STAFF_NOT_FOUND');
    if (staff.kind === 'naver') throw new AppError('VALIDATION_FAILED', { message: '네이버예약 담당자에게는 상품을 배정할 수 없습니다.' });
    if (!staff.active) throw new AppError('STAFF_INACTIVE');
  }
}

/** Booking schedules a live booking has a line on cannot lose their schedule or price. */
export async function assertNotBooked(trx: Db, businessId: string, bookingScheduleIds: string[], message?: string) {
  const inUse = await repo.bookingSchedulesInUse(trx, businessId, bookingScheduleIds);
  if (inUse.size > 0) throw new AppError('PRODUCT_EDIT_IN_USE', { message, details: { bookingScheduleIds: [...inUse] } });
}

/** A usage in the schedule table's columns. */
export function scheduleColumns(usage: UsageInput): Pick<repo.ScheduleValues, 'usage_date' | 'usage_start_minute' | 'usage_from' | 'usage_to'> {
  if (usage.kind === 'period') return { usage_date: null, usage_start_minute: null, usage_from: usage.from, usage_to: usage.to };
  if (usage.kind === 'date') return { usage_date: usage.date, usage_start_minute: null, usage_from: null, usage_to: null };
  return { usage_date: usage.date, usage_start_minute: usageStartMinute(usage), usage_from: null, usage_to: null };
}

/** An optional instant of a form: null clears it, undefined leaves it. */
export const dateOrNull = (value: string | null | undefined) => (value == null ? value : new Date(value));

const ITEM_NOT_FOUND = {
  operatingPeriods: 'OPERATING_PERIOD_NOT_FOUND',
  schedules: 'PRODUCT_SCHEDULE_NOT_FOUND',
  prices: 'PRODUCT_PRICE_NOT_FOUND',
  bookingSchedules: 'BOOKING_SCHEDULE_NOT_FOUND',
} as const;

/** One item of the product as it now is: the answer of an edit of that item. */
export function itemOf<K extends keyof typeof ITEM_NOT_FOUND>(product: ProductDetail, key: K, id: string): ProductDetail[K][number] {
  const item = (product[key] as { id: string }[]).find((i) => i.id === id);
  if (!item) throw new AppError(ITEM_NOT_FOUND[key]);
  return item as ProductDetail[K][number];
}
