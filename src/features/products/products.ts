import type { Kysely, Updateable } from 'kysely';
import type { Business, DB, ProductsTable } from '../../platform/db/types.ts';
import { AppError, catalogAppError, notFound, uniqueViolation, type ErrorCode } from '../../platform/errors/registry.ts';
import { formatPhone } from '../../shared/phone.ts';
import type { Actor } from '../auth/index.ts';
import { lockProductForEdit, takenForWholeProduct } from '../inventory/index.ts';
import { settingsRepository as settingsRepo } from '../settings/index.ts';
import { dateOfEpochMinute, epochMinuteOf, formatLocalDate, formatLocalTime, localOf, parseLocalDate, parseLocalTime, zoneOf } from './calendar.ts';
import type { CatalogError } from './errors.ts';
import {
  BOOKING_TYPE_LABELS,
  BOOKING_TYPES,
  INVENTORY_MODE_LABELS,
  INVENTORY_MODES_BY_BOOKING_TYPE,
  PRICE_MAX_MODES,
  SLOT_CAPACITY_MAX,
  SLOT_HORIZON_MONTHS_MAX,
  SLOT_MINUTES_MAX,
  SLOT_MINUTES_MIN,
  SLOT_MINUTES_STEP,
  allowedBookingTypes,
  dateTimeKey,
  quantityOnBookingSchedule,
  type BookingType,
  type InventoryMode,
  type OpeningHours,
  type Product,
  type ScheduledBookingType,
  type ScheduledProduct,
  type ServiceType,
  type TimeSlotProduct,
} from './model.ts';
import { poolKeys, poolKindOf, validateCapacityChange } from '../inventory/index.ts';
import { loadProduct, parseCancellationPolicy, type CancellationTier, type LoadedProduct } from './product-store.ts';
import { findSlot } from './slots.ts';
import { validateBookingScheduleOverlap, validateBookingType, validateHiddenSlot, validateInventoryMode, validateProduct } from './validation.ts';
import { publicProductUrl, requireCatalogRead, requireCatalogWrite } from '../places/index.ts';
import { placesRepository as placesRepo } from '../places/index.ts';
import { hasChanges } from '../../platform/db/changes.ts';
import * as repo from './repository.ts';

type Db = Kysely<DB>;

/**
 * BOOK-2..6: products and everything they sell, edited in the partner
 * center. Every edit runs in one transaction that first takes the product's
 * edit lock (so no booking checks capacity against half an edit), makes the
 * change, refuses to lower a quantity under what is booked, and then checks
 * the whole product again with the pure rules of validation.ts: a product in
 * the database is always one those rules accept.
 */

export const CONFIRMATION_MODE_LABELS = { instant: '즉시 확정', approval: '관리자 승인 후 확정' } as const;
export const PAYMENT_MODE_LABELS = { on_site: '현장 결제', none: '결제 없이 예약' } as const;

const DEFAULT_TIME_SLOT = { slotMinutes: 30, capacityPerSlot: 1, horizonMonths: 3 };
const DEFAULT_DURATION_MINUTES = 60;
const DEFAULT_INVENTORY_MODE: Record<ScheduledBookingType, InventoryMode> = { date_time: 'per_booking_schedule', date: 'per_booking_schedule', always: 'per_price' };

// ------------------------------------------------------------------ options

/** What the product form may offer this business (BOOK-2, BOOK-3, BOOK-5). */
export async function catalogOptions(db: Db, actor: Actor) {
  requireCatalogRead(actor);
  const business = await loadBusiness(db, actor);
  const allowed = allowedBookingTypes(business.service_type);
  return {
    serviceType: business.service_type,
    bookingTypes: BOOKING_TYPES.map((value) => ({ value, label: BOOKING_TYPE_LABELS[value], allowed: allowed.includes(value) })),
    inventoryModesByBookingType: Object.fromEntries(
      Object.entries(INVENTORY_MODES_BY_BOOKING_TYPE).map(([type, modes]) => [type, modes.map((value) => ({ value, label: INVENTORY_MODE_LABELS[value] }))]),
    ) as Record<ScheduledBookingType, { value: InventoryMode; label: string }[]>,
    priceMaxModes: [...PRICE_MAX_MODES],
    limits: {
      slotMinutesMin: SLOT_MINUTES_MIN,
      slotMinutesMax: SLOT_MINUTES_MAX,
      slotMinutesStep: SLOT_MINUTES_STEP,
      slotCapacityMax: SLOT_CAPACITY_MAX,
      horizonMonthsMax: SLOT_HORIZON_MONTHS_MAX,
    },
  };
}

// ------------------------------------------------------------------ shapes

type WeeklyHoursInput = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', OpeningHours[]>>;

function weeklyHoursJson(input: WeeklyHoursInput) {
  return Object.fromEntries((['1', '2', '3', '4', '5', '6', '7'] as const).map((d) => [d, input[d] ?? []]));
}

type UsageJson = { kind: 'date_time'; date: string; startTime: string } | { kind: 'date'; date: string } | { kind: 'period'; from: string; to: string };

function presentUsage(usage: ScheduledProduct['schedules'][number]['usage']): UsageJson {
  if (usage.kind === 'date_time') return { kind: 'date_time', date: usage.date, startTime: formatLocalTime(usage.startMinute) };
  if (usage.kind === 'date') return { kind: 'date', date: usage.date };
  return { kind: 'period', from: usage.from, to: usage.to };
}

const iso = (minute: number) => dateOfEpochMinute(minute).toISOString();

