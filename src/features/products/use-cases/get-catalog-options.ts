import type { Actor } from '../../auth/index.ts';
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
  type InventoryMode,
  type ScheduledBookingType,
} from '../domain/model.ts';
import { loadBusiness, type Db } from './edit.ts';

/** What the product form may offer this business (BOOK-2, BOOK-3, BOOK-5). */
export async function getCatalogOptions(db: Db, actor: Actor) {
  const business = await loadBusiness(db, actor.businessId);
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
