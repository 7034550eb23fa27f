import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, errorMessage, request, type Method } from '../../api';
import { formatDateTime } from '../../../../src/shared/format';
import type { ServiceType } from '../../types';
import { BOOKING_TYPE_LABELS, DEFAULT_LIMITS, INVENTORY_MODE_LABELS, fallbackOptions } from './labels';
import type {
  BookingType,
  BookingTypeOption,
  CatalogOptions,
  InventoryMode,
  InventoryModeOption,
  Place,
  PlaceImage,
  Product,
  ScheduledBookingType,
  StockEntry,
  TimeSlotAvailability,
} from './types';

/** Writes of the catalog screens. */
export function send<T>(method: Exclude<Method, 'GET'>, path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, body);
}

/** multipart upload of one place image (field `image`) with progress 0..1. */
export function uploadPlaceImage(placeId: string, file: File, onProgress: (fraction: number) => void): Promise<PlaceImage> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/places/${placeId}/images`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as PlaceImage);
      else if (xhr.status === 413 && !(data as { error?: unknown } | null)?.error)
        reject(new ApiError('IMAGE_TOO_LARGE', '이미지는 10MB 이하만 올릴 수 있습니다.', 413, undefined));
      else {
        const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
        reject(new ApiError(error?.code ?? `HTTP_${xhr.status}`, error?.message ?? `요청을 처리하지 못했습니다. (${xhr.status})`, xhr.status, error?.details));
      }
    };
    xhr.onerror = () => reject(new ApiError('NETWORK_ERROR', '서버에 연결할 수 없습니다. 잠시 후 다시 시도하세요.', 0));
    const form = new FormData();
    form.append('image', file);
    xhr.send(form);
  });
}

/** `{ fields: [{ path, message }] }` (VALIDATION_FAILED) or `{ path }` (a catalog rule) → field → message. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  const details = error instanceof ApiError ? (error.details as { fields?: { path: string; message: string }[]; path?: string } | undefined) : undefined;
  for (const field of details?.fields ?? []) {
    for (const key of pathKeys(field.path)) out[key] ??= fieldMessage(field.message);
  }
  if (typeof details?.path === 'string') for (const key of pathKeys(details.path)) out[key] ??= error.message;
  const byCode = CODE_FIELDS[error.code];
  if (byCode && !out[byCode]) out[byCode] = error.message;
  return out;
}

/** Server messages may quote an instant as ISO ("2026-11-26T01:00:00.000Z"); a shop owner reads local time. */
export function catalogMessage(error: unknown, timeZone: string): string {
  return formMessage(error).replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g, (iso) => formatDateTime(iso, timeZone));
}

/** The message above a form: VALIDATION_FAILED names English paths, so say the fields' own Korean messages instead. */
export function formMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
    const fields = (error.details as { fields?: { message: string }[] } | undefined)?.fields ?? [];
    const messages = [...new Set(fields.map((field) => fieldMessage(field.message)))];
    if (messages.length > 0) return messages.join(' ');
  }
  return errorMessage(error);
}

/** `operatingPeriods[0].weeklyHours.1` → operatingPeriods, weeklyHours: a field finds its error under its own name. */
const pathKeys = (path: string) => path.split(/[.[\]]/).filter((part) => part && !/^\d+$/.test(part));

/** zod's English messages are not for a shop owner; keep Korean ones, replace the rest. */
function fieldMessage(message: string): string {
  return /[가-힣]/.test(message) ? message : '올바른 값을 입력하세요.';
}

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

// ------------------------------------------------------------------ queries

export const placesKey = ['catalog', 'places'] as const;
export const placeKey = (id: string) => ['catalog', 'place', id] as const;
export const productKey = (id: string) => ['catalog', 'product', id] as const;

const items = <T,>(data: T[] | { items: T[] }): T[] => (Array.isArray(data) ? data : (data?.items ?? []));

export const usePlaces = () => useQuery({ queryKey: placesKey, queryFn: () => api.get<Place[] | { items: Place[] }>('/api/places').then(items) });

export const usePlace = (id: string | undefined) =>
  useQuery({ queryKey: placeKey(id ?? ''), queryFn: () => api.get<Place>(`/api/places/${id}`), enabled: Boolean(id) });

export const useProduct = (id: string | undefined) =>
  useQuery({ queryKey: productKey(id ?? ''), queryFn: () => api.get<Product>(`/api/products/${id}`), enabled: Boolean(id) });

export function useTimeSlotAvailability(productId: string, from: string, to: string) {
  return useQuery({
    queryKey: ['catalog', 'availability', productId, from, to],
    queryFn: () => api.get<TimeSlotAvailability>(`/api/products/${productId}/availability?from=${from}&to=${to}`),
  });
}

/** Refreshes what a catalog change may touch: lists, the place, the product and its availability. */
export function useInvalidateCatalog() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['catalog'] });
}

/** The options of the business's category; the local table of model.ts until the server answers. */
export function useCatalogOptions(serviceType: ServiceType): CatalogOptions {
  const query = useQuery({
    queryKey: ['catalog', 'options'],
    queryFn: () => api.get<unknown>('/api/catalog/options'),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const fallback = fallbackOptions(serviceType);
  return query.data ? normalizeOptions(query.data, fallback) : fallback;
}

/** The server's answer in whichever of the likely shapes it takes; anything missing comes from the fallback. */
function normalizeOptions(raw: unknown, fallback: CatalogOptions): CatalogOptions {
  const data = (raw ?? {}) as Record<string, unknown>;
  let bookingTypes = fallback.bookingTypes;
  const rawTypes = data.bookingTypes;
  if (Array.isArray(rawTypes) && rawTypes.length > 0) {
    const listed = rawTypes.map((entry) =>
      typeof entry === 'string' ? { value: entry as BookingType } : (entry as Partial<BookingTypeOption> & { bookingType?: BookingType }),
    );
    const allowedField = listed.some((entry) => 'allowed' in entry);
    bookingTypes = fallback.bookingTypes.map((option) => {
      const found = listed.find((entry) => (entry.value ?? entry.bookingType) === option.value);
      if (!found) return allowedField ? option : { ...option, allowed: false, reason: option.reason ?? '이 업종에서는 선택할 수 없습니다.' };
      const allowed = allowedField ? Boolean(found.allowed) : true;
      return {
        value: option.value,
        label: found.label ?? BOOKING_TYPE_LABELS[option.value],
        allowed,
        reason: allowed ? undefined : (found.reason ?? option.reason ?? '이 업종에서는 선택할 수 없습니다.'),
      };
    });
  }
  const inventoryModes = { ...fallback.inventoryModes };
  const rawModes = (data.inventoryModes ?? data.inventoryModesByBookingType) as Record<string, unknown> | undefined;
  if (rawModes && typeof rawModes === 'object' && !Array.isArray(rawModes)) {
    for (const type of ['date_time', 'date', 'always'] as ScheduledBookingType[]) {
      const list = rawModes[type];
      if (Array.isArray(list) && list.length > 0) {
        inventoryModes[type] = list.map((entry): InventoryModeOption => {
          if (typeof entry === 'string') return { value: entry as InventoryMode, label: INVENTORY_MODE_LABELS[entry as InventoryMode] ?? entry };
          const option = entry as Partial<InventoryModeOption> & { mode?: InventoryMode };
          const value = (option.value ?? option.mode) as InventoryMode;
          return { value, label: option.label ?? INVENTORY_MODE_LABELS[value] ?? value };
        });
      }
    }
  }
  const limits = { ...DEFAULT_LIMITS };
  const rawLimits = data.limits as Record<string, unknown> | undefined;
  if (rawLimits && typeof rawLimits === 'object') {
    for (const key of Object.keys(limits) as (keyof typeof limits)[]) {
      if (typeof rawLimits[key] === 'number') limits[key] = rawLimits[key] as number;
    }
    if (typeof rawLimits.slotCapacityMax === 'number') limits.capacityPerSlotMax = rawLimits.slotCapacityMax;
  }
  return { bookingTypes, inventoryModes, limits };
}

/** 날짜/시간별 and 날짜별 quantities as key → quantity. */
export function stockMap(product: Product): Record<string, number> {
  const stock = product.stock;
  if (!stock) return {};
  if (Array.isArray(stock)) return Object.fromEntries(stock.map((entry: StockEntry) => [entry.key, entry.quantity]));
  return stock;
}

/** A shareable address: the server's, else the booking page's route; always absolute. */
export function publicUrl(given: string | undefined, fallbackPath: string): string {
  const url = given || fallbackPath;
  return /^https?:\/\//.test(url) ? url : `${window.location.origin}${url.startsWith('/') ? '' : '/'}${url}`;
}

export const placePublicUrl = (place: { id: string; publicUrl?: string }) => publicUrl(place.publicUrl, `/book/places/${place.id}`);
export const productPublicUrl = (product: { id: string; publicUrl?: string }) => publicUrl(product.publicUrl, `/book/products/${product.id}`);

export const imageUrl = (image: PlaceImage, width: 320 | 640 | 1280 = 320) => image.urls?.[`w${width}`] ?? `/api/public/images/${image.id}?w=${width}`;