function presentProductRow(row: LoadedProduct['row'], placeName: string) {
  return {
    id: row.id,
    placeId: row.place_id,
    placeName,
    name: row.name,
    description: row.description,
    bookingType: row.booking_type,
    bookingTypeLabel: BOOKING_TYPE_LABELS[row.booking_type],
    confirmationMode: row.confirmation_mode,
    paymentMode: row.payment_mode,
    priceAmount: row.price_amount,
    exposed: row.exposed,
    departmentId: row.department_id,
    staffId: row.staff_id,
    slotMinutes: row.slot_minutes,
    capacityPerSlot: row.capacity_per_slot,
    horizonMonths: row.horizon_months,
    durationMinutes: row.duration_minutes,
    inventoryMode: row.inventory_mode,
    periodQuantity: row.period_quantity,
    maxQuantityPerBooking: row.max_quantity_per_booking,
    cancellationPolicy: parseCancellationPolicy(row.cancellation_policy),
    sortOrder: row.sort_order,
    version: row.version,
    publicUrl: publicProductUrl(row.id),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function presentDetail(loaded: LoadedProduct, taken: Map<string, number>) {
  const product = loaded.product;
  const base = presentProductRow(loaded.row, loaded.place.name);
  if (product.bookingType === 'time_slot') {
    return {
      ...base,
      operatingPeriods: product.operatingPeriods.map((p) => ({
        id: p.id,
        startsOn: p.from,
        endsOn: p.to,
        weeklyHours: weeklyHoursJson(p.weeklyHours as WeeklyHoursInput),
        bookingOpensAt: p.bookingOpensAt === null ? null : iso(p.bookingOpensAt),
      })),
      hiddenSlots: product.hiddenSlotStarts.map(iso),
      schedules: [],
      prices: [],
      bookingSchedules: [],
      stock: [],
    };
  }
  const inventory = product.inventory;
  const stock = inventory.mode === 'per_date_time' || inventory.mode === 'per_date' ? Object.entries(inventory.quantities).sort(([a], [b]) => (a < b ? -1 : 1)) : [];
  const stockPool = (key: string) => (inventory.mode === 'per_date_time' ? poolKeys.dateTime(product.id, key) : poolKeys.date(product.id, key));
  return {
    ...base,
    operatingPeriods: [],
    hiddenSlots: [],
    schedules: product.schedules.map((s) => ({ id: s.id, usage: presentUsage(s.usage), bookingOpensAt: iso(s.bookingOpensAt), bookingClosesAt: iso(s.bookingClosesAt) })),
    prices: product.prices.map((p) => ({
      id: p.id,
      name: p.name,
      amount: p.amount,
      bookableFrom: p.bookableFrom,
      bookableTo: p.bookableTo,
      maxQuantity: p.maxQuantity,
      taken: taken.get(poolKeys.priceMax(product.id, p.id)) ?? 0,
    })),
    bookingSchedules: product.bookingSchedules.map((b) => ({
      id: b.id,
      scheduleId: b.scheduleId,
      priceId: b.priceId,
      quantity: b.quantity,
      taken: taken.get(poolKeys.bookingSchedule(product.id, b.id)) ?? 0,
    })),
    stock: stock.map(([key, quantity]) => ({ key, quantity, taken: taken.get(stockPool(key)) ?? 0 })),
  };
}

// ------------------------------------------------------------------ reads

async function loadBusiness(db: Db, actor: Actor): Promise<Business> {
  return (await settingsRepo.findBusiness(db, actor.businessId)) ?? notFound('BUSINESS_NOT_FOUND');
}

export async function listProducts(db: Db, actor: Actor, placeId: string | undefined) {
  requireCatalogRead(actor);
  const rows = await repo.listProducts(db, actor.businessId, placeId);
  return { items: rows.map(({ place_name, ...row }) => presentProductRow(row, place_name)) };
}

async function detail(db: Db, businessId: string, productId: string) {
  const loaded = (await loadProduct(db, businessId, productId)) ?? notFound('PRODUCT_NOT_FOUND');
  return presentDetail(loaded, await takenForWholeProduct(db, businessId, productId, new Date()));
}

export async function getProduct(db: Db, actor: Actor, productId: string) {
  requireCatalogRead(actor);
  return detail(db, actor.businessId, productId);
}

// ------------------------------------------------------------------ rules around every edit

/**
 * The pure rules, less two states a product passes through while it is set
 * up (a 상시형 product before its one schedule; a 날짜/시간별 or 날짜별 quantity
 * not typed yet, which sells nothing meanwhile), and less the category rule,
 * which binds only at creation (a business that changes category keeps
 * editing the products it has).
 */
function productErrors(product: Product, business: Business): CatalogError[] {
  return validateProduct(product, { serviceType: business.service_type as ServiceType, zone: business.time_zone }).filter(
    (e) =>
      e.code !== 'BOOKING_TYPE_NOT_ALLOWED' &&
      !(e.code === 'ALWAYS_REQUIRES_ONE_SCHEDULE' && product.bookingType !== 'time_slot' && product.schedules.length === 0) &&
      !(e.code === 'INVENTORY_QUANTITY_MISSING' && e.path?.startsWith('inventory.quantities.')),
  );
}

function isPastSlotPool(key: string, nowMinute: number): boolean {
  return poolKindOf(key) === 'slot' && Number(key.slice(key.lastIndexOf(':') + 1)) < nowMinute;
}

/** 시간예약형: every slot a live booking holds from now on must still be a slot after the edit. */
function assertBookedSlotsRemain(product: TimeSlotProduct, taken: Map<string, number>, zoneName: string, nowMinute: number) {
  const zone = zoneOf(zoneName);
  for (const [key, quantity] of taken) {
    if (quantity <= 0 || poolKindOf(key) !== 'slot' || isPastSlotPool(key, nowMinute)) continue;
    const start = Number(key.slice(key.lastIndexOf(':') + 1));
    if (!findSlot(product, start, zone)) {
      throw new AppError('PRODUCT_EDIT_IN_USE', {
        message: `예약이 있는 시간(${localSlotLabel(start, zone)})이 운영시간에서 빠지게 되어 바꿀 수 없습니다. 예약을 먼저 옮기거나 취소해 주세요.`,
        details: { startsAt: dateOfEpochMinute(start).toISOString() },
      });
    }
  }
}

/** '12월 5일 10:00' in the business's time zone, for messages. */
function localSlotLabel(start: number, zone: ReturnType<typeof zoneOf>): string {
  const local = localOf(start, zone);
  const [, month, day] = formatLocalDate(local.day).split('-').map(Number);
  return `${month}월 ${day}일 ${formatLocalTime(local.minute)}`;
}

function belowTaken(pool: string, capacity: number, taken: Map<string, number>) {
  const error = validateCapacityChange(pool, capacity, taken.get(pool) ?? 0);
  if (error) throw catalogAppError(error);
}

interface EditContext {
  trx: Db;
  actor: Actor;
  business: Business;
  loaded: LoadedProduct;
  /** What every pool of the product has given out, read under the edit lock. */
  taken: Map<string, number>;
  now: Date;
}

/**
 * One product edit: lock, load, change, bump the version, check the whole
 * product, and answer with the product as it now is. A thrown error rolls
 * everything back.
 */
/**
 * QUAL-3: a PATCH with nothing to change (no field but a version) answers
 * the record as it is: no lock, no version bump, no write. The permission
 * is checked all the same.
 */
function nothingAsked(actor: Actor, input: object): boolean {
  requireCatalogWrite(actor);
  const { version: _version, ...asked } = input as Record<string, unknown>;
  return !hasChanges(asked);
}

async function editProduct<T>(db: Db, actor: Actor, productId: string, change: (ctx: EditContext) => Promise<T>): Promise<T> {
  requireCatalogWrite(actor);
  const business = await loadBusiness(db, actor);
  return db.transaction().execute(async (trx) => {
    await lockProductForEdit(trx, actor.businessId, productId);
    const loaded = (await loadProduct(trx, actor.businessId, productId)) ?? notFound('PRODUCT_NOT_FOUND');
    const now = new Date();
    const taken = await takenForWholeProduct(trx, actor.businessId, productId, now);
    const result = await change({ trx, actor, business, loaded, taken, now });
    await repo.updateProduct(trx, actor.businessId, productId, {});
    const after = (await loadProduct(trx, actor.businessId, productId))!;
    const errors = productErrors(after.product, business);
    if (errors.length > 0) throw catalogAppError(errors[0]!);
    if (after.product.bookingType === 'time_slot') assertBookedSlotsRemain(after.product, taken, business.time_zone, epochMinuteOf(now));
    return result;
  });
}

function requireTimeSlot(loaded: LoadedProduct): TimeSlotProduct {
  if (loaded.product.bookingType !== 'time_slot') throw new AppError('PRODUCT_SETTING_NOT_FOR_TYPE', { message: '운영기간과 슬롯 노출 설정은 시간예약형 상품에만 있습니다.' });
  return loaded.product;
}

function requireScheduled(loaded: LoadedProduct): ScheduledProduct {
  if (loaded.product.bookingType === 'time_slot') throw new AppError('PRODUCT_SETTING_NOT_FOR_TYPE', { message: '일정·가격·예약 스케줄은 날짜/시간형, 날짜형, 상시형 상품에만 있습니다. 시간예약형은 운영기간을 등록해 주세요.' });
  return loaded.product;
}

/**
 * The database's own checks (an end before its start) read as the catalog's
 * error: the pure rules would name it too, but the insert fails first.
 */
function checkViolationAs(code: ErrorCode) {
  return (error: unknown): never => {
    if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23514') throw new AppError(code, { cause: error });
    throw error;
  };
}

// ------------------------------------------------------------------ product create / update / delete

export interface ProductInput {
  placeId: string;
  name: string;
  description?: string;
  bookingType: BookingType;
  confirmationMode: 'instant' | 'approval';
  paymentMode?: 'on_site' | 'none';
  priceAmount?: number | null;
  exposed?: boolean;
  departmentId?: string | null;
  staffId?: string | null;
  durationMinutes?: number | null;
  maxQuantityPerBooking?: number;
  cancellationPolicy?: CancellationTier[];
  slotMinutes?: number;
  capacityPerSlot?: number;
  horizonMonths?: number;
  inventoryMode?: InventoryMode;
  periodQuantity?: number | null;
  sortOrder?: number;
}

export type ProductChanges = Partial<Omit<ProductInput, 'bookingType'>> & { bookingType?: BookingType; version?: number };

/** Tiers sorted by deadline, latest first; CANCELLATION_POLICY_INVALID for duplicates or values out of range. */
export function normaliseCancellationPolicy(tiers: readonly { hoursBefore: number; refundPercent: number }[]): CancellationTier[] {
  const seen = new Set<number>();
  for (const tier of tiers) {
    const valid =
      Number.isSafeInteger(tier.hoursBefore) && tier.hoursBefore >= 0 && Number.isSafeInteger(tier.refundPercent) && tier.refundPercent >= 0 && tier.refundPercent <= 100;
    if (!valid || seen.has(tier.hoursBefore)) throw new AppError('CANCELLATION_POLICY_INVALID', { details: { tier } });
    seen.add(tier.hoursBefore);
  }
  return tiers.map((t) => ({ hoursBefore: t.hoursBefore, refundPercent: t.refundPercent })).sort((a, b) => b.hoursBefore - a.hoursBefore);
}

async function assertAssignees(trx: Db, business: Business, input: { departmentId?: string | null; staffId?: string | null }) {
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

function settingNotForType(field: string, bookingType: BookingType): never {
  throw new AppError('PRODUCT_SETTING_NOT_FOR_TYPE', {
    message: `${BOOKING_TYPE_LABELS[bookingType]} 상품에는 '${field}' 설정이 없습니다.`,
    details: { field, bookingType },
  });
}

/** Refuses settings that belong to another booking type (so nothing a form sends is silently dropped). */
function assertSettingsFitType(bookingType: BookingType, input: Partial<ProductInput>) {
  if (bookingType === 'time_slot') {
    if (input.inventoryMode !== undefined) settingNotForType('inventoryMode', bookingType);
    if (input.periodQuantity != null) settingNotForType('periodQuantity', bookingType);
  } else {
    for (const field of ['slotMinutes', 'capacityPerSlot', 'horizonMonths'] as const) if (input[field] !== undefined) settingNotForType(field, bookingType);
  }
  if (bookingType !== 'date_time' && input.durationMinutes != null) settingNotForType('durationMinutes', bookingType);
}

function periodQuantityNotInMode(): never {
  throw new AppError('INVENTORY_QUANTITY_NOT_IN_MODE', { message: '기간 내 수량은 예약수량 관리가 기간 내 수량 관리일 때만 입력할 수 있습니다.', details: { path: 'periodQuantity' } });
}

export async function createProduct(db: Db, actor: Actor, input: ProductInput) {
  requireCatalogWrite(actor);
  const business = await loadBusiness(db, actor);
  const typeError = validateBookingType(business.service_type as ServiceType, input.bookingType);
  if (typeError) throw catalogAppError(typeError);
  assertSettingsFitType(input.bookingType, input);
  const policy = normaliseCancellationPolicy(input.cancellationPolicy ?? []);

  const values: Parameters<typeof repo.insertProduct>[1] = {
    business_id: actor.businessId,
    place_id: input.placeId,
    name: input.name,
    description: input.description ?? '',
    booking_type: input.bookingType,
    confirmation_mode: input.confirmationMode,
    payment_mode: input.paymentMode ?? 'on_site',
    price_amount: input.priceAmount ?? null,
    exposed: input.exposed ?? true,
    department_id: input.departmentId ?? null,
    staff_id: input.staffId ?? null,
    max_quantity_per_booking: input.maxQuantityPerBooking ?? 10,
    cancellation_policy: JSON.stringify(policy),
  };
  if (input.bookingType === 'time_slot') {
    values.slot_minutes = input.slotMinutes ?? DEFAULT_TIME_SLOT.slotMinutes;
    values.capacity_per_slot = input.capacityPerSlot ?? DEFAULT_TIME_SLOT.capacityPerSlot;
    values.horizon_months = input.horizonMonths ?? DEFAULT_TIME_SLOT.horizonMonths;
  } else {
    const mode = input.inventoryMode ?? DEFAULT_INVENTORY_MODE[input.bookingType];
    const modeError = validateInventoryMode(input.bookingType, mode);
    if (modeError) throw catalogAppError(modeError);
    values.inventory_mode = mode;
    if (mode === 'per_period') {
      if (input.periodQuantity == null) throw new AppError('INVENTORY_QUANTITY_MISSING', { message: '기간 내 수량 관리에서는 기간 내 수량을 입력해 주세요.', details: { path: 'periodQuantity' } });
      values.period_quantity = input.periodQuantity;
    } else if (input.periodQuantity != null) {
      periodQuantityNotInMode();
    }
    if (input.bookingType === 'date_time') values.duration_minutes = input.durationMinutes ?? DEFAULT_DURATION_MINUTES;
  }

  const id = await db.transaction().execute(async (trx) => {
    (await placesRepo.findPlace(trx, actor.businessId, input.placeId, 'keyShare')) ?? notFound('PLACE_NOT_FOUND');
    await assertAssignees(trx, business, input);
    values.sort_order = input.sortOrder ?? (await repo.nextProductSortOrder(trx, actor.businessId, input.placeId));
    const { id } = await repo.insertProduct(trx, values);
    const loaded = (await loadProduct(trx, actor.businessId, id))!;
    const errors = productErrors(loaded.product, business);
    if (errors.length > 0) throw catalogAppError(errors[0]!);
    return id;
  });
  return detail(db, actor.businessId, id);
}

export async function updateProduct(db: Db, actor: Actor, productId: string, input: ProductChanges) {
  if (nothingAsked(actor, input)) return detail(db, actor.businessId, productId);
  await editProduct(db, actor, productId, async ({ trx, business, loaded, taken, now }) => {
    const row = loaded.row;
    if (input.version !== undefined && input.version !== row.version) throw new AppError('PRODUCT_VERSION_CONFLICT', { details: { version: row.version } });
    if (input.bookingType !== undefined && input.bookingType !== row.booking_type) throw new AppError('PRODUCT_BOOKING_TYPE_FIXED');
    assertSettingsFitType(row.booking_type, input);
    if (input.placeId !== undefined && input.placeId !== row.place_id) {
      (await placesRepo.findPlace(trx, actor.businessId, input.placeId, 'keyShare')) ?? notFound('PLACE_NOT_FOUND');
    }
    await assertAssignees(trx, business, input);

    const set: Updateable<ProductsTable> = {
      place_id: input.placeId,
      name: input.name,
      description: input.description,
      confirmation_mode: input.confirmationMode,
      payment_mode: input.paymentMode,
      price_amount: input.priceAmount,
      exposed: input.exposed,
      department_id: input.departmentId,
      staff_id: input.staffId,
      max_quantity_per_booking: input.maxQuantityPerBooking,
      sort_order: input.sortOrder,
      cancellation_policy: input.cancellationPolicy === undefined ? undefined : JSON.stringify(normaliseCancellationPolicy(input.cancellationPolicy)),
    };

    if (row.booking_type === 'time_slot') {
      set.slot_minutes = input.slotMinutes;
      set.horizon_months = input.horizonMonths;
      if (input.capacityPerSlot !== undefined) {
        // Lowering a slot's capacity: not under what any future slot has booked.
        const nowMinute = epochMinuteOf(now);
        for (const [pool, quantity] of taken) {
          if (poolKindOf(pool) === 'slot' && !isPastSlotPool(pool, nowMinute)) {
            const error = validateCapacityChange(pool, input.capacityPerSlot, quantity);
            if (error) throw catalogAppError({ ...error, message: `이미 ${quantity}명이 예약한 시간이 있어 슬롯당 인원을 ${input.capacityPerSlot}명으로 줄일 수 없습니다.` });
          }
        }
        set.capacity_per_slot = input.capacityPerSlot;
      }
    } else {
      if (input.durationMinutes !== undefined && row.booking_type === 'date_time') set.duration_minutes = input.durationMinutes ?? DEFAULT_DURATION_MINUTES;
      const bookingType = row.booking_type as ScheduledBookingType;
      const currentMode = row.inventory_mode!;
      const mode = input.inventoryMode ?? currentMode;
      if (mode !== currentMode) {
        const modeError = validateInventoryMode(bookingType, mode);
        if (modeError) throw catalogAppError(modeError);
        if ([...taken.values()].some((q) => q > 0)) {
          throw new AppError('PRODUCT_EDIT_IN_USE', { message: '예약이 있는 상품은 예약수량 관리 방식을 바꿀 수 없습니다.' });
        }
        set.inventory_mode = mode;
        if (quantityOnBookingSchedule(mode) !== quantityOnBookingSchedule(currentMode)) {
          await repo.resetBookingScheduleQuantities(trx, actor.businessId, productId, quantityOnBookingSchedule(mode) ? 0 : null);
        }
      }
      if (mode === 'per_period') {
        const quantity = input.periodQuantity !== undefined ? input.periodQuantity : row.period_quantity;
        if (quantity == null) throw new AppError('INVENTORY_QUANTITY_MISSING', { message: '기간 내 수량 관리에서는 기간 내 수량을 입력해 주세요.', details: { path: 'periodQuantity' } });
        belowTaken(poolKeys.period(productId), quantity, taken);
        set.period_quantity = quantity;
      } else if (input.periodQuantity != null) {
        periodQuantityNotInMode();
      } else if (mode !== currentMode) {
        set.period_quantity = null;
      }
    }
    await repo.setProductColumns(trx, actor.businessId, productId, set);
  });
  return detail(db, actor.businessId, productId);
}

export async function deleteProduct(db: Db, actor: Actor, productId: string) {
  requireCatalogWrite(actor);
  await db.transaction().execute(async (trx) => {
    await lockProductForEdit(trx, actor.businessId, productId);
    (await loadProduct(trx, actor.businessId, productId)) ?? notFound('PRODUCT_NOT_FOUND');
    if (await repo.productHasBookings(trx, actor.businessId, productId)) throw new AppError('PRODUCT_HAS_BOOKINGS');
    await repo.deleteProduct(trx, actor.businessId, productId);
  });
}

// ------------------------------------------------------------------ 운영기간, hidden slots (시간예약형)

export interface OperatingPeriodInput {
  startsOn: string;
  endsOn: string;
  weeklyHours: WeeklyHoursInput;
  bookingOpensAt?: string | null;
}

const dateOrNull = (value: string | null | undefined) => (value == null ? value : new Date(value));

export async function addOperatingPeriod(db: Db, actor: Actor, productId: string, input: OperatingPeriodInput) {
  const id = await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    requireTimeSlot(loaded);
    const row = await repo.insertOperatingPeriod(trx, {
      businessId: actor.businessId,
      productId,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      weeklyHours: weeklyHoursJson(input.weeklyHours),
      bookingOpensAt: dateOrNull(input.bookingOpensAt) ?? null,
    });
    return row.id;
  }).catch(checkViolationAs('OPERATING_PERIOD_INVALID'));
  return itemOf(await detail(db, actor.businessId, productId), 'operatingPeriods', id);
}

export async function updateOperatingPeriod(db: Db, actor: Actor, productId: string, periodId: string, input: Partial<OperatingPeriodInput>) {
  if (nothingAsked(actor, input)) return itemOf(await detail(db, actor.businessId, productId), 'operatingPeriods', periodId);
  await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    requireTimeSlot(loaded);
    const row = await repo.updateOperatingPeriod(trx, actor.businessId, productId, periodId, {
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      weeklyHours: input.weeklyHours === undefined ? undefined : weeklyHoursJson(input.weeklyHours),
      bookingOpensAt: dateOrNull(input.bookingOpensAt),
    });
    if (!row) throw new AppError('OPERATING_PERIOD_NOT_FOUND');
  }).catch(checkViolationAs('OPERATING_PERIOD_INVALID'));
  return itemOf(await detail(db, actor.businessId, productId), 'operatingPeriods', periodId);
}

