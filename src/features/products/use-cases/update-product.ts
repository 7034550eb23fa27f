import type { Updateable } from 'kysely';
import type { ProductsTable } from '../../../platform/db/types.ts';
import { AppError, catalogAppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { poolKeys } from '../../inventory/index.ts';
import { placesRepository as placesRepo } from '../../places/index.ts';
import { epochMinuteOf } from '../domain/calendar.ts';
import { normaliseCancellationPolicy } from '../domain/cancellation-policy.ts';
import { assertNotBelowTaken, assertSettingsFitType, assertSlotCapacityFits, periodQuantityMissing, periodQuantityNotInMode } from '../domain/edit-rules.ts';
import { DEFAULT_DURATION_MINUTES, quantityOnBookingSchedule, type BookingType, type ScheduledBookingType } from '../domain/model.ts';
import { validateInventoryMode } from '../domain/validation.ts';
import * as repo from '../repository/products.ts';
import type { ProductInput } from './create-product.ts';
import { assertAssignees, editProduct, nothingAsked, productDetail, type Db } from './edit.ts';

export type ProductChanges = Partial<Omit<ProductInput, 'bookingType'>> & { bookingType?: BookingType | undefined; version?: number | undefined };

/**
 * BOOK-2..6: a product's basic information. The booking type never
 * changes; a quantity is never lowered under what is booked; the inventory
 * mode changes only while nothing is booked.
 */
export async function updateProduct(db: Db, actor: Actor, productId: string, input: ProductChanges) {
  if (nothingAsked(input)) return productDetail(db, actor.businessId, productId);
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
        assertSlotCapacityFits(input.capacityPerSlot, taken, epochMinuteOf(now));
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
        if (quantity == null) periodQuantityMissing();
        assertNotBelowTaken(poolKeys.period(productId), quantity, taken);
        set.period_quantity = quantity;
      } else if (input.periodQuantity != null) {
        periodQuantityNotInMode();
      } else if (mode !== currentMode) {
        set.period_quantity = null;
      }
    }
    await repo.setProductColumns(trx, actor.businessId, productId, set);
  });
  return productDetail(db, actor.businessId, productId);
}
