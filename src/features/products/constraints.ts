import { registerConstraintErrors } from '../../platform/errors/constraints.ts';

/**
 * The database's own checks on what a product sells, read as the catalog's
 * errors (the pure rules would name them too, but the write fails first),
 * and the one pair of a schedule and a price per booking schedule.
 */
registerConstraintErrors({
  product_operating_periods_check: 'OPERATING_PERIOD_INVALID',
  product_schedules_check: 'PRODUCT_SCHEDULE_WINDOW_INVALID',
  product_prices_check: 'PRICE_PERIOD_INVALID',
  product_booking_schedules_business_id_schedule_id_price_id_key: 'BOOKING_SCHEDULE_DUPLICATE',
});