/** Refused while a live booking holds a future slot of the period (checked by editProduct for every 시간예약형 edit). */
export async function deleteOperatingPeriod(db: Db, actor: Actor, productId: string, periodId: string) {
  await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    requireTimeSlot(loaded);
    (await repo.deleteOperatingPeriod(trx, actor.businessId, productId, periodId)) ?? notFound('OPERATING_PERIOD_NOT_FOUND');
  });
}

/** BOOK-3: one slot 노출 ON/OFF. */
export async function setSlotHidden(db: Db, actor: Actor, productId: string, input: { startsAt: string; hidden: boolean }) {
  const startsAt = new Date(input.startsAt);
  await editProduct(db, actor, productId, async ({ trx, business, loaded }) => {
    const product = requireTimeSlot(loaded);
    const minute = startsAt.getTime() / 60_000;
    if (input.hidden) {
      const error = validateHiddenSlot(product, minute, business.time_zone);
      if (error) throw catalogAppError(error);
      await repo.hideSlot(trx, actor.businessId, productId, startsAt);
    } else {
      await repo.showSlot(trx, actor.businessId, productId, startsAt);
    }
  });
  return { startsAt: startsAt.toISOString(), hidden: input.hidden };
}

// ------------------------------------------------------------------ 일정, 가격, 예약 스케줄, 수량

