import { catalogAppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { placesRepository as placesRepo } from '../../places/index.ts';
import { normaliseCancellationPolicy, type CancellationTier } from '../domain/cancellation-policy.ts';
import { assertSettingsFitType, periodQuantityMissing, periodQuantityNotInMode, productErrors } from '../domain/edit-rules.ts';
import {
  DEFAULT_DURATION_MINUTES,
  DEFAULT_INVENTORY_MODE,
  DEFAULT_TIME_SLOT,
  type BookingType,
  type ConfirmationMode,
  type InventoryMode,
  type PaymentMode,
  type ServiceType,
} from '../domain/model.ts';
import { validateBookingType, validateInventoryMode } from '../domain/validation.ts';
import * as repo from '../repository/products.ts';
import { loadProduct } from '../repository/product-store.ts';
import { assertAssignees, businessRules, loadBusiness, productDetail, type Db } from './edit.ts';

export interface ProductInput {
  placeId: string;
  name: string;
  description?: string | undefined;
  bookingType: BookingType;
  confirmationMode: ConfirmationMode;
  paymentMode?: PaymentMode | undefined;
  priceAmount?: number | null | undefined;
  exposed?: boolean | undefined;
  departmentId?: string | null | undefined;
  staffId?: string | null | undefined;
  durationMinutes?: number | null | undefined;
  maxQuantityPerBooking?: number | undefined;
  cancellationPolicy?: CancellationTier[] | undefined;
  slotMinutes?: number | undefined;
  capacityPerSlot?: number | undefined;
  horizonMonths?: number | undefined;
  inventoryMode?: InventoryMode | undefined;
  periodQuantity?: number | null | undefined;
  sortOrder?: number | undefined;
}

/**
 * BOOK-2: a product of a booking type the business's category may sell,
 * with the settings of that type (defaults for what is left out), checked
 * whole by the pure rules before it commits.
 */
export async function createProduct(db: Db, actor: Actor, input: ProductInput) {
  const business = await loadBusiness(db, actor.businessId);
  const typeError = validateBookingType(business.service_type as ServiceType, input.bookingType);
  if (typeError) throw catalogAppError(typeError);
  assertSettingsFitType(input.bookingType, input);
  const policy = normaliseCancellationPolicy(input.cancellationPolicy ?? []);

  const values: Parameters<typeof repo.insertProduct>[2] = {
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
      if (input.periodQuantity == null) periodQuantityMissing();
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
    const { id } = await repo.insertProduct(trx, actor.businessId, values);
    const loaded = (await loadProduct(trx, actor.businessId, id))!;
    const errors = productErrors(loaded.product, businessRules(business));
    if (errors.length > 0) throw catalogAppError(errors[0]!);
    return id;
  });
  return productDetail(db, actor.businessId, id);
}
