import { AppError } from '../../../platform/errors/registry.ts';
import * as labels from '../../../shared/labels/products.ts';
import { normalizePhone } from '../../../shared/phone.ts';

/** BOOK-1: a place's 운영상태. */
export const OPERATING_STATUSES = ['open', 'paused', 'closed'] as const;
export type OperatingStatus = (typeof OPERATING_STATUSES)[number];
export const OPERATING_STATUS_LABELS: Record<OperatingStatus, string> = labels.OPERATING_STATUS_LABELS;

/** BOOK-1: at most this many images per place. */
export const IMAGES_PER_PLACE_MAX = 20;

/** What a place form sends: 기본정보 and 부가정보 (BOOK-1). */
export interface PlaceInput {
  name: string;
  category?: string | undefined;
  address?: string | undefined;
  phone?: string | undefined;
  operatingStatus?: OperatingStatus | undefined;
  exposed?: boolean | undefined;
  homepage?: string | undefined;
  introduction?: string | undefined;
  bookingNotes?: string | undefined;
  notices?: string | undefined;
  amenities?: string[] | undefined;
  extraServices?: string[] | undefined;
  checkInTime?: string | null | undefined;
  checkOutTime?: string | null | undefined;
  hotelGrade?: string | null | undefined;
  sortOrder?: number | undefined;
}

/** The columns a place form writes, in database names. */
export interface PlaceColumns {
  name: string;
  category: string;
  address: string;
  phone: string;
  operating_status: OperatingStatus;
  exposed: boolean;
  homepage: string;
  introduction: string;
  booking_notes: string;
  notices: string;
  amenities: string[];
  extra_services: string[];
  check_in_time: string | null;
  check_out_time: string | null;
  hotel_grade: string | null;
  sort_order: number;
}

/** A phone as digits; '' when left blank; PHONE_INVALID when it is no phone number. */
function phoneDigits(input: string): string {
  if (input.trim() === '') return '';
  const digits = normalizePhone(input);
  if (!digits) throw new AppError('PHONE_INVALID');
  return digits;
}

/** A list of short entries (편의시설, 부가서비스): trimmed, without blanks or repeats, in the order given. */
function uniqueList(items: string[]): string[] {
  return [...new Set(items.map((i) => i.normalize('NFC').trim()).filter((i) => i !== ''))];
}

function blankToNull(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** What a form's fields change, normalised; fields it leaves out are left out. */
export function placeChanges(input: Partial<PlaceInput>): Partial<PlaceColumns> {
  const changes: Partial<PlaceColumns> = {
    name: input.name?.normalize('NFC').trim(),
    category: input.category?.trim(),
    address: input.address?.trim(),
    phone: input.phone === undefined ? undefined : phoneDigits(input.phone),
    operating_status: input.operatingStatus,
    exposed: input.exposed,
    homepage: input.homepage?.trim(),
    introduction: input.introduction,
    booking_notes: input.bookingNotes,
    notices: input.notices,
    amenities: input.amenities === undefined ? undefined : uniqueList(input.amenities),
    extra_services: input.extraServices === undefined ? undefined : uniqueList(input.extraServices),
    check_in_time: input.checkInTime === undefined ? undefined : blankToNull(input.checkInTime),
    check_out_time: input.checkOutTime === undefined ? undefined : blankToNull(input.checkOutTime),
    hotel_grade: input.hotelGrade === undefined ? undefined : blankToNull(input.hotelGrade),
    sort_order: input.sortOrder,
  };
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<PlaceColumns>;
}

/** A new place: the form's values, the defaults for the rest, at the given position. */
export function newPlaceColumns(changes: Partial<PlaceColumns> & { name: string }, sortOrder: number): PlaceColumns {
  return {
    name: changes.name,
    category: changes.category ?? '',
    address: changes.address ?? '',
    phone: changes.phone ?? '',
    operating_status: changes.operating_status ?? 'open',
    exposed: changes.exposed ?? true,
    homepage: changes.homepage ?? '',
    introduction: changes.introduction ?? '',
    booking_notes: changes.booking_notes ?? '',
    notices: changes.notices ?? '',
    amenities: changes.amenities ?? [],
    extra_services: changes.extra_services ?? [],
    check_in_time: changes.check_in_time ?? null,
    check_out_time: changes.check_out_time ?? null,
    hotel_grade: changes.hotel_grade ?? null,
    sort_order: sortOrder,
  };
}