export interface ScheduleInput {
  usage: UsageJson;
  bookingOpensAt: string;
  bookingClosesAt: string;
}

function scheduleColumns(usage: UsageJson): Pick<repo.ScheduleValues, 'usage_date' | 'usage_start_minute' | 'usage_from' | 'usage_to'> {
  if (usage.kind === 'period') return { usage_date: null, usage_start_minute: null, usage_from: usage.from, usage_to: usage.to };
  if (usage.kind === 'date') return { usage_date: usage.date, usage_start_minute: null, usage_from: null, usage_to: null };
  const minute = parseLocalTime(usage.startTime);
  if (minute === null || minute >= 1440 || parseLocalDate(usage.date) === null) {
    throw new AppError('PRODUCT_SCHEDULE_USAGE_INVALID', { details: { path: 'usage', usage } });
  }
  return { usage_date: usage.date, usage_start_minute: minute, usage_from: null, usage_to: null };
}

function assertUsageKind(product: ScheduledProduct, usage: UsageJson) {
  const expected = product.bookingType === 'date_time' ? 'date_time' : product.bookingType === 'date' ? 'date' : 'period';
  const dates = usage.kind === 'period' ? [usage.from, usage.to] : [usage.date];
  if (usage.kind !== expected || dates.some((d) => parseLocalDate(d) === null) || (usage.kind === 'period' && usage.from > usage.to)) {
    throw new AppError('PRODUCT_SCHEDULE_USAGE_INVALID', {
      message: `${BOOKING_TYPE_LABELS[product.bookingType]} 상품의 일정은 ${expected === 'date_time' ? '날짜와 시작 시간' : expected === 'date' ? '날짜' : '이용기간(시작일~종료일)'}으로 입력해 주세요.`,
      details: { path: 'usage', expected },
    });
  }
}

