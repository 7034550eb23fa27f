import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, upload } from '../../api/client';
import { keys } from '../../api/keys';
import type { BookingType, CatalogOptions, InventoryMode, PlaceImage, Product, ScheduledBookingType, ServiceType } from '../../api/models';
import { fieldErrorsOf, formMessage } from '../../ui/fieldErrors';
import { formatDateTime } from '../../../../src/shared/format';
import { DEFAULT_LIMITS, fallbackOptions, type CatalogChoices } from './labels';

/** multipart upload of one place image (field `image`) with progress 0..1. */
export function uploadPlaceImage(placeId: string, file: File, onProgress: (fraction: number) => void): Promise<PlaceImage> {
  const form = new FormData();
  form.append('image', file);
  return upload('/api/places/{id}/images', { path: { id: placeId } }, form, {
    onProgress,
    tooLarge: { code: 'IMAGE_TOO_LARGE', message: '이미지는 10MB 이하만 올릴 수 있습니다.' },
  });
}

/** Catalog rules that name no field path, and the field each speaks about. */
const CODE_FIELDS: Record<string, string> = {
  PHONE_INVALID: 'phone',
  SLOT_LENGTH_INVALID: 'slotMinutes',
  SLOT_LENGTH_DOES_NOT_DIVIDE_HOURS: 'slotMinutes',
  SLOT_CAPACITY_INVALID: 'capacityPerSlot',
  SLOT_HORIZON_INVALID: 'horizonMonths',
  BOOKING_TYPE_NOT_ALLOWED: 'bookingType',
  INVENTORY_MODE_NOT_ALLOWED: 'inventoryMode',
  CANCELLATION_POLICY_INVALID: 'cancellationPolicy',
  PRICE_AMOUNT_INVALID: 'amount',
  PRICE_PERIOD_INVALID: 'bookableTo',
  PRICE_MAX_QUANTITY_INVALID: 'maxQuantity',
  PRICE_MAX_QUANTITY_NOT_ALLOWED: 'maxQuantity',
  PRODUCT_SCHEDULE_WINDOW_INVALID: 'bookingClosesAt',
  PRODUCT_SCHEDULE_USAGE_INVALID: 'usage',
  OPERATING_PERIOD_INVALID: 'endsOn',
  OPERATING_PERIODS_OVERLAP: 'startsOn',
  OPENING_HOURS_INVALID: 'weeklyHours',
  DEPARTMENT_NOT_FOUND: 'departmentId',
  STAFF_NOT_FOUND: 'staffId',
  STAFF_INACTIVE: 'staffId',
};

/** The server's field errors of a catalog form, by field name (ui/fieldErrors.ts says how a field finds its message). */
export function fieldErrors(error: unknown): Record<string, string> {
  return { ...fieldErrorsOf(error, CODE_FIELDS).byName };
}

export { formMessage };

/** Server messages may quote an instant as ISO ("2026-11-26T01:00:00.000Z"); a shop owner reads local time. */
export function catalogMessage(error: unknown, timeZone: string): string {
  return formMessage(error).replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g, (iso) => formatDateTime(iso, timeZone));
}

// ------------------------------------------------------------------ queries

export const usePlaces = () => useQuery({ queryKey: keys.catalog.places, queryFn: () => api.get('/api/places').then((res) => res.items) });

export const usePlace = (id: string | undefined) =>
  useQuery({ queryKey: keys.catalog.place(id ?? ''), queryFn: () => api.get('/api/places/{id}', { path: { id: id! } }), enabled: Boolean(id) });

export const useProduct = (id: string | undefined) =>
  useQuery({ queryKey: keys.catalog.product(id ?? ''), queryFn: () => api.get('/api/products/{id}', { path: { id: id! } }), enabled: Boolean(id) });

/** Refreshes what a catalog change may touch: lists, the place, the product and its availability. */
export function useInvalidateCatalog() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.catalog.all });
}

/** The choices of the business's category; the local table (labels.ts) until the server answers. */
export function useCatalogOptions(serviceType: ServiceType): CatalogChoices {
  const query = useQuery({ queryKey: keys.catalog.options, queryFn: () => api.get('/api/catalog/options'), staleTime: 5 * 60_000, retry: false });
  const fallback = fallbackOptions(serviceType);
  return query.data ? choicesOf(query.data, fallback) : fallback;
}

/** The server's options, with the reasons and limits only the web words (the server says what is allowed, not why). */
function choicesOf(options: CatalogOptions, fallback: CatalogChoices): CatalogChoices {
  const bookingTypes = fallback.bookingTypes.map((choice) => {
    const given = options.bookingTypes.find((entry) => entry.value === choice.value);
    if (!given) return { ...choice, allowed: false, reason: choice.reason ?? '이 업종에서는 선택할 수 없습니다.' };
    return { value: choice.value, label: given.label, allowed: given.allowed, reason: given.allowed ? undefined : (choice.reason ?? '이 업종에서는 선택할 수 없습니다.') };
  });
  const modes = (type: ScheduledBookingType) =>
    options.inventoryModesByBookingType[type].map((mode) => ({ value: mode.value as InventoryMode, label: mode.label }));
  const { slotCapacityMax, ...limits } = options.limits;
  return {
    bookingTypes,
    inventoryModes: { date_time: modes('date_time'), date: modes('date'), always: modes('always') },
    limits: { ...DEFAULT_LIMITS, ...limits, capacityPerSlotMax: slotCapacityMax },
  };
}

/** 날짜/시간별 and 날짜별 quantities as key → quantity. */
export function stockMap(product: Product): Record<string, number> {
  return Object.fromEntries(product.stock.map((entry) => [entry.key, entry.quantity]));
}

/** A shareable address: the server's, always absolute. */
export function publicUrl(url: string): string {
  return /^https?:\/\//.test(url) ? url : `${window.location.origin}${url.startsWith('/') ? '' : '/'}${url}`;
}

export const placePublicUrl = (place: { publicUrl: string }) => publicUrl(place.publicUrl);
export const productPublicUrl = (product: { publicUrl: string }) => publicUrl(product.publicUrl);

export const imageUrl = (image: PlaceImage, width: 320 | 640 | 1280 = 320) => image.urls[`w${width}`];

export type { BookingType };
