import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ServiceType as DatabaseServiceType } from '../../../platform/db/types.ts';
import {
  BOOKING_TYPES,
  BOOKING_TYPE_LABELS,
  INVENTORY_MODES,
  INVENTORY_MODE_LABELS,
  INVENTORY_MODES_BY_BOOKING_TYPE,
  PRICE_MAX_MODES,
  SERVICE_TYPES,
  allowedBookingTypes,
  allowedInventoryModes,
  dateTimeKey,
  modeAllowsPriceMax,
  quantityOnBookingSchedule,
  type ServiceType,
} from './model.ts';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
// The catalog keeps its own copy of the business categories (no imports from the database layer); this fails to compile if they drift.
const serviceTypesMatch: Equal<ServiceType, DatabaseServiceType> = true;

describe('catalog model (BOOK-2, BOOK-5)', () => {
  it('names the four booking types as 카카오톡 예약하기 does', () => {
    expect(serviceTypesMatch).toBe(true);
    expect(BOOKING_TYPE_LABELS).toEqual({ time_slot: '시간예약형', date_time: '날짜/시간형', date: '날짜형', always: '상시형' });
    expect(INVENTORY_MODE_LABELS).toEqual({
      per_booking_schedule: '예약 스케줄별 관리',
      per_date_time: '날짜/시간별 관리',
      per_date: '날짜별 관리',
      per_period: '기간 내 수량 관리',
      per_price: '가격별 관리',
    });
  });

  it('lets every business sell 시간예약형 and 날짜/시간형, keeps 날짜형 and 상시형 off clinics and 날짜형 off beauty shops', () => {
    for (const serviceType of SERVICE_TYPES) {
      expect(allowedBookingTypes(serviceType)).toContain('time_slot');
      expect(allowedBookingTypes(serviceType)).toContain('date_time');
    }
    expect(allowedBookingTypes('clinic')).toEqual(['time_slot', 'date_time']);
    expect(allowedBookingTypes('beauty')).toEqual(['time_slot', 'date_time', 'always']);
    expect(allowedBookingTypes('restaurant')).toEqual([...BOOKING_TYPES]);
    expect(allowedBookingTypes('retail')).toEqual([...BOOKING_TYPES]);
    expect(allowedBookingTypes('other')).toEqual([...BOOKING_TYPES]);
  });

  it('offers per price only to 상시형, per date and time only to 날짜/시간형', () => {
    expect(allowedInventoryModes('always')).toEqual(['per_price', 'per_period']);
    expect(allowedInventoryModes('date')).toEqual(['per_booking_schedule', 'per_date', 'per_period']);
    expect(allowedInventoryModes('date_time')).toEqual(['per_booking_schedule', 'per_date_time', 'per_date', 'per_period']);
  });

  it('allows 최대 예약 수량 exactly in the 날짜/시간별, 날짜별 and 기간 내 수량 modes (seed)', () => {
    expect([...PRICE_MAX_MODES].sort()).toEqual(['per_date', 'per_date_time', 'per_period']);
    expect(modeAllowsPriceMax('per_booking_schedule')).toBe(false);
    expect(modeAllowsPriceMax('per_price')).toBe(false);
  });

  it('property: a mode keeps its quantity on booking schedules exactly when it cannot have a per-price maximum, and every mode is offered somewhere', () => {
    fc.assert(
      fc.property(fc.constantFrom(...INVENTORY_MODES), (mode) => {
        expect(quantityOnBookingSchedule(mode)).toBe(!modeAllowsPriceMax(mode));
        expect(Object.values(INVENTORY_MODES_BY_BOOKING_TYPE).some((modes) => modes.includes(mode))).toBe(true);
      }),
    );
  });

  it('keys a usage date and time as local wall-clock text', () => {
    expect(dateTimeKey('2026-03-10', 14 * 60)).toBe('2026-03-10T14:00');
    expect(dateTimeKey('2026-03-10', 9 * 60 + 5)).toBe('2026-03-10T09:05');
  });
});