function bookingSchedulesOf(product: ScheduledProduct, by: { scheduleId?: string; priceId?: string }) {
  return product.bookingSchedules.filter((b) => (by.scheduleId === undefined || b.scheduleId === by.scheduleId) && (by.priceId === undefined || b.priceId === by.priceId));
}

async function assertNotBooked(trx: Db, actor: Actor, bookingScheduleIds: string[], message?: string) {
  const inUse = await repo.bookingSchedulesInUse(trx, actor.businessId, bookingScheduleIds);
  if (inUse.size > 0) throw new AppError('PRODUCT_EDIT_IN_USE', { message, details: { bookingScheduleIds: [...inUse] } });
}

export async function addSchedule(db: Db, actor: Actor, productId: string, input: ScheduleInput) {
  const id = await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    const product = requireScheduled(loaded);
    if (product.bookingType === 'always' && product.schedules.length >= 1) {
      throw new AppError('ALWAYS_REQUIRES_ONE_SCHEDULE', { message: '상시형 상품에는 일정(이용기간)을 하나만 둘 수 있습니다. 있는 일정을 수정해 주세요.' });
    }
    assertUsageKind(product, input.usage);
    const row = await repo.insertSchedule(trx, actor.businessId, productId, {
      ...scheduleColumns(input.usage),
      booking_opens_at: new Date(input.bookingOpensAt),
      booking_closes_at: new Date(input.bookingClosesAt),
    });
    return row.id;
  }).catch(checkViolationAs('PRODUCT_SCHEDULE_WINDOW_INVALID'));
  return itemOf(await detail(db, actor.businessId, productId), 'schedules', id);
}

export async function updateSchedule(db: Db, actor: Actor, productId: string, scheduleId: string, input: Partial<ScheduleInput>) {
  if (nothingAsked(actor, input)) return itemOf(await detail(db, actor.businessId, productId), 'schedules', scheduleId);
  await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    const product = requireScheduled(loaded);
    const current = product.schedules.find((s) => s.id === scheduleId) ?? notFound('PRODUCT_SCHEDULE_NOT_FOUND');
    const changes: Partial<repo.ScheduleValues> = {};
    if (input.usage !== undefined) {
      assertUsageKind(product, input.usage);
      if (JSON.stringify(input.usage) !== JSON.stringify(presentUsage(current.usage))) {
        await assertNotBooked(trx, actor, bookingSchedulesOf(product, { scheduleId }).map((b) => b.id), '예약이 있는 일정의 이용 일시는 바꿀 수 없습니다. 새 일정을 만들고 이 일정의 수량을 0으로 바꿔 주세요.');
      }
      Object.assign(changes, scheduleColumns(input.usage));
    }
    if (input.bookingOpensAt !== undefined) changes.booking_opens_at = new Date(input.bookingOpensAt);
    if (input.bookingClosesAt !== undefined) changes.booking_closes_at = new Date(input.bookingClosesAt);
    if (Object.keys(changes).length > 0) await repo.updateSchedule(trx, actor.businessId, productId, scheduleId, changes);
  }).catch(checkViolationAs('PRODUCT_SCHEDULE_WINDOW_INVALID'));
  return itemOf(await detail(db, actor.businessId, productId), 'schedules', scheduleId);
}

export async function deleteSchedule(db: Db, actor: Actor, productId: string, scheduleId: string) {
  await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    const product = requireScheduled(loaded);
    if (!product.schedules.some((s) => s.id === scheduleId)) throw new AppError('PRODUCT_SCHEDULE_NOT_FOUND');
    await assertNotBooked(trx, actor, bookingSchedulesOf(product, { scheduleId }).map((b) => b.id));
    await repo.deleteSchedule(trx, actor.businessId, productId, scheduleId);
  });
}

export interface PriceInput {
  name: string;
  amount: number;
  bookableFrom: string;
  bookableTo: string;
  maxQuantity?: number | null;
}

export async function addPrice(db: Db, actor: Actor, productId: string, input: PriceInput) {
  const id = await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    requireScheduled(loaded);
    const row = await repo.insertPrice(trx, actor.businessId, productId, {
      name: input.name,
      amount: input.amount,
      bookable_from: input.bookableFrom,
      bookable_to: input.bookableTo,
      max_quantity: input.maxQuantity ?? null,
      sort_order: await repo.nextPriceSortOrder(trx, actor.businessId, productId),
    });
    return row.id;
  }).catch(checkViolationAs('PRICE_PERIOD_INVALID'));
  return itemOf(await detail(db, actor.businessId, productId), 'prices', id);
}

export async function updatePrice(db: Db, actor: Actor, productId: string, priceId: string, input: Partial<PriceInput>) {
  if (nothingAsked(actor, input)) return itemOf(await detail(db, actor.businessId, productId), 'prices', priceId);
  await editProduct(db, actor, productId, async ({ trx, loaded, taken }) => {
    const product = requireScheduled(loaded);
    if (!product.prices.some((p) => p.id === priceId)) throw new AppError('PRODUCT_PRICE_NOT_FOUND');
    if (input.maxQuantity != null) belowTaken(poolKeys.priceMax(productId, priceId), input.maxQuantity, taken);
    await repo.updatePrice(trx, actor.businessId, productId, priceId, {
      name: input.name,
      amount: input.amount,
      bookable_from: input.bookableFrom,
      bookable_to: input.bookableTo,
      max_quantity: input.maxQuantity,
    });
  }).catch(checkViolationAs('PRICE_PERIOD_INVALID'));
  return itemOf(await detail(db, actor.businessId, productId), 'prices', priceId);
}

export async function deletePrice(db: Db, actor: Actor, productId: string, priceId: string) {
  await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    const product = requireScheduled(loaded);
    if (!product.prices.some((p) => p.id === priceId)) throw new AppError('PRODUCT_PRICE_NOT_FOUND');
    await assertNotBooked(trx, actor, bookingSchedulesOf(product, { priceId }).map((b) => b.id));
    await repo.deletePrice(trx, actor.businessId, productId, priceId);
  });
}

/**
 * BOOK-4: every schedule × price pair, all or nothing. Each pair must share
 * at least one day of booking (the pure overlap rule) and must not exist yet.
 * The quantity goes to each new booking schedule (예약 스케줄별 / 가격별) or to
 * each session's or date's stock (날짜/시간별 / 날짜별).
 */
export async function addBookingSchedules(db: Db, actor: Actor, productId: string, input: { scheduleIds: string[]; priceIds: string[]; quantity?: number | null }) {
  const ids = await editProduct(db, actor, productId, async ({ trx, business, loaded, taken }) => {
    const product = requireScheduled(loaded);
    const zone = zoneOf(business.time_zone);
    const scheduleIds = [...new Set(input.scheduleIds)];
    const priceIds = [...new Set(input.priceIds)];
    const schedules = scheduleIds.map((id) => product.schedules.find((s) => s.id === id));
    const prices = priceIds.map((id) => product.prices.find((p) => p.id === id));
    const missingSchedule = scheduleIds.find((_, i) => !schedules[i]);
    const missingPrice = priceIds.find((_, i) => !prices[i]);
    if (missingSchedule || missingPrice) {
      throw new AppError('BOOKING_SCHEDULE_REFERENCE_INVALID', { details: { scheduleId: missingSchedule ?? null, priceId: missingPrice ?? null } });
    }
    const existing = new Set(product.bookingSchedules.map((b) => `${b.scheduleId}|${b.priceId}`));
    const pairs: { scheduleId: string; priceId: string }[] = [];
    const noOverlap: { scheduleId: string; priceId: string }[] = [];
    let firstNoOverlap: CatalogError | null = null;
    for (const schedule of schedules) {
      for (const price of prices) {
        if (existing.has(`${schedule!.id}|${price!.id}`)) {
          throw new AppError('BOOKING_SCHEDULE_DUPLICATE', { details: { scheduleId: schedule!.id, priceId: price!.id } });
        }
        const overlap = validateBookingScheduleOverlap(schedule!, price!, zone);
        if (overlap) {
          firstNoOverlap ??= overlap;
          noOverlap.push({ scheduleId: schedule!.id, priceId: price!.id });
        }
        pairs.push({ scheduleId: schedule!.id, priceId: price!.id });
      }
    }
    if (firstNoOverlap) throw new AppError('BOOKING_SCHEDULE_NO_OVERLAP', { message: firstNoOverlap.message, details: { ...firstNoOverlap.details, pairs: noOverlap } });

    const mode = product.inventory.mode;
    const quantity = input.quantity ?? null;
    let own: number | null = null;
    if (quantityOnBookingSchedule(mode)) {
      if (quantity === null) throw new AppError('INVENTORY_QUANTITY_MISSING', { message: '예약 스케줄별 예약가능 수량을 입력해 주세요.', details: { path: 'quantity' } });
      own = quantity;
    } else if (quantity !== null) {
      if (mode === 'per_period') {
        throw new AppError('INVENTORY_QUANTITY_NOT_IN_MODE', { message: '기간 내 수량 관리에서는 상품의 기간 내 수량을 바꿔 주세요.', details: { path: 'quantity', mode } });
      }
      const stockMode = mode as 'per_date_time' | 'per_date';
      const keys = [...new Set(schedules.map((s) => stockKeyOf(s!.usage, stockMode)))];
      for (const key of keys) belowTaken(stockPool(productId, stockMode, key), quantity, taken);
      await repo.upsertStock(trx, actor.businessId, productId, keys.map((key) => ({ key, quantity })));
    }
    try {
      const rows = await repo.insertBookingSchedules(trx, actor.businessId, productId, pairs.map((p) => ({ ...p, quantity: own })));
      return rows.map((r) => r.id);
    } catch (error) {
      if (uniqueViolation(error) !== null) throw new AppError('BOOKING_SCHEDULE_DUPLICATE', { cause: error });
      throw error;
    }
  });
  const fresh = await detail(db, actor.businessId, productId);
  const created = new Set(ids);
  return { items: fresh.bookingSchedules.filter((b) => created.has(b.id)) };
}

function stockKeyOf(usage: ScheduledProduct['schedules'][number]['usage'], mode: 'per_date_time' | 'per_date'): string {
  if (usage.kind === 'period') throw new AppError('PRODUCT_STOCK_NOT_IN_MODE');
  return mode === 'per_date_time' && usage.kind === 'date_time' ? dateTimeKey(usage.date, usage.startMinute) : usage.date;
}

function stockPool(productId: string, mode: 'per_date_time' | 'per_date', key: string): string {
  return mode === 'per_date_time' ? poolKeys.dateTime(productId, key) : poolKeys.date(productId, key);
}

export async function updateBookingSchedule(db: Db, actor: Actor, productId: string, bookingScheduleId: string, input: { quantity?: number | undefined }) {
  const quantity = input.quantity;
  if (quantity === undefined) {
    nothingAsked(actor, input);
    return itemOf(await detail(db, actor.businessId, productId), 'bookingSchedules', bookingScheduleId);
  }
  await editProduct(db, actor, productId, async ({ trx, loaded, taken }) => {
    const product = requireScheduled(loaded);
    if (!product.bookingSchedules.some((b) => b.id === bookingScheduleId)) throw new AppError('BOOKING_SCHEDULE_NOT_FOUND');
    if (!quantityOnBookingSchedule(product.inventory.mode)) {
      throw new AppError('INVENTORY_QUANTITY_NOT_IN_MODE', { details: { mode: product.inventory.mode } });
    }
    belowTaken(poolKeys.bookingSchedule(productId, bookingScheduleId), quantity, taken);
    await repo.updateBookingScheduleQuantity(trx, actor.businessId, productId, bookingScheduleId, quantity);
  });
  return itemOf(await detail(db, actor.businessId, productId), 'bookingSchedules', bookingScheduleId);
}

export async function deleteBookingSchedule(db: Db, actor: Actor, productId: string, bookingScheduleId: string) {
  await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    const product = requireScheduled(loaded);
    if (!product.bookingSchedules.some((b) => b.id === bookingScheduleId)) throw new AppError('BOOKING_SCHEDULE_NOT_FOUND');
    await assertNotBooked(trx, actor, [bookingScheduleId]);
    await repo.deleteBookingSchedule(trx, actor.businessId, productId, bookingScheduleId);
  });
}

const DATE_TIME_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** BOOK-5: 날짜/시간별 and 날짜별 quantities in bulk; never under what is booked. */
export async function putStock(db: Db, actor: Actor, productId: string, input: { entries: { key: string; quantity: number }[] }) {
  await editProduct(db, actor, productId, async ({ trx, loaded, taken }) => {
    const product = requireScheduled(loaded);
    const mode = product.inventory.mode;
    if (mode !== 'per_date_time' && mode !== 'per_date') throw new AppError('PRODUCT_STOCK_NOT_IN_MODE', { details: { mode } });
    for (const entry of input.entries) {
      const valid =
        mode === 'per_date'
          ? parseLocalDate(entry.key) !== null
          : DATE_TIME_KEY.test(entry.key) && parseLocalDate(entry.key.slice(0, 10)) !== null && (parseLocalTime(entry.key.slice(11)) ?? 1440) < 1440;
      if (!valid) throw new AppError('PRODUCT_STOCK_KEY_INVALID', { details: { key: entry.key, mode } });
      belowTaken(stockPool(productId, mode, entry.key), entry.quantity, taken);
    }
    const last = new Map(input.entries.map((e) => [e.key, e.quantity]));
    await repo.upsertStock(trx, actor.businessId, productId, [...last].map(([key, quantity]) => ({ key, quantity })));
  });
  return { entries: (await detail(db, actor.businessId, productId)).stock };
}

const ITEM_NOT_FOUND = {
  operatingPeriods: 'OPERATING_PERIOD_NOT_FOUND',
  schedules: 'PRODUCT_SCHEDULE_NOT_FOUND',
  prices: 'PRODUCT_PRICE_NOT_FOUND',
  bookingSchedules: 'BOOKING_SCHEDULE_NOT_FOUND',
} as const;

function itemOf<K extends 'operatingPeriods' | 'schedules' | 'prices' | 'bookingSchedules'>(product: Awaited<ReturnType<typeof detail>>, key: K, id: string) {
  const item = (product[key] as { id: string }[]).find((i) => i.id === id);
  if (!item) throw new AppError(ITEM_NOT_FOUND[key]);
  return item as Awaited<ReturnType<typeof detail>>[K][number];
}

// ------------------------------------------------------------------ public

/** When a product opens for booking if nothing is open yet (BOOK-3 예약시작 일시); null when something is open or nothing is planned. */
export function bookingOpensAtOf(product: Product, nowMinute: number, zoneName: string): number | null {
  const upcoming: number[] = [];
  if (product.bookingType === 'time_slot') {
    const zone = zoneOf(zoneName);
    const today = Math.floor((nowMinute + zone.offsetAt(nowMinute)) / 1440);
    for (const period of product.operatingPeriods) {
      const endDay = parseLocalDate(period.to)!;
      if (endDay < today) continue;
      if (period.bookingOpensAt === null || period.bookingOpensAt <= nowMinute) return null;
      upcoming.push(period.bookingOpensAt);
    }
  } else {
    for (const schedule of product.schedules) {
      if (schedule.bookingClosesAt <= nowMinute) continue;
      if (schedule.bookingOpensAt <= nowMinute) return null;
      upcoming.push(schedule.bookingOpensAt);
    }
  }
  return upcoming.length ? Math.min(...upcoming) : null;
}

/** BOOK-7: a product's public page: only an exposed product of an exposed place. */
export async function getPublicProduct(db: Db, productId: string) {
  const row = await db.selectFrom('products').select('business_id').where('id', '=', productId).executeTakeFirst();
  const loaded = row ? await loadProduct(db, row.business_id, productId) : null;
  if (!loaded || !loaded.row.exposed || !loaded.place.exposed) throw new AppError('PRODUCT_NOT_FOUND');
  const product = loaded.product;
  const opensAt = bookingOpensAtOf(product, epochMinuteOf(new Date()), loaded.timeZone);
  const r = loaded.row;
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    bookingType: r.booking_type,
    bookingTypeLabel: BOOKING_TYPE_LABELS[r.booking_type],
    priceAmount: r.price_amount,
    prices: product.bookingType === 'time_slot' ? [] : product.prices.map((p) => ({ id: p.id, name: p.name, amount: p.amount })),
    confirmationMode: r.confirmation_mode,
    confirmationModeLabel: CONFIRMATION_MODE_LABELS[r.confirmation_mode],
    paymentMode: r.payment_mode,
    paymentModeLabel: PAYMENT_MODE_LABELS[r.payment_mode],
    cancellationPolicy: loaded.cancellationPolicy,
    maxQuantityPerBooking: r.max_quantity_per_booking,
    slotMinutes: r.slot_minutes,
    durationMinutes: r.duration_minutes,
    bookingOpensAt: opensAt === null ? null : iso(opensAt),
    publicUrl: publicProductUrl(r.id),
    place: {
      id: loaded.place.id,
      name: loaded.place.name,
      address: loaded.place.address,
      phone: loaded.place.phone ? formatPhone(loaded.place.phone) : '',
      bookingNotes: loaded.place.booking_notes,
      operatingStatus: loaded.place.operating_status,
    },
    business: { name: loaded.businessName, timeZone: loaded.timeZone },
  };
}
